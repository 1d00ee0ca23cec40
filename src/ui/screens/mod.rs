//! The screens shown before a session: each one a state, a `key -> message -> update()` step and
//! a widget drawn from the state alone. The event loop (`runner`) only reads keys, routes them
//! here and draws.

pub mod picker;
pub mod resume_prompt;
pub mod roles;
