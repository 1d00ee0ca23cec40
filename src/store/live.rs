//! The live state of a running session, published for `intervision watch`: what the room may see
//! and nothing else, in one private file per running program.
//!
//! The file is `<folder>/<pid>.json` in [`crate::store::paths::live_dir`], mode `0600` in a
//! `0700` folder, rewritten atomically (a temporary file, then a rename) at each change of the
//! session's state, never once a second: the viewer counts down with its own clock from the
//! timing facts given here. It holds the session's first journal line (method, people, plan),
//! the session's own events (steps, turns, pauses, adjustments) and the captures already saved
//! when the method's record keeps them; never a note, never a text being typed. It is removed
//! when the session ends, so a file whose program is gone is a session that was killed.
//!
//! This is not the journal: a session that keeps no log (`record = "none"`) publishes too.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::method::Record;
use crate::store::files;
use crate::store::journal::schema::{JournalEvent, JournalLine};

/// The version of the live state's format written here, and the only one read.
pub const FORMAT: u32 = 1;

/// A captured sentence pinned on the room's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePin {
    /// What it is (`contract`...).
    pub key: String,
    /// The sentence, as saved.
    pub text: String,
}

/// What a running session shows the room, at one instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveState {
    /// The format's version ([`FORMAT`]).
    pub format: u32,
    /// The operator's program: while it lives, the session runs.
    pub pid: u32,
    /// The session's first journal line: the method, the people and their roles, the plan, the
    /// language, the speed, the fit (a previous plan only when the record keeps captures).
    pub start: JournalLine,
    /// Whether the clock was started.
    pub started: bool,
    /// Whether the session is over (its summary is on screen).
    pub finished: bool,
    /// The session's events so far, as journal lines: steps, turns, pauses, adjustments,
    /// restarts, re-fits. Never a note or a capture.
    pub events: Vec<JournalLine>,
    /// The session's active time (pauses excluded) at `wall_ms`, in seconds.
    pub at_s: f64,
    /// The wall-clock time this state was taken, in milliseconds since the Unix epoch.
    pub wall_ms: u64,
    /// Whether the session is paused.
    pub paused: bool,
    /// The current step's position.
    pub step: usize,
    /// The current step's name, in the session's language.
    pub step_name: String,
    /// The consultation module the group chose, if any.
    pub module: Option<usize>,
    /// The captures pinned on screen, when the record keeps them (empty otherwise).
    pub pinned: Vec<LivePin>,
}

impl LiveState {
    /// The method's name, as written in the first line.
    pub fn method_name(&self) -> &str {
        match &self.start.event {
            JournalEvent::SessionStart(start) => start
                .method
                .name
                .as_deref()
                .unwrap_or(start.method.id.as_str()),
            _ => "",
        }
    }

    /// The same state with what the record does not let the room see left out: the pinned
    /// captures and the previous plan, unless the record keeps everything.
    pub fn for_the_room(mut self, record: Record) -> LiveState {
        if record != Record::All {
            self.pinned.clear();
            if let JournalEvent::SessionStart(start) = &mut self.start.event {
                start.follow_up = None;
            }
        }
        self.events.retain(|line| is_room_event(&line.event));
        self
    }
}

/// Whether a journal event belongs in the live state: the session's own events, never what
/// someone wrote.
pub fn is_room_event(event: &JournalEvent) -> bool {
    matches!(
        event,
        JournalEvent::StepStart { .. }
            | JournalEvent::StepEnd { .. }
            | JournalEvent::TurnStart { .. }
            | JournalEvent::TurnEnd { .. }
            | JournalEvent::Pause
            | JournalEvent::Resume { .. }
            | JournalEvent::Adjust { .. }
            | JournalEvent::Restart { .. }
            | JournalEvent::Refit { .. }
    )
}

/// Whether the program `pid` still runs (for this user: a program of another user that took the
/// number counts as running, which errs on the side of "still running").
pub fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 sends nothing; it only checks that the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The live file of the program `pid` in `dir`.
pub fn path_for(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("{pid}.json"))
}

/// Reads a live state file.
pub fn read(path: &Path) -> io::Result<LiveState> {
    let text = std::fs::read_to_string(path)?;
    let state: LiveState = serde_json::from_str(&text)
        .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
    if state.format != FORMAT {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("live state format {}, expected {FORMAT}", state.format),
        ));
    }
    Ok(state)
}

/// A session found in the live folder.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its file.
    pub path: PathBuf,
    /// What it showed last.
    pub state: LiveState,
    /// Whether its program still runs (else it was killed and its file left behind).
    pub running: bool,
}

/// The sessions published in `dir`, running ones first, then the most recently updated first.
/// Files that cannot be read are skipped.
pub fn list(dir: &Path) -> Vec<Found> {
    let mut found: Vec<Found> = files::files_with_extension(dir, "json")
        .into_iter()
        .filter_map(|path| {
            let state = read(&path).ok()?;
            let running = alive(state.pid);
            Some(Found {
                path,
                state,
                running,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.running
            .cmp(&a.running)
            .then(b.state.wall_ms.cmp(&a.state.wall_ms))
    });
    found
}

/// Replaces `path` by a file holding `text`: a private temporary file in the same folder, renamed
/// over it, so a reader sees the old file or the whole new one. Not synced to disk: the file
/// lives only as long as the session, in a folder that may be in memory, and a sync would delay
/// the viewer by the disk's latency.
fn replace(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".live-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Publishes a running session's live state; removes its file when dropped.
#[derive(Debug)]
pub struct Publisher {
    path: PathBuf,
    /// The last state written, to write only what changed.
    last: Option<LiveState>,
    error: Option<String>,
}

impl Publisher {
    /// A publisher for the program `pid` in `dir`, created private if missing. Files left in
    /// `dir` by programs that no longer run are removed first (what they showed is stale).
    pub fn new(dir: &Path, pid: u32) -> Publisher {
        let error = files::create_private_dir(dir)
            .err()
            .map(|error| format!("{}: {error}", dir.display()));
        if error.is_none() {
            for found in list(dir) {
                if !found.running {
                    let _ = std::fs::remove_file(&found.path);
                }
            }
        }
        Publisher {
            path: path_for(dir, pid),
            last: None,
            error,
        }
    }

    /// The file written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the live state cannot be published, if it cannot.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Writes `state` if the room would see something different from the last one written
    /// (the timing anchor alone does not count: the viewer's clock runs on its own).
    /// Returns whether the file was written.
    pub fn publish(&mut self, state: LiveState) -> bool {
        let same = self.last.as_ref().is_some_and(|last| {
            LiveState {
                at_s: state.at_s,
                wall_ms: state.wall_ms,
                ..last.clone()
            } == state
        });
        if same {
            return false;
        }
        let written = serde_json::to_string(&state)
            .map_err(io::Error::other)
            .and_then(|text| replace(&self.path, &text));
        match written {
            Ok(()) => {
                self.error = None;
                self.last = Some(state);
                true
            }
            Err(error) => {
                self.error = Some(format!("{}: {error}", self.path.display()));
                false
            }
        }
    }

    /// Removes the file: the session ended.
    pub fn finish(&mut self) {
        if self.last.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Drop for Publisher {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::journal::schema::SessionStart;

    fn start() -> JournalLine {
        let start: SessionStart = serde_json::from_str(
            r#"{"method":{"id":"case-clinic","name":"Case Clinic"},"people":[],"follow_up":{"person":"Ana","text":"call the client"}}"#,
        )
        .unwrap();
        JournalLine {
            time: None,
            at_s: None,
            event: JournalEvent::SessionStart(Box::new(start)),
        }
    }

    fn state(pid: u32) -> LiveState {
        LiveState {
            format: FORMAT,
            pid,
            start: start(),
            started: true,
            finished: false,
            events: vec![
                JournalLine {
                    time: None,
                    at_s: Some(0.0),
                    event: JournalEvent::Pause,
                },
                serde_json::from_str(r#"{"event":"note","step":0,"text":"Ben is tired"}"#).unwrap(),
            ],
            at_s: 12.5,
            wall_ms: 1_000,
            paused: false,
            step: 0,
            step_name: "Intention".into(),
            module: None,
            pinned: vec![LivePin {
                key: "contract".into(),
                text: "the contract".into(),
            }],
        }
    }

    #[test]
    fn the_room_never_gets_a_note_and_gets_captures_only_when_the_record_keeps_them() {
        let all = state(1).for_the_room(Record::All);
        assert_eq!(all.events.len(), 1, "the note is left out");
        assert_eq!(all.pinned.len(), 1);
        let timings = state(1).for_the_room(Record::Timings);
        assert!(timings.pinned.is_empty());
        let JournalEvent::SessionStart(start) = &timings.start.event else {
            panic!("a start line")
        };
        assert!(start.follow_up.is_none());
        let text = serde_json::to_string(&state(1).for_the_room(Record::None)).unwrap();
        assert!(!text.contains("tired") && !text.contains("contract") && !text.contains("call"));
    }

    #[cfg(unix)]
    #[test]
    fn a_published_state_is_private_written_on_change_only_and_removed_at_the_end() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live");
        let pid = std::process::id();
        let mut publisher = Publisher::new(&live, pid);
        assert!(publisher.publish(state(pid)));
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&live), 0o700);
        assert_eq!(mode(publisher.path()), 0o600);
        let mut later = state(pid);
        later.at_s = 14.0;
        later.wall_ms = 2_500;
        assert!(!publisher.publish(later.clone()), "only the clock moved");
        later.paused = true;
        assert!(publisher.publish(later.clone()));
        assert_eq!(read(publisher.path()).unwrap(), later);
        let found = list(&live);
        assert_eq!(found.len(), 1);
        assert!(found[0].running);
        let path = publisher.path().to_owned();
        drop(publisher);
        assert!(!path.exists());
    }

    #[test]
    fn a_file_left_by_a_dead_program_is_listed_as_stopped_then_cleared_by_the_next_session() {
        let dir = tempfile::tempdir().unwrap();
        // Above the kernel's largest pid: no program has it.
        let dead = 4_194_305;
        std::fs::write(
            path_for(dir.path(), dead),
            serde_json::to_string(&state(dead)).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.path().join("torn.json"), "{").unwrap();
        let found = list(dir.path());
        assert_eq!(found.len(), 1, "an unreadable file is skipped");
        assert!(!found[0].running);
        assert!(!alive(dead));
        let _publisher = Publisher::new(dir.path(), std::process::id());
        assert!(!path_for(dir.path(), dead).exists());
    }
}
