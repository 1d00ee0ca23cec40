//! Resuming a session whose program was killed: its journal is read back (a torn last line is
//! dropped) and its events are replayed into a new session, which goes on from the last moment
//! the journal knows.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::domain::capture::Pinned;
use crate::domain::lang::Lang;
use crate::domain::method::{Method, Record};
use crate::domain::plan::{Cast, Person};
use crate::domain::session::{Command, Phase, Session};
use crate::store::journal::{
    FollowUpEntry, JournalError, JournalEvent, JournalLine, PersonEntry, SessionStart, read_lines,
    schema::MAX_SECONDS,
};

/// A journal with no end: what is needed to resume or close it.
#[derive(Debug, Clone)]
pub struct Interrupted {
    /// The journal's file.
    pub path: PathBuf,
    /// Its first line.
    pub start: SessionStart,
    /// When the session started (wall clock), as written.
    pub started: String,
    /// Every complete line after the first.
    pub events: Vec<JournalLine>,
    /// The session's active time at the last line.
    pub last_at: Duration,
    /// Whether a partly written last line was dropped.
    pub torn: bool,
}

impl Interrupted {
    /// The method's id, as the journal names it.
    pub fn method_id(&self) -> &str {
        &self.start.method.id
    }

    /// The method's file, when it was not a built-in.
    pub fn method_path(&self) -> Option<&str> {
        self.start.method.path.as_deref()
    }

    /// The method's name, as written in the journal (its id when the journal gives none).
    pub fn method_name(&self) -> &str {
        self.start
            .method
            .name
            .as_deref()
            .unwrap_or(&self.start.method.id)
    }

    /// When the session started (wall clock), as written.
    pub fn started(&self) -> &str {
        &self.started
    }

    /// The session's language, when the journal gives a known one.
    pub fn language(&self) -> Option<Lang> {
        self.start.language.as_deref().and_then(Lang::from_tag)
    }

    /// Whether steps moved on by themselves.
    pub fn auto(&self) -> bool {
        self.start.auto.unwrap_or(false)
    }

    /// The clock's speed, from 1 (a real session) to 1000.
    pub fn speed(&self) -> u32 {
        self.start
            .speed
            .map_or(1, |speed| speed.clamp(1, 1000) as u32)
    }

    /// The group's name, if the session was run for a group.
    pub fn group(&self) -> Option<&str> {
        self.start.group.as_deref()
    }

    /// What the journal kept, when it kept something (`all` or `timings`).
    pub fn record(&self) -> Option<Record> {
        self.start.record.filter(|record| *record != Record::None)
    }

    /// What someone committed to at the previous session, shown at the start.
    pub fn follow_up(&self) -> Option<&FollowUpEntry> {
        self.start.follow_up.as_ref()
    }

    /// The step the session was in when it stopped, and that step's name.
    pub fn stopped_in(&self) -> Option<(usize, String)> {
        self.events.iter().rev().find_map(|line| match &line.event {
            JournalEvent::StepStart { step, name, .. } => {
                Some((*step, name.clone().unwrap_or_default()))
            }
            _ => None,
        })
    }

    /// The cast written in the journal's first line.
    pub fn cast(&self) -> Cast {
        cast_of(&self.start.people)
    }

    /// The captures made before the stop, the last of each kind.
    pub fn pinned(&self) -> Vec<Pinned> {
        let mut pinned: Vec<Pinned> = Vec::new();
        for line in &self.events {
            if let JournalEvent::Capture { key, text, .. } = &line.event {
                pinned.retain(|existing| &existing.key != key);
                pinned.push(Pinned {
                    key: key.clone(),
                    text: text.clone(),
                });
            }
        }
        pinned
    }
}

/// Reads a journal; `Ok(None)` when it ended normally (it has a `session_end`).
///
/// The journal is read through its schema, as `log list` reads it: a torn last line (even one
/// cut inside a UTF-8 character) is left out, and a torn line followed by a resumed session's
/// event keeps that event. Every value is checked (times, step indexes, the format): a journal
/// that does not read whole, or one of a newer format, is an error naming its file and line, and
/// nothing may then be written into it.
pub fn read(path: &Path) -> Result<Option<Interrupted>, JournalError> {
    let bytes = std::fs::read(path).map_err(|source| JournalError::CannotResume {
        path: path.to_owned(),
        source,
    })?;
    let read = read_lines(&bytes).map_err(|error| error.in_file(path))?;
    let lists_steps = matches!(
        read.lines.first(),
        Some((_, JournalLine { event: JournalEvent::SessionStart(start), .. })) if !start.steps.is_empty()
    );
    if lists_steps {
        // The logbook's reading checks what the schema cannot alone: steps that exist, one
        // session. (A journal that lists no steps is replayed against its method alone.)
        crate::store::logbook::parse_bytes(&bytes).map_err(|error| error.in_file(path))?;
    }
    let torn = read.torn_last_line;
    let mut values = read.lines.into_iter().map(|(_, line)| line);
    let (start, started) = match values.next() {
        Some(JournalLine {
            time,
            event: JournalEvent::SessionStart(start),
            ..
        }) => (*start, time.unwrap_or_default()),
        _ => {
            return Err(JournalError::NoSessionStart {
                path: path.to_owned(),
            });
        }
    };
    let events: Vec<JournalLine> = values.collect();
    if events
        .iter()
        .any(|line| matches!(line.event, JournalEvent::SessionEnd { .. }))
    {
        return Ok(None);
    }
    let last_at = events
        .iter()
        .rev()
        .find_map(JournalLine::active_time)
        .map(secs_f64)
        .unwrap_or_default();
    Ok(Some(Interrupted {
        path: path.to_owned(),
        start,
        started,
        events,
        last_at,
        torn,
    }))
}

/// The journals in `dirs` that never ended, newest first, and the journals that cannot be read
/// (each error names its file and line): one bad journal never hides another.
pub fn scan(dirs: &[PathBuf]) -> (Vec<Interrupted>, Vec<JournalError>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    for dir in dirs {
        for path in crate::store::files::files_with_extension(dir, "jsonl") {
            match read(&path) {
                Ok(Some(interrupted)) => found.push(interrupted),
                Ok(None) => {}
                Err(error) => bad.push(error),
            }
        }
    }
    found.sort_by(|a, b| b.path.file_name().cmp(&a.path.file_name()));
    found.dedup_by(|a, b| a.path == b.path);
    (found, bad)
}

/// The journals in `dirs` that never ended, newest first (those that cannot be read are left
/// out: [`scan`] names them).
pub fn find(dirs: &[PathBuf]) -> Vec<Interrupted> {
    scan(dirs).0
}

/// A cast as a journal line writes it.
fn cast_of(people: &[PersonEntry]) -> Cast {
    Cast {
        people: people
            .iter()
            .map(|person| Person {
                name: person.name.clone(),
                roles: person.roles.clone(),
            })
            .collect(),
    }
}

fn secs(seconds: Option<f64>) -> Duration {
    secs_f64(seconds.unwrap_or_default())
}

/// Seconds read from a journal as a duration; the schema already refused negative, non-finite
/// and huge values, and this never panics on any other.
fn secs_f64(seconds: f64) -> Duration {
    Duration::try_from_secs_f64(seconds.clamp(0.0, MAX_SECONDS)).unwrap_or_default()
}

/// The session the journal started: `method` with the journal's cast, fitted to its slot when
/// it was, before any event.
fn fresh(method: Method, interrupted: &Interrupted) -> Session {
    let auto = interrupted.auto();
    let cast = interrupted.cast();
    // A session fitted to a slot is fitted again the same way.
    let fitted = interrupted.start.fit.and_then(|fit| {
        let slot = Duration::from_secs(fit.slot_s);
        let drop_optional = fit.drop_optional;
        let table = crate::domain::plan::Timetable::new(&method, &cast);
        let fitted = crate::domain::fit::fit(
            &method,
            &table,
            slot,
            crate::domain::fit::FitOptions { drop_optional },
        )
        .ok()?;
        Some(crate::domain::fit::apply(&table, &fitted))
    });
    match fitted {
        Some(table) => Session::with_timetable(method, cast, table, auto),
        None => Session::new(method, cast, auto),
    }
}

/// Whether `method` still has the steps the journal lists (their number, names and kinds, in
/// the session's language): when the method's file was edited since, replaying the journal
/// into it would put the session in the wrong step, or past the end. A journal that lists no
/// steps matches any method.
pub fn same_steps(method: &Method, interrupted: &Interrupted) -> bool {
    let listed = &interrupted.start.steps;
    if listed.is_empty() {
        return true;
    }
    let lang = interrupted.language().unwrap_or_default();
    let session = fresh(method.clone(), interrupted);
    session.step_count() == listed.len()
        && listed.iter().enumerate().all(|(position, entry)| {
            entry.name == session.step_name(position, lang)
                && entry
                    .kind
                    .as_deref()
                    .is_none_or(|kind| kind == session.step_at(position).kind.as_str())
        })
}

/// Replays the journal's events into a new session of `method` so that, at `now`, it stands
/// where the journal stops: same step, same turn, same adjustments, same time spent.
pub fn replay(method: Method, interrupted: &Interrupted, now: Instant) -> Session {
    let mut session = fresh(method, interrupted);
    let paused_total: Duration = interrupted
        .events
        .iter()
        .filter_map(|line| match line.event {
            JournalEvent::Resume { paused_s, .. } => Some(secs(paused_s)),
            _ => None,
        })
        .sum();
    // Real instants of the past run: active time plus the pauses before it.
    let origin = now
        .checked_sub(interrupted.last_at + paused_total)
        .unwrap_or(now);
    let mut paused_so_far = Duration::ZERO;
    session.update(Command::Start, origin);
    let mut last_turn_passed = false;
    for line in &interrupted.events {
        let at = secs(line.active_time());
        let when = |paused: Duration| origin + at + paused;
        match line.event {
            JournalEvent::Pause => {
                session.update(Command::TogglePause, when(paused_so_far));
            }
            JournalEvent::Resume { paused_s, .. } => {
                paused_so_far += secs(paused_s);
                session.update(Command::TogglePause, when(paused_so_far));
            }
            JournalEvent::StepStart { step: target, .. } => {
                let instant = when(paused_so_far);
                session.update(Command::Tick, instant);
                let mut guard = 0;
                while session.phase() == Phase::Running
                    && session.step_index() != target
                    && guard < 1000
                {
                    let command = if target > session.step_index() {
                        Command::NextStep
                    } else {
                        Command::PreviousStep
                    };
                    session.update(command, instant);
                    guard += 1;
                }
            }
            JournalEvent::TurnEnd { passed, .. } => last_turn_passed = passed.unwrap_or(false),
            JournalEvent::TurnStart { turn, .. } => {
                let target = turn.unwrap_or_default();
                let instant = when(paused_so_far);
                session.update(Command::Tick, instant);
                if session.turn_index().is_some_and(|turn| turn < target) {
                    let command = if last_turn_passed {
                        Command::Pass
                    } else {
                        Command::NextSpeaker
                    };
                    session.update(command, instant);
                }
                last_turn_passed = false;
            }
            JournalEvent::Adjust { delta_s, .. } => {
                let command = if delta_s > 0 {
                    Command::AddMinute
                } else {
                    Command::RemoveMinute
                };
                session.update(command, when(paused_so_far));
            }
            JournalEvent::Restart { .. } => {
                session.update(Command::RestartStep, when(paused_so_far));
            }
            JournalEvent::Refit { .. } => {
                session.update(Command::Refit, when(paused_so_far));
            }
            JournalEvent::Cast { ref people, .. } => {
                let instant = when(paused_so_far);
                session.update(Command::Tick, instant);
                session.recast(cast_of(people), instant);
            }
            _ => {}
        }
    }
    // A session killed while paused resumes paused: the replay left it so.
    session
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::Countdown;

    fn journal(lines: &[&str], torn: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-11-23T14-00-00-case-clinic.jsonl");
        let mut text = lines.join("\n");
        text.push('\n');
        text.push_str(torn);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    const START: &str = r#"{"event":"session_start","format":1,"time":"2026-11-23T14:00:00+01:00","method":{"id":"case-clinic","name":"Case Clinic"},"auto":false,"people":[{"label":"Ana","name":"Ana","roles":["case-giver"]},{"label":"Ben","name":"Ben","roles":["coach"]},{"label":"Chloé","name":"Chloé","roles":["coach"]},{"label":"David","name":"David","roles":["coach"]},{"label":"Emma","name":"Emma","roles":["coach","timekeeper"]}]}"#;

    #[test]
    fn a_killed_round_is_replayed_to_the_same_turn_with_its_time_and_captures() {
        let (_dir, path) = journal(
            &[
                START,
                r#"{"event":"step_start","step":0,"at_s":0.0}"#,
                r#"{"event":"step_end","step":0,"at_s":130.0,"actual_s":130.0}"#,
                r#"{"event":"step_start","step":1,"at_s":130.0}"#,
                r#"{"event":"adjust","step":1,"delta_s":60}"#,
                r#"{"event":"pause","at_s":200.0}"#,
                r#"{"event":"resume","at_s":200.0,"paused_s":300.0}"#,
                r#"{"event":"step_end","step":1,"at_s":1090.0,"actual_s":960.0}"#,
                r#"{"event":"step_start","step":2,"at_s":1090.0}"#,
                r#"{"event":"step_end","step":2,"at_s":1270.0,"actual_s":180.0}"#,
                r#"{"event":"step_start","step":3,"at_s":1270.0}"#,
                r#"{"event":"turn_start","step":3,"turn":0,"at_s":1270.0}"#,
                r#"{"event":"turn_end","step":3,"turn":0,"passed":false,"actual_s":120.0}"#,
                r#"{"event":"turn_start","step":3,"turn":1,"at_s":1390.0}"#,
                r#"{"event":"turn_end","step":3,"turn":1,"passed":true,"actual_s":10.0}"#,
                r#"{"event":"turn_start","step":3,"turn":2,"at_s":1400.0}"#,
                r#"{"event":"capture","step":3,"at_s":1410.0,"key":"action-plan","text":"Call Jo"}"#,
                r#"{"event":"note","step":3,"at_s":1450.0,"text":"David: a bridge"}"#,
            ],
            r#"{"event":"note","step":3,"at_s":14"#,
        );
        let interrupted = read(&path).unwrap().expect("no session_end: interrupted");
        assert!(interrupted.torn);
        assert_eq!(interrupted.last_at, Duration::from_secs(1450));
        assert_eq!(interrupted.stopped_in().map(|(step, _)| step), Some(3));
        assert_eq!(interrupted.pinned().len(), 1);

        let method = crate::store::library::builtin("case-clinic")
            .unwrap()
            .unwrap();
        let now = Instant::now() + Duration::from_secs(10_000);
        let session = replay(method, &interrupted, now);
        assert_eq!(session.phase(), Phase::Running);
        assert_eq!(session.step_index(), 3);
        assert_eq!(session.turn_index(), Some(2));
        assert_eq!(session.active(now), Duration::from_secs(1450));
        assert_eq!(
            session.planned()[1],
            Duration::from_secs(16 * 60),
            "the added minute is kept"
        );
        assert_eq!(
            session.turn_countdown(now),
            Some(Countdown::Left(Duration::from_secs(120 - 50)))
        );
        let records = session.records(now);
        assert_eq!(records[0].actual, Duration::from_secs(130));
        assert_eq!(records[1].actual, Duration::from_secs(960));
    }

    #[test]
    fn a_journal_that_ended_is_not_resumable_and_a_corrupt_middle_line_is_named() {
        let (_dir, path) = journal(
            &[
                START,
                r#"{"event":"session_end","completed":true,"active_s":10.0}"#,
            ],
            "",
        );
        assert!(read(&path).unwrap().is_none());
        let (_dir, path) = journal(
            &[
                START,
                "{oops",
                r#"{"event":"step_start","step":0,"at_s":0.0}"#,
            ],
            "",
        );
        let error = read(&path).unwrap_err();
        let message = error.message();
        assert!(
            message.en.contains(".jsonl: Line 2 is not valid JSON"),
            "{}",
            message.en
        );
        assert!(
            message.fr.contains("La ligne 2 n’est pas"),
            "{}",
            message.fr
        );
    }
}
