//! The journal's schema, format 1: one typed value per line, tagged by its `event`.
//!
//! The writer ([`super::Journal`]) serializes [`JournalLine`]s, and both readers (resuming a
//! session and the logbook) deserialize them, so the format is written down in one place:
//! `docs/journal-format.md` describes it for people. Readers are lenient as the format asks: a
//! `null` field is a missing one, a whole number may be written as `12.0`, unknown fields are
//! ignored and unknown events read as [`JournalEvent::Unknown`].

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, de::Error as _};

use crate::domain::method::Record;

/// The version of the journal format written here, and the newest one read.
pub const FORMAT: u32 = 1;

/// The largest number of seconds a journal may give (about 31 years): more is a damaged file,
/// refused where it is read so that no time computed from it can overflow.
pub const MAX_SECONDS: f64 = 1e9;

/// The largest whole number a journal may give (a step, a turn, a planned length in seconds):
/// more is a damaged file.
pub const MAX_WHOLE: u64 = 1_000_000_000;

/// One line of a journal: when it was written and what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    /// Wall-clock time of the event, RFC 3339 with the local offset and milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The session's active time at the event, in seconds (most events give it).
    #[serde(
        default,
        deserialize_with = "opt_seconds",
        skip_serializing_if = "Option::is_none"
    )]
    pub at_s: Option<f64>,
    /// What the line records.
    #[serde(flatten)]
    pub event: JournalEvent,
}

impl JournalLine {
    /// A line for `event` written at `time`.
    pub fn new(time: &str, event: JournalEvent) -> JournalLine {
        JournalLine {
            time: Some(time.to_owned()),
            at_s: None,
            event,
        }
    }

    /// The same line, given the session's active time in seconds.
    pub fn at(self, at_s: f64) -> JournalLine {
        JournalLine {
            at_s: Some(at_s),
            ..self
        }
    }

    /// The line as written to the file, without its line feed (keys in alphabetical order).
    pub fn to_json(&self) -> serde_json::Result<String> {
        // Going through a `Value` sorts the keys, as journals have always been written.
        serde_json::to_value(self).map(|value| value.to_string())
    }

    /// The session's active time at this line, if the line gives one (for a `session_end`,
    /// its `active_s`).
    pub fn active_time(&self) -> Option<f64> {
        match self.event {
            JournalEvent::SessionEnd { active_s, .. } => self.at_s.or(active_s),
            _ => self.at_s,
        }
    }
}

/// A duration as journals write it: seconds, rounded to the millisecond.
pub fn journal_seconds(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 1000.0).round() / 1000.0
}

/// What a journal line records, tagged by its `event` field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum JournalEvent {
    /// The first line: the method, the group, the people, the plan.
    SessionStart(Box<SessionStart>),
    /// A step started.
    StepStart {
        /// The step's position, from 0.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The step's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Its planned length as it starts.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        planned_s: Option<u64>,
    },
    /// A step ended (one passage of it).
    StepEnd {
        /// The step's position, from 0.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The step's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Its planned length as it ends, adjustments included.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        planned_s: Option<u64>,
        /// The time this passage took.
        #[serde(deserialize_with = "seconds")]
        actual_s: f64,
    },
    /// A turn of a round started.
    TurnStart {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The turn's position in the round, from 0.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        turn: Option<usize>,
        /// The speaker's label.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        /// The turn's planned length.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        planned_s: Option<u64>,
    },
    /// A turn of a round ended.
    TurnEnd {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The turn's position in the round, from 0.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        turn: Option<usize>,
        /// The speaker's label.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        /// The turn's planned length.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        planned_s: Option<u64>,
        /// The time the turn took.
        #[serde(deserialize_with = "seconds")]
        actual_s: f64,
        /// Whether the speaker passed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        passed: Option<bool>,
    },
    /// The clock was paused.
    Pause,
    /// The clock went on after a pause.
    Resume {
        /// How long the pause lasted.
        #[serde(
            default,
            deserialize_with = "opt_seconds",
            skip_serializing_if = "Option::is_none"
        )]
        paused_s: Option<f64>,
    },
    /// The current step (or turn) was lengthened or shortened.
    Adjust {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// Seconds added (negative: removed).
        #[serde(deserialize_with = "int")]
        delta_s: i64,
    },
    /// The current step started again from zero.
    Restart {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
    },
    /// The steps left were re-fitted to end on time.
    Refit {
        /// The step the session was in.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        step: Option<usize>,
        /// The session's target end, in active seconds.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        target_s: Option<u64>,
        /// Every step's planned length after the re-fit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        planned_s: Option<Vec<u64>>,
    },
    /// A note typed during a step.
    Note {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The note.
        text: String,
    },
    /// The sentence a step asks to capture.
    Capture {
        /// The step's position.
        #[serde(deserialize_with = "whole")]
        step: usize,
        /// The capture's key (`contract`...).
        key: String,
        /// Its name in the session's language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        /// The sentence.
        text: String,
    },
    /// Who holds which role changed during the session: from here on, this is the cast.
    Cast {
        /// The step in progress.
        #[serde(
            default,
            deserialize_with = "opt_whole",
            skip_serializing_if = "Option::is_none"
        )]
        step: Option<usize>,
        /// The whole cast, in the same order as the first line's.
        #[serde(deserialize_with = "list")]
        people: Vec<PersonEntry>,
    },
    /// The program was killed and the session resumed from here.
    Resumed,
    /// The program was stopped by a signal (the terminal closed, a SIGTERM): the session did not
    /// end and can be resumed from this line's `at_s`.
    Suspended,
    /// The last line of a session that ended.
    SessionEnd {
        /// Whether every step was run to the end.
        completed: bool,
        /// The session's total active time.
        #[serde(
            default,
            deserialize_with = "opt_seconds",
            skip_serializing_if = "Option::is_none"
        )]
        active_s: Option<f64>,
        /// Whether a killed session was closed as interrupted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        interrupted: Option<bool>,
    },
    /// An event this version does not know: skipped by readers.
    #[serde(other)]
    Unknown,
}

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionStart {
    /// The format version (a journal without one is format 1).
    #[serde(
        default,
        deserialize_with = "opt_whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub format: Option<u64>,
    /// The method.
    pub method: MethodEntry,
    /// The group's name.
    #[serde(default)]
    pub group: Option<String>,
    /// The session's language tag (`en`, `fr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What the journal keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
    /// The clock's speed: 1 for a real session.
    #[serde(
        default,
        deserialize_with = "opt_whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub speed: Option<u64>,
    /// Whether steps moved on by themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto: Option<bool>,
    /// The cast, in order.
    #[serde(default, deserialize_with = "list")]
    pub people: Vec<PersonEntry>,
    /// The method's roles.
    #[serde(default, deserialize_with = "list")]
    pub roles: Vec<RoleEntry>,
    /// The method's steps, in order.
    #[serde(default, deserialize_with = "list")]
    pub steps: Vec<StepEntry>,
    /// The planned length of the whole session.
    #[serde(
        default,
        deserialize_with = "opt_whole",
        skip_serializing_if = "Option::is_none"
    )]
    pub planned_s: Option<u64>,
    /// The slot the session was fitted to, if any (not written by the oldest versions).
    #[serde(default)]
    pub fit: Option<FitEntry>,
    /// What someone committed to at the previous session.
    #[serde(default)]
    pub follow_up: Option<FollowUpEntry>,
}

/// The method of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodEntry {
    /// Its id (`codev`, or the file's name).
    pub id: String,
    /// Its name in the session's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its file, `None` for a built-in method.
    #[serde(default)]
    pub path: Option<String>,
}

/// A person of the cast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonEntry {
    /// How the session shows the person.
    pub label: String,
    /// Their name, if given.
    #[serde(default)]
    pub name: Option<String>,
    /// Their role ids.
    #[serde(default, deserialize_with = "list")]
    pub roles: Vec<String>,
}

/// A role of the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleEntry {
    /// Its id.
    pub id: String,
    /// Its name in the session's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its function (`case-giver`...), if any.
    #[serde(default)]
    pub function: Option<String>,
}

/// A step of the method, as planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepEntry {
    /// Its name.
    pub name: String,
    /// Its kind (`talk`, `round`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Its planned length for this cast.
    #[serde(deserialize_with = "whole")]
    pub planned_s: u64,
    /// The key of the sentence it asks to capture.
    #[serde(default)]
    pub capture: Option<String>,
}

/// The slot a session was fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitEntry {
    /// The slot's length.
    #[serde(deserialize_with = "whole")]
    pub slot_s: u64,
    /// Whether optional steps were left out.
    #[serde(default)]
    pub drop_optional: bool,
}

/// What someone committed to at the previous session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpEntry {
    /// Who.
    pub person: String,
    /// What.
    pub text: String,
    /// The id of the journal it comes from.
    #[serde(default)]
    pub from: Option<String>,
}

/// A whole number as a journal writes it: `12`, or `12.0` from another writer.
fn whole_number(number: &serde_json::Number) -> Option<u64> {
    number
        .as_u64()
        .or_else(|| {
            number
                .as_f64()
                .filter(|float| *float >= 0.0 && float.fract() == 0.0 && *float <= MAX_WHOLE as f64)
                .map(|float| float as u64)
        })
        .filter(|whole| *whole <= MAX_WHOLE)
}

fn whole<'de, D: Deserializer<'de>, T: TryFrom<u64>>(deserializer: D) -> Result<T, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    whole_number(&number)
        .and_then(|whole| T::try_from(whole).ok())
        .ok_or_else(|| D::Error::custom("not a whole number"))
}

fn opt_whole<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Number>::deserialize(deserializer)?
        .map(|number| {
            whole_number(&number)
                .and_then(|whole| T::try_from(whole).ok())
                .ok_or_else(|| D::Error::custom("not a whole number"))
        })
        .transpose()
}

fn int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    number
        .as_i64()
        .or_else(|| {
            number
                .as_f64()
                .filter(|float| float.fract() == 0.0 && float.abs() <= MAX_WHOLE as f64)
                .map(|float| float as i64)
        })
        .filter(|int| int.unsigned_abs() <= MAX_WHOLE)
        .ok_or_else(|| D::Error::custom("not a whole number"))
}

fn valid_seconds<E: serde::de::Error>(seconds: f64) -> Result<f64, E> {
    if seconds_fit(seconds) {
        Ok(seconds)
    } else {
        Err(E::custom("not a number of seconds"))
    }
}

/// Whether `seconds` reads as a time of a journal: finite, not negative, not huge.
pub fn seconds_fit(seconds: f64) -> bool {
    seconds.is_finite() && (0.0..=MAX_SECONDS).contains(&seconds)
}

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    valid_seconds(f64::deserialize(deserializer)?)
}

fn opt_seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)?
        .map(valid_seconds)
        .transpose()
}

/// A list; `null` reads as an empty one.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
