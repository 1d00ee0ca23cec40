//! The domain: methods, casts, timetables, fitting, the session as a state machine, rotation.
//!
//! Pure code: no terminal, no files, no environment, no clock. Time comes in as an argument.

pub mod capture;
pub mod fit;
pub mod group;
pub mod lang;
pub mod method;
pub mod plan;
pub mod rotation;
pub mod session;
