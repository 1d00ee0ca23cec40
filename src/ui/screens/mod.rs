//! Every screen, one file each, drawn from its state alone.
//!
//! - The session's screens and overlays (start, step, quiet, summary; help, quit, note) are
//!   `render_*` methods and widgets over [`crate::ui::view::Screen`]; [`room`] holds the
//!   projector's layout of the step screens (its start and summary are in `room_start` and
//!   `room_summary`).
//! - The screens shown before a session (picker, resume prompt, roles) and the names field each
//!   have a state, a `key -> message -> update()` step and a widget; the event loop (`runner`)
//!   only reads keys, routes them here and draws.

pub mod help;
pub mod names;
pub mod note;
pub mod picker;
pub mod quiet;
pub mod quit;
pub mod resume_prompt;
pub mod roles;
pub mod room;
mod room_parts;
mod room_quiet;
mod room_start;
mod room_summary;
pub mod start;
pub mod step;
pub mod summary;
