//! The roles screen before a group's session: who is present, and who holds each role, as
//! suggested from the group's history and changed with a few keys.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::lang::{Bilingual, Lang, Tr};
use crate::domain::method::{Method, RoleCount};
use crate::domain::plan::{Cast, Person};
use crate::domain::rotation::{PastSession, suggest};

/// One place in a role: "the case giver", "the timekeeper".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The role's id.
    pub role: String,
    /// Whether the role is held on top of another one (`held_by`).
    pub added: bool,
    /// Who holds it: an index into the members.
    pub holder: usize,
}

/// What a key asks of the roles screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolesMessage {
    /// Select the row above.
    Up,
    /// Select the row below.
    Down,
    /// Give the selected role to the previous present person who may hold it.
    PreviousHolder,
    /// Give the selected role to the next present person who may hold it.
    NextHolder,
    /// Mark the selected member present, or absent.
    TogglePresent,
    /// Start with this cast.
    Confirm,
    /// Leave the program.
    Quit,
}

impl RolesMessage {
    /// The message a key sends, if any (a key's release sends none).
    pub fn from_key(key: KeyEvent) -> Option<RolesMessage> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(RolesMessage::Up),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => Some(RolesMessage::Down),
            KeyCode::Left => Some(RolesMessage::PreviousHolder),
            KeyCode::Right => Some(RolesMessage::NextHolder),
            KeyCode::Char(' ') | KeyCode::Char('x') => Some(RolesMessage::TogglePresent),
            KeyCode::Enter => Some(RolesMessage::Confirm),
            KeyCode::Char('q') | KeyCode::Esc => Some(RolesMessage::Quit),
            _ => None,
        }
    }
}

/// How the roles screen ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolesOutcome {
    /// Start with the cast chosen ([`RolesScreen::cast`]).
    Confirm,
    /// Leave the program.
    Quit,
}

/// The roles screen's state.
#[derive(Debug, Clone)]
pub struct RolesScreen {
    /// The method to be run.
    pub method: Method,
    /// The group's members, in the group file's order.
    pub members: Vec<String>,
    /// Who is present.
    pub present: Vec<bool>,
    /// Each exclusive role place and its holder.
    pub slots: Vec<Slot>,
    /// The selected row: slots first, then members.
    pub cursor: usize,
    /// The group's past sessions, oldest first.
    history: Vec<PastSession>,
    /// Why the cast cannot be made, if it cannot (too few people present).
    pub problem: Option<Bilingual>,
    /// Opened during a session: everyone stays seated where they are, presence is not changed,
    /// and people without names keep none.
    pub in_session: bool,
    /// During a session, which seats have no name (shown as "Person 1"...).
    unnamed: Vec<bool>,
}

impl RolesScreen {
    /// The screen with everyone present and the suggested holders.
    pub fn new(method: Method, members: Vec<String>, history: Vec<PastSession>) -> RolesScreen {
        let present = vec![true; members.len()];
        let mut screen = RolesScreen {
            method,
            members,
            present,
            slots: Vec::new(),
            cursor: 0,
            history,
            problem: None,
            in_session: false,
            unnamed: Vec::new(),
        };
        screen.suggest();
        screen
    }

    /// The screen opened during a session, filled with its current `cast`: people keep their
    /// seats (people without names are shown as "Person 1", "Person 2"...), only roles change.
    pub fn for_session(method: Method, cast: &Cast, lang: Lang) -> RolesScreen {
        let members: Vec<String> = cast
            .people
            .iter()
            .enumerate()
            .map(|(index, person)| match &person.name {
                Some(name) => name.clone(),
                None => format!("{} {}", SEAT.get(lang), index + 1),
            })
            .collect();
        let mut slots = Vec::new();
        for role in &method.roles {
            if role.held_by.is_none() && role.count == RoleCount::Rest {
                continue;
            }
            for holder in cast.holders(&role.id) {
                slots.push(Slot {
                    role: role.id.clone(),
                    added: role.held_by.is_some(),
                    holder,
                });
            }
        }
        RolesScreen {
            present: vec![true; members.len()],
            method,
            members,
            slots,
            cursor: 0,
            history: Vec::new(),
            problem: None,
            in_session: true,
            unnamed: cast
                .people
                .iter()
                .map(|person| person.name.is_none())
                .collect(),
        }
    }

    fn present_names(&self) -> Vec<String> {
        self.members
            .iter()
            .zip(&self.present)
            .filter(|(_, present)| **present)
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Recomputes the suggested holders from the history and who is present.
    pub fn suggest(&mut self) {
        match suggest(&self.method, &self.present_names(), &self.history) {
            Ok(cast) => {
                self.problem = None;
                self.slots = self.slots_of(&cast);
            }
            Err(problem) => {
                self.problem = Some(problem);
                self.slots.clear();
            }
        }
        self.cursor = self.cursor.min(self.rows().saturating_sub(1));
    }

    fn slots_of(&self, cast: &Cast) -> Vec<Slot> {
        let mut slots = Vec::new();
        for role in &self.method.roles {
            if role.held_by.is_none() && role.count == RoleCount::Rest {
                continue;
            }
            for person in &cast.people {
                if person.roles.iter().any(|id| id == &role.id)
                    && let Some(holder) = person
                        .name
                        .as_ref()
                        .and_then(|name| self.members.iter().position(|m| m == name))
                {
                    slots.push(Slot {
                        role: role.id.clone(),
                        added: role.held_by.is_some(),
                        holder,
                    });
                }
            }
        }
        slots
    }

    fn rows(&self) -> usize {
        self.slots.len() + self.members.len()
    }

    /// Applies a message; returns how the screen ends, if it does. A message that does not fit
    /// the selected row (a holder change on a member, a presence toggle on a role, a start while
    /// the cast cannot be made) changes nothing.
    pub fn update(&mut self, message: RolesMessage) -> Option<RolesOutcome> {
        let on_slot = self.cursor < self.slots.len();
        match message {
            RolesMessage::Up => self.cursor = self.cursor.saturating_sub(1),
            RolesMessage::Down => {
                self.cursor = (self.cursor + 1).min(self.rows().saturating_sub(1))
            }
            RolesMessage::PreviousHolder if on_slot => self.cycle(self.cursor, false),
            RolesMessage::NextHolder if on_slot => self.cycle(self.cursor, true),
            RolesMessage::TogglePresent if !on_slot && !self.in_session => {
                let member = self.cursor - self.slots.len();
                self.present[member] = !self.present[member];
                self.suggest();
            }
            RolesMessage::Confirm if self.problem.is_none() => return Some(RolesOutcome::Confirm),
            RolesMessage::Quit => return Some(RolesOutcome::Quit),
            _ => {}
        }
        None
    }

    /// Applies a key: its message, if it sends one, then [`RolesScreen::update`].
    pub fn on_key(&mut self, key: KeyEvent) -> Option<RolesOutcome> {
        RolesMessage::from_key(key).and_then(|message| self.update(message))
    }

    /// Gives slot `index` to the next (or previous) present person who may hold it; the person
    /// who held it takes the new holder's place when the new holder had one.
    fn cycle(&mut self, index: usize, forward: bool) {
        let count = self.members.len();
        let added = self.slots[index].added;
        let current = self.slots[index].holder;
        for step in 1..count {
            let candidate = if forward {
                (current + step) % count
            } else {
                (current + count - step) % count
            };
            if !self.present[candidate] {
                continue;
            }
            let holds_counted = self
                .slots
                .iter()
                .any(|slot| !slot.added && slot.holder == candidate);
            // A role held on top of another goes to someone of the host role: not a counted holder.
            if added && holds_counted {
                continue;
            }
            // Swap with the same kind of place the candidate already holds, if any.
            if let Some(other) = self
                .slots
                .iter()
                .position(|slot| slot.holder == candidate && slot.added == added)
            {
                self.slots[other].holder = current;
            } else if !added {
                // The old holder joins the others; a role they held on top goes to the newcomer to
                // the others, so nobody holds a counted role and an added one at once.
                for slot in self
                    .slots
                    .iter_mut()
                    .filter(|slot| slot.added && slot.holder == candidate)
                {
                    slot.holder = current;
                }
            }
            self.slots[index].holder = candidate;
            return;
        }
    }

    /// The cast chosen. Before a session: holders of counted roles in declaration order, then
    /// the others present. During a session: everyone in their seat, with their new roles.
    pub fn cast(&self) -> Cast {
        if self.in_session {
            return self.seated_cast();
        }
        let mut people: Vec<(usize, Person)> = Vec::new();
        for slot in self.slots.iter().filter(|slot| !slot.added) {
            people.push((
                slot.holder,
                Person {
                    name: Some(self.members[slot.holder].clone()),
                    roles: vec![slot.role.clone()],
                },
            ));
        }
        let rest = self
            .method
            .roles
            .iter()
            .find(|role| role.held_by.is_none() && role.count == RoleCount::Rest);
        for (index, name) in self.members.iter().enumerate() {
            if self.present[index] && !people.iter().any(|(holder, _)| *holder == index) {
                people.push((
                    index,
                    Person {
                        name: Some(name.clone()),
                        roles: rest.map(|role| vec![role.id.clone()]).unwrap_or_default(),
                    },
                ));
            }
        }
        for slot in self.slots.iter().filter(|slot| slot.added) {
            if let Some((_, person)) = people.iter_mut().find(|(holder, _)| *holder == slot.holder)
            {
                person.roles.push(slot.role.clone());
            }
        }
        Cast {
            people: people.into_iter().map(|(_, person)| person).collect(),
        }
    }
}

impl RolesScreen {
    /// The cast chosen during a session: each person keeps their seat and, when they had none,
    /// their lack of a name.
    fn seated_cast(&self) -> Cast {
        let rest = self
            .method
            .roles
            .iter()
            .find(|role| role.held_by.is_none() && role.count == RoleCount::Rest);
        let people = (0..self.members.len())
            .map(|index| {
                let mut roles: Vec<String> = self
                    .slots
                    .iter()
                    .filter(|slot| !slot.added && slot.holder == index)
                    .map(|slot| slot.role.clone())
                    .collect();
                if roles.is_empty()
                    && let Some(rest) = rest
                {
                    roles.push(rest.id.clone());
                }
                roles.extend(
                    self.slots
                        .iter()
                        .filter(|slot| slot.added && slot.holder == index)
                        .map(|slot| slot.role.clone()),
                );
                Person {
                    name: (!self.unnamed.get(index).copied().unwrap_or(false))
                        .then(|| self.members[index].clone()),
                    roles,
                }
            })
            .collect();
        Cast { people }
    }
}

const SEAT: Tr = Tr {
    en: "Person",
    fr: "Personne",
};
const TITLE: Tr = Tr {
    en: "Who is here, and who holds which role",
    fr: "Qui est là, et qui tient quel rôle",
};
const ROLES: Tr = Tr {
    en: "Roles (suggested from the group's history)",
    fr: "Rôles (suggérés d’après l’historique du groupe)",
};
const ROLES_IN_SESSION: Tr = Tr {
    en: "Roles, from now on",
    fr: "Rôles, à partir de maintenant",
};
const PRESENT: Tr = Tr {
    en: "Present",
    fr: "Présents",
};
const KEYS: Tr = Tr {
    en: "↑ ↓ choose · ← → change who holds a role · space present / absent · enter continue · q quit",
    fr: "↑ ↓ choisir · ← → changer qui tient un rôle · espace présent / absent · entrée continuer · q quitter",
};
const KEYS_IN_SESSION: Tr = Tr {
    en: "↑ ↓ choose · ← → change who holds a role · enter apply from now on · esc cancel",
    fr: "↑ ↓ choisir · ← → changer qui tient un rôle · entrée appliquer dès maintenant · échap annuler",
};
const ABSENT: Tr = Tr {
    en: "absent",
    fr: "absent",
};

/// The roles screen as a widget: its state, with the group's name and the language to show it in.
#[derive(Debug, Clone, Copy)]
pub struct RolesView<'a> {
    /// The screen's state.
    pub screen: &'a RolesScreen,
    /// The group's name, in the header.
    pub group: &'a str,
    /// The interface language.
    pub lang: Lang,
}

impl Widget for RolesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let RolesView {
            screen,
            group,
            lang,
        } = self;
        let [header, _, title, _, body, problem, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(2),
            Constraint::Length(2),
        ])
        .areas(area);
        Paragraph::new(format!(" {group}  ·  {}", screen.method.name.get(lang)))
            .style(Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED))
            .render(header, buf);
        Paragraph::new(format!(" {}", TITLE.get(lang)))
            .style(Style::new().add_modifier(Modifier::BOLD))
            .render(title, buf);
        let selected = Style::new().add_modifier(Modifier::REVERSED);
        let mut lines = vec![
            Line::from(format!(
                " {}",
                if screen.in_session {
                    ROLES_IN_SESSION.get(lang)
                } else {
                    ROLES.get(lang)
                }
            ))
            .style(Style::new().fg(Color::DarkGray)),
        ];
        let width = screen
            .method
            .roles
            .iter()
            .map(|role| role.name.get(lang).chars().count())
            .max()
            .unwrap_or(8);
        for (index, slot) in screen.slots.iter().enumerate() {
            let role = screen
                .method
                .role(&slot.role)
                .map_or(slot.role.as_str(), |role| role.name.get(lang));
            let line = Line::from(vec![
                Span::raw(format!("   {role:<width$}  ")),
                Span::styled(
                    format!("◂ {} ▸", screen.members[slot.holder]),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
            ]);
            lines.push(if index == screen.cursor {
                line.style(selected)
            } else {
                line
            });
        }
        lines.push(Line::from(""));
        lines.push(
            Line::from(format!(" {}", PRESENT.get(lang))).style(Style::new().fg(Color::DarkGray)),
        );
        for (index, name) in screen.members.iter().enumerate() {
            let here = screen.present[index];
            let text = if here {
                format!("   [x] {name}")
            } else {
                format!("   [ ] {name}  ({})", ABSENT.get(lang))
            };
            let mut line = Line::from(text);
            if !here {
                line = line.style(Style::new().fg(Color::DarkGray));
            }
            if screen.slots.len() + index == screen.cursor {
                line = line.style(selected);
            }
            lines.push(line);
        }
        let visible = body.height as usize;
        let cursor_line = if screen.cursor < screen.slots.len() {
            screen.cursor + 1
        } else {
            screen.cursor + 3
        };
        let scroll = cursor_line.saturating_sub(visible.saturating_sub(1)) as u16;
        Paragraph::new(lines).scroll((scroll, 0)).render(body, buf);
        if let Some(text) = &screen.problem {
            Paragraph::new(format!(" ⚠ {}", text.get(lang)))
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(Color::LightRed))
                .render(problem, buf);
        }
        let keys = if screen.in_session {
            KEYS_IN_SESSION
        } else {
            KEYS
        };
        Paragraph::new(format!(" {}", keys.get(lang)))
            .wrap(Wrap { trim: true })
            .style(Style::new().fg(Color::DarkGray))
            .render(footer, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn names(list: &str) -> Vec<String> {
        list.split(',').map(str::to_owned).collect()
    }

    fn holders(screen: &RolesScreen) -> Vec<(String, String)> {
        screen
            .slots
            .iter()
            .map(|slot| (slot.role.clone(), screen.members[slot.holder].clone()))
            .collect()
    }

    #[test]
    fn absentees_are_left_out_and_roles_can_be_changed_without_doubling_up() {
        let method = crate::store::library::builtin("intervision")
            .unwrap()
            .unwrap(); // presenter, peer, animateur, secretaire
        let past = vec![PastSession {
            attendees: names("Ana,Ben,Chloé,David,Emma"),
            roles: vec![],
        }];
        let mut screen = RolesScreen::new(method, names("Ana,Ben,Chloé,David,Emma"), past);
        assert!(screen.problem.is_none());
        let before = holders(&screen);
        assert_eq!(
            before.len(),
            3,
            "presenter, animateur, secretaire: {before:?}"
        );
        // Mark the suggested presenter absent: someone else presents.
        let presenter = screen.slots[0].holder;
        screen.cursor = screen.slots.len() + presenter;
        screen.on_key(key(KeyCode::Char(' ')));
        assert!(!screen.present[presenter]);
        assert_ne!(screen.slots[0].holder, presenter);
        let cast = screen.cast();
        assert_eq!(cast.people.len(), 4);
        assert!(
            cast.people
                .iter()
                .all(|person| person.name.as_deref() != Some(screen.members[presenter].as_str()))
        );

        // Give the presenter's place to whoever is animateur: they swap, nobody holds both.
        let animateur = screen
            .slots
            .iter()
            .position(|slot| slot.role == "animateur")
            .unwrap();
        let old_presenter = screen.slots[0].holder;
        for _ in 0..5 {
            screen.cursor = 0;
            screen.on_key(key(KeyCode::Right));
            let cast = screen.cast();
            for person in &cast.people {
                assert!(
                    !(person.roles.contains(&"presenter".to_owned()) && person.roles.len() > 1),
                    "{cast:?}"
                );
            }
        }
        let _ = (animateur, old_presenter);
        assert_eq!(
            screen.on_key(key(KeyCode::Enter)),
            Some(RolesOutcome::Confirm)
        );
    }

    #[test]
    fn the_roles_screen_draws_at_any_size() {
        let method = crate::store::library::builtin("intervision")
            .unwrap()
            .unwrap();
        let screen = RolesScreen::new(method, names("Ana,Ben,Chloé,David,Emma"), vec![]);
        for width in [0, 1, 20, 60, 80, 200] {
            for height in [0, 1, 5, 16, 24, 60] {
                let area = Rect::new(0, 0, width, height);
                let mut buffer = Buffer::empty(area);
                RolesView {
                    screen: &screen,
                    group: "Intervision Lyon",
                    lang: Lang::Fr,
                }
                .render(area, &mut buffer);
            }
        }
    }

    #[test]
    fn too_few_people_present_says_so_and_cannot_continue() {
        let method = crate::store::library::builtin("case-clinic")
            .unwrap()
            .unwrap();
        let mut screen = RolesScreen::new(method, names("Ana,Ben"), vec![]);
        assert!(screen.problem.is_none());
        screen.cursor = screen.slots.len();
        screen.on_key(key(KeyCode::Char(' ')));
        assert!(screen.problem.is_some());
        assert_eq!(screen.on_key(key(KeyCode::Enter)), None);
    }

    #[test]
    fn keys_move_change_holders_toggle_presence_start_and_quit() {
        let method = crate::store::library::builtin("case-clinic")
            .unwrap()
            .unwrap();
        let mut screen = RolesScreen::new(method, names("Ana,Ben,Chloé,David"), vec![]);
        let slots = screen.slots.len();
        assert!(slots > 0);
        // Up and down stay within the rows.
        assert_eq!(screen.on_key(key(KeyCode::Up)), None);
        assert_eq!(screen.cursor, 0);
        for _ in 0..20 {
            screen.on_key(key(KeyCode::Down));
        }
        assert_eq!(screen.cursor, slots + 3);
        screen.on_key(key(KeyCode::Char('k')));
        assert_eq!(screen.cursor, slots + 2);
        // Right then left on a role gives it to someone else, then back.
        screen.cursor = 0;
        let holder = screen.slots[0].holder;
        screen.on_key(key(KeyCode::Right));
        assert_ne!(screen.slots[0].holder, holder);
        screen.on_key(key(KeyCode::Left));
        assert_eq!(screen.slots[0].holder, holder);
        // Space on a role does nothing; on a member it toggles presence.
        let present = screen.present.clone();
        screen.on_key(key(KeyCode::Char(' ')));
        assert_eq!(screen.present, present);
        screen.cursor = screen.slots.len() + 3;
        screen.on_key(key(KeyCode::Char('x')));
        assert!(!screen.present[3]);
        assert!(
            screen
                .cast()
                .people
                .iter()
                .all(|p| p.name.as_deref() != Some("David"))
        );
        screen.on_key(key(KeyCode::Char(' ')));
        assert!(screen.present[3]);
        // Left and right on a member change nobody.
        let slots_before = screen.slots.clone();
        screen.on_key(key(KeyCode::Right));
        assert_eq!(screen.slots, slots_before);
        assert_eq!(
            screen.on_key(key(KeyCode::Enter)),
            Some(RolesOutcome::Confirm)
        );
        assert_eq!(
            screen.on_key(key(KeyCode::Char('q'))),
            Some(RolesOutcome::Quit)
        );
        assert_eq!(screen.on_key(key(KeyCode::Esc)), Some(RolesOutcome::Quit));
    }
}
