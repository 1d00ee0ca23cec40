//! What people write during a session: notes and captured sentences, the captures pinned on
//! screen, and the follow-up carried from one session to the next. Plain values, shared by the
//! interface that takes them and the store that keeps them.

use std::time::Duration;

/// Something the note-taker wrote, to record in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// A note on a step.
    Note {
        /// The step.
        step: usize,
        /// The session's active time when the note was started.
        at: Duration,
        /// The note.
        text: String,
    },
    /// A captured sentence.
    Capture {
        /// The step.
        step: usize,
        /// The session's active time when it was started.
        at: Duration,
        /// What is captured (`contract`...).
        key: String,
        /// The sentence.
        text: String,
    },
}

/// A captured sentence, pinned on screen for the rest of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    /// What it is (`contract`...).
    pub key: String,
    /// The sentence.
    pub text: String,
}

/// What the previous case giver planned, shown when the next session opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Who planned it.
    pub person: String,
    /// What they planned.
    pub text: String,
    /// The journal it comes from.
    pub from: String,
}
