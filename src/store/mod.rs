//! Storage: where files are ([`paths`]), private files and atomic writes ([`files`]), the
//! method library, group files, the session journal, the logbook and resuming.
//!
//! Reads and writes files; depends on the domain only.

pub mod config;
pub mod files;
pub mod group;
pub mod io_text;
pub mod journal;
pub mod library;
pub mod live;
pub mod logbook;
pub mod paths;
pub mod resume;
pub mod text;
