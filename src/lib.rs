//! `intervision` runs peer-coaching sessions (Case Clinic, codeveloppement, intervision...) from
//! method files: timed steps with roles, prompts and rules, driven full-screen in the terminal.
//!
//! The crate is layered; each layer is a folder, and a lower layer never imports a higher one:
//!
//! 1. [`domain`]: methods, casts, timetables, fitting, the session state machine, rotation. Pure:
//!    no terminal, no file, no environment, no clock read (time comes in as `now: Instant`).
//! 2. [`store`]: files on disk: the method library, group files, the journal, the logbook, resume.
//! 3. [`ui`]: the full-screen interface: app state, key map, screens, the event loop (the only
//!    place that reads the clock).
//! 4. [`cli`]: the command line, one file per command; the only place that turns errors into
//!    exit codes.

#![recursion_limit = "256"]

pub mod cli;
pub mod domain;
pub mod store;
pub mod ui;
