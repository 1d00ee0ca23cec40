//! The two interface languages and the bilingual strings the program shows.

use std::fmt;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every interface language, in the order they are documented.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language's tag as written in method files and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses a tag such as `fr`, `fr_CA.UTF-8` or `en-GB`; `None` when it is neither language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("fr") {
            Some(Lang::Fr)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; French
    /// when the first one set starts with `fr`, English otherwise.
    pub fn from_env_values(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty())
            .map(|value| {
                if value.to_ascii_lowercase().starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                }
            })
            .unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A fixed piece of interface text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    /// The English text.
    pub en: &'static str,
    /// The French text.
    pub fr: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// A piece of interface text built at run time, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    /// The English text.
    pub en: String,
    /// The French text.
    pub fr: String,
}

impl Bilingual {
    /// Builds a text from its two versions.
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Bilingual {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

impl From<Tr> for Bilingual {
    fn from(tr: Tr) -> Self {
        Bilingual::new(tr.en, tr.fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_picks_french_only_when_it_says_so() {
        let cases = [
            (None, None, Some("fr_FR.UTF-8"), Lang::Fr),
            (None, None, Some("fr_CA.UTF-8"), Lang::Fr),
            (None, None, Some("en_US.UTF-8"), Lang::En),
            (Some("fr_BE.UTF-8"), None, Some("en_US.UTF-8"), Lang::Fr),
            (Some(""), Some("fr_CH.UTF-8"), Some("en_US.UTF-8"), Lang::Fr),
            (None, None, Some("C.UTF-8"), Lang::En),
            (None, None, None, Lang::En),
        ];
        for (lc_all, lc_messages, lang, expected) in cases {
            assert_eq!(
                Lang::from_env_values(lc_all, lc_messages, lang),
                expected,
                "{lc_all:?} {lc_messages:?} {lang:?}"
            );
        }
    }

    #[test]
    fn tags_parse_with_regions() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("de"), None);
    }
}
