//! Reading session journals back: parsing a journal (JSON Lines, format 1) into a
//! [`SessionLog`], finding journals in folders, and turning one into a Markdown summary or a JSON
//! export.
//!
//! A journal is written line by line while a session runs (see [`crate::store::journal`] and
//! `docs/journal-format.md`). A program that was killed leaves a journal with no `session_end`
//! line and possibly a cut-off last line: such a journal still reads, as an interrupted session.

mod markdown;
mod parse;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::lang::Bilingual;
use crate::domain::method::Record;
use crate::store::journal::JournalError;

pub use markdown::markdown;
pub use parse::{parse, parse_bytes};

/// The newest journal format this module reads: the one the journal's schema defines.
pub use crate::store::journal::FORMAT;

/// The file extension of journals.
pub const EXTENSION: &str = "jsonl";

/// How many journal ids an error message lists at most.
const FEW: usize = 5;

/// Everything a session journal says, read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionLog {
    /// The journal format version (1; a journal without one is read as 1).
    pub format: u32,
    /// When the session started, as written (RFC 3339 with offset).
    pub started: String,
    /// The time of the last complete line: the end of the session when it has one.
    pub last_time: String,
    /// The method's identifier (`codev`, or a file name).
    pub method_id: String,
    /// The method's name, in the session's language.
    pub method_name: String,
    /// The method's file, when it is not a built-in.
    pub method_path: Option<String>,
    /// The group's name, if one was given.
    pub group: Option<String>,
    /// The session's language tag (`en`, `fr`).
    pub language: String,
    /// What the journal keeps.
    pub record: Record,
    /// The clock's speed: 1 for a real session, more in rehearsals.
    pub speed: u32,
    /// Whether the steps moved on by themselves.
    pub auto: bool,
    /// The people, in the order of the cast.
    pub people: Vec<PersonLog>,
    /// The method's roles.
    pub roles: Vec<RoleLog>,
    /// The steps, in the method's order, with what happened in each.
    pub steps: Vec<StepLog>,
    /// The planned length of the session when it started, in seconds.
    pub planned_s: u64,
    /// The notes, in the order they were written.
    pub notes: Vec<Note>,
    /// The captures, one per key (the last one written wins), in the order keys first appear.
    pub captures: Vec<Capture>,
    /// What a person of the previous session committed to, shown at the start.
    pub follow_up: Option<FollowUp>,
    /// How the session ended.
    pub status: Status,
    /// The active time of the session in seconds, pauses excluded (for an interrupted session:
    /// the last active time the journal gives).
    pub active_s: f64,
    /// The total length of the pauses, in seconds.
    pub paused_s: f64,
    /// How many pauses there were.
    pub pauses: u32,
    /// How many times a step or a turn was lengthened or shortened.
    pub adjustments: u32,
    /// How many times a step was started again from zero.
    pub restarts: u32,
    /// How many times the session was resumed after the program stopped.
    pub resumed: u32,
    /// Whether the last line was cut off (the program was killed while writing it) and left out.
    pub torn_last_line: bool,
    /// How many cut-off lines were left out: the last one, and those a resumed session wrote
    /// after.
    pub torn_lines: u32,
}

/// A person of the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonLog {
    /// How the session showed them: their name, or a role-based label such as `Coach 2`.
    pub label: String,
    /// Their name, if one was given.
    pub name: Option<String>,
    /// The ids of their roles.
    pub roles: Vec<String>,
    /// The names of their roles, in the session's language (the id when the role is unknown).
    pub role_names: Vec<String>,
}

impl PersonLog {
    /// The name to show: the person's name, else their label.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.label)
    }
}

/// A role of the method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleLog {
    /// The role's identifier.
    pub id: String,
    /// Its name, in the session's language.
    pub name: String,
    /// What the role does in words shared by every method (`case-giver`...), if the method says.
    pub function: Option<String>,
}

/// A step of the session, planned and actual.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepLog {
    /// The step's name, in the session's language.
    pub name: String,
    /// Its kind (`talk`, `round`, `open`, `silence`, `writing`).
    pub kind: String,
    /// The capture the step asks for, if any.
    pub capture: Option<String>,
    /// The planned length when the session started, in seconds.
    pub initial_s: u64,
    /// The planned length in the end, adjustments included, in seconds.
    pub planned_s: u64,
    /// The time actually spent in the step, in seconds, every passage added up.
    pub actual_s: f64,
    /// Whether the step was reached.
    pub visited: bool,
    /// How many times the step was entered (more than once when the group went back to it).
    pub times_entered: u32,
    /// Whether the actual time, to the second, exceeds the planned time.
    pub overrun: bool,
    /// Whether the step's last passage has no end in the journal (the program stopped during
    /// it): its time is then counted up to the next step's start, or to the last active time the
    /// journal gives.
    pub unfinished: bool,
    /// The turns of a round, as they ended.
    pub turns: Vec<TurnLog>,
}

/// A turn of a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurnLog {
    /// The turn's position in the round.
    pub turn: usize,
    /// Who spoke.
    pub speaker: String,
    /// The planned length, in seconds.
    pub planned_s: u64,
    /// The time it took, in seconds.
    pub actual_s: f64,
    /// Whether the person passed.
    pub passed: bool,
}

/// A note taken during the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// The step it was taken in.
    pub step: usize,
    /// The active time into the session, in seconds.
    pub at_s: f64,
    /// The note, line breaks kept.
    pub text: String,
}

/// A sentence a step asked to capture (the contract, the action plan...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capture {
    /// The step it was captured in.
    pub step: usize,
    /// The active time into the session, in seconds.
    pub at_s: f64,
    /// The capture's key (`contract`, `key-question`, `action-plan`, `learnings`...).
    pub key: String,
    /// Its label, in the session's language.
    pub label: String,
    /// The text, line breaks kept.
    pub text: String,
}

/// The follow-up of the previous session, shown at the start of this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// Who committed to something last time.
    pub person: String,
    /// What they committed to.
    pub text: String,
    /// The id of the session it comes from, if known.
    pub from: Option<String>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every step was run to the end.
    Completed,
    /// The session was stopped before its last step ended.
    Stopped,
    /// The journal stops without an end (the program was killed or crashed), or was closed
    /// afterwards as interrupted.
    Interrupted,
}

impl SessionLog {
    /// The name (or label) of the person whose role is the case giver's.
    pub fn case_giver(&self) -> Option<&str> {
        let roles: Vec<&str> = self
            .roles
            .iter()
            .filter(|role| role.function.as_deref() == Some("case-giver"))
            .map(|role| role.id.as_str())
            .collect();
        self.people
            .iter()
            .find(|person| person.roles.iter().any(|id| roles.contains(&id.as_str())))
            .map(PersonLog::display_name)
    }

    /// The text captured under `key` (the last one written).
    pub fn capture(&self, key: &str) -> Option<&str> {
        self.captures
            .iter()
            .find(|capture| capture.key == key)
            .map(|capture| capture.text.as_str())
    }

    /// The planned length of the steps in the end, adjustments included, in seconds.
    pub fn planned_total_s(&self) -> u64 {
        self.steps.iter().map(|step| step.planned_s).sum()
    }

    /// The time actually spent in the steps, in seconds.
    pub fn actual_total_s(&self) -> f64 {
        self.steps.iter().map(|step| step.actual_s).sum()
    }
}

/// Reads and parses the journal at `path`. A last line that is not valid UTF-8 counts as cut
/// off, like any other torn last line.
pub fn read(path: &Path) -> Result<SessionLog, JournalError> {
    let bytes = fs::read(path).map_err(|source| JournalError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    parse::parse_bytes(&bytes).map_err(|error| error.in_file(path))
}

/// How many bytes of a journal's end [`read_brief`] reads: a session's last lines.
const TAIL_BYTES: u64 = 2048;

/// A journal this small is read in one go (its first line and tail are then cut from memory).
const SMALL_BYTES: u64 = 16 * 1024;

/// The longest first line [`read_brief`] reads on its own; a longer one is read with the rest.
const FIRST_LINE_BYTES: u64 = 256 * 1024;

/// Reads what a listing needs of the journal at `path` (the method, the group, the people and
/// their roles, the start, how it ended, its last time and active time) from its first line and
/// its last lines only: steps, turns, notes and captures are left empty. A journal whose first
/// line or last lines do not read is read whole, so that errors are the same as [`read`]'s.
pub fn read_brief(path: &Path) -> Result<SessionLog, JournalError> {
    use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
    let attempt = || -> std::io::Result<Option<SessionLog>> {
        let mut file = fs::File::open(path)?;
        let size = file.metadata()?.len();
        if size <= SMALL_BYTES {
            let mut bytes = Vec::with_capacity(size as usize + 1);
            file.read_to_end(&mut bytes)?;
            let Some(end) = bytes.iter().position(|&byte| byte == b'\n') else {
                return Ok(None);
            };
            let (first, rest) = bytes.split_at(end + 1);
            let from = rest.len().saturating_sub(TAIL_BYTES as usize);
            let cast = parse::last_cast_line(rest);
            return Ok(parse::parse_brief(first, cast, &rest[from..], from == 0).ok());
        }
        let mut reader = BufReader::new(file);
        let mut first = Vec::new();
        (&mut reader)
            .take(FIRST_LINE_BYTES)
            .read_until(b'\n', &mut first)?;
        if first.last() != Some(&b'\n') {
            return Ok(None);
        }
        let first_len = first.len() as u64;
        let from = size.saturating_sub(TAIL_BYTES).max(first_len);
        reader.seek(SeekFrom::Start(from))?;
        let mut tail = Vec::new();
        reader.read_to_end(&mut tail)?;
        // A long journal may change its cast anywhere: its bytes are searched for the last cast
        // line, but only that line, the first and the tail are parsed.
        let whole = fs::read(path)?;
        let cast = parse::last_cast_line(&whole[first.len().min(whole.len())..]);
        Ok(parse::parse_brief(&first, cast, &tail, from == first_len).ok())
    };
    match attempt() {
        Ok(Some(log)) => Ok(log),
        _ => read(path),
    }
}

/// A journal found in a folder.
#[derive(Debug)]
pub struct LogEntry {
    /// The journal's id: its file name without `.jsonl`.
    pub id: String,
    /// The journal's file.
    pub path: PathBuf,
    /// What it says, or why it cannot be read: the whole journal, or only what [`read_brief`]
    /// reads when the entry comes from [`list_brief`].
    pub log: Result<SessionLog, JournalError>,
}

impl LogEntry {
    fn load(path: PathBuf, brief: bool) -> Option<LogEntry> {
        let id = path.file_stem()?.to_str()?.to_owned();
        let log = if brief {
            read_brief(&path)
        } else {
            read(&path)
        };
        Some(LogEntry { id, path, log })
    }

    /// The entry with its whole journal read (after [`list_brief`]: steps, notes, captures).
    pub fn read_whole(self) -> LogEntry {
        let log = read(&self.path);
        LogEntry { log, ..self }
    }

    /// How complete the entry is, to choose between two journals of the same name: readable,
    /// then ended, then longer.
    fn completeness(&self) -> (bool, bool, u64) {
        let size = fs::metadata(&self.path).map_or(0, |meta| meta.len());
        match &self.log {
            Ok(log) => (true, log.status != Status::Interrupted, size),
            Err(_) => (false, false, size),
        }
    }

    /// The start as an instant, when it reads.
    fn start(&self) -> Option<jiff::Timestamp> {
        self.log.as_ref().ok()?.started.parse().ok()
    }
}

/// Every journal (`*.jsonl`) in `dirs`, oldest first by start time; journals that cannot be
/// read come last. Missing folders are skipped. A file reached twice is listed once; when two
/// folders hold a journal of the same name (a copy saved to the fallback folder), the more
/// complete one is kept.
pub fn list(dirs: &[PathBuf]) -> Vec<LogEntry> {
    list_with(dirs, false)
}

/// Like [`list`], each journal read by [`read_brief`] only: for listings, counts and the
/// rotation, over thousands of journals. [`LogEntry::read_whole`] reads one in full.
pub fn list_brief(dirs: &[PathBuf]) -> Vec<LogEntry> {
    list_with(dirs, true)
}

fn list_with(dirs: &[PathBuf], brief: bool) -> Vec<LogEntry> {
    // A folder reached twice (by two names) is read once: its files are the same.
    let mut seen = std::collections::HashSet::new();
    let mut by_id: HashMap<String, LogEntry> = HashMap::new();
    for dir in dirs {
        if !seen.insert(fs::canonicalize(dir).unwrap_or_else(|_| dir.clone())) {
            continue;
        }
        for path in crate::store::files::files_with_extension(dir, EXTENSION) {
            let Some(entry) = LogEntry::load(path, brief) else {
                continue;
            };
            match by_id.get(&entry.id) {
                Some(kept) if kept.completeness() >= entry.completeness() => {}
                _ => {
                    by_id.insert(entry.id.clone(), entry);
                }
            }
        }
    }
    let mut keyed: Vec<_> = by_id
        .into_values()
        .map(|entry| {
            // Failed last; among the others, a start that does not read after those that do.
            let start = entry.start();
            ((entry.log.is_err(), start.is_none(), start), entry)
        })
        .collect();
    keyed.sort_by(|(a_key, a), (b_key, b)| a_key.cmp(b_key).then_with(|| a.id.cmp(&b.id)));
    keyed.into_iter().map(|(_, entry)| entry).collect()
}

/// The journal named `id` in `dirs`, or the only one whose name starts with `id` (a trailing
/// `.jsonl` is ignored). The error says what there is to choose from.
pub fn find(id: &str, dirs: &[PathBuf]) -> Result<LogEntry, Bilingual> {
    let id = id.strip_suffix(".jsonl").unwrap_or(id);
    let mut entries = list_brief(dirs);
    if entries.is_empty() {
        let places = dirs
            .iter()
            .map(|dir| dir.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Bilingual::new(
            format!("There are no session journals yet (looked in: {places})."),
            format!("Il n’y a encore aucun journal de séance (cherché dans : {places})."),
        ));
    }
    if let Some(index) = entries.iter().position(|entry| entry.id == id) {
        return Ok(entries.swap_remove(index).read_whole());
    }
    let matching: Vec<usize> = (0..entries.len())
        .filter(|&index| !id.is_empty() && entries[index].id.starts_with(id))
        .collect();
    match matching.as_slice() {
        [index] => Ok(entries.swap_remove(*index).read_whole()),
        [] => {
            let latest = few_ids(entries.iter().rev().map(|entry| entry.id.as_str()));
            Err(Bilingual::new(
                format!("No session journal is named “{id}”. The latest: {latest}."),
                format!("Aucun journal de séance ne s’appelle « {id} ». Les derniers : {latest}."),
            ))
        }
        several => {
            let ids = few_ids(several.iter().map(|&index| entries[index].id.as_str()));
            let count = several.len();
            Err(Bilingual::new(
                format!("“{id}” matches {count} session journals: {ids}. Give more of the name."),
                format!("« {id} » désigne {count} journaux de séance : {ids}. Précisez le nom."),
            ))
        }
    }
}

fn few_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let mut shown = ids[..ids.len().min(FEW)].join(", ");
    if ids.len() > FEW {
        shown.push_str(", …");
    }
    shown
}

/// The journal as JSON, for exports: every field of [`SessionLog`], with the status as
/// `"completed"`, `"stopped"` or `"interrupted"`.
pub fn to_json(log: &SessionLog) -> serde_json::Value {
    serde_json::to_value(log).unwrap_or(serde_json::Value::Null)
}

/// The Markdown summary that goes with a journal: the same name, ending in `.md`.
pub fn summary_path(journal: &Path) -> PathBuf {
    journal.with_extension("md")
}

pub use crate::store::files::write_atomically;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_sits_next_to_the_journal() {
        assert_eq!(
            summary_path(Path::new("/a/b/2026-11-23T14-00-00-codev.jsonl")),
            PathBuf::from("/a/b/2026-11-23T14-00-00-codev.md")
        );
    }

    #[test]
    fn few_ids_stops_at_five() {
        let ids = ["a", "b", "c", "d", "e", "f"];
        assert_eq!(few_ids(ids.into_iter()), "a, b, c, d, e, …");
        assert_eq!(few_ids(ids[..2].iter().copied()), "a, b");
    }

    /// The sample journals, each also padded with notes in the middle (so that only its
    /// beginning and end are read), cut before its end, and with a torn last line.
    fn journal_variants() -> Vec<(String, String)> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/journals");
        let mut variants = Vec::new();
        for path in crate::store::files::files_with_extension(&folder, EXTENSION) {
            let text = fs::read_to_string(&path).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let lines: Vec<&str> = text.lines().collect();
            let note = r#"{"at_s":10.0,"event":"note","step":0,"text":"Une note assez longue pour grossir le journal.","time":"2026-11-23T14:00:10.000+01:00"}"#;
            let mut padded = vec![lines[0]];
            padded.extend(std::iter::repeat_n(note, 60));
            padded.extend(&lines[1..]);
            let cut = lines[..lines.len() - 1].join("\n") + "\n";
            variants.push((format!("{name} padded"), padded.join("\n") + "\n"));
            variants.push((format!("{name} cut"), cut.clone()));
            variants.push((
                format!("{name} torn"),
                cut + r#"{"at_s":99999.0,"event":"no"#,
            ));
            // The cast changed during the session: the first person now holds the second one's
            // roles and the other way round, in a short and in a padded journal.
            let start: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
            let mut people = start["people"].clone();
            if let Some(list) = people.as_array_mut().filter(|list| list.len() >= 2) {
                let (first, second) = (list[0]["roles"].clone(), list[1]["roles"].clone());
                list[0]["roles"] = second;
                list[1]["roles"] = first;
                let cast = serde_json::json!({
                    "at_s": 10.0, "event": "cast", "people": people, "step": 0,
                    "time": "2026-11-23T14:00:10.000+01:00",
                })
                .to_string();
                let mut recast = vec![lines[0], lines[1]];
                recast.push(&cast);
                recast.extend(&lines[2..]);
                variants.push((format!("{name} recast"), recast.join("\n") + "\n"));
                let mut padded_recast = vec![lines[0], lines[1], cast.as_str()];
                padded_recast.extend(std::iter::repeat_n(note, 60));
                padded_recast.extend(&lines[2..]);
                variants.push((
                    format!("{name} recast padded"),
                    padded_recast.join("\n") + "\n",
                ));
            }
            variants.push((name, text));
        }
        variants
    }

    #[test]
    fn a_brief_read_says_what_a_whole_read_says_of_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let mut briefly_read = 0;
        for (name, text) in journal_variants() {
            let path = dir.path().join("journal.jsonl");
            fs::write(&path, &text).unwrap();
            let whole = read(&path).unwrap();
            let brief = read_brief(&path).unwrap();
            if brief.steps.iter().all(|step| !step.visited)
                && whole.steps.iter().any(|step| step.visited)
            {
                briefly_read += 1;
            }
            assert_eq!(brief.started, whole.started, "{name}");
            assert_eq!(brief.last_time, whole.last_time, "{name}");
            assert_eq!(brief.group, whole.group, "{name}");
            assert_eq!(brief.method_name, whole.method_name, "{name}");
            assert_eq!(brief.people, whole.people, "{name}");
            assert_eq!(brief.roles, whole.roles, "{name}");
            assert_eq!(brief.case_giver(), whole.case_giver(), "{name}");
            assert_eq!(brief.status, whole.status, "{name}");
            assert_eq!(brief.active_s, whole.active_s, "{name}");
            assert_eq!(brief.torn_last_line, whole.torn_last_line, "{name}");
        }
        // The padded journals, at least, were read by their two ends only.
        assert!(briefly_read >= 4, "{briefly_read}");
    }

    #[test]
    fn a_broken_journal_reads_briefly_with_the_same_error_as_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.jsonl");
        let mut text = String::from("not json\n");
        text.push_str(&"{}\n".repeat(3000));
        fs::write(&path, &text).unwrap();
        assert_eq!(
            read_brief(&path).unwrap_err().to_string(),
            read(&path).unwrap_err().to_string()
        );
    }

    #[test]
    fn writing_replaces_a_file_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_cast_line_makes_the_cast_the_summary_and_the_history_keep() {
        let text = concat!(
            r#"{"event":"session_start","time":"2026-11-30T09:30:00.000+01:00","method":{"id":"case-clinic"},"#,
            r#""roles":[{"id":"case-giver","name":"Case giver","function":"case-giver"},{"id":"coach","name":"Coach"}],"#,
            r#""people":[{"label":"Ana","name":"Ana","roles":["case-giver"]},{"label":"Chloé","name":"Chloé","roles":["coach"]}],"#,
            r#""steps":[{"name":"Choosing roles","planned_s":120}]}"#,
            "\n",
            r#"{"event":"step_start","step":0,"at_s":0.0,"time":"2026-11-30T09:30:00.000+01:00"}"#,
            "\n",
            r#"{"event":"cast","step":0,"at_s":40.0,"time":"2026-11-30T09:30:40.000+01:00","#,
            r#""people":[{"label":"Ana","name":"Ana","roles":["coach"]},{"label":"Chloé","name":"Chloé","roles":["case-giver"]}]}"#,
            "\n",
        );
        let log = parse(text).unwrap();
        assert_eq!(log.case_giver(), Some("Chloé"));
        assert_eq!(log.people[0].role_names, vec!["Coach".to_owned()]);
        assert_eq!(log.active_s, 40.0);
    }
}
