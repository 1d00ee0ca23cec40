//! The resume prompt: an unfinished session was found; resume it, close it, leave it or quit.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::lang::{Lang, Tr};
use crate::domain::method::Clock;
use crate::store::resume::Interrupted;

/// What to do with a session that was interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeChoice {
    /// Go on with it where it stopped.
    Resume,
    /// Close it as interrupted, then start the new session.
    Close,
    /// Leave it for later and start the new session.
    Leave,
    /// Leave the program.
    Quit,
}

impl ResumeChoice {
    /// The choice a key makes, if any (a key's release makes none).
    pub fn from_key(key: KeyEvent) -> Option<ResumeChoice> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        match key.code {
            KeyCode::Char('r') | KeyCode::Enter => Some(ResumeChoice::Resume),
            KeyCode::Char('c') => Some(ResumeChoice::Close),
            KeyCode::Char('n') => Some(ResumeChoice::Leave),
            KeyCode::Char('q') | KeyCode::Esc => Some(ResumeChoice::Quit),
            _ => None,
        }
    }
}

const RESUME_TITLE: Tr = Tr {
    en: "An unfinished session was found",
    fr: "Une séance inachevée a été trouvée",
};
const RESUME_KEYS: [(&str, Tr); 4] = [
    (
        "r",
        Tr {
            en: "resume it where it stopped",
            fr: "la reprendre là où elle s’est arrêtée",
        },
    ),
    (
        "c",
        Tr {
            en: "close it as interrupted (its log is kept)",
            fr: "la clore comme interrompue (son journal est conservé)",
        },
    ),
    (
        "n",
        Tr {
            en: "leave it, and start a new session",
            fr: "la laisser, et commencer une nouvelle séance",
        },
    ),
    (
        "q",
        Tr {
            en: "quit",
            fr: "quitter",
        },
    ),
];

/// The resume prompt's state: what is known of the unfinished session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumePrompt {
    /// The method's name, as the journal wrote it.
    pub method_name: String,
    /// When the session started (wall clock), as the journal wrote it.
    pub started: String,
    /// The step it stopped in (counted from 0) and that step's name, if it had started one.
    pub stopped_in: Option<(usize, String)>,
    /// The active time recorded when it stopped.
    pub last_at: Duration,
    /// The interface language.
    pub lang: Lang,
}

impl ResumePrompt {
    /// The prompt for an interrupted session found on disk.
    pub fn new(interrupted: &Interrupted, lang: Lang) -> ResumePrompt {
        ResumePrompt {
            method_name: interrupted.method_name().to_owned(),
            started: interrupted.started().to_owned(),
            stopped_in: interrupted.stopped_in(),
            last_at: interrupted.last_at,
            lang,
        }
    }

    /// Applies a choice. The prompt has nothing to change: every choice ends it, with itself.
    pub fn update(&mut self, choice: ResumeChoice) -> Option<ResumeChoice> {
        Some(choice)
    }

    /// Applies a key: its choice, if it makes one, then [`ResumePrompt::update`].
    pub fn on_key(&mut self, key: KeyEvent) -> Option<ResumeChoice> {
        ResumeChoice::from_key(key).and_then(|choice| self.update(choice))
    }

    /// "stopped in step 2 (Questions) after 12:30", when a step had started.
    fn stopped_text(&self) -> Option<String> {
        let at = Clock(self.last_at);
        self.stopped_in
            .as_ref()
            .map(|(step, name)| match self.lang {
                Lang::En => format!("stopped in step {} ({name}) after {at}", step + 1),
                Lang::Fr => format!("arrêtée à l'étape {} ({name}) après {at}", step + 1),
            })
    }
}

impl Widget for &ResumePrompt {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let mut lines = vec![
            Line::from(RESUME_TITLE.get(lang)).style(Style::new().add_modifier(Modifier::BOLD)),
            Line::from(""),
            Line::from(format!(
                "{} · {}",
                self.method_name,
                self.started.get(..16).unwrap_or_default().replace('T', " ")
            )),
            Line::from(self.stopped_text().unwrap_or_default()),
            Line::from(""),
        ];
        for (key, what) in RESUME_KEYS {
            lines.push(Line::from(format!("  {key}  {}", what.get(lang))));
        }
        let height = lines.len() as u16;
        let [middle] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(
            Rect {
                x: middle.x + 2,
                width: middle.width.saturating_sub(4),
                ..middle
            },
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn prompt(lang: Lang) -> ResumePrompt {
        ResumePrompt {
            method_name: "Case Clinic".into(),
            started: "2026-11-30T09:30:00.000+01:00".into(),
            stopped_in: Some((2, "Questions".into())),
            last_at: Duration::from_secs(750),
            lang,
        }
    }

    #[test]
    fn each_key_makes_its_choice() {
        let mut prompt = prompt(Lang::En);
        for (code, choice) in [
            (KeyCode::Char('r'), ResumeChoice::Resume),
            (KeyCode::Enter, ResumeChoice::Resume),
            (KeyCode::Char('c'), ResumeChoice::Close),
            (KeyCode::Char('n'), ResumeChoice::Leave),
            (KeyCode::Char('q'), ResumeChoice::Quit),
            (KeyCode::Esc, ResumeChoice::Quit),
        ] {
            assert_eq!(prompt.on_key(key(code)), Some(choice), "{code:?}");
        }
        assert_eq!(prompt.on_key(key(KeyCode::Char('x'))), None);
        let mut release = key(KeyCode::Char('r'));
        release.kind = KeyEventKind::Release;
        assert_eq!(prompt.on_key(release), None);
    }

    #[test]
    fn the_stopped_step_is_counted_from_one_in_both_languages() {
        assert_eq!(
            prompt(Lang::En).stopped_text().as_deref(),
            Some("stopped in step 3 (Questions) after 12:30")
        );
        assert_eq!(
            prompt(Lang::Fr).stopped_text().as_deref(),
            Some("arrêtée à l'étape 3 (Questions) après 12:30")
        );
    }

    #[test]
    fn the_prompt_draws_at_any_size() {
        let prompt = prompt(Lang::Fr);
        for width in [0, 1, 3, 4, 20, 80, 200] {
            for height in [0, 1, 5, 24, 60] {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                prompt.render(area, &mut buffer);
            }
        }
    }
}
