//! Reading a journal's lines through the schema.
//!
//! Every complete line is kept. The last line may be cut off (the program was killed while
//! writing it): it is left out and flagged. A program started again to resume the session
//! appends to the cut-off line: the event after the cut is kept. Any other line that does not
//! read is an error that names it and, where a field is wrong, the field.

use serde_json::{Map, Value};

use super::error::JournalError;
use super::schema::{FORMAT, JournalLine, MAX_WHOLE, seconds_fit};
use crate::domain::lang::Tr;

/// The lines of a journal that read, with their line numbers (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct JournalLines {
    /// Every line that reads, in order, with its number.
    pub lines: Vec<(usize, JournalLine)>,
    /// Whether the last line was cut off and left out.
    pub torn_last_line: bool,
    /// How many lines were cut off (the last one, and any a resumed session wrote after).
    pub torn_lines: u32,
}

/// Reads the bytes of a journal: a last line that is not valid UTF-8 counts as cut off.
pub fn read_lines(bytes: &[u8]) -> Result<JournalLines, JournalError> {
    let raw_lines: Vec<(usize, &[u8])> = bytes
        .split(|&byte| byte == b'\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| !is_blank(line))
        .collect();
    let last = raw_lines.last().map(|(number, _)| *number);
    let mut read = JournalLines {
        lines: Vec::with_capacity(raw_lines.len()),
        torn_last_line: false,
        torn_lines: 0,
    };
    for (number, raw) in raw_lines {
        let object = match decode(raw) {
            Ok(object) => object,
            Err(problem @ Problem::Torn(_)) => {
                if let Some(object) = after_torn(raw) {
                    read.torn_lines += 1;
                    object
                } else if Some(number) == last {
                    read.torn_last_line = true;
                    read.torn_lines += 1;
                    continue;
                } else {
                    return Err(problem.error(number));
                }
            }
            Err(problem) => return Err(problem.error(number)),
        };
        read.lines.push((number, typed(number, object)?));
    }
    Ok(read)
}

/// A JSON object as a journal line, or an error naming what is wrong in it.
fn typed(number: usize, object: Map<String, Value>) -> Result<JournalLine, JournalError> {
    newer_format(&object)?;
    // The table names the field at fault as people read it; serde then builds the typed line.
    if let Some(problem) = Line::new(number, &object).diagnose() {
        return Err(problem);
    }
    serde_json::from_value(Value::Object(object)).map_err(|error| JournalError::Invalid {
        line: number,
        reason: error.to_string(),
    })
}

/// A first line of a format newer than this program reads is refused before anything else.
fn newer_format(object: &Map<String, Value>) -> Result<(), JournalError> {
    if object.get("event").and_then(Value::as_str) != Some("session_start") {
        return Ok(());
    }
    match object.get("format").and_then(Value::as_u64) {
        Some(format) if format > u64::from(FORMAT) => Err(JournalError::NewerFormat { format }),
        _ => Ok(()),
    }
}

/// The event written after a torn line, on the same line: a program started again appends to a
/// journal whose last line was cut off. Inside a JSON string a quote is escaped, so `{"` can
/// only start an object; at most one of them starts an object that ends with the line, and it
/// wins when it reads as an event.
///
/// Only the last [`MAX_APPENDED`] starts, within the last [`MAX_APPENDED_BYTES`] of the line,
/// are tried: an appended event is one line the program wrote, so a damaged line of any length
/// is searched in linear time.
fn after_torn(raw: &[u8]) -> Option<Map<String, Value>> {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let from = raw.len().saturating_sub(MAX_APPENDED_BYTES).max(1);
    (from..raw.len().saturating_sub(1))
        .rev()
        .filter(|&start| raw[start] == b'{' && raw[start + 1] == b'"')
        .take(MAX_APPENDED)
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

/// How many object starts of a torn line are tried to find an event appended to it.
const MAX_APPENDED: usize = 64;

/// How far from the end of a torn line an appended event may start.
const MAX_APPENDED_BYTES: usize = 1024 * 1024;

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
    fn error(&self, line: usize) -> JournalError {
        match *self {
            Problem::Torn(Torn::Utf8) => JournalError::NotUtf8 { line },
            Problem::Torn(Torn::Eof) => JournalError::CutOff { line },
            Problem::Torn(Torn::Syntax { column }) => JournalError::NotJson { line, column },
            Problem::NotObject => JournalError::NotObject { line },
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

/// What a field must hold, for error messages.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Seconds,
    Whole,
    Int,
    Bool,
    /// `all`, `timings` or `none`.
    Record,
    /// A list of texts.
    Texts,
    /// A list of whole numbers.
    Wholes,
    Object(&'static [Field]),
    Objects(&'static [Field]),
}

/// A field of a line, as the schema ([`JournalLine`]) reads it.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    kind: Kind,
    required: bool,
}

const fn need(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: true,
    }
}

const fn may(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        kind,
        required: false,
    }
}

/// The fields of each event, in the order errors are looked for: a table of the schema, used to
/// name the field of a line that does not read (a test checks it against the schema).
const EVENTS: &[(&str, &[Field])] = &[
    (
        "session_start",
        &[
            may("format", Kind::Whole),
            need("time", Kind::Text),
            need(
                "method",
                Kind::Object(&[
                    need("id", Kind::Text),
                    may("name", Kind::Text),
                    may("path", Kind::Text),
                ]),
            ),
            may("record", Kind::Record),
            may(
                "roles",
                Kind::Objects(&[
                    need("id", Kind::Text),
                    may("name", Kind::Text),
                    may("function", Kind::Text),
                ]),
            ),
            may(
                "people",
                Kind::Objects(&[
                    may("roles", Kind::Texts),
                    need("label", Kind::Text),
                    may("name", Kind::Text),
                ]),
            ),
            may(
                "steps",
                Kind::Objects(&[
                    need("planned_s", Kind::Whole),
                    need("name", Kind::Text),
                    may("kind", Kind::Text),
                    may("capture", Kind::Text),
                ]),
            ),
            may("planned_s", Kind::Whole),
            may(
                "follow_up",
                Kind::Object(&[
                    need("person", Kind::Text),
                    need("text", Kind::Text),
                    may("from", Kind::Text),
                ]),
            ),
            may(
                "fit",
                Kind::Object(&[
                    need("slot_s", Kind::Whole),
                    may("drop_optional", Kind::Bool),
                ]),
            ),
            may("speed", Kind::Whole),
            may("group", Kind::Text),
            may("language", Kind::Text),
            may("auto", Kind::Bool),
        ],
    ),
    (
        "step_start",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            may("planned_s", Kind::Whole),
            may("name", Kind::Text),
        ],
    ),
    (
        "step_end",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            need("actual_s", Kind::Seconds),
            may("planned_s", Kind::Whole),
            may("name", Kind::Text),
        ],
    ),
    (
        "turn_start",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            may("turn", Kind::Whole),
            may("speaker", Kind::Text),
            may("planned_s", Kind::Whole),
        ],
    ),
    (
        "turn_end",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            may("turn", Kind::Whole),
            may("speaker", Kind::Text),
            may("planned_s", Kind::Whole),
            need("actual_s", Kind::Seconds),
            may("passed", Kind::Bool),
        ],
    ),
    ("pause", &[may("at_s", Kind::Seconds)]),
    (
        "resume",
        &[may("at_s", Kind::Seconds), may("paused_s", Kind::Seconds)],
    ),
    (
        "adjust",
        &[need("step", Kind::Whole), need("delta_s", Kind::Int)],
    ),
    ("restart", &[need("step", Kind::Whole)]),
    (
        "refit",
        &[
            may("step", Kind::Whole),
            may("target_s", Kind::Whole),
            may("at_s", Kind::Seconds),
            may("planned_s", Kind::Wholes),
        ],
    ),
    (
        "note",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            need("text", Kind::Text),
        ],
    ),
    (
        "capture",
        &[
            need("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            need("key", Kind::Text),
            may("label", Kind::Text),
            need("text", Kind::Text),
        ],
    ),
    (
        "cast",
        &[
            may("step", Kind::Whole),
            may("at_s", Kind::Seconds),
            need(
                "people",
                Kind::Objects(&[
                    may("roles", Kind::Texts),
                    need("label", Kind::Text),
                    may("name", Kind::Text),
                ]),
            ),
        ],
    ),
    ("resumed", &[may("at_s", Kind::Seconds)]),
    (
        "session_end",
        &[
            need("completed", Kind::Bool),
            may("active_s", Kind::Seconds),
            may("interrupted", Kind::Bool),
        ],
    ),
];

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

    fn name(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    fn wrong(&self, key: &str, expected: Tr) -> JournalError {
        JournalError::WrongField {
            line: self.number,
            field: self.name(key),
            expected,
        }
    }

    /// The first thing wrong with the line, field by field.
    fn diagnose(&self) -> Option<JournalError> {
        let event = self.object.get("event").and_then(Value::as_str);
        let Some(event) = event else {
            return Some(self.wrong("event", TEXT));
        };
        if let Some(problem) = self.check(&may("time", Kind::Text)) {
            return Some(problem);
        }
        let (_, fields) = EVENTS.iter().find(|(known, _)| *known == event)?;
        self.check_all(fields)
    }

    fn check_all(&self, fields: &[Field]) -> Option<JournalError> {
        fields.iter().find_map(|field| self.check(field))
    }

    /// What is wrong with one field, if anything; a `null` field is a missing one.
    fn check(&self, field: &Field) -> Option<JournalError> {
        let key = field.key;
        let Some(value) = self.object.get(key).filter(|value| !value.is_null()) else {
            return field
                .required
                .then(|| self.wrong(key, expected(field.kind)));
        };
        let fits = match field.kind {
            Kind::Text => value.is_string(),
            Kind::Seconds => value.as_f64().is_some_and(seconds_fit),
            Kind::Whole => is_whole(value),
            Kind::Int => value
                .as_f64()
                .is_some_and(|float| float.fract() == 0.0 && float.abs() <= MAX_WHOLE as f64),
            Kind::Bool => value.is_boolean(),
            Kind::Record => return self.check_record(value),
            Kind::Texts => match value.as_array() {
                None => false,
                Some(items) if items.iter().all(Value::is_string) => true,
                Some(_) => return Some(self.wrong(key, TEXT)),
            },
            Kind::Wholes => value
                .as_array()
                .is_some_and(|items| items.iter().all(is_whole)),
            Kind::Object(fields) => {
                let Some(object) = value.as_object() else {
                    return Some(self.wrong(key, OBJECT));
                };
                let nested = Line {
                    number: self.number,
                    prefix: self.name(key),
                    object,
                };
                return nested.check_all(fields);
            }
            Kind::Objects(fields) => {
                let Some(items) = value.as_array() else {
                    return Some(self.wrong(key, LIST));
                };
                return items.iter().enumerate().find_map(|(index, item)| {
                    let Some(object) = item.as_object() else {
                        return Some(self.wrong(&format!("{key}[{index}]"), OBJECT));
                    };
                    let nested = Line {
                        number: self.number,
                        prefix: format!("{}[{index}]", self.name(key)),
                        object,
                    };
                    nested.check_all(fields)
                });
            }
        };
        (!fits).then(|| self.wrong(key, expected(field.kind)))
    }

    fn check_record(&self, value: &Value) -> Option<JournalError> {
        match value.as_str() {
            None => Some(self.wrong("record", TEXT)),
            Some("all" | "timings" | "none") => None,
            Some(other) => Some(JournalError::WrongRecord {
                line: self.number,
                value: other.to_owned(),
            }),
        }
    }
}

/// A whole number, not negative and not huge.
fn is_whole(value: &Value) -> bool {
    value
        .as_f64()
        .is_some_and(|float| float >= 0.0 && float.fract() == 0.0 && float <= MAX_WHOLE as f64)
}

/// What a field of `kind` must be, in words.
fn expected(kind: Kind) -> Tr {
    match kind {
        Kind::Text | Kind::Record => TEXT,
        Kind::Seconds => NUMBER,
        Kind::Whole | Kind::Int => WHOLE,
        Kind::Bool => BOOL,
        Kind::Texts | Kind::Wholes | Kind::Objects(_) => LIST,
        Kind::Object(_) => OBJECT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::journal::JournalEvent;

    /// A value that fits `kind`.
    fn sample(kind: Kind) -> Value {
        match kind {
            Kind::Text => Value::from("x"),
            Kind::Seconds => Value::from(1.5),
            Kind::Whole | Kind::Int => Value::from(0),
            Kind::Bool => Value::from(true),
            Kind::Record => Value::from("all"),
            Kind::Texts | Kind::Wholes => Value::Array(Vec::new()),
            Kind::Object(fields) => Value::Object(object(fields, true)),
            Kind::Objects(fields) => Value::Array(vec![Value::Object(object(fields, true))]),
        }
    }

    fn object(fields: &[Field], every: bool) -> Map<String, Value> {
        fields
            .iter()
            .filter(|field| every || field.required)
            .map(|field| (field.key.to_owned(), sample(field.kind)))
            .collect()
    }

    fn parse(object: &Map<String, Value>) -> serde_json::Result<JournalLine> {
        serde_json::from_value(Value::Object(object.clone()))
    }

    #[test]
    fn the_table_of_fields_agrees_with_the_schema() {
        for (event, fields) in EVENTS {
            for every in [true, false] {
                let mut line = object(fields, every);
                line.insert("event".into(), Value::from(*event));
                let typed = parse(&line).unwrap_or_else(|error| panic!("{event}: {error}"));
                assert_ne!(typed.event, JournalEvent::Unknown, "{event}");
                let written = serde_json::to_value(&typed).unwrap();
                assert_eq!(written["event"], Value::from(*event));
                assert!(Line::new(1, &line).diagnose().is_none(), "{event}");
                for field in fields.iter().filter(|field| field.required) {
                    let mut without = line.clone();
                    without.remove(field.key);
                    let named = Line::new(1, &without).diagnose();
                    assert!(named.is_some(), "{event} without {}", field.key);
                    if field.key != "time" {
                        assert!(parse(&without).is_err(), "{event} without {}", field.key);
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_damaged_line_is_read_in_linear_time() {
        // 16 MB of object starts: trying each one to the end of the line would take hours.
        let mut bytes = b"{\"event\":\"later\"}\n".to_vec();
        bytes.extend(b"{\"".repeat(8 * 1024 * 1024));
        bytes.extend(b"\n{\"event\":\"pause\"}\n");
        let started = std::time::Instant::now();
        let error = read_lines(&bytes).unwrap_err();
        assert!(
            matches!(error, JournalError::NotJson { line: 2, .. }),
            "{error}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // The event appended after a torn line is still found.
        let read = read_lines(
            b"{\"event\":\"note\",\"text\":\"a {\\\"b\"{\"event\":\"resumed\",\"at_s\":3}\n",
        )
        .unwrap();
        assert_eq!(read.lines[0].1.event, JournalEvent::Resumed);
        assert_eq!(read.torn_lines, 1);
    }

    #[test]
    fn an_unknown_event_reads_and_a_wrong_field_is_named() {
        let read = read_lines(
            b"{\"event\":\"later\",\"x\":1}\n{\"event\":\"note\",\"step\":\"1\",\"text\":\"a\"}\n",
        );
        let error = read.unwrap_err();
        assert_eq!(
            error.to_string(),
            "Line 2: \u{201c}step\u{201d} is missing or is not a whole number."
        );
        let read = read_lines(b"{\"event\":\"later\",\"x\":1}\n{\"event\":\"no").unwrap();
        assert_eq!(read.lines[0].1.event, JournalEvent::Unknown);
        assert!(read.torn_last_line);
    }
}
