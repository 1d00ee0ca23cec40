//! Turns the TOML reader's errors into messages a person can act on, in both languages.

use super::error::MethodError;
use super::raw::{COUNT_EXPECTED, DURATION_EXPECTED, REPEAT_EXPECTED, SPEAKER_EXPECTED};
use super::text::TEXT_EXPECTED;
use crate::domain::lang::Bilingual;

/// Builds the error for a failed TOML read of a method file.
pub(super) fn from_toml(origin: &str, source: &str, error: &toml::de::Error) -> MethodError {
    toml_error(origin, source, error, explain)
}

/// Builds the error for a failed TOML read, `explain` turning the reader's message into what is
/// wrong and what to do (method and group files each explain their own fields).
pub(crate) fn toml_error(
    origin: &str,
    source: &str,
    error: &toml::de::Error,
    explain: fn(&str) -> (Bilingual, Bilingual),
) -> MethodError {
    let message = error.message().trim();
    let (message, help) = match (message.starts_with("duplicate key"), error.span()) {
        (true, Some(span)) => duplicate_key(source.get(span).unwrap_or_default()),
        _ => explain(message),
    };
    // Errors with no place (a missing top-level key) point at the start of the file.
    let span = error.span().or(Some(0..0));
    MethodError::at(origin, source, span, message, Some(help))
}

/// Splits `what, expected X` into its two halves.
fn split_expected(message: &str) -> (&str, Option<&str>) {
    match message.find(", expected ") {
        Some(at) => (&message[..at], Some(&message[at + ", expected ".len()..])),
        None => (message, None),
    }
}

/// Returns the text between the first pair of backticks.
fn quoted(message: &str) -> &str {
    message.split('`').nth(1).unwrap_or(message)
}

fn explain(message: &str) -> (Bilingual, Bilingual) {
    let (what, expected) = split_expected(message);
    if let Some(rest) = what.strip_prefix("unknown field ") {
        let key = quoted(rest);
        let accepted = match expected {
            Some(list) => list.replace("one of ", ""),
            None if message.contains("there are no fields") => "no key".to_owned(),
            None => "see docs/method-format.md".to_owned(),
        };
        return (
            Bilingual::new(
                format!("unknown key `{key}`"),
                format!("clé inconnue `{key}`"),
            ),
            Bilingual::new(
                format!("check the spelling; the keys accepted here are {accepted}"),
                format!(
                    "vérifiez l'orthographe ; les clés acceptées ici sont {}",
                    accepted.replace(" or ", " ou ")
                ),
            ),
        );
    }
    if let Some(rest) = what.strip_prefix("missing field ") {
        let key = quoted(rest);
        return missing(key);
    }
    if let Some(rest) = what.strip_prefix("unknown variant ") {
        return unknown_variant(quoted(rest), expected);
    }
    if let Some(rest) = what.strip_prefix("invalid type: ") {
        let expected = expected.unwrap_or("another type");
        return (
            Bilingual::new(
                format!("wrong type: {rest}"),
                format!("type incorrect : {}", french_type(rest)),
            ),
            Bilingual::new(
                format!("expected {}", english_expected(expected)),
                format!("attendu : {}", french_expected(expected)),
            ),
        );
    }
    if let Some(rest) = what.strip_prefix("invalid value: ") {
        let expected = expected.unwrap_or("another value");
        return (
            Bilingual::new(
                format!("invalid value: {rest}"),
                format!("valeur incorrecte : {}", french_type(rest)),
            ),
            Bilingual::new(
                format!("expected {}", english_expected(expected)),
                format!("attendu : {}", french_expected(expected)),
            ),
        );
    }
    if what.starts_with("zero duration")
        || what.starts_with("unreadable duration")
        || what.starts_with("duration ")
    {
        let value = what.split('"').nth(1).unwrap_or_default();
        let (en, fr) = if what.starts_with("zero") {
            (
                format!("the duration \"{value}\" is zero"),
                format!("la durée \"{value}\" est nulle"),
            )
        } else if what.starts_with("unreadable") {
            (
                format!("cannot read the duration \"{value}\""),
                format!("durée illisible : \"{value}\""),
            )
        } else {
            (
                format!("the duration \"{value}\" is longer than a day"),
                format!("la durée \"{value}\" dépasse une journée"),
            )
        };
        return (Bilingual::new(en, fr), duration_help());
    }
    if what.starts_with("count ") {
        let value = what
            .trim_start_matches("count ")
            .trim_end_matches(" is not possible");
        return (
            Bilingual::new(
                format!("the count {value} is not possible"),
                format!("le nombre {value} n'est pas possible"),
            ),
            Bilingual::new(
                format!("expected {COUNT_EXPECTED}"),
                format!("attendu : {}", french_expected(COUNT_EXPECTED)),
            ),
        );
    }
    if what.contains("is not a language tag") {
        let tag = quoted(what);
        return (
            Bilingual::new(
                format!("`{tag}` is not a language tag"),
                format!("`{tag}` n'est pas une étiquette de langue"),
            ),
            Bilingual::new(
                "write a language such as en or fr (two or three lowercase letters, optionally with a region: fr-CA)",
                "écrivez une langue comme en ou fr (deux ou trois lettres minuscules, avec une région si besoin : fr-CA)",
            ),
        );
    }
    if let Some(rest) = what.strip_prefix(super::text::CONTROL_CHARACTER) {
        let code = rest.split_whitespace().next().unwrap_or_default();
        return (
            Bilingual::new(
                format!(
                    "this text holds a control character ({code}), which could take over the terminal"
                ),
                format!(
                    "ce texte contient un caractère de contrôle ({code}), qui pourrait prendre la main sur le terminal"
                ),
            ),
            Bilingual::new(
                "remove it: a text may hold letters, punctuation, tabs and line breaks, but no escape sequence, bell or other control character",
                "retirez-le : un texte peut contenir des lettres, de la ponctuation, des tabulations et des retours à la ligne, mais aucune séquence d'échappement, sonnerie ni autre caractère de contrôle",
            ),
        );
    }
    if what.starts_with("empty text table") {
        return (
            Bilingual::new(
                "this text has no language in it",
                "ce texte ne contient aucune langue",
            ),
            Bilingual::new(
                "write a string, or a table such as { en = \"...\", fr = \"...\" }",
                "écrivez une chaîne, ou une table comme { en = \"...\", fr = \"...\" }",
            ),
        );
    }
    // Anything else is a TOML syntax error.
    (
        Bilingual::new(
            format!("TOML syntax: {message}"),
            format!("syntaxe TOML : {}", french_syntax(message)),
        ),
        Bilingual::new(
            "each line is `key = value`; strings are in double quotes; tables are [name] or [[name]]",
            "chaque ligne est `clé = valeur` ; les chaînes sont entre guillemets droits ; les tables s'écrivent [nom] ou [[nom]]",
        ),
    )
}

/// "unknown value `x`", with the values accepted there.
pub(crate) fn unknown_variant(value: &str, expected: Option<&str>) -> (Bilingual, Bilingual) {
    let accepted = expected
        .map(|list| list.replace("one of ", ""))
        .unwrap_or_default();
    (
        Bilingual::new(
            format!("unknown value `{value}`"),
            format!("valeur inconnue `{value}`"),
        ),
        Bilingual::new(
            format!("use one of {accepted}"),
            format!("utilisez l'une de ces valeurs : {accepted}"),
        ),
    )
}

pub(crate) fn duplicate_key(key: &str) -> (Bilingual, Bilingual) {
    let key = key.trim().trim_matches('"');
    (
        Bilingual::new(
            format!("the key `{key}` is given twice"),
            format!("la clé `{key}` est donnée deux fois"),
        ),
        Bilingual::new("keep only one of them", "n'en gardez qu'une"),
    )
}

fn duration_help() -> Bilingual {
    Bilingual::new(
        format!(
            "expected {DURATION_EXPECTED}: whole numbers followed by h, m or s, in that order, no spaces, more than zero"
        ),
        "attendu : une durée comme \"90s\", \"2m\", \"1m30s\" ou \"1h30m\" : des nombres entiers suivis de h, m ou s, dans cet ordre, sans espace, plus que zéro",
    )
}

fn missing(key: &str) -> (Bilingual, Bilingual) {
    let (en, fr) = match key {
        "name" => (
            "add name = \"...\" (a plain string or { en = \"...\", fr = \"...\" })",
            "ajoutez name = \"...\" (une chaîne ou { en = \"...\", fr = \"...\" })",
        ),
        "steps" => (
            "add at least one [[steps]] table with a `name` and a `duration`",
            "ajoutez au moins une table [[steps]] avec un `name` et une `duration`",
        ),
        "id" => (
            "add id = \"...\" (lowercase letters, digits and hyphens)",
            "ajoutez id = \"...\" (minuscules, chiffres et tirets)",
        ),
        "speaker" => (
            "add speaker = \"ROLE-ID\"",
            "ajoutez speaker = \"ID-DU-RÔLE\"",
        ),
        "duration" => ("add duration = \"2m\"", "ajoutez duration = \"2m\""),
        _ => (
            "add it; see docs/method-format.md",
            "ajoutez-la ; voir docs/method-format.md",
        ),
    };
    (
        Bilingual::new(format!("`{key}` is missing"), format!("`{key}` manque")),
        Bilingual::new(en, fr),
    )
}

fn english_expected(expected: &str) -> String {
    match expected {
        "u32" => "a whole number, 1 or more".to_owned(),
        "a sequence" => "a list, such as [\"...\", \"...\"]".to_owned(),
        "a string" => "a string in double quotes".to_owned(),
        other => other.to_owned(),
    }
}

fn french_expected(expected: &str) -> String {
    match expected {
        "u32" => "un nombre entier, 1 ou plus".to_owned(),
        "a sequence" => "une liste, comme [\"...\", \"...\"]".to_owned(),
        "a string" => "une chaîne entre guillemets".to_owned(),
        TEXT_EXPECTED => {
            "une chaîne, ou une table de langues comme { en = \"...\", fr = \"...\" }".to_owned()
        }
        DURATION_EXPECTED => "une durée comme \"90s\", \"2m\", \"1m30s\" ou \"1h30m\"".to_owned(),
        COUNT_EXPECTED => "un nombre entier de personnes (1 ou plus) ou \"rest\"".to_owned(),
        SPEAKER_EXPECTED => "un identifiant de rôle, \"all\", \"none\", ou une liste d'identifiants de rôle comme [\"case-giver\", \"partner\"]".to_owned(),
        REPEAT_EXPECTED => {
            "\"each\" (une fois par personne) ou un nombre entier de fois (1 ou plus)".to_owned()
        }
        "a module table with `id` and `name`" => {
            "une table de module avec `id` et `name`".to_owned()
        }
        "a table such as { role = \"client\", repeat = \"each\" }" => {
            "une table comme { role = \"client\", repeat = \"each\" }".to_owned()
        }
        "a table such as { min = 4, max = 5 }" => "une table comme { min = 4, max = 5 }".to_owned(),
        "a role table with `id` and `name`" => "une table de rôle avec `id` et `name`".to_owned(),
        "a step table with `name` and `duration`" => {
            "une table d'étape avec `name` et `duration`".to_owned()
        }
        "a table such as { speaker = \"case-giver\", duration = \"2m\" }" => {
            "une table comme { speaker = \"case-giver\", duration = \"2m\" }".to_owned()
        }
        other => french_type(other),
    }
}

/// Translates the type at the start of `integer \`3\`` or `string "x"`, leaving the value as
/// written.
pub(crate) fn french_type(text: &str) -> String {
    let at = text.find(['"', '`']).unwrap_or(text.len());
    format!("{}{}", french_words(&text[..at]), &text[at..])
}

fn french_syntax(message: &str) -> String {
    french_words(message)
}

/// Translates the words the TOML reader uses into French, as well as word-for-word allows, in
/// one pass, so that a translation is never translated again.
pub(crate) fn french_words(text: &str) -> String {
    let words = [
        ("invalid basic string", "chaîne invalide"),
        ("invalid literal string", "chaîne invalide"),
        ("invalid string", "chaîne invalide"),
        ("key with no value", "clé sans valeur"),
        ("floating point", "nombre décimal"),
        ("integer", "nombre entier"),
        ("a string", "une chaîne"),
        ("string", "chaîne"),
        ("boolean", "booléen"),
        ("a sequence", "une liste"),
        ("sequence", "liste"),
        ("map", "table"),
        ("datetime", "date"),
        ("another type", "un autre type"),
        ("unclosed", "non fermé"),
        ("unexpected", "inattendu"),
        ("expected", "attendu"),
        ("invalid", "invalide"),
        ("key", "clé"),
        ("value", "valeur"),
        ("newline", "fin de ligne"),
        ("array", "tableau"),
        ("missing", "manquant"),
        ("nothing", "rien"),
        ("with no", "sans"),
        ("with", "avec"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(c) = rest.chars().next() {
        for (en, fr) in words {
            if let Some(after) = rest.strip_prefix(en) {
                out.push_str(fr);
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}
