//! Shell completions: `intervision completions SHELL` prints the script a shell loads, and the
//! program answers the script's questions itself.
//!
//! The scripts are clap_complete's dynamic ones: on Tab, the shell runs
//! `INTERVISION_COMPLETE=SHELL intervision -- WORDS...` and shows what it prints. So the
//! candidates are always the current ones: the built-in methods and the user's own, the saved
//! groups, the session journals, with no script to regenerate when a file is added.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap_complete::engine::{CompletionCandidate, PathCompleter, ValueCompleter};
use clap_complete::env::{CompleteEnv, EnvCompleter, Shells};

use super::output::{CmdResult, io_error};
use crate::domain::lang::{Bilingual, Lang};
use crate::store::library::{self, Folders};
use crate::store::{group, journal, logbook};

/// The environment variable that makes the program answer a completion request. Not clap's
/// usual `COMPLETE`: a name that general could be set for another program, and then every run
/// of this one would answer a completion nobody asked for.
pub const COMPLETE_VAR: &str = "INTERVISION_COMPLETE";

/// The program's name, as the scripts call it back (found on the PATH).
const BIN: &str = "intervision";

/// A shell the completion scripts are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

impl Shell {
    /// The shell's name, as clap_complete knows it.
    fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Elvish => "elvish",
            Shell::Powershell => "powershell",
        }
    }
}

/// `intervision completions SHELL`: prints the script that registers the completions.
pub(super) fn completions(out: &mut impl Write, shell: Shell, lang: Lang) -> CmdResult {
    let shells = Shells::builtins();
    let completer: &dyn EnvCompleter = shells.completer(shell.name()).ok_or_else(|| {
        let name = shell.name();
        // Every value of `Shell` is one of clap_complete's shells: only a change of that crate
        // could bring this.
        Bilingual::new(
            format!("this build of intervision cannot write a {name} script"),
            format!("cette version d'intervision ne sait pas écrire de script pour {name}"),
        )
        .get(lang)
        .to_owned()
    })?;
    let mut script = Vec::new();
    completer
        .write_registration(COMPLETE_VAR, BIN, BIN, BIN, &mut script)
        .map_err(io_error)?;
    out.write_all(&script).map_err(io_error)
}

/// Answers a completion request when the shell's script made one ([`COMPLETE_VAR`] is set): writes
/// the candidates and returns `Ok(true)`; `Ok(false)` for an ordinary run.
pub(super) fn answer(args: &[OsString], lang: Lang) -> Result<bool, String> {
    let current_dir = std::env::current_dir().ok();
    CompleteEnv::with_factory(|| super::command_line(lang))
        .var(COMPLETE_VAR)
        .bin(BIN)
        .completer(BIN)
        .try_complete(args.iter().cloned(), current_dir.as_deref())
        .map_err(|error| {
            Bilingual::new(
                format!("cannot complete: {error}"),
                format!("impossible de compléter : {error}"),
            )
            .get(lang)
            .to_owned()
        })
}

/// Whether what is typed so far looks like a path rather than an id.
fn looks_like_path(current: &str) -> bool {
    current.contains('/') || current.starts_with('.') || current.starts_with('~')
}

/// The `.toml` files and folders under what is typed.
fn toml_paths(current: &OsStr) -> Vec<CompletionCandidate> {
    PathCompleter::any()
        .filter(|path: &Path| path.is_dir() || path.extension().is_some_and(|ext| ext == "toml"))
        .complete(current)
}

/// The language the candidates' descriptions are in.
fn lang() -> Lang {
    super::env_lang()
}

/// Completes a method: the ids of the built-in methods, the user's and `./methods/`, each with
/// its name; or a `.toml` path once what is typed looks like one.
pub fn method(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if looks_like_path(&typed) {
        return toml_paths(current);
    }
    let lang = lang();
    let mut seen = Vec::new();
    let mut candidates = Vec::new();
    for entry in library::catalogue(&Folders::standard()) {
        if !entry.id.starts_with(typed.as_ref()) || seen.contains(&entry.id) {
            continue;
        }
        let help = entry
            .method
            .as_ref()
            .map(|method| one_line(method.name.get(lang)))
            .unwrap_or_else(|_| {
                Bilingual::new("(cannot be read)", "(illisible)")
                    .get(lang)
                    .to_owned()
            });
        seen.push(entry.id.clone());
        candidates.push(CompletionCandidate::new(entry.id).help(Some(help.into())));
    }
    candidates
}

/// Completes a group: the file name of each saved group (which `--group` accepts, and which
/// needs no quotes), with the group's name.
pub fn group_name(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if looks_like_path(&typed) {
        return toml_paths(current);
    }
    let Some(config) = Folders::standard().config else {
        return Vec::new();
    };
    group::list(&config)
        .into_iter()
        .flatten()
        .filter_map(|group| {
            let stem = group.path.file_stem()?.to_string_lossy().into_owned();
            stem.starts_with(typed.as_ref())
                .then(|| CompletionCandidate::new(stem).help(Some(one_line(&group.name).into())))
        })
        .collect()
}

/// Completes a session: the ids of the journals in the user's data folder and every group's
/// log folder, newest first. Only the folders are read, not the journals.
pub fn session_id(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if looks_like_path(&typed) {
        return PathCompleter::any().complete(current);
    }
    let mut ids: Vec<String> = journal_dirs()
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != logbook::EXTENSION {
                return None;
            }
            Some(path.file_stem()?.to_str()?.to_owned())
        })
        .filter(|id| id.starts_with(typed.as_ref()))
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.dedup();
    ids.into_iter().map(CompletionCandidate::new).collect()
}

/// The folders `log list` reads by default: the user's data folder and every group's.
fn journal_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = journal::default_dir().into_iter().collect();
    if let Some(config) = Folders::standard().config {
        for group in group::list(&config).into_iter().flatten() {
            if let Some(dir) = group.log_dir
                && !dirs.contains(&dir)
            {
                dirs.push(dir);
            }
        }
    }
    dirs
}

/// A description on one line, with no control characters (it comes from a file).
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
