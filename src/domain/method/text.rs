//! Texts of a method file: a plain string, or a table of languages.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::domain::lang::Lang;

/// A text written in one or more languages, as a method file gives it.
///
/// Lookups fall back in this order: the language asked for, English, then the first language the
/// text has; a text is never empty of languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    versions: Vec<(String, String)>,
}

impl Text {
    /// A text in a single language.
    pub fn single(language: &str, text: impl Into<String>) -> Text {
        Text {
            versions: vec![(language.to_owned(), text.into())],
        }
    }

    /// The text in `lang`, or in the best other language it has.
    pub fn get(&self, lang: Lang) -> &str {
        self.find(lang.tag())
            .or_else(|| self.find(Lang::En.tag()))
            .unwrap_or_else(|| &self.versions[0].1)
    }

    /// Whether the text is written in `lang` itself (not through a fallback).
    pub fn has(&self, lang: Lang) -> bool {
        self.find(lang.tag()).is_some()
    }

    /// The language tags this text is written in.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.versions.iter().map(|(tag, _)| tag.as_str())
    }

    fn find(&self, primary: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(tag, _)| tag.split('-').next() == Some(primary))
            .map(|(_, text)| text.as_str())
    }
}

/// Whether `tag` is a language tag a method file may use: two or three lowercase letters,
/// optionally followed by `-` and a region of two letters or three digits (`fr`, `fr-CA`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let region_ok = match parts.next() {
        None => true,
        Some(region) => {
            (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
                || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()))
        }
    };
    primary_ok && region_ok && parts.next().is_none()
}

/// A text as read from the file, before the file's `language` is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawText {
    /// A plain string, in the file's language.
    Plain(String),
    /// A table of languages, in file order.
    Languages(Vec<(String, String)>),
}

impl RawText {
    /// Resolves the text, giving plain strings the file's language.
    pub fn resolve(self, file_language: &str) -> Text {
        match self {
            RawText::Plain(text) => Text::single(file_language, text),
            RawText::Languages(versions) => Text { versions },
        }
    }
}

/// Whether `c` must never reach a terminal raw: C0 controls but tab and line feed, DEL, and C1
/// controls (an escape sequence can retitle or clear the terminal, or write to the clipboard).
pub fn is_terminal_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// The start of the reader's message for a text holding a control character.
pub(crate) const CONTROL_CHARACTER: &str = "control character";

/// Refuses a text holding a control character, naming it.
fn no_control<E: de::Error>(text: &str) -> Result<(), E> {
    match text.chars().find(|&c| is_terminal_control(c)) {
        Some(c) => Err(E::custom(format!(
            "{CONTROL_CHARACTER} U+{:04X} in a text",
            u32::from(c)
        ))),
        None => Ok(()),
    }
}

/// What a text field accepts, as error messages say it.
pub const TEXT_EXPECTED: &str =
    "a string, or a table of languages such as { en = \"...\", fr = \"...\" }";

impl<'de> serde::Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(TEXT_EXPECTED)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawText, E> {
                no_control(value)?;
                Ok(RawText::Plain(value.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
                let mut versions: Vec<(String, String)> = Vec::new();
                while let Some(tag) = map.next_key::<String>()? {
                    if !is_language_tag(&tag) {
                        return Err(de::Error::custom(format!(
                            "`{tag}` is not a language tag, expected a language such as `en` or `fr` (two or three lowercase letters, optionally with a region: `fr-CA`)"
                        )));
                    }
                    let text = map.next_value::<String>()?;
                    no_control(&text)?;
                    versions.push((tag, text));
                }
                if versions.is_empty() {
                    return Err(de::Error::custom(
                        "empty text table, expected at least one language, such as { en = \"...\", fr = \"...\" }",
                    ));
                }
                Ok(RawText::Languages(versions))
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english_then_first() {
        let both = RawText::Languages(vec![
            ("fr".into(), "Clinique".into()),
            ("en".into(), "Clinic".into()),
        ])
        .resolve("en");
        assert_eq!(both.get(Lang::Fr), "Clinique");
        assert_eq!(both.get(Lang::En), "Clinic");

        let quebec = RawText::Languages(vec![("fr-CA".into(), "Séance".into())]).resolve("en");
        assert_eq!(quebec.get(Lang::Fr), "Séance");
        assert_eq!(quebec.get(Lang::En), "Séance");
        assert!(!quebec.has(Lang::En));

        let plain = RawText::Plain("Silence".into()).resolve("fr");
        assert!(plain.has(Lang::Fr));
        assert_eq!(plain.get(Lang::En), "Silence");
    }

    #[test]
    fn language_tags() {
        for good in ["en", "fr", "fr-CA", "de", "nl-BE", "es-419", "gsw"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "",
            "e",
            "english",
            "EN",
            "fr_CA",
            "fr-",
            "fr-CA-x",
            "klingon-long",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
