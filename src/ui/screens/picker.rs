//! The method picker: a full-screen list of the methods, one chosen with the arrows.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{List, ListState, Paragraph, StatefulWidget, Widget};

use crate::domain::lang::{Lang, Tr};
use crate::domain::method::{Clock, Method};
use crate::domain::plan::{Cast, MAX_PEOPLE, People, Timetable};

const PICK_TITLE: Tr = Tr {
    en: "Choose a method",
    fr: "Choisissez une méthode",
};
const PICK_HELP: Tr = Tr {
    en: "↑ ↓ choose   ← → fewer / more people   enter run   q quit",
    fr: "↑ ↓ choisir   ← → moins / plus de personnes   entrée lancer   q quitter",
};

/// One method offered by the picker: its id, the method, how many people it is shown for and
/// how long it lasts for them.
pub type PickerItem = (String, Method, u32, Duration);

/// What a key asks of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerMessage {
    /// Select the method above.
    Up,
    /// Select the method below.
    Down,
    /// One person fewer for the selected method.
    Fewer,
    /// One person more for the selected method.
    More,
    /// Run the selected method.
    Choose,
    /// Leave without choosing.
    Quit,
}

impl PickerMessage {
    /// The message a key sends, if any (a key's release sends none).
    pub fn from_key(key: KeyEvent) -> Option<PickerMessage> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(PickerMessage::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(PickerMessage::Down),
            KeyCode::Left | KeyCode::Char('-') => Some(PickerMessage::Fewer),
            KeyCode::Right | KeyCode::Char('+') => Some(PickerMessage::More),
            KeyCode::Enter | KeyCode::Char(' ') => Some(PickerMessage::Choose),
            KeyCode::Char('q') | KeyCode::Esc => Some(PickerMessage::Quit),
            _ => None,
        }
    }
}

/// How the picker ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerOutcome {
    /// The method at this index was chosen.
    Chosen(usize),
    /// The user left without choosing.
    Left,
}

/// The picker's state: the methods offered, the one selected, and for how many people each
/// would run.
#[derive(Debug, Clone)]
pub struct Picker<'a> {
    /// The methods offered, in the order shown.
    pub items: &'a [PickerItem],
    /// How many people each method would run for (its default at first, changed with ← →).
    pub people: Vec<u32>,
    /// The index of the selected method.
    pub selected: usize,
    /// The interface language.
    pub lang: Lang,
}

impl<'a> Picker<'a> {
    /// The picker with the first method selected.
    pub fn new(items: &'a [PickerItem], lang: Lang) -> Picker<'a> {
        Picker {
            items,
            people: items.iter().map(|(_, _, people, _)| *people).collect(),
            selected: 0,
            lang,
        }
    }

    /// Applies a message; returns how the picker ends, if it does.
    pub fn update(&mut self, message: PickerMessage) -> Option<PickerOutcome> {
        let last = self.items.len().saturating_sub(1);
        match message {
            PickerMessage::Up => self.selected = self.selected.saturating_sub(1).min(last),
            PickerMessage::Down => self.selected = (self.selected + 1).min(last),
            PickerMessage::Fewer | PickerMessage::More => {
                if let (Some((_, method, _, _)), Some(people)) = (
                    self.items.get(self.selected),
                    self.people.get_mut(self.selected),
                ) {
                    let fewest = method.fewest_people().max(1);
                    *people = if message == PickerMessage::More {
                        (*people + 1).min(MAX_PEOPLE)
                    } else {
                        people.saturating_sub(1).max(fewest)
                    };
                }
            }
            // An empty list has nothing to choose: Enter leaves, as the list shows no selection.
            PickerMessage::Choose if self.items.is_empty() => return Some(PickerOutcome::Left),
            PickerMessage::Choose => return Some(PickerOutcome::Chosen(self.selected.min(last))),
            PickerMessage::Quit => return Some(PickerOutcome::Left),
        }
        None
    }

    /// Applies a key: its message, if it sends one, then [`Picker::update`].
    pub fn on_key(&mut self, key: KeyEvent) -> Option<PickerOutcome> {
        PickerMessage::from_key(key).and_then(|message| self.update(message))
    }
}

impl Widget for &Picker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let [title, _, list, help] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(format!(" {}", PICK_TITLE.get(lang)))
            .style(Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED))
            .render(title, buf);
        let people_word = match lang {
            Lang::En => "people",
            Lang::Fr => "personnes",
        };
        let lines: Vec<Line> = self
            .items
            .iter()
            .zip(&self.people)
            .map(|((id, method, default, total), people)| {
                // A changed number of people changes the length.
                let total = if people == default {
                    *total
                } else {
                    Cast::assign(method, &People::Count(*people))
                        .map_or(*total, |cast| Timetable::new(method, &cast).total())
                };
                Line::from(format!(
                    "{}  ·  {}  ·  {people} {people_word}  ·  {id}",
                    method.name.get(lang),
                    Clock(total)
                ))
            })
            .collect();
        let list_area = Rect {
            x: list.x + 1,
            width: list.width.saturating_sub(2),
            ..list
        };
        // The list scrolls as little as needed to show the selected method.
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(
            List::new(lines)
                .highlight_symbol("▶ ")
                .highlight_style(Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)),
            list_area,
            buf,
            &mut state,
        );
        Paragraph::new(format!(" {}", PICK_HELP.get(lang))).render(help, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn items() -> Vec<PickerItem> {
        ["case-clinic", "codev", "troika"]
            .into_iter()
            .map(|id| {
                let method = crate::store::library::builtin(id).unwrap().unwrap();
                (id.to_owned(), method, 5, Duration::from_secs(3600))
            })
            .collect()
    }

    #[test]
    fn the_arrows_move_within_the_list_and_enter_chooses() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::En);
        assert_eq!(picker.on_key(key(KeyCode::Up)), None);
        assert_eq!(picker.selected, 0);
        for _ in 0..5 {
            assert_eq!(picker.on_key(key(KeyCode::Down)), None);
        }
        assert_eq!(picker.selected, 2, "the selection stops at the last method");
        picker.on_key(key(KeyCode::Char('k')));
        assert_eq!(picker.selected, 1);
        picker.on_key(key(KeyCode::Char('j')));
        assert_eq!(
            picker.on_key(key(KeyCode::Enter)),
            Some(PickerOutcome::Chosen(2))
        );
        picker.on_key(key(KeyCode::Up));
        assert_eq!(
            picker.on_key(key(KeyCode::Char(' '))),
            Some(PickerOutcome::Chosen(1))
        );
    }

    #[test]
    fn the_side_arrows_set_the_number_of_people_within_what_the_method_needs() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::En);
        picker.on_key(key(KeyCode::Down)); // codev
        picker.on_key(key(KeyCode::Right));
        assert_eq!(picker.people, vec![5, 6, 5]);
        for _ in 0..20 {
            picker.on_key(key(KeyCode::Left));
        }
        let fewest = items[1].1.fewest_people();
        assert_eq!(picker.people[1], fewest, "never below what the roles need");
        for _ in 0..100 {
            picker.on_key(key(KeyCode::Char('+')));
        }
        assert_eq!(picker.people[1], MAX_PEOPLE);
        assert_eq!(picker.people[0], 5, "the other methods keep theirs");
    }

    #[test]
    fn q_and_escape_leave_and_other_keys_do_nothing() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::Fr);
        assert_eq!(picker.on_key(key(KeyCode::Char('x'))), None);
        assert_eq!(
            picker.on_key(key(KeyCode::Char('q'))),
            Some(PickerOutcome::Left)
        );
        assert_eq!(picker.on_key(key(KeyCode::Esc)), Some(PickerOutcome::Left));
        let mut release = key(KeyCode::Enter);
        release.kind = KeyEventKind::Release;
        assert_eq!(picker.on_key(release), None);
    }

    #[test]
    fn the_picker_draws_at_any_size() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::Fr);
        picker.selected = 2;
        for width in [0, 1, 20, 80, 200] {
            for height in [0, 1, 3, 5, 24, 60] {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                (&picker).render(area, &mut buffer);
            }
        }
    }
}
