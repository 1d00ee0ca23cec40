//! Reading a journal's lines into a [`SessionLog`].
//!
//! Every complete line is kept. The last line may be cut off (the program was killed while
//! writing it): it is left out and flagged. A program started again to resume the session
//! appends to the cut-off line: the event after the cut is kept. Any other line that does not
//! read is an error that names it. Events this version does not know are skipped, so that newer journals of the same
//! format still read.

use serde_json::{Map, Value};

use super::{
    Capture, FORMAT, FollowUp, Note, PersonLog, RoleLog, SessionLog, Status, StepLog, TurnLog,
};
use crate::domain::lang::{Bilingual, Lang, Tr};
use crate::domain::method::{Record, capture_label};

/// Parses the text of a journal.
pub fn parse(text: &str) -> Result<SessionLog, Bilingual> {
    parse_bytes(text.as_bytes())
}

/// Parses the bytes of a journal: a last line that is not valid UTF-8 counts as cut off.
pub(super) fn parse_bytes(bytes: &[u8]) -> Result<SessionLog, Bilingual> {
    let lines: Vec<(usize, &[u8])> = bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| !is_blank(line))
        .collect();
    let last = lines.last().map(|(number, _)| *number);
    let mut objects = Vec::with_capacity(lines.len());
    let (mut torn, mut torn_lines) = (false, 0);
    for (number, raw) in lines {
        match decode(raw) {
            Ok(object) => objects.push((number, object)),
            Err(problem @ Problem::Torn(_)) => {
                if let Some(object) = after_torn(raw) {
                    torn_lines += 1;
                    objects.push((number, object));
                } else if Some(number) == last {
                    torn = true;
                    torn_lines += 1;
                } else {
                    return Err(problem.message(number));
                }
            }
            Err(problem) => return Err(problem.message(number)),
        }
    }
    let mut objects = objects.into_iter();
    let Some((number, first)) = objects.next() else {
        return Err(if torn {
            Bilingual::new(
                "The journal’s only line is cut off: the session never really started.",
                "La seule ligne du journal est tronquée : la séance n’a pas vraiment commencé.",
            )
        } else {
            Bilingual::new("The journal is empty.", "Le journal est vide.")
        });
    };
    let first = Line::new(number, &first);
    if first.event()? != "session_start" {
        return Err(Bilingual::new(
            format!("Line {number} is not a session start: this is not a session journal."),
            format!(
                "La ligne {number} n’est pas un début de séance : ce n’est pas un journal de séance."
            ),
        ));
    }
    let mut builder = Builder::start(&first)?;
    builder.log.torn_last_line = torn;
    builder.log.torn_lines = torn_lines;
    for (number, object) in objects {
        builder.event(&Line::new(number, &object))?;
    }
    Ok(builder.finish())
}

/// The event written after a torn line, on the same line: a program started again appends to a
/// journal whose last line was cut off. Inside a JSON string a quote is escaped, so `{"` can
/// only start an object; the first one from which the rest of the line reads as an event wins.
fn after_torn(raw: &[u8]) -> Option<Map<String, Value>> {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    (1..raw.len().saturating_sub(1))
        .filter(|&start| raw[start..].starts_with(b"{\""))
        .find_map(|start| {
            let text = std::str::from_utf8(&raw[start..]).ok()?;
            match serde_json::from_str::<Value>(text).ok()? {
                Value::Object(object) if object.get("event").is_some_and(Value::is_string) => {
                    Some(object)
                }
                _ => None,
            }
        })
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|&byte| byte.is_ascii_whitespace() || byte == 0)
}

/// Why a line does not read.
enum Problem {
    /// The line is not UTF-8 or not JSON: it may have been cut off while being written.
    Torn(Torn),
    /// The line is JSON, but not an object.
    NotObject,
}

enum Torn {
    Utf8,
    Eof,
    Syntax { column: usize },
}

impl Problem {
    fn message(&self, number: usize) -> Bilingual {
        match self {
            Problem::Torn(Torn::Utf8) => Bilingual::new(
                format!("Line {number} is not valid UTF-8 text."),
                format!("La ligne {number} n’est pas du texte UTF-8 valide."),
            ),
            Problem::Torn(Torn::Eof) => Bilingual::new(
                format!("Line {number} is cut off: it ends before its JSON object does."),
                format!(
                    "La ligne {number} est tronquée : elle s’arrête avant la fin de son objet JSON."
                ),
            ),
            Problem::Torn(Torn::Syntax { column }) => Bilingual::new(
                format!("Line {number} is not valid JSON (column {column})."),
                format!("La ligne {number} n’est pas du JSON valide (colonne {column})."),
            ),
            Problem::NotObject => Bilingual::new(
                format!("Line {number} is not a JSON object."),
                format!("La ligne {number} n’est pas un objet JSON."),
            ),
        }
    }
}

fn decode(raw: &[u8]) -> Result<Map<String, Value>, Problem> {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let text = std::str::from_utf8(raw).map_err(|_| Problem::Torn(Torn::Utf8))?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(Problem::NotObject),
        Err(error) if error.is_eof() => Err(Problem::Torn(Torn::Eof)),
        Err(error) => Err(Problem::Torn(Torn::Syntax {
            column: error.column(),
        })),
    }
}

const TEXT: Tr = Tr {
    en: "a text",
    fr: "un texte",
};
const NUMBER: Tr = Tr {
    en: "a number of seconds",
    fr: "un nombre de secondes",
};
const WHOLE: Tr = Tr {
    en: "a whole number",
    fr: "un nombre entier",
};
const BOOL: Tr = Tr {
    en: "true or false",
    fr: "true ou false",
};
const LIST: Tr = Tr {
    en: "a list",
    fr: "une liste",
};
const OBJECT: Tr = Tr {
    en: "an object",
    fr: "un objet",
};

/// One line of the journal (or an object inside it), with what is needed to name it in errors.
struct Line<'a> {
    number: usize,
    prefix: String,
    object: &'a Map<String, Value>,
}

impl<'a> Line<'a> {
    fn new(number: usize, object: &'a Map<String, Value>) -> Self {
        Line {
            number,
            prefix: String::new(),
            object,
        }
    }

    /// An object inside this one, named `path` in errors.
    fn nested(&self, path: String, object: &'a Map<String, Value>) -> Line<'a> {
        Line {
            number: self.number,
            prefix: path,
            object,
        }
    }

    fn name(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    fn wrong(&self, key: &str, what: Tr) -> Bilingual {
        let (number, name) = (self.number, self.name(key));
        Bilingual::new(
            format!("Line {number}: “{name}” is missing or is not {}.", what.en),
            format!(
                "Ligne {number} : « {name} » manque ou n’est pas {}.",
                what.fr
            ),
        )
    }

    /// The value of `key`; `None` when missing or null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|value| !value.is_null())
    }

    fn event(&self) -> Result<&'a str, Bilingual> {
        self.get("event")
            .and_then(Value::as_str)
            .ok_or_else(|| self.wrong("event", TEXT))
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>, Bilingual> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(self.wrong(key, TEXT)),
        }
    }

    fn str(&self, key: &str) -> Result<String, Bilingual> {
        self.opt_str(key)?.ok_or_else(|| self.wrong(key, TEXT))
    }

    fn opt_seconds(&self, key: &str) -> Result<Option<f64>, Bilingual> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_f64()
                .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
                .map(Some)
                .ok_or_else(|| self.wrong(key, NUMBER)),
        }
    }

    fn seconds(&self, key: &str) -> Result<f64, Bilingual> {
        self.opt_seconds(key)?
            .ok_or_else(|| self.wrong(key, NUMBER))
    }

    /// A whole number; a float with no fraction is accepted.
    fn opt_whole(&self, key: &str) -> Result<Option<u64>, Bilingual> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .or_else(|| {
                    value
                        .as_f64()
                        .filter(|float| *float >= 0.0 && float.fract() == 0.0)
                        .map(|float| float as u64)
                })
                .map(Some)
                .ok_or_else(|| self.wrong(key, WHOLE)),
        }
    }

    fn whole(&self, key: &str) -> Result<u64, Bilingual> {
        self.opt_whole(key)?.ok_or_else(|| self.wrong(key, WHOLE))
    }

    fn int(&self, key: &str) -> Result<i64, Bilingual> {
        self.get(key)
            .and_then(|value| {
                value.as_i64().or_else(|| {
                    value
                        .as_f64()
                        .filter(|float| float.fract() == 0.0)
                        .map(|float| float as i64)
                })
            })
            .ok_or_else(|| self.wrong(key, WHOLE))
    }

    fn opt_bool(&self, key: &str) -> Result<Option<bool>, Bilingual> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_bool()
                .map(Some)
                .ok_or_else(|| self.wrong(key, BOOL)),
        }
    }

    fn list(&self, key: &str) -> Result<&'a [Value], Bilingual> {
        match self.get(key) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.wrong(key, LIST)),
        }
    }

    /// The objects of the list `key`, each named `key[i]` in errors.
    fn objects(&self, key: &str) -> Result<Vec<Line<'a>>, Bilingual> {
        self.list(key)?
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let path = format!("{}[{index}]", self.name(key));
                match item {
                    Value::Object(object) => Ok(self.nested(path, object)),
                    _ => Err(self.wrong(&format!("{key}[{index}]"), OBJECT)),
                }
            })
            .collect()
    }

    fn opt_object(&self, key: &str) -> Result<Option<Line<'a>>, Bilingual> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(object)) => Ok(Some(self.nested(self.name(key), object))),
            Some(_) => Err(self.wrong(key, OBJECT)),
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, Bilingual> {
        self.list(key)?
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| self.wrong(key, TEXT))
            })
            .collect()
    }
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
    fn start(line: &Line) -> Result<Builder, Bilingual> {
        let format = line.opt_whole("format")?.unwrap_or(1);
        if format > u64::from(FORMAT) {
            return Err(Bilingual::new(
                format!(
                    "This journal uses format {format}, newer than this program reads ({FORMAT}): \
                     update intervision to read it."
                ),
                format!(
                    "Ce journal est au format {format}, plus récent que celui que ce programme lit \
                     ({FORMAT}) : mettez intervision à jour pour le lire."
                ),
            ));
        }
        let started = line.str("time")?;
        let method = line
            .opt_object("method")?
            .ok_or_else(|| line.wrong("method", OBJECT))?;
        let method_id = method.str("id")?;
        let method_name = method.opt_str("name")?.unwrap_or_else(|| method_id.clone());
        let method_path = method.opt_str("path")?;
        let record = match line.opt_str("record")?.as_deref() {
            None | Some("all") => Record::All,
            Some("timings") => Record::Timings,
            Some("none") => Record::None,
            Some(other) => {
                let number = line.number;
                return Err(Bilingual::new(
                    format!(
                        "Line {number}: “record” is “{other}”; it should be all, timings or none."
                    ),
                    format!(
                        "Ligne {number} : « record » vaut « {other} » ; il faut all, timings ou none."
                    ),
                ));
            }
        };
        let roles = line
            .objects("roles")?
            .iter()
            .map(|role| {
                let id = role.str("id")?;
                Ok(RoleLog {
                    name: role.opt_str("name")?.unwrap_or_else(|| id.clone()),
                    function: role.opt_str("function")?,
                    id,
                })
            })
            .collect::<Result<Vec<_>, Bilingual>>()?;
        let people = line
            .objects("people")?
            .iter()
            .map(|person| {
                let ids = person.strings("roles")?;
                let role_names = ids
                    .iter()
                    .map(|id| {
                        roles
                            .iter()
                            .find(|role| &role.id == id)
                            .map_or_else(|| id.clone(), |role| role.name.clone())
                    })
                    .collect();
                Ok(PersonLog {
                    label: person.str("label")?,
                    name: person.opt_str("name")?,
                    roles: ids,
                    role_names,
                })
            })
            .collect::<Result<Vec<_>, Bilingual>>()?;
        let steps = line
            .objects("steps")?
            .iter()
            .map(|step| {
                let planned = step.whole("planned_s")?;
                Ok(StepLog {
                    name: step.str("name")?,
                    kind: step.opt_str("kind")?.unwrap_or_else(|| "talk".into()),
                    capture: step.opt_str("capture")?,
                    initial_s: planned,
                    planned_s: planned,
                    actual_s: 0.0,
                    visited: false,
                    times_entered: 0,
                    overrun: false,
                    unfinished: false,
                    turns: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>, Bilingual>>()?;
        let planned_s = match line.opt_whole("planned_s")? {
            Some(planned) => planned,
            None => steps.iter().map(|step| step.initial_s).sum(),
        };
        let follow_up = match line.opt_object("follow_up")? {
            None => None,
            Some(follow_up) => Some(FollowUp {
                person: follow_up.str("person")?,
                text: follow_up.str("text")?,
                from: follow_up.opt_str("from")?,
            }),
        };
        let speed = line.opt_whole("speed")?.unwrap_or(1);
        Ok(Builder {
            log: SessionLog {
                format: format as u32,
                last_time: started.clone(),
                started,
                method_id,
                method_name,
                method_path,
                group: line.opt_str("group")?,
                language: line.opt_str("language")?.unwrap_or_else(|| "en".into()),
                record,
                speed: u32::try_from(speed).unwrap_or(u32::MAX),
                auto: line.opt_bool("auto")?.unwrap_or(false),
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

    /// The step the line names, checked against the session's steps.
    fn step(&self, line: &Line) -> Result<usize, Bilingual> {
        let step = line.whole("step")?;
        let count = self.log.steps.len();
        match usize::try_from(step) {
            Ok(step) if step < count => Ok(step),
            _ => {
                let number = line.number;
                Err(Bilingual::new(
                    format!("Line {number}: step {step} does not exist (the session has {count})."),
                    format!(
                        "Ligne {number} : l’étape {step} n’existe pas (la séance en a {count})."
                    ),
                ))
            }
        }
    }

    /// The line's active time, which also moves the latest known active time on.
    fn at(&mut self, line: &Line) -> Result<f64, Bilingual> {
        let at = line.opt_seconds("at_s")?.unwrap_or(self.last_at);
        self.last_at = self.last_at.max(at);
        Ok(at)
    }

    /// Counts the time of the step still open, up to `until`.
    fn close_open(&mut self, until: f64) {
        if let Some((step, since)) = self.open.take() {
            self.log.steps[step].actual_s += (until - since).max(0.0);
            self.log.steps[step].unfinished = true;
        }
    }

    fn event(&mut self, line: &Line) -> Result<(), Bilingual> {
        if let Some(time) = line.opt_str("time")? {
            self.log.last_time = time;
        }
        match line.event()? {
            "session_start" => {
                let number = line.number;
                return Err(Bilingual::new(
                    format!(
                        "Line {number} starts a second session: a journal holds one session only."
                    ),
                    format!(
                        "La ligne {number} commence une deuxième séance : un journal ne contient qu’une séance."
                    ),
                ));
            }
            "step_start" => {
                let step = self.step(line)?;
                let at = self.at(line)?;
                self.close_open(at);
                let planned = line.opt_whole("planned_s")?;
                let entry = &mut self.log.steps[step];
                entry.visited = true;
                entry.times_entered += 1;
                entry.unfinished = false;
                if let Some(planned) = planned {
                    entry.planned_s = planned;
                }
                self.open = Some((step, at));
            }
            "step_end" => {
                let step = self.step(line)?;
                self.at(line)?;
                let actual = line.seconds("actual_s")?;
                let planned = line.opt_whole("planned_s")?;
                if self.open.is_some_and(|(open, _)| open == step) {
                    self.open = None;
                }
                let entry = &mut self.log.steps[step];
                entry.visited = true;
                entry.times_entered = entry.times_entered.max(1);
                entry.unfinished = false;
                entry.actual_s += actual;
                if let Some(planned) = planned {
                    entry.planned_s = planned;
                }
            }
            "turn_start" => {
                self.step(line)?;
                self.at(line)?;
            }
            "turn_end" => {
                let step = self.step(line)?;
                self.at(line)?;
                let turns = &self.log.steps[step].turns;
                let turn = TurnLog {
                    turn: match line.opt_whole("turn")? {
                        Some(turn) => usize::try_from(turn).unwrap_or(usize::MAX),
                        None => turns.len(),
                    },
                    speaker: line.opt_str("speaker")?.unwrap_or_default(),
                    planned_s: line.opt_whole("planned_s")?.unwrap_or(0),
                    actual_s: line.seconds("actual_s")?,
                    passed: line.opt_bool("passed")?.unwrap_or(false),
                };
                self.log.steps[step].turns.push(turn);
            }
            "pause" => {
                self.at(line)?;
                self.log.pauses += 1;
            }
            "resume" => {
                self.at(line)?;
                self.log.paused_s += line.opt_seconds("paused_s")?.unwrap_or(0.0);
            }
            "adjust" => {
                self.step(line)?;
                line.int("delta_s")?;
                self.log.adjustments += 1;
            }
            "restart" => {
                self.step(line)?;
                self.log.restarts += 1;
            }
            "note" => {
                let step = self.step(line)?;
                let at_s = self.at(line)?;
                let text = line.str("text")?;
                self.log.notes.push(Note { step, at_s, text });
            }
            "capture" => {
                let step = self.step(line)?;
                let at_s = self.at(line)?;
                let key = line.str("key")?;
                let label = match line.opt_str("label")? {
                    Some(label) => label,
                    None => {
                        capture_label(&key, Lang::from_tag(&self.log.language).unwrap_or_default())
                    }
                };
                let capture = Capture {
                    step,
                    at_s,
                    key,
                    label,
                    text: line.str("text")?,
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
            "resumed" => {
                self.at(line)?;
                self.log.resumed += 1;
            }
            "session_end" => {
                let completed = line
                    .opt_bool("completed")?
                    .ok_or_else(|| line.wrong("completed", BOOL))?;
                let active = line.opt_seconds("active_s")?.unwrap_or(self.last_at);
                self.last_at = self.last_at.max(active);
                self.ended_at = Some(active);
                let interrupted = line.opt_bool("interrupted")?.unwrap_or(false);
                self.log.status = if interrupted {
                    Status::Interrupted
                } else if completed {
                    Status::Completed
                } else {
                    Status::Stopped
                };
            }
            _ => {}
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
