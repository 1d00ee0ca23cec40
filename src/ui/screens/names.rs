//! The names field: before the start, the operator types the people's names (or their number)
//! as `--people` takes them, on the start screen (`N`) or in the method picker. Enter applies,
//! Escape cancels; names that cannot be used are refused with the reason, the field staying
//! open to correct them.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::domain::lang::{Bilingual, Lang, Tr};
use crate::domain::method::text::is_terminal_control;
use crate::domain::plan::{MAX_NAME, MAX_PEOPLE, People};
use crate::ui::input::TextInput;
use crate::ui::theme::THEME;

/// The most characters the field takes: every name at its longest, with its comma and space.
const MAX_TYPED: usize = MAX_PEOPLE as usize * (MAX_NAME + 2);

/// The field's height on screen: its borders, two rows of names, two of help or of the reason
/// names are refused.
pub const NAMES_HEIGHT: u16 = 6;

const TITLE: Tr = Tr {
    en: "Names, separated by commas",
    fr: "Prénoms, séparés par des virgules",
};
const HINT: Tr = Tr {
    en: "In seating order: the roles are given in this order, as with --people. A number works too (6).",
    fr: "Dans l’ordre de la table : les rôles sont donnés dans cet ordre, comme avec --people. Un nombre convient aussi (6).",
};
const KEYS: Tr = Tr {
    en: "enter: apply · esc: cancel",
    fr: "entrée : appliquer · échap : annuler",
};

/// How the names field ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamesOutcome {
    /// Use these people (the field checked them as `--people` would).
    Apply(People),
    /// Leave the people as they were.
    Cancel,
}

/// The names field's state: what is typed, and why the last names were refused, if they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamesField {
    /// The text being typed.
    pub field: TextInput,
    /// Why the names typed cannot be used, until the text changes.
    pub problem: Option<Bilingual>,
}

impl NamesField {
    /// The field holding `people`'s names, to be corrected (empty for people without names).
    pub fn for_people(people: &People) -> NamesField {
        NamesField::with_text(&people.typed())
    }

    /// The field holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> NamesField {
        NamesField {
            field: TextInput::with_text(text),
            problem: None,
        }
    }

    /// Shows why the names cannot be used (too few people for the method's roles, a slot they
    /// do not fit in); the field stays open.
    pub fn refuse(&mut self, problem: Bilingual) {
        self.problem = Some(problem);
    }

    /// Applies a key: Enter checks the names (refused ones leave the field open with the
    /// reason), Escape cancels; no line breaks, no control characters, no more than the
    /// longest list of names.
    pub fn on_key(&mut self, key: KeyEvent) -> Option<NamesOutcome> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Some(NamesOutcome::Cancel),
            KeyCode::Enter => {
                return match People::parse_typed(&self.field.text()) {
                    Ok(people) => Some(NamesOutcome::Apply(people)),
                    Err(problem) => {
                        self.problem = Some(problem);
                        None
                    }
                };
            }
            KeyCode::Char('j') if ctrl => return None,
            KeyCode::Char(c)
                if !ctrl
                    && (is_terminal_control(c)
                        || self.field.text().chars().count() >= MAX_TYPED) =>
            {
                return None;
            }
            _ => {}
        }
        let before = self.field.text();
        self.field.handle(key);
        if self.field.text() != before {
            self.problem = None;
        }
        None
    }
}

/// The names field as a widget, in a bordered box of [`NAMES_HEIGHT`] rows.
#[derive(Debug, Clone, Copy)]
pub struct NamesView<'a> {
    /// The field.
    pub names: &'a NamesField,
    /// The language of its title, help and reasons.
    pub lang: Lang,
}

impl Widget for NamesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        Clear.render(area, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(THEME.calm))
            .title(format!(" {} ", TITLE.get(lang)))
            .title_bottom(Line::from(format!(" {} ", KEYS.get(lang))).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let [field, message] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
        self.names.field.render(field, buf);
        let (text, style) = match &self.names.problem {
            Some(problem) => (
                format!("⚠ {}", problem.get(lang)),
                Style::new().fg(THEME.warning).add_modifier(Modifier::BOLD),
            ),
            None => (HINT.get(lang).to_owned(), Style::new().fg(THEME.dim)),
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(style)
            .render(message, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(field: &mut NamesField, text: &str) -> Option<NamesOutcome> {
        text.chars()
            .map(|c| field.on_key(key(KeyCode::Char(c))))
            .last()
            .flatten()
    }

    #[test]
    fn enter_applies_checked_names_and_escape_cancels() {
        let mut field = NamesField::for_people(&People::parse("Ana,Ben").unwrap());
        assert_eq!(field.field.text(), "Ana, Ben");
        typed(&mut field, ", Chloé");
        assert_eq!(
            field.on_key(key(KeyCode::Enter)),
            Some(NamesOutcome::Apply(People::parse("Ana,Ben,Chloé").unwrap()))
        );
        assert_eq!(field.on_key(key(KeyCode::Esc)), Some(NamesOutcome::Cancel));
    }

    #[test]
    fn refused_names_keep_the_field_open_with_the_reason_until_they_change() {
        let mut field = NamesField::for_people(&People::Count(4));
        assert_eq!(field.field.text(), "");
        typed(&mut field, "Ana, Ben, ana");
        assert_eq!(field.on_key(key(KeyCode::Enter)), None);
        let problem = field.problem.clone().unwrap();
        assert!(problem.en.contains("given twice"), "{}", problem.en);
        field.on_key(key(KeyCode::Backspace));
        assert_eq!(field.problem, None);
        typed(&mut field, ",");
        assert_eq!(field.on_key(key(KeyCode::Enter)), None);
        assert!(field.problem.as_ref().unwrap().fr.contains("est vide"));
    }

    #[test]
    fn no_control_character_no_line_break_and_no_endless_text() {
        let mut field = NamesField::for_people(&People::Count(3));
        typed(&mut field, "A\u{1b}[2J\u{7}\u{9b}na");
        assert_eq!(field.field.text(), "A[2Jna");
        field.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
        field.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
        assert!(!field.field.text().contains('\n'));
        typed(&mut field, &"x".repeat(MAX_TYPED + 50));
        assert_eq!(field.field.text().chars().count(), MAX_TYPED);
    }

    #[test]
    fn the_field_draws_at_any_size() {
        let mut field = NamesField::for_people(&People::parse("Ana,Ben").unwrap());
        field.refuse(Bilingual::new("too few", "trop peu"));
        for width in [0, 1, 10, 80, 240] {
            for height in [0, 1, 3, NAMES_HEIGHT, 20] {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                NamesView {
                    names: &field,
                    lang: Lang::Fr,
                }
                .render(area, &mut buffer);
            }
        }
    }
}
