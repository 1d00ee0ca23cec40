//! Faults: what happens to sessions when things go wrong (signals, folders, damaged journals,
//! hostile method files).

#[path = "faults/journals.rs"]
mod journals;
#[path = "faults/signals.rs"]
mod signals;
