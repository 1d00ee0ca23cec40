//! The method picker: a full-screen list of the methods, one chosen with the arrows, for a
//! number of people set with ← → or for people named with `N`.

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
use crate::ui::screens::names::{NAMES_HEIGHT, NamesField, NamesOutcome, NamesView};
use crate::ui::view::colon;

const PICK_TITLE: Tr = Tr {
    en: "Choose a method",
    fr: "Choisissez une méthode",
};
const PICK_HELP: Tr = Tr {
    en: "↑ ↓ choose   ← → fewer / more people   N names   enter run   q quit",
    fr: "↑ ↓ choisir  ← → moins / plus de personnes  N prénoms  entrée lancer  q quitter",
};

const NAMED: Tr = Tr {
    en: "People",
    fr: "Participants",
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
    /// One person more for the selected method (with names: the names field, to type theirs).
    More,
    /// Open the names field for the selected method.
    Names,
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
            KeyCode::Char('N' | 'n') => Some(PickerMessage::Names),
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

/// The picker's state: the methods offered, the one selected, and for whom each would run.
#[derive(Debug, Clone)]
pub struct Picker<'a> {
    /// The methods offered, in the order shown.
    pub items: &'a [PickerItem],
    /// The people each method would run for: its default number at first, changed with ← →,
    /// or names typed in the names field.
    pub people: Vec<People>,
    /// The names field, when it is open for the selected method.
    pub names: Option<NamesField>,
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
            people: items
                .iter()
                .map(|(_, _, people, _)| People::Count(*people))
                .collect(),
            names: None,
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
            PickerMessage::Fewer | PickerMessage::More | PickerMessage::Names => {
                let (Some((_, method, _, _)), Some(people)) = (
                    self.items.get(self.selected),
                    self.people.get_mut(self.selected),
                ) else {
                    return None;
                };
                let fewest = method.fewest_people().max(1);
                match (message, people) {
                    (PickerMessage::More, People::Count(count)) => {
                        *count = (*count + 1).min(MAX_PEOPLE)
                    }
                    (PickerMessage::Fewer, People::Count(count)) => {
                        *count = count.saturating_sub(1).max(fewest)
                    }
                    // Named people: the last one leaves, or a new one is typed.
                    (PickerMessage::Fewer, People::Names(names)) => {
                        if names.len() > fewest as usize {
                            names.pop();
                        }
                    }
                    (PickerMessage::More, People::Names(names)) => {
                        let mut text = names.join(", ");
                        if names.len() < MAX_PEOPLE as usize {
                            text.push_str(", ");
                        }
                        self.names = Some(NamesField::with_text(&text));
                    }
                    (_, people) => self.names = Some(NamesField::for_people(people)),
                }
            }
            // An empty list has nothing to choose: Enter leaves, as the list shows no selection.
            PickerMessage::Choose if self.items.is_empty() => return Some(PickerOutcome::Left),
            PickerMessage::Choose => return Some(PickerOutcome::Chosen(self.selected.min(last))),
            PickerMessage::Quit => return Some(PickerOutcome::Left),
        }
        None
    }

    /// Applies a key: to the names field when it is open, else its message, if it sends one,
    /// then [`Picker::update`].
    pub fn on_key(&mut self, key: KeyEvent) -> Option<PickerOutcome> {
        if let Some(field) = &mut self.names {
            match field.on_key(key) {
                Some(NamesOutcome::Apply(people)) => {
                    let Some((_, method, _, _)) = self.items.get(self.selected) else {
                        self.names = None;
                        return None;
                    };
                    match Cast::assign(method, &people) {
                        Ok(_) => {
                            self.people[self.selected] = people;
                            self.names = None;
                        }
                        Err(problem) => field.refuse(problem),
                    }
                }
                Some(NamesOutcome::Cancel) => self.names = None,
                None => {}
            }
            return None;
        }
        PickerMessage::from_key(key).and_then(|message| self.update(message))
    }
}

impl Widget for &Picker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        // The names of the selected method's people, when they have names, under the list.
        let named = match self.people.get(self.selected) {
            Some(People::Names(names)) if !self.items.is_empty() => Some(names.join(", ")),
            _ => None,
        };
        let names_height = match (&self.names, &named) {
            (Some(_), _) => NAMES_HEIGHT,
            (None, Some(_)) => 1,
            (None, None) => 0,
        };
        let [title, _, list, names, help] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(names_height),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(format!(" {}", PICK_TITLE.get(lang)))
            .style(Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED))
            .render(title, buf);
        let lines: Vec<Line> = self
            .items
            .iter()
            .zip(&self.people)
            .map(|((id, method, default, total), people)| {
                // Other people change the length.
                let total = if *people == People::Count(*default) {
                    *total
                } else {
                    Cast::assign(method, people)
                        .map_or(*total, |cast| Timetable::new(method, &cast).total())
                };
                let count = people.len();
                let people_word = match (lang, count) {
                    (Lang::En, 1) => "person",
                    (Lang::En, _) => "people",
                    (Lang::Fr, 1) => "personne",
                    (Lang::Fr, _) => "personnes",
                };
                Line::from(format!(
                    "{}  ·  {}  ·  {count} {people_word}  ·  {id}",
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
        if let Some(field) = &self.names {
            NamesView { names: field, lang }.render(
                Rect {
                    x: names.x + 1,
                    width: names.width.saturating_sub(2),
                    ..names
                },
                buf,
            );
        } else {
            if let Some(named) = named {
                Paragraph::new(format!(" {}{}{named}", NAMED.get(lang), colon(lang)))
                    .style(Style::new().add_modifier(Modifier::BOLD))
                    .render(names, buf);
            }
            Paragraph::new(format!(" {}", PICK_HELP.get(lang))).render(help, buf);
        }
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

    fn counts(picker: &Picker) -> Vec<u32> {
        picker.people.iter().map(People::len).collect()
    }

    fn type_text(picker: &mut Picker, text: &str) {
        for c in text.chars() {
            picker.on_key(key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn n_names_the_people_of_the_selected_method() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::En);
        picker.on_key(key(KeyCode::Down)); // codev
        picker.on_key(key(KeyCode::Char('N')));
        let field = picker.names.as_ref().expect("N opens the names field");
        assert_eq!(
            field.field.text(),
            "",
            "people without names: an empty field"
        );
        // While the field is open, keys type: q and the arrows do not leave or move.
        type_text(&mut picker, "Ana, Ben, Chloé, David, Emma, Farid, Gaël");
        picker.on_key(key(KeyCode::Up));
        assert_eq!(picker.selected, 1);
        assert_eq!(picker.on_key(key(KeyCode::Enter)), None);
        assert!(picker.names.is_none());
        assert_eq!(
            picker.people[1],
            People::parse("Ana,Ben,Chloé,David,Emma,Farid,Gaël").unwrap()
        );
        assert_eq!(counts(&picker), vec![5, 7, 5]);
        // ←: the last one leaves; →: the field opens to type one more.
        picker.on_key(key(KeyCode::Left));
        assert_eq!(picker.people[1].len(), 6);
        picker.on_key(key(KeyCode::Right));
        assert_eq!(
            picker.names.as_ref().unwrap().field.text(),
            "Ana, Ben, Chloé, David, Emma, Farid, "
        );
        type_text(&mut picker, "Hugo");
        picker.on_key(key(KeyCode::Enter));
        assert_eq!(picker.people[1].len(), 7);
        // Refused: too few for the method's roles, or a name twice; Esc keeps what was there.
        picker.on_key(key(KeyCode::Char('n')));
        picker.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        type_text(&mut picker, "Ana");
        picker.on_key(key(KeyCode::Enter));
        let problem = picker.names.as_ref().unwrap().problem.clone().unwrap();
        assert!(problem.en.contains("needs at least"), "{}", problem.en);
        assert_eq!(picker.on_key(key(KeyCode::Esc)), None);
        assert!(picker.names.is_none());
        assert_eq!(picker.people[1].len(), 7);
        assert_eq!(
            picker.on_key(key(KeyCode::Enter)),
            Some(PickerOutcome::Chosen(1))
        );
    }

    #[test]
    fn one_person_is_said_in_the_singular() {
        let items = items();
        let mut picker = Picker::new(&items, Lang::Fr);
        picker.people[0] = People::Count(1);
        picker.people[1] = People::parse("Ana,Ben,Chloé").unwrap();
        let area = Rect::new(0, 0, 120, 10);
        let mut buffer = Buffer::empty(area);
        (&picker).render(area, &mut buffer);
        let row = |y: u16| -> String { (0..area.width).map(|x| buffer[(x, y)].symbol()).collect() };
        assert!(
            row(2).contains("  ·  1 personne  ·  case-clinic"),
            "{}",
            row(2)
        );
        assert!(row(3).contains("3 personnes  ·  codev"), "{}", row(3));
        picker.selected = 1;
        let mut buffer = Buffer::empty(area);
        (&picker).render(area, &mut buffer);
        let row = |y: u16| -> String { (0..area.width).map(|x| buffer[(x, y)].symbol()).collect() };
        assert!(
            row(8).starts_with(" Participants : Ana, Ben, Chloé"),
            "{}",
            row(8)
        );
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
        assert_eq!(counts(&picker), vec![5, 6, 5]);
        for _ in 0..20 {
            picker.on_key(key(KeyCode::Left));
        }
        let fewest = items[1].1.fewest_people();
        assert_eq!(
            counts(&picker)[1],
            fewest,
            "never below what the roles need"
        );
        for _ in 0..100 {
            picker.on_key(key(KeyCode::Char('+')));
        }
        assert_eq!(counts(&picker)[1], MAX_PEOPLE);
        assert_eq!(counts(&picker)[0], 5, "the other methods keep theirs");
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
        picker.names = Some(NamesField::for_people(&People::Count(3)));
        for width in [0, 1, 20, 80, 200] {
            for height in [0, 1, 3, 5, 24, 60] {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                (&picker).render(area, &mut buffer);
            }
        }
    }
}
