//! What the commands share to print: the outcome type, tables, JSON, warnings.

use std::io::Write;

use crate::domain::lang::{Bilingual, Lang};

/// Why a command stopped short.
#[derive(Debug)]
pub enum Failure {
    /// A message for the user, already in their language.
    Message(String),
    /// Whoever read the output stopped reading (`intervision list | head`): not an error.
    ReaderGone,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

/// What a command returns: nothing, or why it stopped short.
pub type CmdResult = Result<(), Failure>;

/// An error writing the output: a closed pipe ends the command quietly, anything else is told.
pub fn io_error(error: std::io::Error) -> Failure {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::ReaderGone
    } else {
        Failure::Message(error.to_string())
    }
}

/// Writes a value as pretty JSON, on a line of its own.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> CmdResult {
    let text = serde_json::to_string_pretty(value).map_err(|error| error.to_string())?;
    writeln!(out, "{text}").map_err(io_error)
}

/// Prints each warning on the error output, labelled in the user's language.
pub fn print_warnings(warnings: &[String], lang: Lang) {
    let label = Bilingual::new("warning", "attention");
    for warning in warnings {
        eprintln!("{}: {warning}", label.get(lang));
    }
}

/// Writes rows as left-aligned columns separated by two spaces.
pub fn write_table(out: &mut impl Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths = vec![0usize; rows.first().map_or(0, Vec::len)];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(widths.iter().copied()).enumerate() {
            line.push_str(cell);
            if index + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
