//! The full-screen interface: the app state, keys, screens and the event loop.
//!
//! Depends on the domain and the store; the only layer that talks to the terminal.

pub mod app;
mod clock;
pub mod glyphs;
pub mod hooks;
pub mod input;
pub mod keymap;
pub mod paint;
pub mod runner;
pub mod screens;
pub mod sound;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod wakes;
pub mod watch;
