//! Faults on the reading side: damaged journals never hide or break another one, a journal that
//! does not read whole (or of a newer format) is never written, method texts never reach the
//! terminal raw.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use intervision::store::{logbook, resume};
use proptest::prelude::*;

/// A completed session, from the journal fixtures.
const GOOD: &str = "2026-11-23T14-00-00-codev";

/// The first lines of an interrupted Case Clinic journal; line 4 is a `step_start` whose time
/// the tests damage.
const INTERRUPTED: &str = "2026-11-30T09-30-00-case-clinic";

/// A user's folders, removed on drop.
struct Folders {
    dir: tempfile::TempDir,
}

impl Folders {
    fn new() -> Folders {
        let folders = Folders {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(folders.sessions()).unwrap();
        fs::create_dir_all(folders.config().join("methods")).unwrap();
        folders
    }

    fn sessions(&self) -> PathBuf {
        self.dir.path().join("data/sessions")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn journal(&self, id: &str) -> PathBuf {
        self.sessions().join(format!("{id}.jsonl"))
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_intervision"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", "en_US.UTF-8")
            .env("INTERVISION_CONFIG_DIR", self.config())
            .env("INTERVISION_DATA_DIR", self.dir.path().join("data"))
            .output()
            .unwrap()
    }
}

fn fixture(id: &str) -> String {
    fs::read_to_string(format!("tests/journals/{id}.jsonl")).unwrap()
}

/// The interrupted journal, cut after its fourth line, with that line's `at_s` set to `at`.
fn interrupted_with_time(at: &str) -> String {
    let whole = fixture(INTERRUPTED);
    let lines: Vec<&str> = whole.lines().take(4).collect();
    let damaged = lines[3].replace("\"at_s\":120.0", &format!("\"at_s\":{at}"));
    assert_ne!(damaged, lines[3]);
    format!("{}\n{}\n{}\n{damaged}\n", lines[0], lines[1], lines[2])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a command printed, both streams, after checking it did not panic.
fn no_panic(output: &Output) -> String {
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(!all.contains("panicked"), "{all}");
    assert_ne!(output.status.code(), Some(101), "{all}");
    all
}

/// A folder with the good journal and two whose times are -1 and 1e20.
fn bad_times_beside_a_good_one() -> Folders {
    let folders = Folders::new();
    fs::write(folders.journal(GOOD), fixture(GOOD)).unwrap();
    fs::write(
        folders.journal("2026-11-30T09-30-00-case-clinic"),
        interrupted_with_time("-1"),
    )
    .unwrap();
    fs::write(
        folders.journal("2026-11-30T10-30-00-case-clinic"),
        interrupted_with_time("1e20"),
    )
    .unwrap();
    folders
}

#[test]
fn negative_and_huge_times_break_no_command_and_hide_no_good_session() {
    let folders = bad_times_beside_a_good_one();
    let listed = folders.run(&["log", "list"]);
    let all = no_panic(&listed);
    assert!(listed.status.success(), "{all}");
    assert!(all.contains(GOOD), "{all}");
    for bad in ["2026-11-30T09-30-00", "2026-11-30T10-30-00"] {
        let row = all.lines().find(|line| line.starts_with(bad)).unwrap();
        assert!(row.contains("Line 4") && row.contains("at_s"), "{row}");
    }
    let json = folders.run(&["log", "list", "--format", "json"]);
    assert!(no_panic(&json).contains(GOOD));
    for id in ["2026-11-30T09-30", "2026-11-30T10-30"] {
        for args in [
            vec!["log", "show", id],
            vec!["log", "export", id, "--format", "json"],
        ] {
            let output = folders.run(&args);
            let all = no_panic(&output);
            assert!(!output.status.success(), "{args:?}: {all}");
            assert!(all.contains(".jsonl") && all.contains("Line 4"), "{all}");
        }
    }
    let shown = folders.run(&["log", "show", GOOD]);
    assert!(shown.status.success(), "{}", no_panic(&shown));
    // No unfinished session reads: resume says so, names the bad files, and writes nothing.
    let before: Vec<String> = fs::read_dir(folders.sessions())
        .unwrap()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    for args in [vec!["resume"], vec!["resume", "--close"]] {
        let output = folders.run(&args);
        let all = no_panic(&output);
        assert!(!output.status.success(), "{all}");
        assert!(all.contains("10-30-00-case-clinic.jsonl: Line 4"), "{all}");
    }
    let after: Vec<String> = fs::read_dir(folders.sessions())
        .unwrap()
        .map(|entry| fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn resume_close_writes_nothing_into_a_journal_it_cannot_read_whole_or_of_a_newer_format() {
    let folders = Folders::new();
    let newer = fixture(INTERRUPTED).replacen("\"format\":1", "\"format\":2", 1);
    let whole = fixture(INTERRUPTED);
    let middle: Vec<&str> = whole.lines().take(4).collect();
    let damaged = format!(
        "{}\n{{\"event\":\"no\n{}\n{}\n",
        middle[0], middle[1], middle[2]
    );
    for (id, journal) in [("newer", newer), ("damaged", damaged)] {
        let path = folders.journal(&format!("2026-11-30T09-30-00-{id}"));
        fs::write(&path, &journal).unwrap();
        let output = folders.run(&["resume", "--close", path.to_str().unwrap()]);
        let all = no_panic(&output);
        assert!(!output.status.success(), "{id}: {all}");
        assert_eq!(fs::read_to_string(&path).unwrap(), journal, "{id}: {all}");
        assert!(!path.with_extension("md").exists(), "{id}");
    }
}

/// Closes the journal at `path` with `resume --close`, which must succeed.
fn close(folders: &Folders, path: &Path) -> String {
    let output = folders.run(&["resume", "--close", path.to_str().unwrap()]);
    let all = no_panic(&output);
    assert!(output.status.success(), "{all}");
    fs::read_to_string(path).unwrap()
}

#[test]
fn a_torn_utf8_tail_is_a_torn_line_and_a_torn_line_followed_by_resumed_resumes() {
    let folders = Folders::new();
    let whole = fixture(INTERRUPTED);
    let lines: Vec<&str> = whole.lines().take(5).collect();
    // The last line is cut inside "é": the bytes end half-way through a character.
    let mut torn = format!("{}\n", lines[..4].join("\n")).into_bytes();
    torn.extend_from_slice("{\"event\":\"note\",\"step\":1,\"text\":\"caf\u{e9}".as_bytes());
    torn.pop();
    let path = folders.journal("2026-11-30T09-30-00-utf8");
    fs::write(&path, &torn).unwrap();
    let listed = folders.run(&["log", "list"]);
    assert!(no_panic(&listed).contains("interrupted"));
    let closed = close(&folders, &path);
    assert!(closed.lines().last().unwrap().contains("session_end"));
    // A line torn by a kill, and the resumed program's first line written right after it.
    let path = folders.journal("2026-11-30T09-30-00-resumed");
    let journal = format!(
        "{}\n{{\"event\":\"note\",\"step\":1,\"at_s\":43{{\"at_s\":431.5,\"event\":\"resumed\",\"time\":\"2026-11-30T10:00:00.000+01:00\"}}\n{}\n",
        lines[..4].join("\n"),
        lines[4],
    );
    fs::write(&path, &journal).unwrap();
    let found = resume::read(&path).unwrap().expect("an unfinished session");
    assert_eq!(found.stopped_in().map(|(step, _)| step), Some(1));
    let closed = close(&folders, &path);
    assert!(closed.starts_with(&journal), "the journal is only added to");
}

#[test]
fn a_method_with_escape_sequences_is_refused_and_never_reaches_the_terminal_raw() {
    let folders = Folders::new();
    let method = fs::read_to_string("tests/bad-methods/61-control-character.toml").unwrap();
    let path = folders.config().join("methods/hostile.toml");
    fs::write(&path, method).unwrap();
    let checked = folders.run(&["check", path.to_str().unwrap()]);
    let all = no_panic(&checked);
    assert!(!checked.status.success(), "{all}");
    assert!(all.contains("hostile.toml:2:"), "{all}");
    assert!(
        all.contains("control character") && all.contains("help:"),
        "{all}"
    );
    for args in [
        vec!["check", path.to_str().unwrap()],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["show", "hostile"],
        vec!["show", path.to_str().unwrap()],
        vec!["--lang", "fr", "check", path.to_str().unwrap()],
    ] {
        let output = folders.run(&args);
        let all = no_panic(&output);
        assert!(
            !all.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}']),
            "{args:?}: {all:?}"
        );
    }
}

#[test]
fn journal_texts_with_escape_sequences_are_printed_escaped() {
    let folders = Folders::new();
    let hostile = fixture(GOOD).replacen(
        "\"group\":\"Intervision Lyon\"",
        "\"group\":\"Lyon\\u001b]52;c;aGk=\\u0007\\u001b[2J\"",
        1,
    );
    assert_ne!(hostile, fixture(GOOD));
    fs::write(folders.journal(GOOD), hostile).unwrap();
    for args in [vec!["log", "list"], vec!["log", "show", GOOD]] {
        let output = folders.run(&args);
        let all = no_panic(&output);
        assert!(output.status.success(), "{all}");
        assert!(all.contains("Lyon\\u{1b}"), "{args:?}: {all}");
        assert!(!all.contains(['\u{1b}', '\u{7}']), "{args:?}: {all:?}");
    }
}

/// One way of damaging a journal line.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    FlipByte(usize, u8),
    Number(usize, &'static str),
    DropField(usize),
    Duplicate,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::FlipByte(at, byte)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "-1",
                "1e308",
                "-1e308",
                "1e20",
                "NaN",
                "18446744073709551616",
                "-0.5",
                "1.5",
                "\"\"",
                "null"
            ])
        )
            .prop_map(|(at, number)| Mutation::Number(at, number)),
        any::<usize>().prop_map(Mutation::DropField),
        Just(Mutation::Duplicate),
    ]
}

fn mutate(line: &str, mutation: &Mutation) -> Vec<u8> {
    let bytes = line.as_bytes();
    match mutation {
        Mutation::Truncate(at) => bytes[..at % (bytes.len() + 1)].to_vec(),
        Mutation::FlipByte(at, byte) => {
            let mut bytes = bytes.to_vec();
            let at = at % bytes.len();
            bytes[at] = *byte;
            bytes
        }
        Mutation::Number(at, number) => {
            // Every number of the line, by its position; the chosen one is replaced.
            let starts: Vec<usize> = (0..bytes.len())
                .filter(|&i| {
                    (bytes[i].is_ascii_digit() || bytes[i] == b'-') && i > 0 && bytes[i - 1] == b':'
                })
                .collect();
            let Some(&start) = starts.get(at % starts.len().max(1)) else {
                return bytes.to_vec();
            };
            let end = (start + 1..bytes.len())
                .find(|&i| !matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'))
                .unwrap_or(bytes.len());
            [&bytes[..start], number.as_bytes(), &bytes[end..]].concat()
        }
        Mutation::DropField(at) => {
            let Ok(serde_json::Value::Object(mut object)) = serde_json::from_str(line) else {
                return bytes.to_vec();
            };
            let keys: Vec<String> = object.keys().cloned().collect();
            object.remove(&keys[at % keys.len()]);
            serde_json::Value::Object(object).to_string().into_bytes()
        }
        Mutation::Duplicate => format!("{line}\n{line}").into_bytes(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Reading mutated journals never panics, and never hides the good journal beside them.
    #[test]
    fn mutated_journal_lines_never_panic_nor_hide_a_good_journal(
        source in prop::sample::select(vec![
            "2026-11-30T09-30-00-case-clinic",
            "2026-12-07T18-30-00-intervision",
            "2026-12-14T10-00-00-codev",
        ]),
        mutations in prop::collection::vec((any::<usize>(), mutation()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(format!("{GOOD}.jsonl")), fixture(GOOD)).unwrap();
        let mut lines: Vec<Vec<u8>> =
            fixture(source).lines().map(|line| line.as_bytes().to_vec()).collect();
        for (at, mutation) in &mutations {
            let at = at % lines.len();
            let line = String::from_utf8_lossy(&lines[at]).into_owned();
            lines[at] = mutate(&line, mutation);
        }
        let mut damaged = lines.join(&b'\n');
        damaged.push(b'\n');
        let path = dir.path().join("2099-01-01T00-00-00-damaged.jsonl");
        fs::write(&path, &damaged).unwrap();

        let entries = logbook::list(&[dir.path().to_owned()]);
        let good = entries.iter().find(|entry| entry.id == GOOD).expect("the good journal is listed");
        prop_assert!(good.log.is_ok());
        prop_assert!(entries.iter().any(|entry| entry.path == path), "the damaged one is listed too");
        if let Some(Ok(log)) = entries.iter().find(|entry| entry.path == path).map(|entry| &entry.log) {
            let _ = logbook::markdown(log, intervision::domain::lang::Lang::Fr);
            let _ = logbook::to_json(log);
        }
        let (_, bad) = resume::scan(&[dir.path().to_owned()]);
        for error in &bad {
            prop_assert!(error.to_string().contains("damaged.jsonl"), "{error}");
        }
        if let Ok(Some(found)) = resume::read(&path) {
            let method = intervision::store::library::builtin(found.method_id());
            if let Some(Ok(method)) = method {
                let now = std::time::Instant::now();
                let _ = resume::replay(method, &found, now);
            }
        }
    }
}

#[test]
fn check_refuses_a_device_and_a_named_pipe_without_reading_for_ever() {
    let folders = Folders::new();
    let fifo = folders.dir.path().join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for path in [Path::new("/dev/zero"), fifo.as_path()] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_intervision"))
            .args(["check", path.to_str().unwrap()])
            .env("LANG", "en_US.UTF-8")
            .env("INTERVISION_CONFIG_DIR", folders.config())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("`check {}` still reads after 20 s", path.display());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let output = child.wait_with_output().unwrap();
        let all = no_panic(&output);
        assert!(!output.status.success(), "{all}");
        assert!(all.contains("not a regular file"), "{all}");
    }
}

#[test]
fn resuming_after_the_method_was_edited_says_so_and_offers_to_close_instead() {
    let folders = Folders::new();
    let method = folders.config().join("methods/clinic.toml");
    let original = fs::read_to_string("methods/case-clinic.toml").unwrap();
    fs::write(&method, &original).unwrap();
    let journal = fixture(INTERRUPTED).replacen(
        "\"method\":{\"id\":\"case-clinic\",\"name\":\"Case Clinic\"}",
        &format!(
            "\"method\":{{\"id\":\"clinic\",\"name\":\"Case Clinic\",\"path\":\"{}\"}}",
            method.display()
        ),
        1,
    );
    assert_ne!(journal, fixture(INTERRUPTED));
    let path = folders.journal(INTERRUPTED);
    fs::write(&path, &journal).unwrap();
    let found = resume::read(&path).unwrap().expect("an unfinished session");
    let load = || intervision::store::library::load_file(&method).unwrap();
    assert!(resume::same_steps(&load(), &found), "the file as it was");
    // The file loses its stillness step: the journal's steps are no longer the method's.
    let start = original
        .find("[[steps]]\nname = { en = \"Stillness\"")
        .unwrap();
    let end = start + original[start + 1..].find("[[steps]]").unwrap() + 1;
    fs::write(
        &method,
        format!("{}{}", &original[..start], &original[end..]),
    )
    .unwrap();
    assert!(!resume::same_steps(&load(), &found));
    for (lang, said) in [("en", "was changed"), ("fr", "a changé")] {
        let output = folders.run(&["--lang", lang, "resume", path.to_str().unwrap()]);
        let all = no_panic(&output);
        assert!(!output.status.success(), "{all}");
        assert!(
            all.contains(said) && all.contains("resume --close"),
            "{all}"
        );
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        journal,
        "nothing written"
    );
    assert!(close(&folders, &path).contains("session_end"));
}
