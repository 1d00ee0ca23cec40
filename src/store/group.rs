//! Group files: one TOML file per group under `<user config folder>/groups/<slug>.toml`, read,
//! listed, found by name and created here; what a group file says is
//! [`crate::domain::group`]'s.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use crate::domain::group::{Group, MAX_SLUG, slug};
use crate::domain::group::{Problem, check_members, check_name, file_text, looks_like_path};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::MethodError;
use crate::store::paths::home_dir;

/// The folder that holds the group files: `CONFIG_DIR/groups`.
pub fn groups_dir(config_dir: &Path) -> PathBuf {
    config_dir.join("groups")
}

/// Reads and checks the group file at `path`; an unreadable file is an error without a place.
/// Only a regular file is read, and only as much of it as a group file may hold: a device or a
/// named pipe given as a group is refused, not read for ever.
pub fn load(path: &Path) -> Result<Group, MethodError> {
    match crate::store::library::read_capped(path) {
        Ok(Some(bytes)) => from_bytes(&bytes, path),
        Ok(None) => Err(MethodError {
            origin: path.display().to_string(),
            location: None,
            message: Bilingual::new(
                "this is not a regular file (a folder, a device or a pipe), so it is not read",
                "ce n'est pas un fichier ordinaire (un dossier, un périphérique ou un tube) : il n'est pas lu",
            ),
            help: Some(Box::new(Bilingual::new(
                "give the path of a group file (.toml), or the name of a group listed by `intervision group list`",
                "donnez le chemin d'un fichier de groupe (.toml), ou le nom d'un groupe listé par `intervision group list`",
            ))),
        }),
        Err(error) => Err(MethodError {
            origin: path.display().to_string(),
            location: None,
            message: Bilingual::new(
                format!(
                    "cannot read the group file: {}",
                    crate::store::io_text::io_text(&error).en
                ),
                format!(
                    "impossible de lire le fichier de groupe : {}",
                    crate::store::io_text::io_text(&error).fr
                ),
            ),
            help: Some(Box::new(Bilingual::new(
                "check the path, or give the name of a group listed by `intervision group list`",
                "vérifiez le chemin, ou donnez le nom d'un groupe listé par `intervision group list`",
            ))),
        }),
    }
}

/// Checks the bytes of a group file said to be at `path` (which names it in errors, and against
/// whose folder relative paths are resolved); `~` is the user's home folder.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Group, MethodError> {
    crate::domain::group::from_bytes(bytes, path, home_dir().as_deref())
}

/// Checks the TOML text of a group file said to be at `path` (which names it in errors, and
/// against whose folder relative paths are resolved); `~` is the user's home folder.
pub fn parse(source: &str, path: &Path) -> Result<Group, MethodError> {
    crate::domain::group::parse(source, path, home_dir().as_deref())
}

/// The group files of the user's configuration folder, sorted by file name.
fn group_files(config_dir: &Path) -> Vec<PathBuf> {
    crate::store::files::files_with_extension(&groups_dir(config_dir), "toml")
}

/// Every group of the user's configuration folder, sorted by file name: each one checked, or the
/// error that keeps its file from loading.
pub fn list(config_dir: &Path) -> Vec<Result<Group, MethodError>> {
    group_files(config_dir)
        .iter()
        .map(|path| load(path))
        .collect()
}

/// A located error as one text per language, without the leading `error:` label (the caller
/// adds its own).
fn rendered(error: &MethodError) -> Bilingual {
    let text = |lang: Lang, label: &str| {
        let text = error.render(lang);
        text.strip_prefix(label)
            .unwrap_or(&text)
            .trim_end()
            .to_owned()
    };
    Bilingual::new(text(Lang::En, "error: "), text(Lang::Fr, "erreur : "))
}

/// Finds the group a user means: a path to a group file (anything with a `/` or ending in
/// `.toml`), else a group of the configuration folder, by file name (`lyon`), by slug of the
/// name given (`"Intervision Lyon"` finds `intervision-lyon.toml`), or by the name inside the
/// file, case aside. A broken file gives its located error; an unknown name lists the groups.
pub fn find(spec: &str, config_dir: &Path) -> Result<Group, Bilingual> {
    let spec = spec.trim();
    if looks_like_path(spec) {
        return load(Path::new(spec)).map_err(|error| rendered(&error));
    }
    let files = group_files(config_dir);
    let stem = |path: &Path| {
        path.file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let wanted_slug = slug(spec);
    if let Some(path) = files
        .iter()
        .find(|path| stem(path) == spec)
        .or_else(|| files.iter().find(|path| stem(path) == wanted_slug))
    {
        return load(path).map_err(|error| rendered(&error));
    }
    let lower = spec.to_lowercase();
    for path in &files {
        if let Ok(group) = load(path)
            && (group.name.to_lowercase() == lower
                || (!wanted_slug.is_empty() && slug(&group.name) == wanted_slug))
        {
            return Ok(group);
        }
    }
    let folder = groups_dir(config_dir).display().to_string();
    if files.is_empty() {
        return Err(Bilingual::new(
            format!(
                "no group called \"{spec}\": no group is saved yet in {folder}; create one with: intervision group new \"{spec}\" --members \"Ana,Ben,Chloé\""
            ),
            format!(
                "aucun groupe nommé \"{spec}\" : aucun groupe n'est encore enregistré dans {folder} ; créez-en un avec : intervision group new \"{spec}\" --members \"Ana,Ben,Chloé\""
            ),
        ));
    }
    let known: Vec<String> = files.iter().map(|path| stem(path)).collect();
    Err(Bilingual::new(
        format!(
            "no group called \"{spec}\"; saved groups: {}; or give the path to a group file",
            known.join(", ")
        ),
        format!(
            "aucun groupe nommé \"{spec}\" ; groupes enregistrés : {} ; ou donnez le chemin d'un fichier de groupe",
            known.join(", ")
        ),
    ))
}

/// Creates the file of a new group in `CONFIG_DIR/groups/<slug>.toml`, commented so that it can
/// be edited by hand, and returns its path. Refuses an invalid name or member list, and never
/// overwrites an existing file. The folder is made readable by its owner only, the file too (on
/// Unix). `method` is written as given, except a relative path, which is made absolute; checking
/// that the method exists is left to the caller.
pub fn create(
    config_dir: &Path,
    name: &str,
    members: &[String],
    method: Option<&str>,
) -> Result<PathBuf, Bilingual> {
    let join = |(message, help): Problem| {
        Bilingual::new(
            format!("{}: {}", message.en, help.en),
            format!("{} : {}", message.fr, help.fr),
        )
    };
    let name = name.trim();
    check_name(name).map_err(join)?;
    let file_slug = slug(name);
    if file_slug.is_empty() {
        return Err(Bilingual::new(
            format!(
                "the name \"{name}\" has no letter or digit to name its file with: use a name with at least one letter a-z or digit"
            ),
            format!(
                "le nom \"{name}\" n'a aucune lettre ni aucun chiffre pour nommer son fichier : choisissez un nom avec au moins une lettre a-z ou un chiffre"
            ),
        ));
    }
    let members: Vec<&str> = members.iter().map(|member| member.trim()).collect();
    check_members(&members).map_err(|(_, message, help)| join((message, help)))?;
    let method = match method.map(str::trim) {
        Some("") => {
            return Err(Bilingual::new(
                "the method is empty: give a method id such as intervision, or the path to a method file",
                "la méthode est vide : donnez un identifiant de méthode comme intervision, ou le chemin d'un fichier de méthode",
            ));
        }
        Some(method) if looks_like_path(method) && !method.starts_with('~') => Some(
            std::path::absolute(method)
                .map_or_else(|_| method.to_owned(), |path| path.display().to_string()),
        ),
        other => other.map(str::to_owned),
    };

    let dir = groups_dir(config_dir);
    let path = dir.join(format!("{file_slug}.toml"));
    let text = file_text(name, &members, method.as_deref());
    // The text must read back as the group it describes.
    if let Err(error) = parse(&text, &path) {
        return Err(rendered(&error));
    }
    let failed = |what: Bilingual, error: std::io::Error| {
        let why = crate::store::io_text::io_text(&error);
        Bilingual::new(
            format!("{}: {}", what.en, why.en),
            format!("{} : {}", what.fr, why.fr),
        )
    };
    crate::store::files::create_private_dir(&dir).map_err(|error| {
        failed(
            Bilingual::new(
                format!("cannot create the folder {}", dir.display()),
                format!("impossible de créer le dossier {}", dir.display()),
            ),
            error,
        )
    })?;
    let mut file = match crate::store::files::create_private_file(&path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Bilingual::new(
                format!(
                    "a group file already exists at {}: edit it, or choose another name",
                    path.display()
                ),
                format!(
                    "un fichier de groupe existe déjà : {} ; modifiez-le, ou choisissez un autre nom",
                    path.display()
                ),
            ));
        }
        Err(error) => {
            return Err(failed(
                Bilingual::new(
                    format!("cannot create {}", path.display()),
                    format!("impossible de créer {}", path.display()),
                ),
                error,
            ));
        }
    };
    if let Err(error) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = fs::remove_file(&path);
        return Err(failed(
            Bilingual::new(
                format!("cannot write {}", path.display()),
                format!("impossible d'écrire {}", path.display()),
            ),
            error,
        ));
    }
    Ok(path)
}
