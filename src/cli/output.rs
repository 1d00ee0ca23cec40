//! What the commands share to print: the outcome type, tables, JSON, warnings.

use std::io::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
        let lang = OUTPUT_LANG.get().copied().unwrap_or_else(super::env_lang);
        Failure::Message(crate::store::io_text::io_text(&error).get(lang).to_owned())
    }
}

/// The language of the command's messages, once the command line is read.
static OUTPUT_LANG: std::sync::OnceLock<crate::domain::lang::Lang> = std::sync::OnceLock::new();

/// Sets the language in which a failed write is told (never the system's English on a French
/// terminal).
pub fn set_output_lang(lang: crate::domain::lang::Lang) {
    let _ = OUTPUT_LANG.set(lang);
}

/// Writes a value as pretty JSON, on a line of its own.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> CmdResult {
    let text = serde_json::to_string_pretty(value).map_err(|error| error.to_string())?;
    writeln!(out, "{text}").map_err(io_error)
}

/// Prints each warning on the error output, labelled in the user's language.
pub fn print_warnings(warnings: &[String], lang: Lang) {
    let label = Bilingual::new("warning:", "attention :");
    for warning in warnings {
        eprintln!("{} {warning}", label.get(lang));
    }
}

/// The width a table must fit in: the terminal's, when the output goes to one (its size, else
/// `COLUMNS`), never under [`MIN_TABLE_WIDTH`]; `None` when the output is piped or redirected,
/// so that other programs get whole lines.
pub fn table_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = crossterm::terminal::size()
        .ok()
        .map(|(width, _)| usize::from(width))
        .filter(|width| *width > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())?;
    Some(columns.max(MIN_TABLE_WIDTH))
}

/// The narrowest width a table is shortened to: below it, lines wrap rather than lose meaning.
pub const MIN_TABLE_WIDTH: usize = 80;

/// The narrowest a shortened column gets, in columns (the `…` included).
const MIN_COLUMN_WIDTH: usize = 6;

/// The space between two columns.
const GAP: usize = 2;

/// Writes rows as left-aligned columns separated by two spaces. With a `width`, the widest
/// column is shortened (its cells cut with `…`), again and again, until each line fits in it;
/// the columns in `keep` (what a user types back, such as an id) are never shortened. Without a
/// width, cells are written whole.
pub fn write_table(
    out: &mut impl Write,
    rows: &[Vec<String>],
    width: Option<usize>,
    keep: &[usize],
) -> std::io::Result<()> {
    for line in table_lines(rows, width, keep) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The lines [`write_table`] writes.
pub fn table_lines(rows: &[Vec<String>], width: Option<usize>, keep: &[usize]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    if let Some(limit) = width {
        let total =
            |widths: &[usize]| widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
        while total(&widths) > limit {
            let Some((widest, _)) = widths
                .iter()
                .enumerate()
                .filter(|(index, width)| **width > MIN_COLUMN_WIDTH && !keep.contains(index))
                .max_by_key(|(index, width)| (**width, *index))
            else {
                break;
            };
            let excess = total(&widths) - limit;
            // The widest column gives what is too much, but not more than it takes to come down
            // to the next widest one (which then shortens in turn).
            let next = widths
                .iter()
                .enumerate()
                .filter(|(index, _)| *index != widest && !keep.contains(index))
                .map(|(_, width)| *width)
                .max()
                .unwrap_or(0)
                .max(MIN_COLUMN_WIDTH);
            let room = widths[widest] - next;
            widths[widest] -= excess.min(room.max(1));
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (index, (cell, width)) in row.iter().zip(widths.iter().copied()).enumerate() {
                let cell = shorten(cell, width);
                let used = cell.width();
                line.push_str(&cell);
                if index + 1 < row.len() {
                    line.push_str(&" ".repeat(width.saturating_sub(used) + GAP));
                }
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// `text` cut to `width` columns, ending with `…` when something was cut.
pub fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        [
            ["ID", "NAME", "ORIGIN"],
            [
                "codev",
                "Codéveloppement professionnel",
                "/home/ana/.config/intervision/methods/codev.toml",
            ],
            ["troika", "Troïka", "intégrée"],
        ]
        .iter()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect()
    }

    #[test]
    fn without_a_width_cells_are_whole() {
        let lines = table_lines(&rows(), None, &[]);
        assert!(lines[1].ends_with("/home/ana/.config/intervision/methods/codev.toml"));
        assert_eq!(lines[0], "ID      NAME                           ORIGIN");
    }

    #[test]
    fn the_widest_column_gives_way_first() {
        let lines = table_lines(&rows(), Some(70), &[]);
        assert!(lines.iter().all(|line| line.width() <= 70), "{lines:#?}");
        assert!(
            lines[1].contains("Codéveloppement professionnel"),
            "{lines:#?}"
        );
        assert!(lines[1].ends_with('…'), "{lines:#?}");
        let lines = table_lines(&rows(), Some(40), &[]);
        assert!(lines.iter().all(|line| line.width() <= 40), "{lines:#?}");
        assert!(lines[1].starts_with("codev   Codéveloppe"), "{lines:#?}");
        // A column kept whole leaves the others to give way.
        let lines = table_lines(&rows(), Some(50), &[1]);
        assert!(lines.iter().all(|line| line.width() <= 50), "{lines:#?}");
        assert!(
            lines[1].starts_with("codev   Codéveloppement professionnel  /ho"),
            "{lines:#?}"
        );
    }

    #[test]
    fn shortening_counts_columns_not_bytes() {
        assert_eq!(shorten("Clinique de cas", 8), "Cliniqu…");
        assert_eq!(shorten("Éé", 2), "Éé");
        assert_eq!(shorten("日本語です", 5), "日本…");
    }
}
