//! The session's keys, in one table: which keys do what, the help text in both languages, and
//! whether (and how) the footer shows them. The key handler ([`crate::ui::app::App::on_key`]),
//! the help overlay, the footer and `intervision run --help` are all made from [`KEY_MAP`].
//!
//! Keys that belong to a dialog rather than to the session (the quit dialog's `y`, the text
//! field's editing keys) and Ctrl+C (which stops at once) are not in the table.

use crossterm::event::KeyCode;

use crate::domain::lang::{Lang, Tr};

/// What a key of the session screen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start the clock, or pause and resume it.
    StartPause,
    /// Go to the next step.
    NextStep,
    /// Go back to the previous step.
    PreviousStep,
    /// Give the word to the next speaker of a round (Enter starts the clock before the start).
    NextSpeaker,
    /// The speaker passes their turn.
    Pass,
    /// Add a minute to the step (or the turn).
    AddMinute,
    /// Remove a minute from the step (or the turn).
    RemoveMinute,
    /// Restart the step from zero.
    RestartStep,
    /// Open the note field.
    Note,
    /// Open the field for the sentence the step captures.
    Capture,
    /// Choose a consultation module by its number.
    ChooseModule,
    /// Re-fit the steps left so that the session ends on time.
    Refit,
    /// Open the roles picker: who holds which role from now on.
    Roles,
    /// Before the start, open the names field: the people's names, or their number.
    Names,
    /// Turn the sound on or off.
    Bell,
    /// Show the list of keys.
    Help,
    /// Quit (asks first while the session runs).
    Quit,
}

/// How the footer shows a row of the key map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FooterItem {
    /// The key as the footer writes it (it may stand for two rows, like `+/-`).
    pub key: Tr,
    /// The short label.
    pub label: Tr,
    /// The label before the session starts, when it differs.
    pub ready_label: Option<Tr>,
    /// The label while the session is paused, when it differs (space resumes).
    pub paused_label: Option<Tr>,
    /// When the footer is too narrow, items are dropped in this order (1 first); `None`: always
    /// kept.
    pub drop_rank: Option<u8>,
}

/// One row of the key map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyBinding {
    /// The keys as the help writes them, in each language ("space" is "espace" in French).
    pub keys: Tr,
    /// The key codes the handler maps to the action.
    pub codes: &'static [KeyCode],
    /// What the keys do.
    pub action: Action,
    /// The help text.
    pub help: Tr,
    /// How the footer shows the row, if it does.
    pub footer: Option<FooterItem>,
}

/// A key name that is written the same in both languages.
const fn same(text: &'static str) -> Tr {
    Tr { en: text, fr: text }
}

const DIGITS: [KeyCode; 9] = [
    KeyCode::Char('1'),
    KeyCode::Char('2'),
    KeyCode::Char('3'),
    KeyCode::Char('4'),
    KeyCode::Char('5'),
    KeyCode::Char('6'),
    KeyCode::Char('7'),
    KeyCode::Char('8'),
    KeyCode::Char('9'),
];

/// The session's keys, in the order the help lists them.
pub const KEY_MAP: [KeyBinding; 17] = [
    KeyBinding {
        keys: Tr {
            en: "space",
            fr: "espace",
        },
        codes: &[KeyCode::Char(' ')],
        action: Action::StartPause,
        help: Tr {
            en: "start / pause / resume",
            fr: "lancer / pause / reprendre",
        },
        footer: Some(FooterItem {
            key: Tr {
                en: "space",
                fr: "espace",
            },
            label: Tr {
                en: "pause",
                fr: "pause",
            },
            ready_label: Some(Tr {
                en: "start",
                fr: "lancer",
            }),
            paused_label: Some(Tr {
                en: "resume",
                fr: "reprendre",
            }),
            drop_rank: None,
        }),
    },
    KeyBinding {
        keys: same("n →"),
        codes: &[KeyCode::Char('n'), KeyCode::Right],
        action: Action::NextStep,
        help: Tr {
            en: "next step",
            fr: "étape suivante",
        },
        footer: Some(FooterItem {
            key: same("n"),
            label: Tr {
                en: "next",
                fr: "suivante",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: None,
        }),
    },
    KeyBinding {
        keys: same("p ←"),
        codes: &[KeyCode::Char('p'), KeyCode::Left],
        action: Action::PreviousStep,
        help: Tr {
            en: "previous step",
            fr: "étape précédente",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("s ↓"),
        // Enter starts the clock before the start (see `App::on_key`), then acts as `s`.
        codes: &[
            KeyCode::Char('s'),
            KeyCode::Down,
            KeyCode::Tab,
            KeyCode::Enter,
        ],
        action: Action::NextSpeaker,
        help: Tr {
            en: "next speaker (round)",
            fr: "personne suivante (tour)",
        },
        footer: Some(FooterItem {
            key: same("s"),
            label: Tr {
                en: "speaker",
                fr: "personne",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: Some(4),
        }),
    },
    KeyBinding {
        keys: same("x"),
        codes: &[KeyCode::Char('x')],
        action: Action::Pass,
        help: Tr {
            en: "the speaker passes",
            fr: "la personne passe son tour",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("+ ↑"),
        codes: &[KeyCode::Char('+'), KeyCode::Char('='), KeyCode::Up],
        action: Action::AddMinute,
        help: Tr {
            en: "add a minute",
            fr: "ajouter une minute",
        },
        // One footer item stands for this row and the next.
        footer: Some(FooterItem {
            key: same("+/-"),
            label: Tr {
                en: "minute",
                fr: "minute",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: Some(2),
        }),
    },
    KeyBinding {
        keys: same("-"),
        codes: &[KeyCode::Char('-'), KeyCode::Char('_')],
        action: Action::RemoveMinute,
        help: Tr {
            en: "remove a minute",
            fr: "retirer une minute",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("r"),
        codes: &[KeyCode::Char('r')],
        action: Action::RestartStep,
        help: Tr {
            en: "restart the step",
            fr: "recommencer l’étape à zéro",
        },
        footer: Some(FooterItem {
            key: same("r"),
            label: Tr {
                en: "restart",
                fr: "recommencer",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: Some(1),
        }),
    },
    KeyBinding {
        keys: same("e"),
        codes: &[KeyCode::Char('e')],
        action: Action::Note,
        help: Tr {
            en: "write a note (the clock keeps running)",
            fr: "écrire une note (le chrono continue)",
        },
        footer: Some(FooterItem {
            key: same("e"),
            label: Tr {
                en: "note",
                fr: "note",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: Some(3),
        }),
    },
    KeyBinding {
        keys: same("c"),
        codes: &[KeyCode::Char('c')],
        action: Action::Capture,
        help: Tr {
            en: "capture the step's sentence (contract, action plan...)",
            fr: "noter la phrase de l’étape (contrat, plan d’action…)",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("1…9"),
        codes: &DIGITS,
        action: Action::ChooseModule,
        help: Tr {
            en: "choose the consultation module (when the step offers it)",
            fr: "choisir le module de consultation (si l’étape le propose)",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("f"),
        codes: &[KeyCode::Char('f')],
        action: Action::Refit,
        help: Tr {
            en: "re-fit the steps left to end on time (protected steps kept)",
            fr: "réajuster la suite pour finir à l’heure (étapes protégées gardées)",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("R"),
        codes: &[KeyCode::Char('R')],
        action: Action::Roles,
        help: Tr {
            en: "choose who holds which role (the clock keeps running)",
            fr: "choisir qui tient quel rôle (le chrono continue)",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("N"),
        codes: &[KeyCode::Char('N')],
        action: Action::Names,
        help: Tr {
            en: "type the people's names, or their number (before the start)",
            fr: "saisir les prénoms, ou le nombre de personnes (avant le début)",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("m"),
        codes: &[KeyCode::Char('m')],
        action: Action::Bell,
        help: Tr {
            en: "sound on / off",
            fr: "son oui / non",
        },
        footer: None,
    },
    KeyBinding {
        keys: same("?"),
        codes: &[KeyCode::Char('?'), KeyCode::F(1), KeyCode::Char('h')],
        action: Action::Help,
        help: Tr {
            en: "help",
            fr: "aide",
        },
        footer: Some(FooterItem {
            key: same("?"),
            label: Tr {
                en: "help",
                fr: "aide",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: None,
        }),
    },
    KeyBinding {
        keys: same("q"),
        codes: &[KeyCode::Char('q'), KeyCode::Char('Q'), KeyCode::Esc],
        action: Action::Quit,
        help: Tr {
            en: "quit (asks first)",
            fr: "quitter (avec confirmation)",
        },
        footer: Some(FooterItem {
            key: same("q"),
            label: Tr {
                en: "quit",
                fr: "quitter",
            },
            ready_label: None,
            paused_label: None,
            drop_rank: None,
        }),
    },
];

/// What a key code does on the session screen, if anything.
pub fn action_for(code: KeyCode) -> Option<Action> {
    KEY_MAP
        .iter()
        .find(|binding| binding.codes.contains(&code))
        .map(|binding| binding.action)
}

/// The row of an action.
pub fn binding(action: Action) -> &'static KeyBinding {
    KEY_MAP
        .iter()
        .find(|binding| binding.action == action)
        .expect("every action has a row in the key map")
}

/// The footer's items, in the table's order.
pub fn footer_items() -> impl Iterator<Item = &'static FooterItem> {
    KEY_MAP.iter().filter_map(|binding| binding.footer.as_ref())
}

/// One line of the help: the keys right-aligned, then what they do.
pub fn help_line(binding: &KeyBinding, lang: Lang) -> (String, &'static str) {
    (
        format!(" {:>6}  ", binding.keys.get(lang)),
        binding.help.get(lang),
    )
}

/// The "Keys:" paragraph of `intervision run --help`, in `lang`: one line a row of the table.
pub fn run_help_keys(lang: Lang) -> String {
    let title = Tr {
        en: "Keys:",
        fr: "Touches :",
    };
    let mut text = title.get(lang).to_owned();
    for binding in &KEY_MAP {
        let (keys, help) = help_line(binding, lang);
        text.push('\n');
        text.push_str(&format!(" {keys}{help}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_leads_to_its_own_row() {
        for binding in &KEY_MAP {
            assert!(!binding.codes.is_empty(), "{:?} has no key", binding.action);
            for code in binding.codes {
                assert_eq!(action_for(*code), Some(binding.action), "{code:?}");
            }
        }
    }

    #[test]
    fn every_action_has_one_row() {
        for binding in &KEY_MAP {
            let rows = KEY_MAP
                .iter()
                .filter(|other| other.action == binding.action)
                .count();
            assert_eq!(rows, 1, "{:?}", binding.action);
        }
    }

    #[test]
    fn run_help_names_every_key_and_text_in_both_languages() {
        for lang in Lang::ALL {
            let help = run_help_keys(lang);
            assert_eq!(help.lines().count(), KEY_MAP.len() + 1);
            for binding in &KEY_MAP {
                assert!(help.contains(binding.keys.get(lang)), "{help}");
                assert!(help.contains(binding.help.get(lang)), "{help}");
            }
        }
        assert!(run_help_keys(Lang::Fr).contains("espace"));
        assert!(run_help_keys(Lang::En).starts_with("Keys:"));
    }
}
