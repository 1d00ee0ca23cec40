//! Where the program's files are: the data folder (journals), the configuration folder (methods
//! and groups) and the fallback folder. The only place in the store that reads the environment
//! for paths; an empty variable counts as unset.

use std::ffi::OsString;
use std::path::PathBuf;

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

/// Where a journal goes when its folder cannot be written: a private folder in the temporary
/// folder, named after the user.
pub fn fallback_dir() -> PathBuf {
    let user = std::env::var_os("USER")
        .filter(|user| !user.is_empty())
        .unwrap_or_else(|| OsString::from("user"));
    let mut name = OsString::from("intervision-");
    name.push(user);
    std::env::temp_dir().join(name)
}

/// The user's home folder, which `~` stands for in group files.
pub fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_owned())
}
