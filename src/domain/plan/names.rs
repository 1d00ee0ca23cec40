//! People's names as the operator types them before the start (on the start screen or in the
//! picker), checked as `--people` checks them, and more strictly.

use super::{MAX_PEOPLE, People};
use crate::domain::lang::Bilingual;
use crate::domain::method::text::is_terminal_control;

/// The longest a person's name may be, in characters.
pub const MAX_NAME: usize = 40;

/// Checks names given in seating order: none longer than [`MAX_NAME`] characters, none holding
/// a control character (an escape sequence must never reach a terminal), none given twice
/// (whatever the case).
pub(super) fn check_names(names: &[String]) -> Result<(), Bilingual> {
    for (index, name) in names.iter().enumerate() {
        if name.chars().any(is_terminal_control) {
            return Err(Bilingual::new(
                format!(
                    "name {} holds a control character: write letters, spaces, dots or dashes",
                    index + 1
                ),
                format!(
                    "le prénom n° {} contient un caractère de contrôle : écrivez des lettres, des espaces, des points ou des tirets",
                    index + 1
                ),
            ));
        }
        let length = name.chars().count();
        if length > MAX_NAME {
            let start: String = name.chars().take(12).collect();
            return Err(Bilingual::new(
                format!(
                    "the name \"{start}…\" has {length} characters, more than {MAX_NAME}: shorten it"
                ),
                format!(
                    "le prénom « {start}… » a {length} caractères, plus de {MAX_NAME} : raccourcissez-le"
                ),
            ));
        }
        if names[..index]
            .iter()
            .any(|other| other.to_lowercase() == name.to_lowercase())
        {
            return Err(Bilingual::new(
                format!(
                    "the name \"{name}\" is given twice: add an initial to tell them apart (\"{name} B.\")"
                ),
                format!(
                    "le prénom \"{name}\" est donné deux fois : ajoutez une initiale pour les distinguer (\"{name} B.\")"
                ),
            ));
        }
    }
    Ok(())
}

impl People {
    /// Reads what the operator types in the names field: what `--people` takes (a number, or
    /// names separated by commas, in seating order), more strictly: an empty name (two commas
    /// in a row, a comma at either end) is refused rather than skipped, and so are a name
    /// longer than [`MAX_NAME`] characters, one holding a control character, and one given
    /// twice.
    pub fn parse_typed(text: &str) -> Result<People, Bilingual> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Bilingual::new(
                "type the names separated by commas (Ana, Ben, Chloé), or a number of people",
                "tapez les prénoms séparés par des virgules (Ana, Ben, Chloé), ou un nombre de personnes",
            ));
        }
        if text.parse::<i64>().is_ok() {
            return People::parse(text);
        }
        let names: Vec<String> = text.split(',').map(|name| name.trim().to_owned()).collect();
        if let Some(empty) = names.iter().position(String::is_empty) {
            return Err(Bilingual::new(
                format!(
                    "name {} is empty: write a name between the commas, or remove a comma",
                    empty + 1
                ),
                format!(
                    "le prénom n° {} est vide : écrivez un prénom entre les virgules, ou retirez une virgule",
                    empty + 1
                ),
            ));
        }
        if names.len() > MAX_PEOPLE as usize {
            return People::parse(text);
        }
        check_names(&names)?;
        Ok(People::Names(names))
    }

    /// The names as the names field shows them, ready to be corrected: "Ana, Ben, Chloé";
    /// nothing for people without names.
    pub fn typed(&self) -> String {
        match self {
            People::Count(_) => String::new(),
            People::Names(names) => names.join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_are_read_as_people_does_and_empty_ones_are_refused() {
        assert_eq!(
            People::parse_typed(" Ana , Ben,Chloé ").unwrap(),
            People::Names(vec!["Ana".into(), "Ben".into(), "Chloé".into()])
        );
        assert_eq!(People::parse_typed("6").unwrap(), People::Count(6));
        assert!(People::parse_typed("0").is_err());
        for (text, en, fr) in [
            ("", "type the names", "tapez les prénoms"),
            ("  ", "type the names", "tapez les prénoms"),
            ("Ana,,Ben", "name 2 is empty", "le prénom n° 2 est vide"),
            ("Ana, Ben,", "name 3 is empty", "le prénom n° 3 est vide"),
            (",Ana", "name 1 is empty", "le prénom n° 1 est vide"),
            (
                "Ana, ben, Ana",
                "\"Ana\" is given twice",
                "\"Ana\" est donné deux fois",
            ),
            (
                "Ana, BEN, Ben",
                "\"Ben\" is given twice",
                "\"Ben\" est donné deux fois",
            ),
            (
                "Ana\u{1b}[2J, Ben",
                "name 1 holds a control",
                "n° 1 contient un caractère de contrôle",
            ),
            ("Ana, B\u{9b}en", "name 2 holds a control", "n° 2 contient"),
        ] {
            let error = People::parse_typed(text).unwrap_err();
            assert!(error.en.contains(en), "{text:?}: {}", error.en);
            assert!(error.fr.contains(fr), "{text:?}: {}", error.fr);
        }
        let long = "A".repeat(MAX_NAME + 1);
        let error = People::parse_typed(&format!("Ana, {long}")).unwrap_err();
        assert!(
            error.en.contains("41 characters, more than 40"),
            "{}",
            error.en
        );
        assert!(
            error.fr.contains("41 caractères, plus de 40"),
            "{}",
            error.fr
        );
        assert!(People::parse_typed(&"A".repeat(MAX_NAME)).is_ok());
        let many: Vec<String> = (0..=MAX_PEOPLE).map(|n| format!("P{n}")).collect();
        assert!(People::parse_typed(&many.join(",")).is_err());
    }

    #[test]
    fn people_given_on_the_command_line_are_checked_alike() {
        assert!(
            People::parse("Ana,,Ben").is_ok(),
            "--people skips an empty name"
        );
        assert!(People::parse("Ana\u{7},Ben").is_err());
        assert!(People::parse(&format!("Ana,{}", "B".repeat(MAX_NAME + 1))).is_err());
        assert!(People::parse("Ana,ana").is_err());
    }

    #[test]
    fn the_field_shows_names_as_they_are_typed() {
        let people = People::parse_typed("Ana,Ben").unwrap();
        assert_eq!(people.typed(), "Ana, Ben");
        assert_eq!(People::parse_typed(&people.typed()).unwrap(), people);
        assert_eq!(People::Count(5).typed(), "");
    }
}
