//! Reading a journal's lines into a [`SessionLog`].
//!
//! The lines are read through the journal's schema ([`crate::store::journal::read_lines`]): a
//! cut-off last line is left out and flagged, and any other line that does not read is an error
//! that names it. Events this version does not know are skipped, so that newer journals of the
//! same format still read.

use super::{Capture, FollowUp, Note, PersonLog, RoleLog, SessionLog, Status, StepLog, TurnLog};
use crate::domain::lang::Lang;
use crate::domain::method::{Record, capture_label};
use crate::store::journal::{
    JournalError, JournalEvent, JournalLine, PersonEntry, SessionStart, read_lines,
};

/// Parses the text of a journal.
pub fn parse(text: &str) -> Result<SessionLog, JournalError> {
    parse_bytes(text.as_bytes())
}

/// Parses the bytes of a journal: a last line that is not valid UTF-8 counts as cut off.
pub fn parse_bytes(bytes: &[u8]) -> Result<SessionLog, JournalError> {
    let read = read_lines(bytes)?;
    let mut lines = read.lines.into_iter();
    let Some((number, first)) = lines.next() else {
        return Err(if read.torn_last_line {
            JournalError::OnlyLineCutOff
        } else {
            JournalError::Empty
        });
    };
    let JournalEvent::SessionStart(start) = &first.event else {
        return Err(JournalError::NotASessionStart { line: number });
    };
    let mut builder = Builder::start(start, first.time.clone().unwrap_or_default())?;
    builder.log.torn_last_line = read.torn_last_line;
    builder.log.torn_lines = read.torn_lines;
    for (number, line) in lines {
        builder.event(number, &line)?;
    }
    Ok(builder.finish())
}

/// The people of a journal line, with their roles' names.
fn people_logs(people: &[PersonEntry], roles: &[RoleLog]) -> Vec<PersonLog> {
    people
        .iter()
        .map(|person| PersonLog {
            label: person.label.clone(),
            name: person.name.clone(),
            role_names: person
                .roles
                .iter()
                .map(|id| {
                    roles
                        .iter()
                        .find(|role| &role.id == id)
                        .map_or_else(|| id.clone(), |role| role.name.clone())
                })
                .collect(),
            roles: person.roles.clone(),
        })
        .collect()
}

/// Parses a journal from its first line, its last `cast` line (see [`last_cast_line`]) and its last
/// bytes only, for listings over thousands of journals: who, what, when and the group come from the first line; how it ended, its last
/// time and its active time from the last lines, read backwards until one gives the active
/// time. Steps, turns, notes and captures stay empty. `tail` may start in the middle of a line
/// (unless `tail_is_whole`): that piece is left out. Fails as [`parse_bytes`] would on the first
/// line; a tail line that does not read is an error too (the caller then reads the whole
/// journal, which tells the error with its line number).
pub(super) fn parse_brief(
    first: &[u8],
    last_cast: Option<&[u8]>,
    tail: &[u8],
    tail_is_whole: bool,
) -> Result<SessionLog, JournalError> {
    // The common case read straight into its type; anything unusual (a newer format, a field
    // of the wrong type) through the schema's reader, which says what is wrong and where.
    let direct = serde_json::from_slice::<JournalLine>(first)
        .ok()
        .filter(|line| match &line.event {
            JournalEvent::SessionStart(start) => {
                start.format.unwrap_or(1) <= u64::from(crate::store::journal::FORMAT)
            }
            _ => false,
        });
    let line = match direct {
        Some(line) => line,
        None => {
            let head = read_lines(first)?;
            let Some((number, line)) = head.lines.into_iter().next() else {
                return Err(if head.torn_last_line {
                    JournalError::OnlyLineCutOff
                } else {
                    JournalError::Empty
                });
            };
            if !matches!(line.event, JournalEvent::SessionStart(_)) {
                return Err(JournalError::NotASessionStart { line: number });
            }
            line
        }
    };
    let JournalEvent::SessionStart(start) = &line.event else {
        return Err(JournalError::NotASessionStart { line: 1 });
    };
    let mut builder = Builder::start(start, line.time.clone().unwrap_or_default())?;
    // The cast chosen during the session, wherever its line stands, is the one a listing and the
    // group's history keep.
    if let Some(cast) = last_cast {
        for (number, line) in read_lines(cast)?.lines {
            if matches!(line.event, JournalEvent::Cast { .. }) {
                builder.event(number, &line)?;
            }
        }
    }
    let tail = if tail_is_whole {
        tail
    } else {
        // The first piece may be the end of a line cut by the seek.
        tail.iter()
            .position(|&byte| byte == b'\n')
            .map_or(&tail[tail.len()..], |end| &tail[end + 1..])
    };
    // The last lines, newest first, up to the first one that gives the active time.
    let pieces = tail
        .split(|&byte| byte == b'\n')
        .filter(|piece| !piece.iter().all(u8::is_ascii_whitespace))
        .rev();
    let mut last: Vec<JournalLine> = Vec::new();
    let mut first_piece = true;
    for piece in pieces {
        let is_last = first_piece;
        first_piece = false;
        let read = read_lines(piece)?;
        if read.torn_last_line && is_last {
            builder.log.torn_last_line = true;
            builder.log.torn_lines = 1;
            continue;
        }
        let Some((_, line)) = read.lines.into_iter().next() else {
            continue;
        };
        if matches!(line.event, JournalEvent::SessionStart(_)) {
            // The tail reached back to the first line: nothing more to learn.
            break;
        }
        let timed = line.at_s.is_some()
            || matches!(
                line.event,
                JournalEvent::SessionEnd {
                    active_s: Some(_),
                    ..
                }
            );
        last.push(line);
        if timed {
            break;
        }
    }
    for line in last.into_iter().rev() {
        builder.at(line.at_s);
        if let Some(time) = &line.time {
            builder.log.last_time = time.clone();
        }
        if matches!(line.event, JournalEvent::SessionEnd { .. }) {
            builder.event(0, &line)?;
        }
    }
    Ok(builder.finish())
}

/// The log being built, line after line.
struct Builder {
    log: SessionLog,
    /// The step that started and has not ended yet, with the active time it started at.
    open: Option<(usize, f64)>,
    /// The latest active time any line gave.
    last_at: f64,
    /// The active time of the `session_end` line, if there is one.
    ended_at: Option<f64>,
}

impl Builder {
    fn start(line: &SessionStart, started: String) -> Result<Builder, JournalError> {
        let format = line.format.unwrap_or(1);
        let method = &line.method;
        let roles: Vec<RoleLog> = line
            .roles
            .iter()
            .map(|role| RoleLog {
                id: role.id.clone(),
                name: role.name.clone().unwrap_or_else(|| role.id.clone()),
                function: role.function.clone(),
            })
            .collect();
        let people = people_logs(&line.people, &roles);
        let steps: Vec<StepLog> = line
            .steps
            .iter()
            .map(|step| StepLog {
                name: step.name.clone(),
                kind: step.kind.clone().unwrap_or_else(|| "talk".into()),
                capture: step.capture.clone(),
                initial_s: step.planned_s,
                planned_s: step.planned_s,
                actual_s: 0.0,
                visited: false,
                times_entered: 0,
                overrun: false,
                unfinished: false,
                turns: Vec::new(),
            })
            .collect();
        let planned_s = line
            .planned_s
            .unwrap_or_else(|| steps.iter().map(|step| step.initial_s).sum());
        let follow_up = line.follow_up.as_ref().map(|follow_up| FollowUp {
            person: follow_up.person.clone(),
            text: follow_up.text.clone(),
            from: follow_up.from.clone(),
        });
        Ok(Builder {
            log: SessionLog {
                format: format as u32,
                last_time: started.clone(),
                started,
                method_id: method.id.clone(),
                method_name: method.name.clone().unwrap_or_else(|| method.id.clone()),
                method_path: method.path.clone(),
                group: line.group.clone(),
                language: line.language.clone().unwrap_or_else(|| "en".into()),
                record: line.record.unwrap_or(Record::All),
                speed: u32::try_from(line.speed.unwrap_or(1)).unwrap_or(u32::MAX),
                auto: line.auto.unwrap_or(false),
                people,
                roles,
                steps,
                planned_s,
                notes: Vec::new(),
                captures: Vec::new(),
                follow_up,
                status: Status::Interrupted,
                active_s: 0.0,
                paused_s: 0.0,
                pauses: 0,
                adjustments: 0,
                restarts: 0,
                resumed: 0,
                torn_last_line: false,
                torn_lines: 0,
            },
            open: None,
            last_at: 0.0,
            ended_at: None,
        })
    }

    /// The step a line names, checked against the session's steps.
    fn step(&self, number: usize, step: usize) -> Result<usize, JournalError> {
        let count = self.log.steps.len();
        if step < count {
            Ok(step)
        } else {
            Err(JournalError::NoSuchStep {
                line: number,
                step,
                count,
            })
        }
    }

    /// A line's active time, which also moves the latest known active time on.
    fn at(&mut self, at_s: Option<f64>) -> f64 {
        let at = at_s.unwrap_or(self.last_at);
        self.last_at = self.last_at.max(at);
        at
    }

    /// Counts the time of the step still open, up to `until`.
    fn close_open(&mut self, until: f64) {
        if let Some((step, since)) = self.open.take() {
            self.log.steps[step].actual_s += (until - since).max(0.0);
            self.log.steps[step].unfinished = true;
        }
    }

    fn event(&mut self, number: usize, line: &JournalLine) -> Result<(), JournalError> {
        if let Some(time) = &line.time {
            self.log.last_time = time.clone();
        }
        match &line.event {
            JournalEvent::SessionStart(_) => {
                return Err(JournalError::SecondSession { line: number });
            }
            JournalEvent::StepStart {
                step, planned_s, ..
            } => {
                let step = self.step(number, *step)?;
                let at = self.at(line.at_s);
                self.close_open(at);
                let entry = &mut self.log.steps[step];
                entry.visited = true;
                entry.times_entered += 1;
                entry.unfinished = false;
                if let Some(planned) = planned_s {
                    entry.planned_s = *planned;
                }
                self.open = Some((step, at));
            }
            JournalEvent::StepEnd {
                step,
                planned_s,
                actual_s,
                ..
            } => {
                let step = self.step(number, *step)?;
                self.at(line.at_s);
                if self.open.is_some_and(|(open, _)| open == step) {
                    self.open = None;
                }
                let entry = &mut self.log.steps[step];
                entry.visited = true;
                entry.times_entered = entry.times_entered.max(1);
                entry.unfinished = false;
                entry.actual_s += actual_s;
                if let Some(planned) = planned_s {
                    entry.planned_s = *planned;
                }
            }
            JournalEvent::TurnStart { step, .. } => {
                self.step(number, *step)?;
                self.at(line.at_s);
            }
            JournalEvent::TurnEnd {
                step,
                turn,
                speaker,
                planned_s,
                actual_s,
                passed,
            } => {
                let step = self.step(number, *step)?;
                self.at(line.at_s);
                let turns = &mut self.log.steps[step].turns;
                turns.push(TurnLog {
                    turn: turn.unwrap_or(turns.len()),
                    speaker: speaker.clone().unwrap_or_default(),
                    planned_s: planned_s.unwrap_or(0),
                    actual_s: *actual_s,
                    passed: passed.unwrap_or(false),
                });
            }
            JournalEvent::Pause => {
                self.at(line.at_s);
                self.log.pauses += 1;
            }
            JournalEvent::Resume { paused_s } => {
                self.at(line.at_s);
                self.log.paused_s += paused_s.unwrap_or(0.0);
            }
            JournalEvent::Adjust { step, .. } => {
                self.step(number, *step)?;
                self.log.adjustments += 1;
            }
            JournalEvent::Restart { step } => {
                self.step(number, *step)?;
                self.log.restarts += 1;
            }
            JournalEvent::Note { step, text } => {
                let step = self.step(number, *step)?;
                let at_s = self.at(line.at_s);
                self.log.notes.push(Note {
                    step,
                    at_s,
                    text: text.clone(),
                });
            }
            JournalEvent::Capture {
                step,
                key,
                label,
                text,
            } => {
                let step = self.step(number, *step)?;
                let at_s = self.at(line.at_s);
                let label = label.clone().unwrap_or_else(|| {
                    capture_label(key, Lang::from_tag(&self.log.language).unwrap_or_default())
                });
                let capture = Capture {
                    step,
                    at_s,
                    key: key.clone(),
                    label,
                    text: text.clone(),
                };
                match self
                    .log
                    .captures
                    .iter_mut()
                    .find(|kept| kept.key == capture.key)
                {
                    Some(kept) => *kept = capture,
                    None => self.log.captures.push(capture),
                }
            }
            JournalEvent::Cast { people, .. } => {
                self.at(line.at_s);
                // The cast chosen during the session is the one the summary and the group's
                // history keep.
                self.log.people = people_logs(people, &self.log.roles);
            }
            JournalEvent::Resumed => {
                self.at(line.at_s);
                self.log.resumed += 1;
            }
            // A signal stopped the program: the session did not end, its time goes on to here.
            JournalEvent::Suspended => {
                self.at(line.at_s);
            }
            JournalEvent::SessionEnd {
                completed,
                active_s,
                interrupted,
            } => {
                let active = active_s.unwrap_or(self.last_at);
                self.last_at = self.last_at.max(active);
                self.ended_at = Some(active);
                self.log.status = if interrupted.unwrap_or(false) {
                    Status::Interrupted
                } else if *completed {
                    Status::Completed
                } else {
                    Status::Stopped
                };
            }
            JournalEvent::Refit { .. } | JournalEvent::Unknown => {}
        }
        Ok(())
    }

    fn finish(mut self) -> SessionLog {
        let end = self.ended_at.unwrap_or(self.last_at);
        self.close_open(end);
        if self.ended_at.is_none() {
            self.log.status = Status::Interrupted;
        }
        self.log.active_s = end;
        for step in &mut self.log.steps {
            step.overrun = step.visited && step.actual_s.round() > step.planned_s as f64;
        }
        self.log
    }
}

/// The last line of `bytes` that changes the cast during the session, if any: found by its text,
/// without reading the other lines.
pub(super) fn last_cast_line(bytes: &[u8]) -> Option<&[u8]> {
    const MARK: &[u8] = b"\"event\":\"cast\"";
    let at = bytes
        .windows(MARK.len())
        .rposition(|window| window == MARK)?;
    let start = bytes[..at]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    let end = bytes[at..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |newline| at + newline + 1);
    Some(&bytes[start..end])
}
