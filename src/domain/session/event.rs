//! What goes in and out of a [`Session`](super::Session): the commands it takes, the phase it is
//! in, and the effects (sounds, journal events) each update asks for.

use std::time::Duration;

use crate::domain::fit::FitError;

/// What a user (or the clock) asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Start the clock (from the start screen).
    Start,
    /// Pause, or resume a paused session.
    TogglePause,
    /// Move to the next step (the current one ends now).
    NextStep,
    /// Go back to the previous step, which starts again.
    PreviousStep,
    /// In a round, give the floor to the next person.
    NextSpeaker,
    /// In a round, the current person passes their turn.
    Pass,
    /// Add a minute to the current step (to the current turn in a round).
    AddMinute,
    /// Take a minute from the current step (from the current turn in a round), down to zero left.
    RemoveMinute,
    /// Start the current step again from zero.
    RestartStep,
    /// Re-fit the steps left so that the session ends when it was planned to, protected and
    /// fixed steps untouched.
    Refit,
    /// End the session now, before its last step.
    Stop,
    /// Time has passed: ring at ends, and in automatic mode move on.
    Tick,
}

/// The stage a session is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the start key.
    Ready,
    /// Steps are running (possibly paused).
    Running,
    /// The last step is over, or the session was stopped.
    Finished,
}

/// A signal the session asks for (a sound, a hook): what happened, not how it sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    /// A step reached its planned end and goes on in overtime (a silence's end is
    /// [`Signal::QuietEnd`]).
    StepEnd,
    /// A turn of a round reached its planned end.
    TurnEnd,
    /// A silence or writing step starts.
    QuietStart,
    /// A silence or writing step reached its planned end, or was left before it.
    QuietEnd,
    /// The step's end is near: the pre-warning (see [`warning_lead`]).
    Warning,
}

/// How long before a step's end the pre-warning comes: one minute, or a fifth of a step shorter
/// than five minutes (at 80 % of it); `lead`, when given (a method or the user config), instead.
/// `None` when the step is too short to be warned (the lead would be the whole step).
pub fn warning_lead(planned: Duration, lead: Option<Duration>) -> Option<Duration> {
    let lead = lead.unwrap_or(if planned < Duration::from_secs(300) {
        planned / 5
    } else {
        Duration::from_secs(60)
    });
    (!lead.is_zero() && lead < planned).then_some(lead)
}

/// Something that happened, for the session's journal. `at` is the active time since the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The clock started.
    SessionStarted,
    /// A step started.
    StepStarted {
        /// The step's position.
        step: usize,
        /// Its planned length.
        planned: Duration,
        /// Active time at the start.
        at: Duration,
    },
    /// A step ended.
    StepEnded {
        /// The step's position.
        step: usize,
        /// Its planned length (with adjustments).
        planned: Duration,
        /// The time it actually took, this time through.
        actual: Duration,
        /// Active time at the end.
        at: Duration,
    },
    /// A turn of a round started.
    TurnStarted {
        /// The step's position.
        step: usize,
        /// The turn's position in the round.
        turn: usize,
        /// The speaker, as an index into the cast.
        person: usize,
        /// Its planned length.
        planned: Duration,
        /// Active time at the start.
        at: Duration,
    },
    /// A turn of a round ended.
    TurnEnded {
        /// The step's position.
        step: usize,
        /// The turn's position in the round.
        turn: usize,
        /// The speaker, as an index into the cast.
        person: usize,
        /// Its planned length.
        planned: Duration,
        /// The time it actually took.
        actual: Duration,
        /// Whether the person passed.
        passed: bool,
    },
    /// The session was paused.
    Paused {
        /// Active time of the pause.
        at: Duration,
    },
    /// The session resumed after a pause.
    Resumed {
        /// Active time of the resumption (the same as the pause's).
        at: Duration,
        /// How long the pause lasted.
        paused: Duration,
    },
    /// The current step (or turn) was lengthened or shortened.
    Adjusted {
        /// The step's position.
        step: usize,
        /// Seconds added (negative: removed).
        seconds: i64,
    },
    /// The steps left were re-fitted to end on time.
    Refitted {
        /// The step in progress.
        step: usize,
        /// The session's planned end (active time from the start).
        target_end: Duration,
        /// Active time of the re-fit.
        at: Duration,
    },
    /// A re-fit was asked but cannot be done; why ([`FitError::message`] says it in both
    /// languages).
    RefitRefused {
        /// Why.
        reason: FitError,
    },
    /// The current step started again.
    Restarted {
        /// The step's position.
        step: usize,
    },
    /// Who holds which role changed ([`Session::recast`](super::Session::recast)); the new
    /// cast is the session's.
    Recast {
        /// The step in progress.
        step: usize,
        /// Active time of the change.
        at: Duration,
    },
    /// The session ended.
    SessionEnded {
        /// Whether every step was run to the end (false when stopped early).
        completed: bool,
        /// Total active time.
        at: Duration,
    },
}

impl Event {
    /// The active time the event happened at, when it carries one.
    pub fn at(&self) -> Option<Duration> {
        match self {
            Event::StepStarted { at, .. }
            | Event::StepEnded { at, .. }
            | Event::TurnStarted { at, .. }
            | Event::Paused { at }
            | Event::Resumed { at, .. }
            | Event::Refitted { at, .. }
            | Event::Recast { at, .. }
            | Event::SessionEnded { at, .. } => Some(*at),
            _ => None,
        }
    }
}

/// What an update asks the program to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effects {
    /// Sounds to make.
    pub signals: Vec<Signal>,
    /// Events to write to the journal, in order.
    pub events: Vec<Event>,
}
