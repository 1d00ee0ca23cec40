//! Reading session journals back: the fixtures in `tests/journals/`, torn and corrupt lines,
//! the Markdown summaries (snapshots, in English and French), atomic writes, listing and finding.

use std::fs;
use std::path::{Path, PathBuf};

use intervision::domain::lang::Lang;
use intervision::domain::method::Record;
use intervision::store::journal::{JournalEvent, JournalLine, read_lines};
use intervision::store::logbook::{
    self, SessionLog, Status, find, list, markdown, parse, read, summary_path, to_json,
    write_atomically,
};

const CODEV: &str = "2026-11-23T14-00-00-codev";
const CLINIC: &str = "2026-11-30T09-30-00-case-clinic";
const TIMINGS: &str = "2026-12-07T18-30-00-intervision";
const BACK: &str = "2026-12-14T10-00-00-codev";

fn fixture_path(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/journals")
        .join(format!("{id}.jsonl"))
}

fn fixture(id: &str) -> String {
    fs::read_to_string(fixture_path(id)).unwrap()
}

fn load(id: &str) -> SessionLog {
    read(&fixture_path(id)).unwrap_or_else(|error| panic!("{id}: {}", error.message().en))
}

#[test]
fn every_journal_in_the_fixtures_reads_line_by_line_through_the_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/journals");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 4, "the fixtures: {paths:?}");
    for path in paths {
        let bytes = fs::read(&path).unwrap();
        let read = read_lines(&bytes)
            .unwrap_or_else(|error| panic!("{}: {}", path.display(), error.message().en));
        assert!(
            matches!(read.lines[0].1.event, JournalEvent::SessionStart(_)),
            "{}",
            path.display()
        );
        for (number, line) in &read.lines {
            assert_ne!(
                line.event,
                JournalEvent::Unknown,
                "{}:{number}: an event of format 1",
                path.display()
            );
        }
        // Each complete line on its own reads through the schema too (a line holding torn text
        // then a resumed session's line is read by `read_lines` alone).
        let text = String::from_utf8_lossy(&bytes);
        let complete = text.lines().count() - usize::from(read.torn_last_line);
        for (index, raw) in text.lines().take(complete).enumerate() {
            let parsed = serde_json::from_str::<JournalLine>(raw);
            assert!(
                raw.trim().is_empty() || parsed.is_ok() || read.torn_lines > 0,
                "{}:{}: {parsed:?}",
                path.display(),
                index + 1
            );
        }
    }
}

#[test]
fn a_complete_codev_session_reads_whole() {
    let log = load(CODEV);
    assert_eq!(log.format, 1);
    assert_eq!(log.started, "2026-11-23T14:00:00.000+01:00");
    assert_eq!(log.last_time, "2026-11-23T15:23:27.500+01:00");
    assert_eq!(log.method_id, "codev");
    assert_eq!(log.method_name, "Codéveloppement professionnel");
    assert_eq!(log.group.as_deref(), Some("Intervision Lyon"));
    assert_eq!(log.language, "fr");
    assert_eq!(log.record, Record::All);
    assert_eq!((log.speed, log.auto), (1, false));
    assert_eq!(log.status, Status::Completed);
    assert!(!log.torn_last_line);
    assert_eq!((log.resumed, log.torn_lines), (0, 0));
    assert_eq!(log.method_path, None);

    assert_eq!(log.people.len(), 6);
    assert_eq!(log.people[0].display_name(), "Ana");
    assert_eq!(log.people[0].role_names, ["Client"]);
    assert_eq!(log.people[1].role_names, ["Animateur"]);
    assert_eq!(log.roles.len(), 3);
    assert_eq!(log.case_giver(), Some("Ana"));

    let planned: Vec<u64> = log.steps.iter().map(|step| step.planned_s).collect();
    assert_eq!(planned, [600, 960, 300, 1500, 600, 900]);
    assert_eq!(log.steps[1].initial_s, 900);
    let actual: Vec<f64> = log.steps.iter().map(|step| step.actual_s).collect();
    assert_eq!(actual, [612.5, 1000.0, 320.0, 1440.0, 600.0, 735.0]);
    let overrun: Vec<bool> = log.steps.iter().map(|step| step.overrun).collect();
    assert_eq!(overrun, [true, true, true, false, false, false]);
    assert!(
        log.steps
            .iter()
            .all(|step| step.visited && step.times_entered == 1 && !step.unfinished)
    );
    assert_eq!(log.steps[2].capture.as_deref(), Some("contract"));
    assert_eq!(log.steps[5].kind, "round");
    assert_eq!(log.steps[5].turns.len(), 6);
    assert!(log.steps[5].turns[3].passed);
    assert_eq!(log.steps[5].turns[4].speaker, "Émilie");

    assert_eq!(log.planned_s, 4800);
    assert_eq!(log.planned_total_s(), 4860);
    assert_eq!(log.actual_total_s(), 4707.5);
    assert_eq!(log.active_s, 4707.5);
    assert_eq!((log.pauses, log.paused_s), (1, 300.0));
    assert_eq!((log.adjustments, log.restarts), (1, 0));

    assert_eq!(log.notes.len(), 7);
    assert_eq!(log.notes[0].step, 0);
    assert_eq!(log.notes[0].at_s, 135.4);
    assert!(log.notes[2].text.contains("\n\nÀ creuser"));
    // The last capture of a key wins, in the place the key first appeared.
    let keys: Vec<&str> = log.captures.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["contract", "action-plan", "learnings"]);
    assert!(
        log.capture("contract")
            .unwrap()
            .starts_with("Comment rétablir")
    );
    assert_eq!(log.captures[0].at_s, 1830.0);
    assert_eq!(log.captures[0].label, "Contrat");
    assert!(
        log.capture("action-plan")
            .unwrap()
            .contains("\n2. Leur confier")
    );
    assert_eq!(log.capture("goal"), None);

    let follow_up = log.follow_up.as_ref().unwrap();
    assert_eq!(follow_up.person, "Ben");
    assert_eq!(follow_up.from.as_deref(), Some("2026-10-12T18-00-00-codev"));

    // `parse` of the text reads the same as `read` of the file.
    assert_eq!(parse(&fixture(CODEV)).unwrap(), log);
}

#[test]
fn an_interrupted_journal_keeps_every_complete_line_and_flags_the_torn_one() {
    let text = fixture(CLINIC);
    assert!(!text.ends_with('\n'), "the fixture ends with a torn line");
    let log = parse(&text).unwrap();
    assert!(log.torn_last_line);
    assert_eq!(log.status, Status::Interrupted);
    // The first run was killed while writing a note; the resumed run appended to that cut line.
    assert_eq!(log.resumed, 1);
    assert_eq!(log.torn_lines, 2);
    assert_eq!(log.case_giver(), Some("Case giver"));
    assert_eq!(log.people[1].role_names, ["Coach", "Timekeeper"]);
    // The note on the torn line is gone; the one before it is kept.
    assert_eq!(log.notes.len(), 1);
    assert_eq!(log.notes[0].at_s, 431.25);
    // Mirroring was running: its time counts up to the last active time the journal gives.
    let mirroring = &log.steps[3];
    assert!(mirroring.visited && mirroring.unfinished);
    assert_eq!(mirroring.actual_s, 180.0);
    assert_eq!(mirroring.turns.len(), 1);
    assert!(!log.steps[4].visited);
    assert_eq!(log.active_s, 1380.0);

    // Every complete line is kept: the log is the one of the complete lines alone.
    let complete = &text[..text.rfind('\n').unwrap() + 1];
    let mut without = parse(complete).unwrap();
    assert_eq!((without.torn_last_line, without.torn_lines), (false, 1));
    without.torn_last_line = true;
    without.torn_lines = 2;
    assert_eq!(without, log);
}

#[test]
fn a_session_closed_as_interrupted_after_a_cut_line_reads_as_interrupted() {
    let text = fixture(CLINIC);
    let closed = format!(
        "{text}{}\n",
        r#"{"active_s":1380.0,"completed":false,"event":"session_end","interrupted":true,"time":"2026-12-01T08:00:00.000+01:00"}"#
    );
    let log = parse(&closed).unwrap();
    assert_eq!(log.status, Status::Interrupted);
    assert!(!log.torn_last_line);
    assert_eq!(log.torn_lines, 2);
    assert_eq!(log.last_time, "2026-12-01T08:00:00.000+01:00");
    assert_eq!(log.active_s, 1380.0);
    // Without the flag, an early end is a stop.
    let stopped = closed.replace(r#""interrupted":true,"#, "");
    assert_eq!(parse(&stopped).unwrap().status, Status::Stopped);
}

#[test]
fn a_journal_cut_anywhere_still_reads() {
    let text = fixture(CODEV);
    let first_line = text.find('\n').unwrap() + 1;
    let end_line = text[..text.len() - 1].rfind('\n').unwrap() + 1;
    for cut in (first_line..=text.len()).filter(|&cut| text.is_char_boundary(cut)) {
        let part = &text[..cut];
        let log =
            parse(part).unwrap_or_else(|error| panic!("cut at {cut}: {}", error.message().en));
        let mid_line = !part.ends_with('\n')
            && serde_json::from_str::<serde_json::Value>(part.rsplit('\n').next().unwrap())
                .is_err();
        assert_eq!(log.torn_last_line, mid_line, "cut at {cut}");
        let ended = cut > end_line && !mid_line;
        assert_eq!(log.status == Status::Completed, ended, "cut at {cut}");
        if !ended {
            assert_eq!(log.status, Status::Interrupted, "cut at {cut}");
        }
    }
}

#[test]
fn a_last_line_cut_inside_a_character_is_torn_too() {
    let text = fixture(CODEV);
    let bytes = text.as_bytes();
    // Cut the last line inside the two bytes of an “é”.
    let start = text.rfind("Apprentissages").unwrap();
    let cut = text[..start].rfind('é').unwrap() + 1;
    assert!(!text.is_char_boundary(cut));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl");
    fs::write(&path, &bytes[..cut]).unwrap();
    let log = read(&path).unwrap();
    assert!(log.torn_last_line);
    assert_eq!(log.status, Status::Interrupted);
}

#[test]
fn a_corrupt_line_in_the_middle_is_an_error_that_names_it() {
    let text = fixture(CODEV);
    let mut lines: Vec<&str> = text.lines().collect();
    lines[6] = "{\"event\":\"note\",\"time\":\"2026-11-23T14:18:20+01:00\",\"step\":1,,}";
    let error = parse(&(lines.join("\n") + "\n")).unwrap_err();
    assert_eq!(error.message().en, "Line 7 is not valid JSON (column 61).");
    assert_eq!(
        error.message().fr,
        "La ligne 7 n’est pas du JSON valide (colonne 61)."
    );

    let mut lines: Vec<&str> = text.lines().collect();
    lines[9] = "{\"event\":\"note\",\"time\":\"2026-11-23T14:18:20+01:00\",\"step\":1,\"te";
    let error = parse(&(lines.join("\n") + "\n")).unwrap_err();
    assert_eq!(
        error.message().en,
        "Line 10 is cut off: it ends before its JSON object does."
    );
    assert!(error.message().fr.starts_with("La ligne 10 est tronquée"));

    // The file's path comes first when the journal is read from a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    fs::write(&path, lines.join("\n")).unwrap();
    let error = read(&path).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}: Line 10", path.display()))
    );
}

#[test]
fn lines_that_read_as_json_but_say_the_wrong_thing_are_errors() {
    let start = fixture(TIMINGS).lines().next().unwrap().to_owned();
    let cases = [
        (
            "[1, 2]",
            "Line 2 is not a JSON object.",
            "La ligne 2 n’est pas un objet JSON.",
        ),
        (
            r#"{"event":"step_end","step":9,"actual_s":1}"#,
            "Line 2: step 9 does not exist (the session has 5).",
            "Ligne 2 : l’étape 9 n’existe pas (la séance en a 5).",
        ),
        (
            r#"{"event":"step_end","step":1,"actual_s":"long"}"#,
            "Line 2: “actual_s” is missing or is not a number of seconds.",
            "Ligne 2 : « actual_s » manque ou n’est pas un nombre de secondes.",
        ),
        (
            r#"{"event":"note","step":1}"#,
            "Line 2: “text” is missing or is not a text.",
            "Ligne 2 : « text » manque ou n’est pas un texte.",
        ),
        (
            r#"{"step":1}"#,
            "Line 2: “event” is missing or is not a text.",
            "Ligne 2 : « event » manque ou n’est pas un texte.",
        ),
    ];
    for (line, en, fr) in cases {
        let error = parse(&format!("{start}\n{line}\n{{\"event\":\"pause\"}}\n")).unwrap_err();
        assert_eq!(
            (error.message().en.as_str(), error.message().fr.as_str()),
            (en, fr),
            "{line}"
        );
    }
}

#[test]
fn what_is_not_a_journal_says_so() {
    let cases = [
        ("", "The journal is empty."),
        ("\n \n", "The journal is empty."),
        (
            "{\"event\":\"session_st",
            "The journal’s only line is cut off: the session never really started.",
        ),
        (
            "{\"event\":\"step_start\",\"step\":0}\n",
            "Line 1 is not a session start: this is not a session journal.",
        ),
        (
            "{\"event\":\"session_start\",\"format\":2,\"time\":\"x\"}\n",
            "This journal uses format 2, newer than this program reads (1): update intervision to read it.",
        ),
        (
            "{\"event\":\"session_start\",\"time\":\"x\",\"method\":{\"id\":\"m\"},\"record\":\"some\",\"steps\":[]}\n",
            "Line 1: “record” is “some”; it should be all, timings or none.",
        ),
        (
            "{\"event\":\"session_start\",\"time\":\"x\",\"method\":{\"id\":\"m\"},\"steps\":[{\"name\":\"A\"}]}\n",
            "Line 1: “steps[0].planned_s” is missing or is not a whole number.",
        ),
    ];
    for (text, en) in cases {
        assert_eq!(parse(text).unwrap_err().to_string(), en, "{text:?}");
    }
    let twice = format!(
        "{}\n{}\n",
        fixture(BACK).lines().next().unwrap(),
        fixture(BACK).lines().next().unwrap()
    );
    assert_eq!(
        parse(&twice).unwrap_err().to_string(),
        "Line 2 starts a second session: a journal holds one session only."
    );
}

#[test]
fn unknown_events_and_fields_are_skipped_and_blank_lines_ignored() {
    let text = fixture(BACK);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.insert(
        3,
        r#"{"event":"mood","time":"2026-12-14T10:05:00+00:00","level":3}"#.into(),
    );
    lines.insert(4, String::new());
    lines[1] = lines[1].replace("\"step\":0", "\"step\":0,\"colour\":\"blue\"");
    let changed = parse(&(lines.join("\r\n") + "\r\n")).unwrap();
    assert_eq!(changed, parse(&text).unwrap());
}

#[test]
fn a_timings_only_session_stopped_early() {
    let log = load(TIMINGS);
    assert_eq!(log.record, Record::Timings);
    assert_eq!(log.status, Status::Stopped);
    assert!(log.notes.is_empty() && log.captures.is_empty());
    assert_eq!(log.group.as_deref(), Some("Peer group | Montréal"));
    assert_eq!(log.case_giver(), Some("Marie"));
    assert_eq!((log.pauses, log.paused_s), (2, 137.5));
    assert_eq!(log.adjustments, 1);
    assert_eq!((log.steps[1].initial_s, log.steps[1].planned_s), (900, 780));
    assert!(log.steps[1].overrun);
    assert!(!log.steps[4].visited);
    assert_eq!(log.steps[4].actual_s, 0.0);
    assert!(!log.steps[4].overrun);
    assert_eq!(log.steps[0].turns.len(), 4);
    assert_eq!(log.active_s, log.actual_total_s());
}

#[test]
fn going_back_adds_up_the_passages_and_keeps_the_last_plan() {
    let log = load(BACK);
    assert_eq!(log.status, Status::Completed);
    assert_eq!((log.speed, log.auto), (10, true));
    let entered: Vec<u32> = log.steps.iter().map(|step| step.times_entered).collect();
    assert_eq!(entered, [1, 2, 2, 1, 1, 1]);
    assert_eq!(log.steps[1].actual_s, 900.0 + 180.0);
    assert_eq!((log.steps[1].initial_s, log.steps[1].planned_s), (900, 300));
    assert!(log.steps[1].overrun);
    assert_eq!(log.steps[2].actual_s, 60.0 + 420.0);
    assert!(log.steps[2].overrun);
    assert_eq!(log.restarts, 1);
    assert_eq!(log.case_giver(), Some("Client"));
    assert_eq!(
        log.capture("contract"),
        Some("How do I say no to my manager without losing the project?")
    );
}

#[test]
fn the_example_of_the_format_reference_reads_as_it_says() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/journal-format.md"))
            .unwrap();
    let example = doc.split("## 7. A complete example").nth(1).unwrap();
    let block = example
        .split("```json\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let log = parse(block).unwrap();
    assert_eq!(log.status, Status::Completed);
    assert_eq!(
        log.method_path.as_deref(),
        Some("/home/ana/methods/mini.toml")
    );
    let steps: Vec<(u64, f64)> = log
        .steps
        .iter()
        .map(|s| (s.planned_s, s.actual_s))
        .collect();
    assert_eq!(steps, [(660, 655.2), (300, 172.0)]);
    assert_eq!((log.active_s, log.pauses, log.paused_s), (827.2, 1, 120.0));
    assert_eq!(log.steps[1].turns.len(), 2);
    assert_eq!(log.case_giver(), Some("Ana"));
}

#[test]
fn markdown_en() {
    insta::glob!("journals/*.jsonl", |path| {
        insta::assert_snapshot!(markdown(&read(path).unwrap(), Lang::En));
    });
}

#[test]
fn markdown_fr() {
    insta::glob!("journals/*.jsonl", |path| {
        insta::assert_snapshot!(markdown(&read(path).unwrap(), Lang::Fr));
    });
}

#[test]
fn the_summary_escapes_user_text_and_keeps_its_line_breaks() {
    let summary = markdown(&load(CODEV), Lang::Fr);
    assert!(summary.contains("le vrai sujet \\| c’était"));
    assert!(summary.contains("\\\n  \\- proposer un binôme"));
    assert!(summary.contains("\\\n  \\# pas d’urgence"));
    assert!(summary.contains("\\*ne pas\\*"));
    let summary = markdown(&load(TIMINGS), Lang::En);
    assert!(summary.starts_with("# Intervision session (5 steps) — Peer group \\| Montréal\n"));
    for line in summary.lines().filter(|line| line.starts_with('|')) {
        let cells = line.replace("\\|", "");
        assert_eq!(cells.matches('|').count(), 6, "{line}");
    }
}

#[test]
fn the_json_export_holds_everything() {
    let log = load(CODEV);
    let json = to_json(&log);
    assert_eq!(json["status"], "completed");
    assert_eq!(json["record"], "all");
    insta::assert_json_snapshot!(json);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn summaries_are_written_whole_privately_and_leave_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join(format!("{CODEV}.jsonl"));
    fs::copy(fixture_path(CODEV), &journal).unwrap();
    let summary = summary_path(&journal);
    assert_eq!(summary, dir.path().join(format!("{CODEV}.md")));
    let text = markdown(&read(&journal).unwrap(), Lang::En);
    write_atomically(&summary, &text).unwrap();
    assert_eq!(fs::read_to_string(&summary).unwrap(), text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(mode(&summary), 0o600);
        // A file that was readable by others is replaced by a private one.
        fs::set_permissions(&summary, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomically(&summary, "second").unwrap();
        assert_eq!(mode(&summary), 0o600);
    }
    assert_eq!(fs::read_to_string(&summary).unwrap(), "second");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [format!("{CODEV}.jsonl"), format!("{CODEV}.md")]);

    // A folder that does not exist: an error, and nothing left behind.
    let missing = dir.path().join("missing/summary.md");
    assert!(write_atomically(&missing, "x").is_err());
    assert!(!dir.path().join("missing").exists());
}

/// Three journals whose names do not sort like their dates, plus one that does not read.
fn three_journals() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture_path(TIMINGS),
        dir.path().join("a-intervision.jsonl"),
    )
    .unwrap();
    fs::copy(fixture_path(CODEV), dir.path().join("z-codev.jsonl")).unwrap();
    fs::copy(fixture_path(CLINIC), dir.path().join("m-clinic.jsonl")).unwrap();
    fs::write(dir.path().join("z-codev.md"), "not a journal").unwrap();
    fs::create_dir(dir.path().join("sub.jsonl")).unwrap();
    dir
}

fn ids(entries: &[logbook::LogEntry]) -> Vec<&str> {
    entries.iter().map(|entry| entry.id.as_str()).collect()
}

#[test]
fn list_gives_every_journal_oldest_first_once() {
    let dir = three_journals();
    let dirs = vec![dir.path().to_owned(), dir.path().join("nowhere")];
    let entries = list(&dirs);
    assert_eq!(ids(&entries), ["z-codev", "m-clinic", "a-intervision"]);
    assert!(entries.iter().all(|entry| entry.log.is_ok()));
    assert_eq!(entries[0].path, dir.path().join("z-codev.jsonl"));

    // The same folder twice, or reached through another path: each journal once.
    let twice = vec![
        dir.path().to_owned(),
        dir.path().join("sub.jsonl/.."),
        dir.path().to_owned(),
    ];
    assert_eq!(ids(&list(&twice)).len(), 3);

    // A journal that does not read comes last, with its error.
    fs::write(
        dir.path().join("0-broken.jsonl"),
        "{\"event\":\"step_start\"}\n",
    )
    .unwrap();
    let entries = list(&dirs);
    assert_eq!(
        ids(&entries),
        ["z-codev", "m-clinic", "a-intervision", "0-broken"]
    );
    assert!(
        entries[3]
            .log
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("Line 1")
    );
}

#[test]
fn the_more_complete_of_two_journals_of_the_same_name_is_kept() {
    let main = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let text = fixture(CODEV);
    let half = &text[..text.len() / 2];
    fs::write(main.path().join("s.jsonl"), half).unwrap();
    fs::write(fallback.path().join("s.jsonl"), &text).unwrap();
    for dirs in [
        vec![main.path().to_owned(), fallback.path().to_owned()],
        vec![fallback.path().to_owned(), main.path().to_owned()],
    ] {
        let entries = list(&dirs);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].path, fallback.path().join("s.jsonl"));
    }
}

#[test]
fn find_takes_a_name_or_a_unique_beginning() {
    let dir = three_journals();
    fs::copy(fixture_path(BACK), dir.path().join("z-codev-2.jsonl")).unwrap();
    let dirs = vec![dir.path().to_owned()];

    let entry = find("m-clinic", &dirs).unwrap();
    assert_eq!(entry.path, dir.path().join("m-clinic.jsonl"));
    assert_eq!(entry.log.unwrap().method_id, "case-clinic");
    assert_eq!(find("a", &dirs).unwrap().id, "a-intervision");
    assert_eq!(
        find("a-intervision.jsonl", &dirs).unwrap().id,
        "a-intervision"
    );
    // An exact name wins over longer names that start with it.
    assert_eq!(find("z-codev", &dirs).unwrap().id, "z-codev");

    let error = find("z-", &dirs).unwrap_err();
    assert_eq!(
        error.en,
        "“z-” matches 2 session journals: z-codev, z-codev-2. Give more of the name."
    );
    assert_eq!(
        error.fr,
        "« z- » désigne 2 journaux de séance : z-codev, z-codev-2. Précisez le nom."
    );
    let error = find("q", &dirs).unwrap_err();
    assert_eq!(
        error.en,
        "No session journal is named “q”. The latest: z-codev-2, a-intervision, m-clinic, z-codev."
    );
    assert!(
        error
            .fr
            .starts_with("Aucun journal de séance ne s’appelle « q ».")
    );
    assert!(find("", &dirs).is_err());

    let empty = tempfile::tempdir().unwrap();
    let error = find("x", &[empty.path().to_owned()]).unwrap_err();
    assert!(error.en.starts_with("There are no session journals yet"));
    assert!(
        error
            .fr
            .starts_with("Il n’y a encore aucun journal de séance")
    );
}
