//! Errors in method files, located by line and column, with what to do about them.

use std::ops::Range;

use crate::domain::lang::{Bilingual, Lang};

/// A problem found in a method file: where it is, what is wrong and what is accepted there.
/// Shown as its English rendering; [`MethodError::render`] gives it in either language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render(Lang::En).trim_end())]
pub struct MethodError {
    /// How the file is named to the user (a path, or `builtin:ID`).
    pub origin: String,
    /// Where in the file, when the problem has a place.
    pub location: Option<Box<Location>>,
    /// What is wrong.
    pub message: Bilingual,
    /// What is accepted there, or what to do.
    pub help: Option<Box<Bilingual>>,
}

/// A place in a file: 1-based line and column (in characters), and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The line, counting from 1.
    pub line: usize,
    /// The column, counting characters from 1.
    pub column: usize,
    /// The whole line, to show under the message.
    pub line_text: String,
    /// How many characters to underline from `column`.
    pub width: usize,
}

impl Location {
    /// Locates a byte span of `source`.
    pub fn from_span(source: &str, span: Range<usize>) -> Location {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let width = source[start..end.min(line_end)].chars().count().max(1);
        Location {
            line,
            column,
            line_text: source[line_start..line_end]
                .trim_end_matches('\r')
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect(),
            width,
        }
    }
}

fn floor_char_boundary(source: &str, mut index: usize) -> usize {
    while !source.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl MethodError {
    /// An error at a span of the file's text.
    pub fn at(
        origin: &str,
        source: &str,
        span: Option<Range<usize>>,
        message: Bilingual,
        help: Option<Bilingual>,
    ) -> Self {
        MethodError {
            origin: origin.to_owned(),
            location: span.map(|span| Box::new(Location::from_span(source, span))),
            message,
            help: help.map(Box::new),
        }
    }

    /// The error as printed by `intervision check`: `error: FILE:LINE:COLUMN: message`, the line
    /// with a caret under the place, then a `help:` line.
    pub fn render(&self, lang: Lang) -> String {
        let label = match lang {
            // French puts a space before a colon.
            Lang::En => ("error:", "help:"),
            Lang::Fr => ("erreur :", "aide :"),
        };
        let mut out = String::new();
        match &self.location {
            Some(location) => {
                out.push_str(&format!(
                    "{} {}:{}:{}: {}\n",
                    label.0,
                    self.origin,
                    location.line,
                    location.column,
                    self.message.get(lang)
                ));
                let number = location.line.to_string();
                let pad = " ".repeat(number.len());
                let shown: String = location.line_text.chars().take(200).collect();
                out.push_str(&format!("{pad} |\n{number} | {shown}\n"));
                out.push_str(&format!(
                    "{pad} | {}{}\n",
                    " ".repeat(location.column - 1),
                    "^".repeat(location.width.min(80))
                ));
            }
            None => out.push_str(&format!(
                "{} {}: {}\n",
                label.0,
                self.origin,
                self.message.get(lang)
            )),
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("{} {}\n", label.1, help.get(lang)));
        }
        out
    }
}

/// The text of a file of the given kind ("a method file", "un fichier de méthode"): refused when
/// it is larger than `max_bytes` or not UTF-8, with an error that says so and what to do.
pub(crate) fn file_text<'a>(
    origin: &str,
    bytes: &'a [u8],
    kind: crate::domain::lang::Tr,
    max_bytes: usize,
) -> Result<&'a str, MethodError> {
    let (en, fr) = (kind.en, kind.fr);
    if bytes.len() > max_bytes {
        return Err(MethodError::at(
            origin,
            "",
            None,
            Bilingual::new(
                format!(
                    "the file is {} bytes long, more than {en} can be",
                    bytes.len()
                ),
                format!(
                    "le fichier fait {} octets, plus qu'{fr} ne peut en avoir",
                    bytes.len()
                ),
            ),
            Some(Bilingual::new(
                format!("{en} is at most 1 MiB; check that this is the file you meant"),
                format!("{fr} fait au plus 1 Mio ; vérifiez qu'il s'agit du bon fichier"),
            )),
        ));
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        MethodError::at(
            origin,
            valid,
            Some(valid.len()..valid.len()),
            Bilingual::new(
                format!(
                    "this is not UTF-8 text (byte {} cannot be read)",
                    error.valid_up_to() + 1
                ),
                format!(
                    "ce n'est pas du texte UTF-8 (l'octet {} est illisible)",
                    error.valid_up_to() + 1
                ),
            ),
            Some(Bilingual::new(
                format!("{en} is a TOML text file saved as UTF-8; save it again as UTF-8 text"),
                format!("{fr} est un texte TOML enregistré en UTF-8 ; réenregistrez-le en UTF-8"),
            )),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let source = "a = 1\nnom = \"Défi\" x\n";
        let offset = source.find('x').unwrap();
        let location = Location::from_span(source, offset..offset + 1);
        assert_eq!((location.line, location.column), (2, 14));
        assert_eq!(location.line_text, "nom = \"Défi\" x");
    }

    #[test]
    fn a_span_past_the_end_points_at_the_last_line() {
        let source = "name = \"x\"";
        let location = Location::from_span(source, 100..120);
        assert_eq!((location.line, location.column), (1, 11));
    }
}
