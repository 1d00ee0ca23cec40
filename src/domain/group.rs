//! Groups: the people who meet again and again to run sessions, as a group file says them.
//!
//! A group file names the group, lists its members (in the order ties are broken when roles are
//! suggested, see [`crate::domain::rotation`]), and may give the method the group usually runs, where its
//! session logs go, what they keep and the interface language. Errors in a group file are located
//! by line and column and explained in both languages, like errors in method files.
//!
//! Pure: the text comes in, and so does the home folder (`~`); reading, listing and creating
//! group files is the store's (`store::group`).

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::diagnose::{french_type, french_words, toml_error, unknown_variant};
use crate::domain::method::{MAX_FILE_BYTES, MethodError, Record, is_language_tag};
use crate::domain::plan::MAX_PEOPLE;

/// A checked group file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's name, as people call it.
    pub name: String,
    /// The members, in the group file's order (which breaks ties when roles are suggested).
    pub members: Vec<String>,
    /// The method the group usually runs: a method id, or the path to a method file (a path
    /// relative to the group file's folder, or starting with `~`, is made absolute).
    pub method: Option<String>,
    /// Where the group's session logs go (absolute: `~` and relative paths are resolved).
    pub log_dir: Option<PathBuf>,
    /// What the group's logs keep, overriding the method's `record`.
    pub record: Option<Record>,
    /// The group's interface language.
    pub language: Option<Lang>,
    /// The file the group was read from.
    pub path: PathBuf,
}

/// The group file as TOML says it, before it is checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: Spanned<String>,
    members: Spanned<Vec<Spanned<String>>>,
    method: Option<Spanned<String>>,
    log_dir: Option<Spanned<String>>,
    record: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
}

/// The longest slug [`slug`] makes, in bytes.
pub const MAX_SLUG: usize = 64;

/// The file name (without `.toml`) made from a group's name: lowercase ASCII letters and digits
/// separated by single hyphens, accents folded ("Intervision Lyon – Équipe 2" gives
/// "intervision-lyon-equipe-2"). Empty when the name has no letter or digit that folds to ASCII.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        // Combining accents (a name typed in decomposed form) vanish.
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let folded = if c.is_ascii_alphanumeric() {
            Some(c.to_string())
        } else {
            fold(c).map(str::to_owned)
        };
        match folded {
            Some(text) => {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push_str(&text);
            }
            None => pending_hyphen = true,
        }
    }
    if out.len() > MAX_SLUG {
        out.truncate(MAX_SLUG);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// The ASCII letters a lowercase accented Latin letter folds to.
fn fold(c: char) -> Option<&'static str> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(folded)
}

/// Checks the bytes of a group file said to be at `path` (which names it in errors, and against
/// whose folder relative paths are resolved); `home` is the folder `~` stands for.
pub fn from_bytes(bytes: &[u8], path: &Path, home: Option<&Path>) -> Result<Group, MethodError> {
    let origin = path.display().to_string();
    let kind = crate::domain::lang::Tr {
        en: "a group file",
        fr: "un fichier de groupe",
    };
    let source = crate::domain::method::error::file_text(&origin, bytes, kind, MAX_FILE_BYTES)?;
    parse(source, path, home)
}

/// Checks the TOML text of a group file said to be at `path` (which names it in errors, and
/// against whose folder relative paths are resolved); `home` is the folder `~` stands for.
pub fn parse(source: &str, path: &Path, home: Option<&Path>) -> Result<Group, MethodError> {
    let origin = path.display().to_string();
    let error = |span: Range<usize>, message: Bilingual, help: Bilingual| {
        MethodError::at(&origin, source, Some(span), message, Some(help))
    };
    if source
        .lines()
        .all(|line| line.trim().is_empty() || line.trim().starts_with('#'))
    {
        return Err(error(
            0..0,
            Bilingual::new(
                "the file has no group in it",
                "le fichier ne contient aucun groupe",
            ),
            Bilingual::new(
                "a group file needs at least name = \"...\" and members = [\"Ana\", \"Ben\"]; `intervision group new` writes one for you",
                "un fichier de groupe demande au moins name = \"...\" et members = [\"Ana\", \"Ben\"] ; `intervision group new` en écrit un pour vous",
            ),
        ));
    }
    let raw: RawGroup = toml::from_str(source).map_err(|e| from_toml(&origin, source, &e))?;

    let name = raw.name.get_ref().trim();
    if let Err((message, help)) = check_name(name) {
        return Err(error(raw.name.span(), message, help));
    }

    let members_span = raw.members.span();
    let members: Vec<(String, Range<usize>)> = raw
        .members
        .into_inner()
        .into_iter()
        .map(|member| (member.get_ref().trim().to_owned(), member.span()))
        .collect();
    let names: Vec<&str> = members.iter().map(|(name, _)| name.as_str()).collect();
    if let Err((index, message, help)) = check_members(&names) {
        let span = index.map_or(members_span, |index| members[index].1.clone());
        return Err(error(span, message, help));
    }

    let folder = path.parent().unwrap_or(Path::new(""));

    let method = match raw.method {
        Some(method) => {
            let text = method.get_ref().trim();
            if text.is_empty() {
                return Err(error(
                    method.span(),
                    Bilingual::new("the method is empty", "la méthode est vide"),
                    Bilingual::new(
                        "write a method id such as \"intervision\" (see `intervision list`) or the path to a method file, or remove the line",
                        "écrivez un identifiant de méthode comme \"intervision\" (voir `intervision list`) ou le chemin d'un fichier de méthode, ou retirez la ligne",
                    ),
                ));
            }
            if looks_like_path(text) {
                let path = resolve(text, home, folder)
                    .map_err(|(message, help)| error(method.span(), message, help))?;
                Some(path.display().to_string())
            } else {
                Some(text.to_owned())
            }
        }
        None => None,
    };

    let log_dir = match raw.log_dir {
        Some(dir) => {
            let text = dir.get_ref().trim();
            if text.is_empty() {
                return Err(error(
                    dir.span(),
                    Bilingual::new(
                        "the log folder is empty",
                        "le dossier des journaux est vide",
                    ),
                    Bilingual::new(
                        "write a folder such as \"~/intervision/lyon\", or remove the line to use the default folder",
                        "écrivez un dossier comme \"~/intervision/lyon\", ou retirez la ligne pour garder le dossier par défaut",
                    ),
                ));
            }
            Some(
                resolve(text, home, folder)
                    .map_err(|(message, help)| error(dir.span(), message, help))?,
            )
        }
        None => None,
    };

    let record = match raw.record {
        Some(record) => match record.get_ref().as_str() {
            "all" => Some(Record::All),
            "timings" => Some(Record::Timings),
            "none" => Some(Record::None),
            other => {
                return Err(error(
                    record.span(),
                    Bilingual::new(
                        format!("unknown value `{other}` for `record`"),
                        format!("valeur inconnue `{other}` pour `record`"),
                    ),
                    Bilingual::new(
                        "use \"all\" (timings, notes and captures), \"timings\" (timings only) or \"none\" (nothing is written)",
                        "utilisez \"all\" (temps, notes et captures), \"timings\" (les temps seulement) ou \"none\" (rien n'est écrit)",
                    ),
                ));
            }
        },
        None => None,
    };

    let language = match raw.language {
        Some(tag) => {
            let text = tag.get_ref();
            match Lang::from_tag(text) {
                Some(lang) if is_language_tag(text) => Some(lang),
                _ => {
                    return Err(error(
                        tag.span(),
                        Bilingual::new(
                            format!("`{text}` is not an interface language"),
                            format!("`{text}` n'est pas une langue de l'interface"),
                        ),
                        Bilingual::new(
                            "write \"en\" (English) or \"fr\" (French), or remove the line to follow the system's language",
                            "écrivez \"en\" (anglais) ou \"fr\" (français), ou retirez la ligne pour suivre la langue du système",
                        ),
                    ));
                }
            }
        }
        None => None,
    };

    Ok(Group {
        name: name.to_owned(),
        members: members.into_iter().map(|(name, _)| name).collect(),
        method,
        log_dir,
        record,
        language,
        path: path.to_owned(),
    })
}

/// A problem with a value: what is wrong, and what to do.
pub type Problem = (Bilingual, Bilingual);

/// Checks a group's name (already trimmed).
pub fn check_name(name: &str) -> Result<(), Problem> {
    if name.is_empty() {
        return Err((
            Bilingual::new("the group's name is empty", "le nom du groupe est vide"),
            Bilingual::new(
                "write the name people call the group by, such as name = \"Intervision Lyon\"",
                "écrivez le nom sous lequel le groupe est connu, comme name = \"Intervision Lyon\"",
            ),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err((
            Bilingual::new(
                "the group's name contains a line break or another control character",
                "le nom du groupe contient un saut de ligne ou un autre caractère de contrôle",
            ),
            Bilingual::new(
                "write the name on a single line",
                "écrivez le nom sur une seule ligne",
            ),
        ));
    }
    Ok(())
}

/// Checks a group's member names (already trimmed); on error, says which member (by index) is
/// wrong, or `None` for the list as a whole.
pub fn check_members(names: &[&str]) -> Result<(), (Option<usize>, Bilingual, Bilingual)> {
    if names.is_empty() {
        return Err((
            None,
            Bilingual::new("the group has no members", "le groupe n'a aucun membre"),
            Bilingual::new(
                "list the members' names, such as members = [\"Ana\", \"Ben\", \"Chloé\"]",
                "donnez les prénoms des membres, comme members = [\"Ana\", \"Ben\", \"Chloé\"]",
            ),
        ));
    }
    if names.len() > MAX_PEOPLE as usize {
        return Err((
            Some(MAX_PEOPLE as usize),
            Bilingual::new(
                format!(
                    "the group has {} members, more than a session can have ({MAX_PEOPLE})",
                    names.len()
                ),
                format!(
                    "le groupe compte {} membres, plus qu'une séance ne peut en avoir ({MAX_PEOPLE})",
                    names.len()
                ),
            ),
            Bilingual::new(
                "split the group in two, each with its own file",
                "partagez le groupe en deux, chacun avec son fichier",
            ),
        ));
    }
    for (index, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err((
                Some(index),
                Bilingual::new(
                    format!("member {} has an empty name", index + 1),
                    format!("le membre {} a un prénom vide", index + 1),
                ),
                Bilingual::new(
                    "write a name between the quotes, or remove the empty entry",
                    "écrivez un prénom entre les guillemets, ou retirez l'entrée vide",
                ),
            ));
        }
        if name.contains(',') {
            return Err((
                Some(index),
                Bilingual::new(
                    format!("the member name \"{name}\" contains a comma"),
                    format!("le prénom \"{name}\" contient une virgule"),
                ),
                Bilingual::new(
                    "write each member as a string of their own, such as [\"Ana\", \"Ben\"]: commas separate names on the command line",
                    "écrivez chaque membre dans sa propre chaîne, comme [\"Ana\", \"Ben\"] : les virgules séparent les prénoms en ligne de commande",
                ),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err((
                Some(index),
                Bilingual::new(
                    format!(
                        "member {} has a line break or another control character in their name",
                        index + 1
                    ),
                    format!(
                        "le prénom du membre {} contient un saut de ligne ou un autre caractère de contrôle",
                        index + 1
                    ),
                ),
                Bilingual::new(
                    "write each name on a single line",
                    "écrivez chaque prénom sur une seule ligne",
                ),
            ));
        }
        let lower = name.to_lowercase();
        if let Some(first) = names[..index]
            .iter()
            .find(|other| other.to_lowercase() == lower)
        {
            let (en, fr) = if first == name {
                (
                    format!("the member \"{name}\" is listed twice"),
                    format!("le membre \"{name}\" figure deux fois"),
                )
            } else {
                (
                    format!("the member \"{name}\" is listed twice (also as \"{first}\")"),
                    format!("le membre \"{name}\" figure deux fois (aussi sous \"{first}\")"),
                )
            };
            return Err((
                Some(index),
                Bilingual::new(en, fr),
                Bilingual::new(
                    format!(
                        "remove this one, or add an initial to tell two people apart (\"{name} B.\"); names are compared without regard to case"
                    ),
                    format!(
                        "retirez celui-ci, ou ajoutez une initiale pour distinguer deux personnes (\"{name} B.\") ; les majuscules ne comptent pas"
                    ),
                ),
            ));
        }
    }
    Ok(())
}

/// Whether a method spec names a file rather than an id (as the method library decides).
pub fn looks_like_path(spec: &str) -> bool {
    spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || spec.ends_with(".toml")
}

/// Resolves a path written in a group file: a leading `~` is the home folder, a relative path is
/// taken from the group file's folder.
fn resolve(text: &str, home: Option<&Path>, folder: &Path) -> Result<PathBuf, Problem> {
    if let Some(rest) = text.strip_prefix('~') {
        let rest = if rest.is_empty() {
            Some("")
        } else {
            rest.strip_prefix('/')
                .or_else(|| rest.strip_prefix(std::path::MAIN_SEPARATOR))
        };
        let Some(rest) = rest else {
            let user = text
                .split(['/', std::path::MAIN_SEPARATOR])
                .next()
                .unwrap_or(text);
            return Err((
                Bilingual::new(
                    format!("`{user}` is not understood here"),
                    format!("`{user}` n'est pas compris ici"),
                ),
                Bilingual::new(
                    "write ~/... for a folder in your home folder, or a full path",
                    "écrivez ~/... pour un dossier de votre dossier personnel, ou un chemin complet",
                ),
            ));
        };
        let Some(home) = home else {
            return Err((
                Bilingual::new(
                    "the home folder (~) cannot be found on this system",
                    "le dossier personnel (~) est introuvable sur ce système",
                ),
                Bilingual::new(
                    "write a full path instead",
                    "écrivez plutôt un chemin complet",
                ),
            ));
        };
        return Ok(if rest.is_empty() {
            home.to_owned()
        } else {
            home.join(rest)
        });
    }
    let path = Path::new(text);
    Ok(if path.is_absolute() {
        path.to_owned()
    } else {
        folder.join(path)
    })
}

/// Builds the error for a failed TOML read of a group file.
fn from_toml(origin: &str, source: &str, error: &toml::de::Error) -> MethodError {
    toml_error(origin, source, error, explain)
}

/// Turns a message of the TOML reader into what is wrong and what to do, in both languages.
fn explain(message: &str) -> Problem {
    let (what, expected) = match message.find(", expected ") {
        Some(at) => (&message[..at], Some(&message[at + ", expected ".len()..])),
        None => (message, None),
    };
    let quoted = |text: &'static str| -> &str {
        let rest = &what[text.len()..];
        rest.split('`').nth(1).unwrap_or(rest)
    };
    if what.starts_with("unknown field ") {
        let key = quoted("unknown field ");
        let accepted = expected.map_or_else(
            || "`name`, `members`, `method`, `log_dir`, `record`, `language`".to_owned(),
            |list| list.replace("one of ", ""),
        );
        return (
            Bilingual::new(
                format!("unknown key `{key}`"),
                format!("clé inconnue `{key}`"),
            ),
            Bilingual::new(
                format!("check the spelling; the keys accepted in a group file are {accepted}"),
                format!(
                    "vérifiez l'orthographe ; les clés acceptées dans un fichier de groupe sont {accepted}"
                ),
            ),
        );
    }
    if what.starts_with("missing field ") {
        let key = quoted("missing field ");
        let (en, fr) = match key {
            "name" => (
                "add the group's name, such as name = \"Intervision Lyon\"",
                "ajoutez le nom du groupe, comme name = \"Intervision Lyon\"",
            ),
            "members" => (
                "add the members' names, such as members = [\"Ana\", \"Ben\", \"Chloé\"]",
                "ajoutez les prénoms des membres, comme members = [\"Ana\", \"Ben\", \"Chloé\"]",
            ),
            _ => (
                "add it; see docs/group-format.md",
                "ajoutez-la ; voir docs/group-format.md",
            ),
        };
        return (
            Bilingual::new(format!("`{key}` is missing"), format!("`{key}` manque")),
            Bilingual::new(en, fr),
        );
    }
    if what.starts_with("unknown variant ") {
        return unknown_variant(quoted("unknown variant "), expected);
    }
    for (prefix, en_prefix, fr_prefix) in [
        ("invalid type: ", "wrong type: ", "type incorrect : "),
        ("invalid value: ", "invalid value: ", "valeur incorrecte : "),
    ] {
        if let Some(rest) = what.strip_prefix(prefix) {
            let (expected_en, expected_fr) = match expected.unwrap_or("another type") {
                "a sequence" => (
                    "a list of names, such as [\"Ana\", \"Ben\"]".to_owned(),
                    "une liste de prénoms, comme [\"Ana\", \"Ben\"]".to_owned(),
                ),
                "a string" => (
                    "a string in double quotes".to_owned(),
                    "une chaîne entre guillemets".to_owned(),
                ),
                other => (other.to_owned(), french_words(other)),
            };
            return (
                Bilingual::new(
                    format!("{en_prefix}{rest}"),
                    format!("{fr_prefix}{}", french_type(rest)),
                ),
                Bilingual::new(
                    format!("expected {expected_en}"),
                    format!("attendu : {expected_fr}"),
                ),
            );
        }
    }
    (
        Bilingual::new(
            format!("TOML syntax: {message}"),
            format!("syntaxe TOML : {}", french_words(message)),
        ),
        Bilingual::new(
            "each line is `key = value`; strings are in double quotes; a list is [\"Ana\", \"Ben\"]",
            "chaque ligne est `clé = valeur` ; les chaînes sont entre guillemets droits ; une liste s'écrit [\"Ana\", \"Ben\"]",
        ),
    )
}

/// A string as TOML writes it: in double quotes, with `"`, `\` and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The commented text of a new group file.
pub fn file_text(name: &str, members: &[&str], method: Option<&str>) -> String {
    let members = members
        .iter()
        .map(|member| toml_string(member))
        .collect::<Vec<_>>()
        .join(", ");
    let method = match method {
        Some(method) => format!("method = {}", toml_string(method)),
        None => "# method = \"intervision\"".to_owned(),
    };
    format!(
        r#"# An intervision group: who meets, and how their sessions run.
# Un groupe d'intervision : qui se réunit, et comment se déroulent ses séances.
# Reference / référence : docs/group-format.md

# The group's name. / Le nom du groupe.
name = {name}

# The members, in the order used to break ties when roles are suggested.
# Les membres, dans l'ordre qui départage les ex aequo quand les rôles sont proposés.
members = [{members}]

# The method the group usually runs: a built-in id (case-clinic, codev, intervision) or a path.
# La méthode habituelle du groupe : un identifiant intégré (case-clinic, codev, intervision) ou un chemin.
{method}

# Where the group's session logs go (~ is your home folder).
# Où vont les journaux des séances du groupe (~ est votre dossier personnel).
# log_dir = "~/intervision/{slug}"

# What the logs keep: "all", "timings" or "none" (overrides the method's).
# Ce que gardent les journaux : "all", "timings" ou "none" (remplace celui de la méthode).
# record = "all"

# The interface language: "en" or "fr". / La langue de l'interface : "en" ou "fr".
# language = "fr"
"#,
        name = toml_string(name),
        slug = slug(name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_and_relative_paths_are_resolved() {
        let home = Path::new("/home/ana");
        let folder = Path::new("/config/groups");
        let ok = |text: &str, home: Option<&Path>| resolve(text, home, folder).unwrap();
        assert_eq!(ok("~", Some(home)), PathBuf::from("/home/ana"));
        assert_eq!(
            ok("~/logs/lyon", Some(home)),
            PathBuf::from("/home/ana/logs/lyon")
        );
        assert_eq!(ok("logs", None), PathBuf::from("/config/groups/logs"));
        assert_eq!(ok("/srv/logs", None), PathBuf::from("/srv/logs"));
        let (message, _) = resolve("~/logs", None, folder).unwrap_err();
        assert!(message.en.contains("home folder"), "{}", message.en);
        let (message, _) = resolve("~bob/logs", Some(home), folder).unwrap_err();
        assert!(message.en.contains("`~bob`"), "{}", message.en);
    }

    #[test]
    fn strings_are_written_as_toml_reads_them() {
        for text in [
            "Chloé \"Clo\"",
            "a\\b",
            "tab\there",
            "line\nbreak",
            "bell\u{7}",
        ] {
            let source = format!("value = {}", toml_string(text));
            let table: toml::Table = toml::from_str(&source).unwrap();
            assert_eq!(table["value"].as_str(), Some(text), "{source}");
        }
    }

    #[test]
    fn a_new_group_file_has_every_field_documented() {
        let text = file_text("Lyon", &["Ana", "Ben"], None);
        for key in ["method", "log_dir", "record", "language"] {
            assert!(text.contains(&format!("# {key} = ")), "{key}:\n{text}");
        }
        let group = parse(&text, Path::new("/g/lyon.toml"), None).unwrap();
        assert_eq!(group.members, ["Ana", "Ben"]);
        assert_eq!(group.method, None);
    }
}
