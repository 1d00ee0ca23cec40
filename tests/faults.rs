#[path = "faults/journals.rs"]
mod journals;
