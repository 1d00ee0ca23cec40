//! The runner's state around a session: language, overlays, rehearsal speed, what to say on
//! screen; and the mapping from keys to commands. No clock is read here.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use std::time::Duration;

use crate::domain::lang::{Bilingual, Lang, Tr};
use crate::domain::method::{Record, capture_label};
use crate::domain::plan::{Cast, People, Timetable};
use crate::domain::session::{Command, Effects, Phase, Session};
use crate::ui::input::{InputAction, TextInput};
use crate::ui::keymap::{self, Action};
use crate::ui::screens::names::{NamesField, NamesOutcome};
use crate::ui::screens::roles::{RolesOutcome, RolesScreen};

/// What covers the screen, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing: the session's screen.
    None,
    /// The list of keys.
    Help,
    /// "Quit the session?"
    ConfirmQuit,
}

/// What a text field is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A note on the current step.
    Note,
    /// The sentence a step captures (`contract`, `action-plan`...).
    Capture(String),
}

/// A text field open on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInput {
    /// The text being typed.
    pub field: TextInput,
    /// What it is for.
    pub purpose: Purpose,
    /// The step it belongs to.
    pub step: usize,
    /// The session's active time when it was opened.
    pub opened_at: Duration,
}

pub use crate::domain::capture::{FollowUp, Pinned, Written};

/// Why the names key does nothing once the session has started.
const NAMES_BEFORE_START: Tr = Tr {
    en: "Names are given before the start; R changes who holds which role",
    fr: "Les prénoms se donnent avant le début ; R change qui tient quel rôle",
};

/// Why the names key does nothing in a group's session.
const NAMES_FROM_GROUP: Tr = Tr {
    en: "The names come from the group's file; R changes who holds which role",
    fr: "Les prénoms viennent du fichier du groupe ; R change qui tient quel rôle",
};

/// The capture key under which the chosen consultation module is recorded.
pub const MODULE_KEY: &str = "module";

/// What the event loop must do after a key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// What the session asks for (sounds, journal events).
    pub effects: Effects,
    /// A note or capture to record.
    pub written: Option<Written>,
    /// Leave the program.
    pub quit: bool,
    /// Something on screen changed.
    pub redraw: bool,
}

/// Everything the screen shows: the session and how it is presented.
#[derive(Debug)]
pub struct App {
    /// The session being run.
    pub session: Session,
    /// The method's id (for the journal and the summary).
    pub method_id: String,
    /// The method's file, when it is not a built-in.
    pub method_path: Option<String>,
    /// The interface language.
    pub lang: Lang,
    /// The rehearsal speed (1 for a real session).
    pub speed: u32,
    /// Whether the bell is off.
    pub quiet: bool,
    /// What covers the screen.
    pub overlay: Overlay,
    /// The program's start, on the session's (possibly sped-up) clock.
    pub origin: Instant,
    /// The wall-clock time at `origin`, to show when the session will end.
    pub origin_wall: jiff::Zoned,
    /// A line about the journal (where it is saved, or why it cannot be).
    pub notice: Option<String>,
    /// The group holding the session, if any.
    pub group: Option<String>,
    /// What the log keeps.
    pub record: Record,
    /// The previous case giver's plan, to open the session with.
    pub follow_up: Option<FollowUp>,
    /// The captured sentences, pinned on screen.
    pub pinned: Vec<Pinned>,
    /// The text field being typed in, if any.
    pub input: Option<OpenInput>,
    /// The consultation module the group chose, as an index into the method's modules.
    pub chosen_module: Option<usize>,
    /// The slot the session was fitted to, and whether optional steps were left out.
    pub fit: Option<(Duration, bool)>,
    /// A passing message (why a re-fit cannot be done), cleared by the next key.
    pub flash: Option<String>,
    /// A problem the room must know about (the journal cannot be written), shown on every screen.
    pub warning: Option<String>,
    /// The roles picker, when it is open: who holds which role from now on.
    pub roles: Option<RolesScreen>,
    /// The names field, when it is open (before the start): the people's names, or their number.
    pub names: Option<NamesField>,
    /// The projector's layout or the laptop's (by default, from the window's size).
    pub layout: crate::ui::screens::room::LayoutMode,
    /// Draw for an audience: nothing of the operator's (key bar, help, quit dialog, note field).
    pub audience: bool,
    /// What the terminal can show (no colour, the Linux console's glyphs).
    pub display: crate::ui::glyphs::Display,
    /// Until when the screen flashes for a step's end (on the session's clock).
    pub end_flash: Option<Instant>,
}

impl App {
    /// What the first line of this session's journal says besides the session itself (the
    /// journal and the live state for `watch` start with the same line).
    pub fn start_facts(&self) -> crate::store::journal::StartFacts<'_> {
        crate::store::journal::StartFacts {
            method_id: &self.method_id,
            method_path: self.method_path.as_deref(),
            group: self.group.as_deref(),
            lang: self.lang,
            record: self.record,
            speed: self.speed,
            fit: self.fit,
            follow_up: self.follow_up.as_ref(),
        }
    }

    /// The runner's state for a session that has not started, at `origin` on the session's
    /// clock, which the wall clock reads as `origin_wall`.
    pub fn new(
        session: Session,
        method_id: &str,
        lang: Lang,
        origin: Instant,
        origin_wall: jiff::Zoned,
    ) -> App {
        let record = session.method().record;
        App {
            session,
            method_id: method_id.to_owned(),
            method_path: None,
            lang,
            speed: 1,
            quiet: false,
            overlay: Overlay::None,
            origin,
            origin_wall,
            notice: None,
            group: None,
            record,
            follow_up: None,
            pinned: Vec::new(),
            input: None,
            chosen_module: None,
            fit: None,
            flash: None,
            warning: None,
            roles: None,
            names: None,
            layout: crate::ui::screens::room::LayoutMode::Auto,
            audience: false,
            display: crate::ui::glyphs::Display::default(),
            end_flash: None,
        }
    }

    /// Maps a key to what it does, applies it at `now`, and says what follows.
    pub fn on_key(&mut self, key: KeyEvent, now: Instant) -> Outcome {
        let mut outcome = Outcome {
            redraw: true,
            ..Outcome::default()
        };
        if key.kind == KeyEventKind::Release {
            outcome.redraw = false;
            return outcome;
        }
        // Ctrl-C asks, as `q` does: a text being typed is kept first, as Esc keeps it. Asked
        // again, it confirms.
        if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
            outcome.written = self.close_input();
            // Names being typed are not kept: the people stay as they were.
            self.names = None;
            if self.session.phase() == Phase::Finished {
                outcome.quit = true;
            } else if self.overlay == Overlay::ConfirmQuit {
                outcome.effects = self.session.update(Command::Stop, now);
                outcome.quit = true;
            } else {
                self.overlay = Overlay::ConfirmQuit;
            }
            return outcome;
        }
        self.flash = None;
        if let Some(screen) = &mut self.roles {
            match screen.on_key(key) {
                Some(RolesOutcome::Confirm) => {
                    let cast = screen.cast();
                    self.roles = None;
                    outcome.effects = self.session.recast(cast, now);
                }
                Some(RolesOutcome::Quit) => self.roles = None,
                None => {}
            }
            return outcome;
        }
        if let Some(field) = &mut self.names {
            match field.on_key(key) {
                Some(NamesOutcome::Apply(people)) => match self.seat(&people) {
                    Ok(()) => self.names = None,
                    Err(problem) => {
                        if let Some(field) = &mut self.names {
                            field.refuse(problem);
                        }
                    }
                },
                Some(NamesOutcome::Cancel) => self.names = None,
                None => {}
            }
            return outcome;
        }
        if let Some(open) = &mut self.input {
            if open.field.handle(key) == InputAction::Submit {
                let open = self.input.take().expect("the field is open");
                outcome.written = self.save(open);
            }
            return outcome;
        }
        match self.overlay {
            Overlay::Help => {
                self.overlay = Overlay::None;
                return outcome;
            }
            Overlay::ConfirmQuit => {
                match key.code {
                    KeyCode::Char('y' | 'Y' | 'o' | 'O' | 'q' | 'Q') | KeyCode::Enter => {
                        outcome.effects = self.session.update(Command::Stop, now);
                        outcome.quit = true;
                    }
                    _ => self.overlay = Overlay::None,
                }
                return outcome;
            }
            Overlay::None => {}
        }
        let Some(action) = keymap::action_for(key.code) else {
            outcome.redraw = false;
            return outcome;
        };
        let running = self.session.phase() == Phase::Running;
        let command = match action {
            Action::Help => {
                self.overlay = Overlay::Help;
                return outcome;
            }
            Action::Quit => {
                if self.session.phase() == Phase::Finished {
                    outcome.quit = true;
                } else {
                    self.overlay = Overlay::ConfirmQuit;
                }
                return outcome;
            }
            Action::Bell => {
                self.quiet = !self.quiet;
                return outcome;
            }
            Action::Roles if self.session.phase() != Phase::Finished => {
                self.roles = Some(RolesScreen::for_session(
                    self.session.method().clone(),
                    self.session.cast(),
                    self.lang,
                ));
                return outcome;
            }
            Action::Names => {
                let refusal = if self.session.phase() != Phase::Ready {
                    Some(NAMES_BEFORE_START)
                } else if self.group.is_some() {
                    Some(NAMES_FROM_GROUP)
                } else {
                    None
                };
                match refusal {
                    Some(refusal) => self.flash = Some(refusal.get(self.lang).to_owned()),
                    None => {
                        self.names = Some(NamesField::for_people(&self.session.cast().as_people()))
                    }
                }
                return outcome;
            }
            Action::ChooseModule if running && self.session.step().choose_module => {
                let KeyCode::Char(digit) = key.code else {
                    return outcome;
                };
                let index = digit as usize - '1' as usize;
                let Some(module) = self.session.method().modules.get(index) else {
                    return outcome;
                };
                let text = module.name.get(self.lang).to_owned();
                self.chosen_module = Some(index);
                self.pinned.retain(|pinned| pinned.key != MODULE_KEY);
                self.pinned.push(Pinned {
                    key: MODULE_KEY.to_owned(),
                    text: text.clone(),
                });
                outcome.written = Some(Written::Capture {
                    step: self.session.step_index(),
                    at: self.session.active(now),
                    key: MODULE_KEY.to_owned(),
                    text,
                });
                return outcome;
            }
            Action::Note | Action::Capture if running => {
                let step = self.session.step_index();
                let capture = self.session.step_at(step).capture.clone();
                let purpose = match (action, capture) {
                    (Action::Capture, Some(capture)) => Purpose::Capture(capture),
                    _ => Purpose::Note,
                };
                // A capture opens on what was captured before, to be corrected.
                let field = match &purpose {
                    Purpose::Capture(key) => self
                        .pinned
                        .iter()
                        .find(|pinned| &pinned.key == key)
                        .map_or_else(TextInput::default, |pinned| {
                            TextInput::with_text(&pinned.text)
                        }),
                    Purpose::Note => TextInput::default(),
                };
                self.input = Some(OpenInput {
                    field,
                    purpose,
                    step,
                    opened_at: self.session.active(now),
                });
                return outcome;
            }
            Action::StartPause => match self.session.phase() {
                Phase::Ready => Command::Start,
                _ => Command::TogglePause,
            },
            // Before the start, Enter starts the clock.
            Action::NextSpeaker
                if key.code == KeyCode::Enter && self.session.phase() == Phase::Ready =>
            {
                Command::Start
            }
            Action::NextSpeaker => Command::NextSpeaker,
            Action::NextStep => Command::NextStep,
            Action::PreviousStep => Command::PreviousStep,
            Action::Pass => Command::Pass,
            Action::AddMinute => Command::AddMinute,
            Action::RemoveMinute => Command::RemoveMinute,
            Action::RestartStep => Command::RestartStep,
            Action::Refit => Command::Refit,
            Action::ChooseModule | Action::Note | Action::Capture | Action::Roles => {
                outcome.redraw = false;
                return outcome;
            }
        };
        outcome.effects = self.session.update(command, now);
        outcome
    }

    /// Seats `people` before the start, as `--people` would: the method's roles given in
    /// seating order, the timetable planned anew (and fitted again to the slot, when the
    /// session was fitted). Says why not when the method cannot be run with them.
    pub fn seat(&mut self, people: &People) -> Result<(), Bilingual> {
        let method = self.session.method();
        let cast = Cast::assign(method, people)?;
        let mut table = Timetable::new(method, &cast);
        if let Some((slot, drop_optional)) = self.fit {
            let fitted = crate::domain::fit::fit(
                method,
                &table,
                slot,
                crate::domain::fit::FitOptions { drop_optional },
            )
            .map_err(|error| error.message())?;
            table = crate::domain::fit::apply(&table, &fitted);
        }
        if self.session.reseat(cast, table) {
            Ok(())
        } else {
            Err(NAMES_BEFORE_START.into())
        }
    }

    /// Closes the open text field, if any, keeping what was typed as Esc does; returns it to be
    /// recorded.
    pub fn close_input(&mut self) -> Option<Written> {
        let open = self.input.take()?;
        self.save(open)
    }

    /// Closes a text field: a capture is pinned, and what was typed is returned to be recorded.
    fn save(&mut self, open: OpenInput) -> Option<Written> {
        let text = open.field.text().trim().to_owned();
        if text.is_empty() {
            return None;
        }
        match open.purpose {
            Purpose::Note => Some(Written::Note {
                step: open.step,
                at: open.opened_at,
                text,
            }),
            Purpose::Capture(key) => {
                self.pinned.retain(|pinned| pinned.key != key);
                self.pinned.push(Pinned {
                    key: key.clone(),
                    text: text.clone(),
                });
                Some(Written::Capture {
                    step: open.step,
                    at: open.opened_at,
                    key,
                    text,
                })
            }
        }
    }

    /// Restores what was pinned before a session was interrupted, the chosen module included.
    pub fn restore_pinned(&mut self, pinned: Vec<Pinned>) {
        if let Some(module) = pinned.iter().find(|pinned| pinned.key == MODULE_KEY) {
            self.chosen_module = self.session.method().modules.iter().position(|candidate| {
                crate::domain::lang::Lang::ALL
                    .iter()
                    .any(|lang| candidate.name.get(*lang) == module.text)
            });
        }
        self.pinned = pinned;
    }

    /// The name of what the current step captures, if it captures something.
    pub fn capture_label(&self) -> Option<String> {
        let step = self.session.step();
        step.capture
            .as_deref()
            .map(|key| capture_label(key, self.lang))
    }

    /// Lets time pass: rings at ends, moves on in automatic mode.
    pub fn on_tick(&mut self, now: Instant) -> Effects {
        self.session.update(Command::Tick, now)
    }
}
