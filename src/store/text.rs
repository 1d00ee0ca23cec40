//! Text read from files, made safe to print: a method's name, a note, a group's name may hold
//! control characters (an escape sequence that retitles or clears the terminal, writes to the
//! clipboard with OSC 52, rings the bell). They are shown escaped, as `\u{1b}`, never sent raw.

use std::borrow::Cow;
use std::io::{self, Write};

pub use crate::domain::method::text::is_terminal_control as is_unsafe;

/// `text` with every control character but tab and line feed written as `\u{..}`; borrowed when
/// there is none.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            safe.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

/// A writer that escapes control characters (see [`printable`]) in everything written through
/// it; bytes that are not UTF-8 are written as U+FFFD. Commands print through it, so nothing
/// read from a file reaches the terminal raw.
pub struct Printable<W: Write> {
    inner: W,
}

impl<W: Write> Printable<W> {
    /// Escapes what is written to `inner`.
    pub fn new(inner: W) -> Self {
        Printable { inner }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Formatted output comes in whole characters: each call is escaped on its own.
        let text = String::from_utf8_lossy(buf);
        self.inner.write_all(printable(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_bell_del_and_c1_are_escaped_and_text_is_kept() {
        let hostile = "A\u{1b}]0;TITLE\u{7}\u{1b}[2J\u{7f}\u{9b}B\téé\nC";
        assert_eq!(
            printable(hostile),
            "A\\u{1b}]0;TITLE\\u{7}\\u{1b}[2J\\u{7f}\\u{9b}B\téé\nC"
        );
        assert!(matches!(printable("Séance : ok"), Cow::Borrowed(_)));
        let mut out = Printable::new(Vec::new());
        let clipboard = "\u{1b}]52;c;aGk=\u{7}";
        write!(out, "{clipboard}").unwrap();
        let written = String::from_utf8(out.inner).unwrap();
        assert!(!written.chars().any(is_unsafe), "{written}");
    }
}
