//! `intervision` runs peer-coaching sessions (Case Clinic, codeveloppement, intervision...) from
//! method files: timed steps with roles, prompts and rules, driven full-screen in the terminal.
//!
//! The domain ([`method`], [`plan`]) knows nothing of the terminal, the clock or the file system.

pub mod app;
pub mod cast_screen;
pub mod cli;
pub mod fit;
pub mod group;
pub mod input;
pub mod journal;
pub mod lang;
pub mod library;
pub mod logbook;
pub mod method;
pub mod plan;
pub mod resume;
pub mod rotation;
pub mod runner;
pub mod session;
pub mod view;
