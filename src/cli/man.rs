//! `intervision man`: the manual page, `intervision(1)`, in roff, in the interface language.
//!
//! Made from the same sources as the help: the commands and options from the clap definitions
//! (through clap_mangen, and in French through `french`), the keys from the key map
//! ([`crate::ui::keymap::KEY_MAP`]), and the files and variables the program reads.

use std::io::Write;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::output::{CmdResult, io_error};
use crate::domain::lang::{Lang, Tr};
use crate::ui::keymap::KEY_MAP;

/// A section heading in both languages.
const fn heading(en: &'static str, fr: &'static str) -> Tr {
    Tr { en, fr }
}

/// `intervision man`: prints the manual page.
pub(super) fn man(out: &mut impl Write, lang: Lang) -> CmdResult {
    out.write_all(page(lang).as_bytes()).map_err(io_error)
}

/// The manual page, in roff.
pub fn page(lang: Lang) -> String {
    let mut command = super::localized_command(lang).subcommand_value_name(
        Tr {
            en: "COMMAND",
            fr: "COMMANDE",
        }
        .get(lang),
    );
    command.build();
    let man = Man::new(command.clone()).manual(
        Tr {
            en: "User Commands",
            fr: "Commandes utilisateur",
        }
        .get(lang),
    );
    let section = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buffer = Vec::new();
        // Writing to memory cannot fail.
        let _ = render(&mut buffer);
        without_preamble(&String::from_utf8_lossy(&buffer))
    };
    // The title first (`.TH` opens the page), then the preamble, once.
    let mut text = section(&|buffer| man.render_title(buffer));
    text.push_str(PREAMBLE);
    text.push_str(&renamed(
        &section(&|buffer| man.render_name_section(buffer)),
        heading("NAME", "NOM"),
        lang,
    ));
    text.push_str(&section(&|buffer| man.render_synopsis_section(buffer)));
    text.push_str(&description(lang));
    text.push_str(&section(&|buffer| man.render_options_section(buffer)));
    text.push_str(&commands(&command, lang));
    text.push_str(&keys(lang));
    text.push_str(&files(lang));
    text.push_str(&environment(lang));
    text.push_str(&exit_status(lang));
    text.push_str(&see_also(lang));
    ascii_roff(&text)
}

/// The page in ASCII: each other character as a roff escape (`é` is `\[u00E9]`), which groff and
/// mandoc print right whatever the page's encoding is taken to be.
fn ascii_roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// What roff writes before each piece it renders (an apostrophe that prints right in groff and
/// elsewhere); the page needs it once, before the first apostrophe.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// A rendered piece without the preamble.
fn without_preamble(text: &str) -> String {
    text.strip_prefix(PREAMBLE).unwrap_or(text).to_owned()
}

/// A section clap_mangen titled in English, under its title in `lang`.
fn renamed(section: &str, title: Tr, lang: Lang) -> String {
    let body = section.split_once('\n').map_or("", |(_, body)| body);
    let mut roff = Roff::new();
    roff.control("SH", [title.get(lang)]);
    format!("{}{body}", roff.to_roff())
}

/// The section's body without its `.SH` line, for a subsection.
fn body(section: &str) -> &str {
    if section.starts_with(".SH") {
        section.split_once('\n').map_or("", |(_, body)| body)
    } else {
        section
    }
}

/// DESCRIPTION: what the program is for, in a few sentences.
fn description(lang: Lang) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["DESCRIPTION"]);
    roff.text([roman(Tr {
        en: "intervision runs peer-coaching sessions (Case Clinic, codeveloppement, intervision...) in the terminal, full-screen. A method file gives the timed steps; the screen shows the step, who speaks now, the rule of the moment, a big countdown and each person's turn in a round. The session's journal is written as it goes, and a summary at the end.",
        fr: "intervision anime des séances de codéveloppement entre pairs (Clinique de cas, codéveloppement, intervision...) en plein écran dans le terminal. Un fichier de méthode donne les étapes minutées ; l'écran montre l'étape, qui parle, la règle du moment, un grand compte à rebours et le tour de chacun dans un tour de parole. Le journal de la séance s'écrit au fil de l'eau, et un compte rendu à la fin.",
    }
    .get(lang))]);
    roff.control("PP", []);
    roff.text([roman(
        Tr {
            en: "Without a command, intervision lists the methods to choose one, then runs it.",
            fr: "Sans commande, intervision liste les méthodes pour en choisir une, puis la lance.",
        }
        .get(lang),
    )]);
    roff.to_roff()
}

/// COMMANDS: each command, with its synopsis, its options and its examples.
fn commands(command: &clap::Command, lang: Lang) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [heading("COMMANDS", "COMMANDES").get(lang)]);
    let mut text = roff.to_roff();
    for sub in own_subcommands(command) {
        text.push_str(&command_section(sub));
    }
    text
}

/// The commands under `command`, without clap's `help` (the page is the help).
fn own_subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help" && !sub.is_hide_set())
}

/// One command's subsection, then its own commands'.
fn command_section(command: &clap::Command) -> String {
    let name = command.get_bin_name().unwrap_or(command.get_name());
    let mut roff = Roff::new();
    roff.control("SS", [name]);
    if let Some(about) = command.get_about() {
        roff.text([roman(about.to_string())]);
    }
    let mut text = roff.to_roff();
    if command.has_subcommands() {
        for sub in own_subcommands(command) {
            text.push_str(&command_section(sub));
        }
        return text;
    }
    // The help flag and the global --lang are told once, at the top.
    let mut command = command.clone();
    for id in ["help", "lang"] {
        if command.get_arguments().any(|arg| arg.get_id() == id) {
            command = command.mut_arg(id, |arg| arg.hide(true));
        }
    }
    let man = Man::new(command.clone());
    text.push_str(".PP\n");
    let mut buffer = Vec::new();
    // Writing to memory cannot fail.
    let _ = man.render_synopsis_section(&mut buffer);
    text.push_str(body(&without_preamble(&String::from_utf8_lossy(&buffer))));
    let has_options = command.get_arguments().any(|arg| !arg.is_hide_set());
    if has_options {
        buffer.clear();
        let _ = man.render_options_section(&mut buffer);
        text.push_str(body(&without_preamble(&String::from_utf8_lossy(&buffer))));
    }
    if let Some(examples) = command.get_after_help() {
        let examples = examples.to_string();
        let mut roff = Roff::new();
        let mut lines = examples.lines();
        roff.control("PP", []);
        if let Some(title) = lines.next() {
            roff.text([italic(title)]);
        }
        roff.control("nf", []);
        roff.control("RS", []);
        for line in lines {
            roff.text([roman(line.trim_start())]);
        }
        roff.control("RE", []);
        roff.control("fi", []);
        text.push_str(&roff.to_roff());
    }
    text
}

/// KEYS: the keys of a running session, from the key map.
fn keys(lang: Lang) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [heading("KEYS", "TOUCHES").get(lang)]);
    roff.text([roman(Tr {
        en: "During a session (intervision run, intervision resume), every control is one key:",
        fr: "Pendant une séance (intervision run, intervision resume), chaque commande est une touche :",
    }
    .get(lang))]);
    for binding in &KEY_MAP {
        roff.control("TP", []);
        roff.text([bold(binding.keys.get(lang))]);
        roff.text([roman(binding.help.get(lang))]);
    }
    roff.control("TP", []);
    roff.text([bold("Ctrl+C")]);
    roff.text([roman(
        Tr {
            en: "stop at once (the journal is kept)",
            fr: "arrêter tout de suite (le journal est gardé)",
        }
        .get(lang),
    )]);
    roff.to_roff()
}

/// A list of (term, what it is) under a heading.
fn tagged(title: Tr, items: &[(&str, Tr)], lang: Lang) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [title.get(lang)]);
    for (term, what) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(what.get(lang))]);
    }
    roff.to_roff()
}

/// FILES: where methods, groups and journals are.
fn files(lang: Lang) -> String {
    tagged(
        heading("FILES", "FICHIERS"),
        &[
            (
                "~/.config/intervision/methods/*.toml",
                Tr {
                    en: "Your own methods (the configuration folder follows XDG_CONFIG_HOME, or INTERVISION_CONFIG_DIR). The format is in docs/method-format.md; schemas/method.schema.json helps an editor check it.",
                    fr: "Vos propres méthodes (le dossier de configuration suit XDG_CONFIG_HOME, ou INTERVISION_CONFIG_DIR). Le format est décrit dans docs/method-format.md ; schemas/method.fr.schema.json aide un éditeur à le vérifier.",
                },
            ),
            (
                "./methods/*.toml",
                Tr {
                    en: "Methods of the current folder, found before yours and the built-in ones.",
                    fr: "Les méthodes du dossier courant, trouvées avant les vôtres et celles intégrées.",
                },
            ),
            (
                "~/.config/intervision/groups/*.toml",
                Tr {
                    en: "Group files, written by intervision group new (docs/group-format.md).",
                    fr: "Les fichiers de groupe, écrits par intervision group new (docs/group-format.md).",
                },
            ),
            (
                "~/.local/share/intervision/sessions/",
                Tr {
                    en: "Session journals (*.jsonl, one event a line) and their summaries (*.md), readable by their owner only. The data folder follows XDG_DATA_HOME, or INTERVISION_DATA_DIR; a group's log_dir or --log-dir change it.",
                    fr: "Les journaux de séance (*.jsonl, un événement par ligne) et leurs comptes rendus (*.md), lisibles par leur seul propriétaire. Le dossier de données suit XDG_DATA_HOME, ou INTERVISION_DATA_DIR ; le log_dir d'un groupe ou --log-dir le changent.",
                },
            ),
            (
                "$TMPDIR/intervision-$USER/",
                Tr {
                    en: "Where a journal is saved when its folder cannot be written.",
                    fr: "Où un journal est enregistré quand son dossier n'est pas accessible en écriture.",
                },
            ),
        ],
        lang,
    )
}

/// ENVIRONMENT: the variables the program reads.
fn environment(lang: Lang) -> String {
    tagged(
        heading("ENVIRONMENT", "ENVIRONNEMENT"),
        &[
            (
                "INTERVISION_CONFIG_DIR",
                Tr {
                    en: "The configuration folder, instead of ~/.config/intervision.",
                    fr: "Le dossier de configuration, au lieu de ~/.config/intervision.",
                },
            ),
            (
                "INTERVISION_DATA_DIR",
                Tr {
                    en: "The data folder, instead of ~/.local/share/intervision; journals go to its sessions/ folder.",
                    fr: "Le dossier de données, au lieu de ~/.local/share/intervision ; les journaux vont dans son dossier sessions/.",
                },
            ),
            (
                "LC_ALL, LC_MESSAGES, LANG",
                Tr {
                    en: "The language, when neither --lang nor the group gives one: the first one set; French when it starts with fr, English otherwise.",
                    fr: "La langue, quand ni --lang ni le groupe n'en donnent : la première variable définie ; le français si elle commence par fr, l'anglais sinon.",
                },
            ),
            (
                "INTERVISION_COMPLETE",
                Tr {
                    en: "Set by the completion scripts (intervision completions) to ask the program for candidates.",
                    fr: "Définie par les scripts de complétion (intervision completions) pour demander les candidats au programme.",
                },
            ),
        ],
        lang,
    )
}

/// EXIT STATUS: what the program's exit code says.
fn exit_status(lang: Lang) -> String {
    tagged(
        heading("EXIT STATUS", "CODE DE RETOUR"),
        &[
            (
                "0",
                Tr {
                    en: "Done (a session left with q ends with 0 too: its journal is kept).",
                    fr: "Terminé (une séance quittée avec q se termine aussi par 0 : son journal est gardé).",
                },
            ),
            (
                "1",
                Tr {
                    en: "An error, told on the error output: a method or group file refused (with its line and column), a file that cannot be read or written.",
                    fr: "Une erreur, dite sur la sortie d'erreur : un fichier de méthode ou de groupe refusé (avec sa ligne et sa colonne), un fichier illisible ou impossible à écrire.",
                },
            ),
            (
                "2",
                Tr {
                    en: "The command line is wrong: an unknown command or option, a missing or wrong value.",
                    fr: "La ligne de commande est fausse : une commande ou une option inconnue, une valeur manquante ou incorrecte.",
                },
            ),
        ],
        lang,
    )
}

/// SEE ALSO: the documents that go further.
fn see_also(lang: Lang) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [heading("SEE ALSO", "VOIR AUSSI").get(lang)]);
    roff.text([roman(Tr {
        en: "README.md, docs/method-format.md, docs/group-format.md and docs/journal-format.md in the source package.",
        fr: "README.md, docs/method-format.md, docs/group-format.md et docs/journal-format.md dans le paquet source.",
    }
    .get(lang))]);
    roff.to_roff()
}
