//! Where the program's files are: the data folder (journals), the configuration folder (methods
//! and groups) and the fallback folders. The only place in the store that reads the environment
//! for paths; an empty variable counts as unset.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};

/// A variable of the environment, `None` when unset or empty.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "intervision")
}

/// The folder where journals go: `INTERVISION_DATA_DIR/sessions`, else the user's data folder's
/// (`~/.local/share/intervision/sessions` on Linux).
pub fn journal_dir() -> Option<PathBuf> {
    env_path("INTERVISION_DATA_DIR")
        .or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_owned()))
        .map(|dir| dir.join("sessions"))
}

/// The folder where a running session publishes what the room may see, for `intervision watch`:
/// `$XDG_RUNTIME_DIR/intervision` (private to the user, emptied when they log out), else `live`
/// in the data folder.
pub fn live_dir() -> Option<PathBuf> {
    env_path("XDG_RUNTIME_DIR")
        .map(|dir| dir.join("intervision"))
        .or_else(|| {
            env_path("INTERVISION_DATA_DIR")
                .or_else(|| project_dirs().map(|dirs| dirs.data_dir().to_owned()))
                .map(|dir| dir.join("live"))
        })
}

/// The user's configuration folder: `INTERVISION_CONFIG_DIR`, else `~/.config/intervision` on
/// Linux. Methods are in its `methods/`, groups in its `groups/`.
pub fn config_dir() -> Option<PathBuf> {
    env_path("INTERVISION_CONFIG_DIR")
        .or_else(|| project_dirs().map(|dirs| dirs.config_dir().to_owned()))
}

/// Where a journal goes when its folder cannot be written, in the order tried: the user's data
/// folder ([`journal_dir`]), the user's runtime folder (`$XDG_RUNTIME_DIR/intervision/sessions`),
/// then `intervision-UID` in the temporary folder. Every one is private to the user; the last
/// is checked before use ([`private_temp_dir`]), as another user may have made it first.
pub fn fallback_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = journal_dir().into_iter().collect();
    if let Some(runtime) = env_path("XDG_RUNTIME_DIR") {
        dirs.push(runtime.join("intervision").join("sessions"));
    }
    dirs.push(temp_dir());
    dirs
}

/// The fallback folder in the shared temporary folder: `intervision-UID`, named after the
/// user's id (not their name, which another user could take).
fn temp_dir() -> PathBuf {
    let mut name = OsString::from("intervision-");
    #[cfg(unix)]
    name.push(rustix::process::getuid().as_raw().to_string());
    #[cfg(not(unix))]
    name.push(std::env::var_os("USERNAME").unwrap_or_else(|| OsString::from("user")));
    std::env::temp_dir().join(name)
}

/// Whether `dir` is the fallback folder of the temporary folder, which must be checked.
pub fn is_temp_fallback(dir: &Path) -> bool {
    dir == temp_dir()
}

/// Makes the fallback folder of the temporary folder, or checks the one there: it must be a
/// real folder (not a link), owned by the user and closed to everyone else (`0700`). Anything
/// else was made by someone else, who could read or remove the journal: it is refused.
pub fn private_temp_dir() -> io::Result<PathBuf> {
    let dir = temp_dir();
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(&dir) {
        Ok(()) => return Ok(dir),
        Err(error) if error.kind() != io::ErrorKind::AlreadyExists => return Err(error),
        Err(_) => {}
    }
    let meta = std::fs::symlink_metadata(&dir)?;
    let refuse = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} {why}", dir.display()),
        ))
    };
    if !meta.file_type().is_dir() {
        return refuse("is not a folder (a link, or a file)");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.uid() != rustix::process::getuid().as_raw() {
            return refuse("belongs to another user");
        }
        if meta.mode() & 0o077 != 0 {
            return refuse("is open to other users");
        }
    }
    Ok(dir)
}

/// Every folder where journals may be, without repeats: `primary` (else [`journal_dir`]), then
/// the fallback folders that exist (the temporary one only when it passes
/// [`private_temp_dir`]'s checks). `log list`, `resume`, the offer of `run` and the rotation all
/// look in them, so a journal saved in a fallback folder is never lost from sight.
pub fn journal_dirs(primary: Option<PathBuf>) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = primary.or_else(journal_dir).into_iter().collect();
    for dir in fallback_dirs() {
        if dirs.contains(&dir) || !dir.is_dir() {
            continue;
        }
        if is_temp_fallback(&dir) && private_temp_dir().is_err() {
            continue;
        }
        dirs.push(dir);
    }
    dirs
}

/// The user's home folder, which `~` stands for in group files.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_owned())
}
