//! Faults: what happens to sessions when things go wrong (signals, folders, journals).

#[path = "faults/signals.rs"]
mod signals;
