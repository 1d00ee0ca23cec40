//! The session's screens, one file each, and its overlays. Each is drawn from the state alone
//! (see [`crate::ui::view::Screen`]).

pub mod help;
pub mod note;
pub mod quiet;
pub mod quit;
pub mod start;
pub mod step;
pub mod summary;
