//! The runner's state around a session: language, overlays, rehearsal speed, what to say on
//! screen; and the mapping from keys to commands. No clock is read here.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::lang::Lang;
use crate::session::{Command, Effects, Phase, Session};

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

/// What the event loop must do after a key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// What the session asks for (sounds, journal events).
    pub effects: Effects,
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
}

impl App {
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
        if key.modifiers.contains(KeyModifiers::CONTROL) && matches!(key.code, KeyCode::Char('c')) {
            outcome.effects = self.session.update(Command::Stop, now);
            outcome.quit = true;
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
        let command = match key.code {
            KeyCode::Char('?') | KeyCode::F(1) | KeyCode::Char('h') => {
                self.overlay = Overlay::Help;
                return outcome;
            }
            KeyCode::Char('q' | 'Q') | KeyCode::Esc => {
                if self.session.phase() == Phase::Finished {
                    outcome.quit = true;
                } else {
                    self.overlay = Overlay::ConfirmQuit;
                }
                return outcome;
            }
            KeyCode::Char('m') => {
                self.quiet = !self.quiet;
                return outcome;
            }
            KeyCode::Char(' ') => match self.session.phase() {
                Phase::Ready => Command::Start,
                _ => Command::TogglePause,
            },
            KeyCode::Enter if self.session.phase() == Phase::Ready => Command::Start,
            KeyCode::Char('n') | KeyCode::Right => Command::NextStep,
            KeyCode::Char('p') | KeyCode::Left => Command::PreviousStep,
            KeyCode::Char('s') | KeyCode::Down | KeyCode::Tab | KeyCode::Enter => {
                Command::NextSpeaker
            }
            KeyCode::Char('x') => Command::Pass,
            KeyCode::Char('+' | '=') | KeyCode::Up => Command::AddMinute,
            KeyCode::Char('-' | '_') => Command::RemoveMinute,
            KeyCode::Char('r') => Command::RestartStep,
            _ => {
                outcome.redraw = false;
                return outcome;
            }
        };
        outcome.effects = self.session.update(command, now);
        outcome
    }

    /// Lets time pass: rings at ends, moves on in automatic mode.
    pub fn on_tick(&mut self, now: Instant) -> Effects {
        self.session.update(Command::Tick, now)
    }
}
