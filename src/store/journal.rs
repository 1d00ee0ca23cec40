//! The session journal: one JSON object per line, written and synced as events happen, in a
//! folder only its owner can read, and locked for as long as its session runs.
//!
//! A journal reaches the disk from its first line, wherever it is written: when its folder
//! cannot be written (at the start, or later, on a full disk), the journal moves at once to a
//! fallback folder ([`crate::store::paths::fallback_dirs`]) with every line it had, and the cut
//! copy left behind is removed. Only when nothing can be written anywhere are lines kept in
//! memory, to be written as soon as the disk takes them again.

use std::fs::{self, File, OpenOptions};

use crate::store::files::{create_private_dir, create_private_file};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod error;
mod live;
mod read;
pub mod schema;

pub use error::JournalError;
pub use live::{is_live, running_elsewhere};
pub use read::{JournalLines, read_lines};
use schema::journal_seconds as seconds;
pub use schema::{
    FORMAT, FitEntry, FollowUpEntry, JournalEvent, JournalLine, MethodEntry, PersonEntry,
    RoleEntry, SessionStart, StepEntry,
};

use crate::domain::capture::{FollowUp, Written};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Record, capture_label};
use crate::domain::session::{Event, Session};

/// The folder where journals go (an alias of [`crate::store::paths::journal_dir`], for its callers).
pub use crate::store::paths::journal_dir as default_dir;
pub use crate::store::paths::{fallback_dirs, journal_dirs};

/// A journal being written. Its file is locked while this value lives: no other process
/// resumes, closes or appends to it ([`is_live`]).
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    /// The bytes of the file at `path` known to be whole lines on disk.
    len: u64,
    /// Lines that did not reach the disk yet (only while nothing can be written anywhere).
    pending: Vec<String>,
    error: Option<Bilingual>,
    /// The folder the journal was meant for, when it is saved in a fallback folder instead.
    moved_from: Option<PathBuf>,
    /// Where it may move, in order ([`fallback_dirs`]).
    fallbacks: Vec<PathBuf>,
}

/// Creates `NAME.jsonl` (or `NAME-2.jsonl`... when taken) in `dir`, private and locked.
fn open_new(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    if crate::store::paths::is_temp_fallback(dir) {
        crate::store::paths::private_temp_dir()?;
    } else {
        create_private_dir(dir)?;
    }
    // Two sessions started in the same second get names of their own.
    let mut path = dir.join(format!("{name}.jsonl"));
    let mut opened = create_private_file(&path);
    let mut attempt = 2;
    while opened
        .as_ref()
        .is_err_and(|error| error.kind() == std::io::ErrorKind::AlreadyExists)
        && attempt < 100
    {
        path = dir.join(format!("{name}-{attempt}.jsonl"));
        opened = create_private_file(&path);
        attempt += 1;
    }
    let file = opened?;
    live::lock(&file);
    Ok((path, file))
}

impl Journal {
    /// Opens a new journal `NAME.jsonl` in `dir`; when `dir` cannot be written, in the first
    /// fallback folder that can ([`Journal::moved_from`] then says so).
    pub fn create(dir: &Path, name: &str) -> Journal {
        Journal::create_in(dir, name, fallback_dirs())
    }

    /// [`Journal::create`], with the fallback folders given.
    fn create_in(dir: &Path, name: &str, fallbacks: Vec<PathBuf>) -> Journal {
        match open_new(dir, name) {
            Ok((path, file)) => Journal {
                path,
                file: Some(file),
                len: 0,
                pending: Vec::new(),
                error: None,
                moved_from: None,
                fallbacks,
            },
            Err(error) => {
                let mut journal = Journal {
                    path: dir.join(format!("{name}.jsonl")),
                    file: None,
                    len: 0,
                    pending: Vec::new(),
                    error: Some(located(dir, &error)),
                    moved_from: None,
                    fallbacks,
                };
                journal.move_elsewhere();
                journal
            }
        }
    }

    /// Opens an existing journal to add lines to it (a resumed session), and locks it. Fails
    /// when another process holds it (its session is running) or when it cannot be read; when
    /// it can be read but not written, it goes on in a fallback folder, with every line it had.
    pub fn reopen(path: &Path) -> Result<Journal, Bilingual> {
        if is_live(path) {
            return Err(running_elsewhere(path));
        }
        let unreadable = |error: std::io::Error| {
            Bilingual::new(
                format!("{}: cannot read the journal: {error}", path.display()),
                format!(
                    "{} : impossible de lire le journal : {error}",
                    path.display()
                ),
            )
        };
        // The lock is taken before the file is read: what is read is then what is appended to.
        let opened = OpenOptions::new().read(true).append(true).open(path);
        let (file, error) = match opened {
            Ok(file) => {
                if live::try_lock(&file).is_err() {
                    return Err(running_elsewhere(path));
                }
                (Some(file), None)
            }
            Err(error) => (None, Some(located(path, &error))),
        };
        let text = fs::read(path).map_err(unreadable)?;
        // A line cut by a kill is dropped, so the next line starts on a line of its own.
        let keep = text
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |i| i + 1);
        let mut journal = Journal {
            path: path.to_owned(),
            file,
            len: keep as u64,
            pending: Vec::new(),
            error,
            moved_from: None,
            fallbacks: fallback_dirs(),
        };
        if let Some(file) = &journal.file
            && keep < text.len()
        {
            let cut = file.set_len(keep as u64).and_then(|()| file.sync_all());
            if let Err(error) = cut {
                journal.error = Some(located(path, &error));
                journal.file = None;
            }
        }
        if journal.file.is_none() {
            // It can be read but not written: it goes on in a fallback folder, whole.
            journal.move_elsewhere();
        }
        Ok(journal)
    }

    /// The journal's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the journal is not where it was meant to be, or not wholly on disk, if so.
    pub fn error(&self) -> Option<&Bilingual> {
        self.error.as_ref()
    }

    /// The folder the journal was meant for, when it is saved in a fallback folder instead.
    pub fn moved_from(&self) -> Option<&Path> {
        self.moved_from.as_deref()
    }

    /// Whether some lines are on no disk at all: nothing could be written anywhere.
    pub fn unsaved(&self) -> bool {
        self.file.is_none() || !self.pending.is_empty()
    }

    /// Appends one line, flushed and synced to disk before returning. When the file cannot be
    /// written, the journal moves to a fallback folder first.
    pub fn append(&mut self, line: &JournalLine) {
        let mut line = match line.to_json() {
            Ok(json) => json,
            Err(error) => {
                self.error = Some(located(&self.path, &std::io::Error::other(error)));
                return;
            }
        };
        line.push('\n');
        self.pending.push(line);
        if !self.write_pending() && self.move_elsewhere() {
            self.write_pending();
        }
    }

    /// Writes the lines not yet on disk; `false` (and the reason remembered) when they are not.
    fn write_pending(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let Some(file) = &mut self.file else {
            return false;
        };
        let bytes = self.pending.concat();
        match file
            .write_all(bytes.as_bytes())
            .and_then(|()| file.sync_data())
        {
            Ok(()) => {
                self.len += bytes.len() as u64;
                self.pending.clear();
                true
            }
            Err(error) => {
                // A line half written (a full disk) is cut off, so the file holds whole lines.
                let _ = file.set_len(self.len);
                self.error = Some(located(&self.path, &error));
                false
            }
        }
    }

    /// Moves the journal, with every line it has on disk, to the first fallback folder that
    /// takes it whole, and removes the copy it leaves (which, cut short, would be offered for
    /// resuming). `false` when no folder takes it.
    fn move_elsewhere(&mut self) -> bool {
        let here = self.path.parent().map(Path::to_owned).unwrap_or_default();
        let mut existing = if self.len > 0 {
            fs::read(&self.path).unwrap_or_default()
        } else {
            Vec::new()
        };
        if (existing.len() as u64) < self.len {
            return false;
        }
        existing.truncate(self.len as usize);
        let name = self
            .path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| "session".to_owned());
        for dir in self.fallbacks.clone() {
            if dir == here {
                continue;
            }
            let Ok((path, mut file)) = open_new(&dir, &name) else {
                continue;
            };
            if file
                .write_all(&existing)
                .and_then(|()| file.sync_data())
                .is_err()
            {
                let _ = fs::remove_file(&path);
                continue;
            }
            if self.file.take().is_some() {
                let _ = fs::remove_file(&self.path);
            }
            self.moved_from.get_or_insert(here);
            self.path = path;
            self.file = Some(file);
            return true;
        }
        false
    }

    /// Makes sure every line is on disk. Returns the file that holds the journal, or why it
    /// could not be written anywhere.
    pub fn finish(&mut self) -> Result<PathBuf, Bilingual> {
        if !self.write_pending() && self.move_elsewhere() {
            self.write_pending();
        }
        if self.unsaved() {
            return Err(self.error.clone().unwrap_or_else(|| {
                let path = self.path.display().to_string();
                Bilingual::new(path.clone(), path)
            }));
        }
        Ok(self.path.clone())
    }
}

/// What the first line of a journal says besides the session itself.
#[derive(Debug, Clone, Copy)]
pub struct StartFacts<'a> {
    /// The method's id.
    pub method_id: &'a str,
    /// The method's file, when it is not a built-in.
    pub method_path: Option<&'a str>,
    /// The group holding the session, if any.
    pub group: Option<&'a str>,
    /// The session's language.
    pub lang: Lang,
    /// What the journal keeps.
    pub record: Record,
    /// The rehearsal speed (1 for a real session).
    pub speed: u32,
    /// The slot the session was fitted to, and whether optional steps were left out.
    pub fit: Option<(Duration, bool)>,
    /// The previous case giver's plan.
    pub follow_up: Option<&'a FollowUp>,
}

/// The first line of a journal: the method, the group, the people, the plan.
pub fn start_line(session: &Session, facts: &StartFacts, time: &str) -> JournalLine {
    let lang = facts.lang;
    let method = session.method();
    let start = SessionStart {
        format: Some(u64::from(FORMAT)),
        method: MethodEntry {
            id: facts.method_id.to_owned(),
            name: Some(method.name.get(lang).to_owned()),
            path: facts.method_path.map(str::to_owned),
        },
        group: facts.group.map(str::to_owned),
        language: Some(lang.tag().to_owned()),
        record: Some(facts.record),
        speed: Some(u64::from(facts.speed)),
        auto: Some(session.auto_advance()),
        people: people_entries(session, lang),
        roles: method
            .roles
            .iter()
            .map(|role| RoleEntry {
                id: role.id.clone(),
                name: Some(role.name.get(lang).to_owned()),
                function: role.function.map(|function| function.as_str().to_owned()),
            })
            .collect(),
        steps: (0..session.step_count())
            .map(|position| {
                let step = session.step_at(position);
                StepEntry {
                    name: session.step_name(position, lang),
                    kind: Some(step.kind.as_str().to_owned()),
                    planned_s: session.planned()[position].as_secs(),
                    capture: step.capture.clone(),
                }
            })
            .collect(),
        planned_s: Some(session.planned().iter().sum::<Duration>().as_secs()),
        fit: facts.fit.map(|(slot, drop_optional)| FitEntry {
            slot_s: slot.as_secs(),
            drop_optional,
        }),
        follow_up: facts.follow_up.map(|follow_up| FollowUpEntry {
            person: follow_up.person.clone(),
            text: follow_up.text.clone(),
            from: Some(follow_up.from.clone()),
        }),
    };
    JournalLine::new(time, JournalEvent::SessionStart(Box::new(start)))
}

/// The session's cast as the journal writes it: each person's label, name and roles.
fn people_entries(session: &Session, lang: Lang) -> Vec<PersonEntry> {
    let method = session.method();
    let cast = session.cast();
    (0..cast.people.len())
        .map(|index| PersonEntry {
            label: cast.label(method, index, lang),
            name: cast.people[index].name.clone(),
            roles: cast.people[index].roles.clone(),
        })
        .collect()
}

/// A note or capture as a journal line, in `lang`; `None` when the log keeps timings only.
pub fn written_line(
    record: Record,
    lang: Lang,
    written: &Written,
    time: &str,
) -> Option<JournalLine> {
    if record != Record::All {
        return None;
    }
    let event = match written {
        Written::Note { step, at, text } => (
            JournalEvent::Note {
                step: *step,
                text: text.clone(),
            },
            at,
        ),
        Written::Capture {
            step,
            at,
            key,
            text,
        } => (
            JournalEvent::Capture {
                step: *step,
                key: key.clone(),
                label: Some(capture_label(key, lang)),
                text: text.clone(),
            },
            at,
        ),
    };
    let (event, at) = event;
    Some(JournalLine::new(time, event).at(seconds(*at)))
}

/// The line a resumed session adds to its journal: it goes on from `at`.
pub fn resumed_line(at: Duration, time: &str) -> JournalLine {
    JournalLine::new(time, JournalEvent::Resumed).at(at.as_secs_f64())
}

/// The line a session stopped by a signal leaves last: it did not end, and can be resumed from
/// active time `at`.
pub fn suspended_line(at: Duration, time: &str) -> JournalLine {
    JournalLine::new(time, JournalEvent::Suspended).at(seconds(at))
}

/// The line that closes a killed session's journal as interrupted, at active time `at`.
pub fn interrupted_end_line(at: Duration, time: &str) -> JournalLine {
    JournalLine::new(
        time,
        JournalEvent::SessionEnd {
            completed: false,
            active_s: Some(at.as_secs_f64()),
            interrupted: Some(true),
        },
    )
}

/// One event as a journal line; `None` for events the first line already covers.
pub fn event_line(session: &Session, event: &Event, lang: Lang, time: &str) -> Option<JournalLine> {
    let happened = event;
    let method = session.method();
    let step_name = |step: usize| Some(session.step_name(step, lang));
    let person = |step: usize, index: usize| Some(session.cast_at(step).label(method, index, lang));
    let event = match *event {
        Event::SessionStarted | Event::RefitRefused { .. } => return None,
        Event::Refitted {
            step, target_end, ..
        } => JournalEvent::Refit {
            step: Some(step),
            target_s: Some(target_end.as_secs()),
            planned_s: Some(session.planned().iter().map(Duration::as_secs).collect()),
        },
        Event::StepStarted { step, planned, .. } => JournalEvent::StepStart {
            step,
            name: step_name(step),
            planned_s: Some(planned.as_secs()),
        },
        Event::StepEnded {
            step,
            planned,
            actual,
            ..
        } => JournalEvent::StepEnd {
            step,
            name: step_name(step),
            planned_s: Some(planned.as_secs()),
            actual_s: seconds(actual),
        },
        Event::TurnStarted {
            step,
            turn,
            person: who,
            planned,
            ..
        } => JournalEvent::TurnStart {
            step,
            turn: Some(turn),
            speaker: person(step, who),
            planned_s: Some(planned.as_secs()),
        },
        Event::TurnEnded {
            step,
            turn,
            person: who,
            planned,
            actual,
            passed,
        } => JournalEvent::TurnEnd {
            step,
            turn: Some(turn),
            speaker: person(step, who),
            planned_s: Some(planned.as_secs()),
            actual_s: seconds(actual),
            passed: Some(passed),
        },
        Event::Paused { .. } => JournalEvent::Pause,
        Event::Resumed { paused, .. } => JournalEvent::Resume {
            paused_s: Some(seconds(paused)),
        },
        Event::Adjusted {
            step,
            seconds: delta,
        } => JournalEvent::Adjust {
            step,
            delta_s: delta,
        },
        Event::Restarted { step } => JournalEvent::Restart { step },
        Event::Recast { step, .. } => JournalEvent::Cast {
            step: Some(step),
            people: people_entries(session, lang),
        },
        Event::SessionEnded { completed, at } => JournalEvent::SessionEnd {
            completed,
            active_s: Some(seconds(at)),
            interrupted: None,
        },
    };
    let line = JournalLine::new(time, event);
    // A session's end gives its active time as `active_s`, the other events as `at_s`.
    Some(match happened.at() {
        Some(at) if !matches!(happened, Event::SessionEnded { .. }) => line.at(seconds(at)),
        _ => line,
    })
}

/// Why a file or folder could not be written, with its path, in both languages (never the
/// system's English on a French screen).
fn located(path: &Path, error: &std::io::Error) -> Bilingual {
    let why = crate::store::io_text::io_text(error);
    Bilingual::new(
        format!("{}: {}", path.display(), why.get(Lang::En)),
        format!("{} : {}", path.display(), why.get(Lang::Fr)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A short line to write in tests.
    fn pause(at: f64) -> JournalLine {
        JournalLine {
            time: None,
            at_s: Some(at),
            event: JournalEvent::Pause,
        }
    }

    #[test]
    fn journal_files_are_private_and_hold_every_line() {
        let dir = tempfile::tempdir().unwrap();
        let sessions = dir.path().join("a/b/sessions");
        let mut journal = Journal::create(&sessions, "s1");
        assert_eq!(journal.error(), None);
        journal.append(&pause(1.0));
        journal.append(&pause(2.0));
        assert_eq!(journal.finish().unwrap(), sessions.join("s1.jsonl"));
        let text = fs::read_to_string(sessions.join("s1.jsonl")).unwrap();
        assert_eq!(
            text,
            "{\"at_s\":1.0,\"event\":\"pause\"}\n{\"at_s\":2.0,\"event\":\"pause\"}\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&sessions).unwrap().permissions().mode() & 0o777,
                0o700
            );
            assert_eq!(
                fs::metadata(sessions.join("s1.jsonl"))
                    .unwrap()
                    .permissions()
                    .mode()
                    & 0o777,
                0o600
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_log_folder_keeps_its_mode_and_the_journal_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o7777;
        for folder_mode in [0o755, 0o2775] {
            let dir = tempfile::tempdir().unwrap();
            let logs = dir.path().join("logs");
            fs::create_dir(&logs).unwrap();
            fs::set_permissions(&logs, fs::Permissions::from_mode(folder_mode)).unwrap();
            let mut journal = Journal::create(&logs, "s");
            journal.append(&pause(1.0));
            assert_eq!(journal.error(), None);
            assert_eq!(mode(&logs), folder_mode, "--log-dir keeps its mode");
            assert_eq!(mode(journal.path()), 0o600);
        }
    }

    #[test]
    fn lines_are_written_with_sorted_keys_and_null_for_what_is_not_there() {
        use crate::domain::plan::{Cast, People};
        use crate::domain::session::Command;
        let method = crate::store::library::builtin("codev").unwrap().unwrap();
        let cast = Cast::assign(&method, &People::parse("Ana,Ben,Chloé").unwrap()).unwrap();
        let mut session = Session::new(method, cast, false);
        let facts = StartFacts {
            method_id: "codev",
            method_path: None,
            group: None,
            lang: Lang::En,
            record: Record::All,
            speed: 1,
            fit: None,
            follow_up: None,
        };
        let start = start_line(&session, &facts, "t").to_json().unwrap();
        assert!(
            start.starts_with(r#"{"auto":false,"event":"session_start","fit":null,"follow_up":null,"format":1,"group":null,"language":"en","method":{"id":"codev","name":"#),
            "{start}"
        );
        assert!(start.contains(r#""path":null},"people":[{"label":"Ana","name":"Ana","roles":"#));
        assert!(start.ends_with(r#""speed":1,"steps":[{"capture":null,"kind":"open","name":"Opening","planned_s":600},{"capture":null,"kind":"talk","name":"Presentation","planned_s":600},{"capture":null,"kind":"open","name":"Clarification","planned_s":900},{"capture":"contract","kind":"open","name":"Consultation contract","planned_s":300},{"capture":null,"kind":"open","name":"Consultation","planned_s":1500},{"capture":"action-plan","kind":"talk","name":"Synthesis and action plan","planned_s":600},{"capture":null,"kind":"round","name":"Learnings","planned_s":900}],"time":"t"}"#));
        let now = std::time::Instant::now();
        let effects = session.update(Command::Start, now);
        let lines: Vec<String> = effects
            .events
            .iter()
            .filter_map(|event| event_line(&session, event, Lang::En, "t"))
            .map(|line| line.to_json().unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                r#"{"at_s":0.0,"event":"step_start","name":"Opening","planned_s":600,"step":0,"time":"t"}"#
            ]
        );
    }

    #[test]
    fn two_journals_of_the_same_second_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        let first = Journal::create(dir.path(), "same");
        let second = Journal::create(dir.path(), "same");
        assert_eq!(second.error(), None);
        assert_ne!(first.path(), second.path());
        assert_eq!(second.path(), dir.path().join("same-2.jsonl"));
    }

    #[test]
    fn reopening_drops_a_torn_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        fs::write(&path, "{\"event\":\"a\"}\n{\"event\":\"no").unwrap();
        let mut journal = Journal::reopen(&path).unwrap();
        journal.append(&resumed_line(Duration::from_secs(3), "t"));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\"event\":\"a\"}\n{\"at_s\":3.0,\"event\":\"resumed\",\"time\":\"t\"}\n"
        );
    }

    #[test]
    fn an_unwritable_folder_sends_the_journal_to_disk_elsewhere_from_the_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "not a folder").unwrap();
        let fallback = dir.path().join("fallback");
        let fallbacks = vec![blocker.join("also-not"), fallback.clone()];
        let mut journal = Journal::create_in(&blocker.join("sessions"), "s2", fallbacks);
        assert!(journal.error().is_some());
        assert_eq!(
            journal.moved_from(),
            Some(blocker.join("sessions").as_path())
        );
        journal.append(&pause(4.0));
        assert!(!journal.unsaved());
        // On disk at once, not at the end.
        assert_eq!(journal.path(), fallback.join("s2.jsonl"));
        assert_eq!(
            fs::read_to_string(journal.path()).unwrap(),
            "{\"at_s\":4.0,\"event\":\"pause\"}\n"
        );
        assert!(
            is_live(journal.path()),
            "the fallback journal is locked too"
        );
        assert_eq!(journal.finish().unwrap(), fallback.join("s2.jsonl"));
    }

    #[test]
    fn nothing_writable_anywhere_is_told_and_the_lines_wait_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "not a folder").unwrap();
        let mut journal = Journal::create_in(&blocker.join("a"), "s", vec![blocker.join("b")]);
        journal.append(&pause(1.0));
        assert!(journal.unsaved());
        assert!(journal.finish().is_err());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_moves_the_whole_journal_and_leaves_no_cut_copy() {
        let dir = tempfile::tempdir().unwrap();
        let primary = dir.path().join("logs");
        let fallback = dir.path().join("fallback");
        let mut journal = Journal::create_in(&primary, "s", vec![fallback.clone()]);
        journal.append(&pause(1.0));
        journal.append(&pause(2.0));
        let first = journal.path().to_owned();
        // `/dev/full` answers every write with "no space left on device".
        journal.file = Some(OpenOptions::new().write(true).open("/dev/full").unwrap());
        journal.append(&pause(3.0));
        assert!(!journal.unsaved(), "{:?}", journal.error());
        assert_eq!(journal.path(), fallback.join("s.jsonl"));
        assert_eq!(journal.moved_from(), Some(primary.as_path()));
        assert!(
            !first.exists(),
            "the cut copy is left to be offered for resuming"
        );
        let text = fs::read_to_string(journal.path()).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
    }

    #[test]
    fn a_live_journal_cannot_be_reopened_by_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::create_in(dir.path(), "s", Vec::new());
        assert!(is_live(journal.path()));
        let refused = Journal::reopen(journal.path()).unwrap_err();
        assert!(refused.get(Lang::En).contains("running now"), "{refused:?}");
        let path = journal.path().to_owned();
        drop(journal);
        assert!(!is_live(&path));
        assert!(Journal::reopen(&path).is_ok());
    }
}
