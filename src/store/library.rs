//! Where methods come from: the built-in library embedded in the binary, the user's own folder
//! and `./methods/`, or a file named on the command line.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::lang::Bilingual;
use crate::domain::method::{MAX_FILE_BYTES, Method, MethodError};

/// A method shipped inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// Its id, as given to `intervision run` and `show`.
    pub id: &'static str,
    /// The TOML text of its file under `methods/`.
    pub toml: &'static str,
}

/// The built-in methods, in the order they are listed.
pub const BUILT_INS: &[BuiltIn] = &[
    BuiltIn {
        id: "case-clinic",
        toml: include_str!("../../methods/case-clinic.toml"),
    },
    BuiltIn {
        id: "case-clinic-short",
        toml: include_str!("../../methods/case-clinic-short.toml"),
    },
    BuiltIn {
        id: "codev",
        toml: include_str!("../../methods/codev.toml"),
    },
    BuiltIn {
        id: "intervision",
        toml: include_str!("../../methods/intervision.toml"),
    },
    BuiltIn {
        id: "kollegiale-beratung",
        toml: include_str!("../../methods/kollegiale-beratung.toml"),
    },
    BuiltIn {
        id: "incident-method",
        toml: include_str!("../../methods/incident-method.toml"),
    },
    BuiltIn {
        id: "balint",
        toml: include_str!("../../methods/balint.toml"),
    },
    BuiltIn {
        id: "troika",
        toml: include_str!("../../methods/troika.toml"),
    },
    BuiltIn {
        id: "wise-crowds",
        toml: include_str!("../../methods/wise-crowds.toml"),
    },
    BuiltIn {
        id: "action-learning",
        toml: include_str!("../../methods/action-learning.toml"),
    },
    BuiltIn {
        id: "fishbowl",
        toml: include_str!("../../methods/fishbowl.toml"),
    },
    BuiltIn {
        id: "role-play",
        toml: include_str!("../../methods/role-play.toml"),
    },
    BuiltIn {
        id: "stories",
        toml: include_str!("../../methods/stories.toml"),
    },
];

/// Where a method was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    BuiltIn,
    /// In the user's configuration folder.
    User(PathBuf),
    /// In `./methods/` of the current folder.
    Local(PathBuf),
    /// A file named on the command line.
    File(PathBuf),
}

impl Origin {
    /// A short word for listings.
    pub fn label(&self) -> Bilingual {
        match self {
            Origin::BuiltIn => Bilingual::new("built-in", "intégrée"),
            Origin::User(_) => Bilingual::new("user", "utilisateur"),
            Origin::Local(_) => Bilingual::new("./methods", "./methods"),
            Origin::File(_) => Bilingual::new("file", "fichier"),
        }
    }

    /// The file behind the method, if it is not built in.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::BuiltIn => None,
            Origin::User(path) | Origin::Local(path) | Origin::File(path) => Some(path),
        }
    }
}

/// Why a method could not be loaded. The command line turns it into a message in the user's
/// language.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    /// No method has this id.
    #[error("no method called \"{spec}\"")]
    NotFound {
        /// The id asked for.
        spec: String,
        /// The ids that exist, sorted, without repeats.
        available: Vec<String>,
    },
    /// The method's file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// The file was read, but it is not a valid method.
    #[error(transparent)]
    Invalid(#[from] MethodError),
}

/// A method the program can run, or the error that keeps it from loading.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its id (the file name without `.toml`).
    pub id: String,
    /// Where it comes from.
    pub origin: Origin,
    /// The method, or why its file was refused.
    pub method: Result<Method, LoadError>,
}

/// The folders searched for the user's own methods.
#[derive(Debug, Clone, Default)]
pub struct Folders {
    /// The user's configuration folder (`~/.config/intervision`), which holds `methods/` and
    /// `groups/`.
    pub config: Option<PathBuf>,
    /// The user's configuration folder for methods (`~/.config/intervision/methods`).
    pub user: Option<PathBuf>,
    /// The current folder's `methods/`.
    pub local: Option<PathBuf>,
}

impl Folders {
    /// The standard folders: the user's configuration folder (or `INTERVISION_CONFIG_DIR`), and
    /// `./methods/`.
    pub fn standard() -> Folders {
        let config = crate::store::paths::config_dir();
        Folders {
            user: config.as_ref().map(|dir| dir.join("methods")),
            config,
            local: Some(PathBuf::from("methods")),
        }
    }
}

/// Loads the built-in method with this id.
pub fn builtin(id: &str) -> Option<Result<Method, MethodError>> {
    BUILT_INS
        .iter()
        .find(|builtin| builtin.id == id)
        .map(load_builtin)
}

/// Loads a built-in method.
pub fn load_builtin(builtin: &BuiltIn) -> Result<Method, MethodError> {
    Method::from_str(&format!("builtin:{}", builtin.id), builtin.toml)
}

/// Loads a method file. Only a regular file is read, and at most one byte past the size a
/// method may have: a device (`/dev/zero`) or a named pipe never makes the program read for
/// ever or wait for a writer.
pub fn load_file(path: &Path) -> Result<Method, LoadError> {
    let origin = path.display().to_string();
    let bytes = match read_capped(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(not_a_file(&origin).into()),
        Err(source) => {
            return Err(LoadError::Unreadable {
                path: path.to_owned(),
                source: Arc::new(source),
            });
        }
    };
    Ok(Method::from_bytes(&origin, &bytes)?)
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_BYTES`] + 1 of them (enough to
/// tell a file that is too big); `None` when `path` is not a regular file (a folder, a device,
/// a named pipe), which is not opened.
pub fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    if !fs::metadata(path)?.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

fn not_a_file(origin: &str) -> MethodError {
    MethodError {
        origin: origin.to_owned(),
        location: None,
        message: Bilingual::new(
            "this is not a regular file (a folder, a device or a pipe), so it is not read",
            "ce n'est pas un fichier ordinaire (un dossier, un périphérique ou un tube) : il n'est pas lu",
        ),
        help: Some(Box::new(Bilingual::new(
            "give the path of a method file (.toml)",
            "donnez le chemin d'un fichier de méthode (.toml)",
        ))),
    }
}

/// Every method available: built-ins, then the user's, then `./methods/`, each folder sorted by id.
pub fn catalogue(folders: &Folders) -> Vec<Entry> {
    let mut entries: Vec<Entry> = BUILT_INS
        .iter()
        .map(|builtin| Entry {
            id: builtin.id.to_owned(),
            origin: Origin::BuiltIn,
            method: load_builtin(builtin).map_err(LoadError::from),
        })
        .collect();
    for (folder, make_origin) in [
        (&folders.user, Origin::User as fn(PathBuf) -> Origin),
        (&folders.local, Origin::Local as fn(PathBuf) -> Origin),
    ] {
        let Some(folder) = folder else { continue };
        for path in toml_files(folder) {
            // An exact copy of a built-in (as in this project's own `methods/`) is not listed twice.
            if read_capped(&path).is_ok_and(|bytes| {
                let bytes = bytes.unwrap_or_default();
                BUILT_INS
                    .iter()
                    .any(|builtin| builtin.toml.as_bytes() == bytes)
            }) {
                continue;
            }
            let id = path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            entries.push(Entry {
                id,
                method: load_file(&path),
                origin: make_origin(path),
            });
        }
    }
    entries
}

fn toml_files(folder: &Path) -> Vec<PathBuf> {
    crate::store::files::files_with_extension(folder, "toml")
}

/// Finds the method a user means: a path to a file (anything with a `/` or ending in `.toml`),
/// else an id, looked up in `./methods/`, then the user's folder, then the built-ins.
pub fn find(spec: &str, folders: &Folders) -> Result<Entry, LoadError> {
    let looks_like_path =
        spec.contains('/') || spec.contains(std::path::MAIN_SEPARATOR) || spec.ends_with(".toml");
    if looks_like_path {
        let path = PathBuf::from(spec);
        return Ok(Entry {
            id: path
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default(),
            method: load_file(&path),
            origin: Origin::File(path),
        });
    }
    let mut entries = catalogue(folders);
    let rank = |origin: &Origin| match origin {
        Origin::Local(_) => 0,
        Origin::User(_) => 1,
        Origin::BuiltIn | Origin::File(_) => 2,
    };
    entries.sort_by_key(|entry| rank(&entry.origin));
    let mut available: Vec<String> = entries.iter().map(|entry| entry.id.clone()).collect();
    available.sort();
    available.dedup();
    entries
        .into_iter()
        .find(|entry| entry.id == spec)
        .ok_or_else(|| LoadError::NotFound {
            spec: spec.to_owned(),
            available,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    #[test]
    fn every_builtin_loads_in_both_languages() {
        for builtin in BUILT_INS {
            let method = load_builtin(builtin).unwrap_or_else(|error| panic!("{error}"));
            for lang in Lang::ALL {
                assert!(method.name.has(lang), "{}: name in {lang}", builtin.id);
                assert!(
                    method.summary.as_ref().is_some_and(|s| s.has(lang)),
                    "{}: summary in {lang}",
                    builtin.id
                );
                for step in &method.steps {
                    assert!(step.name.has(lang), "{}: step name in {lang}", builtin.id);
                    for text in step.prompts.iter().chain(&step.rules) {
                        assert!(
                            text.has(lang),
                            "{}: `{}` in {lang}",
                            builtin.id,
                            text.get(Lang::En)
                        );
                    }
                }
                for role in &method.roles {
                    assert!(
                        role.name.has(lang),
                        "{}: role {} in {lang}",
                        builtin.id,
                        role.id
                    );
                }
            }
            assert!(
                method.source.as_deref().is_some_and(|s| !s.is_empty()),
                "{}: source",
                builtin.id
            );
        }
    }
}
