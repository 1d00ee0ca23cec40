//! End-to-end tests of groups and of the session log, with the real binary full-screen inside
//! tmux (see `common/mod.rs`): a group's sessions one after another, with the roles rotating and
//! the action plan carried to the next session; a session killed and resumed; a killed session
//! closed at the next start; a log folder that cannot be written; the method picker shown when
//! no method is named.
//!
//! Each test has its own configuration and data folders, shared by the runs of that test.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{PEOPLE, Profile, Tmux, WAIT, events, journal_lines};
use serde_json::Value;

const GROUP: &str = "Intervision Lyon";

/// Journal names have a per-second time stamp: two sessions this far apart get two names.
const NEXT_SECOND: Duration = Duration::from_millis(1100);

/// Who holds `role` on the roles screen (`Case giver  ◂ Ana ▸`), if shown.
fn role_holder(screen: &str, role: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let rest = line.trim().strip_prefix(role)?;
        let (holder, _) = rest.split_once('◂')?.1.split_once('▸')?;
        let holder = holder.trim();
        (!holder.is_empty()).then(|| holder.to_owned())
    })
}

/// The path printed after `label` (`Journal:`, `Summary:`) at the start of a line.
fn printed_path(screen: &str, label: &str) -> PathBuf {
    screen
        .lines()
        .find_map(|line| line.trim().strip_prefix(label))
        .map(|path| PathBuf::from(path.trim()))
        .unwrap_or_else(|| panic!("no {label:?} line on the screen:\n{screen}"))
}

/// A journal's id: its file name without `.jsonl`.
fn id_of(journal: &Path) -> String {
    journal
        .file_stem()
        .and_then(|stem| stem.to_str())
        .expect("a journal file name")
        .to_owned()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// One row of `intervision log list`.
#[derive(Debug)]
struct Row {
    id: String,
    group: String,
    method: String,
    case_giver: String,
    status: String,
}

/// Reads the table of `intervision log list`, cutting each row where the header's columns start.
fn log_rows(table: &str) -> Vec<Row> {
    let mut lines = table.lines().filter(|line| !line.trim().is_empty());
    let header = lines.next().unwrap_or_else(|| panic!("no table:\n{table}"));
    let column = |name: &str| {
        let byte = header
            .find(name)
            .unwrap_or_else(|| panic!("no {name} column in the header:\n{table}"));
        header[..byte].chars().count()
    };
    let names = [
        "ID",
        "DATE",
        "GROUP",
        "METHOD",
        "CASE GIVER",
        "TIME",
        "STATUS",
    ];
    let starts: Vec<usize> = names.iter().map(|name| column(name)).collect();
    lines
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let cell = |index: usize| -> String {
                let start = starts[index].min(chars.len());
                let end = starts
                    .get(index + 1)
                    .map_or(chars.len(), |&end| end.min(chars.len()));
                chars[start..end]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_owned()
            };
            Row {
                id: cell(0),
                group: cell(2),
                method: cell(3),
                case_giver: cell(4),
                status: cell(6),
            }
        })
        .collect()
}

/// The text of the Markdown section `## heading`, up to the next heading of that level or rule.
fn section<'a>(markdown: &'a str, heading: &str) -> Option<&'a str> {
    let title = format!("## {heading}\n");
    let start = markdown.find(&title)? + title.len();
    let rest = &markdown[start..];
    let end = rest
        .find("\n## ")
        .into_iter()
        .chain(rest.find("\n---"))
        .min()
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Waits until `path` holds `text` (a journal line is synced as it is written, but the screen
/// may be drawn first).
fn wait_for_file_text(path: &Path, text: &str) {
    let start = Instant::now();
    loop {
        let content = fs::read_to_string(path).unwrap_or_default();
        if content.contains(text) {
            return;
        }
        if start.elapsed() > WAIT {
            panic!(
                "{text:?} not written to {} within {WAIT:?}:\n{content}",
                path.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for the one journal of `profile` to exist and returns it.
fn the_journal(profile: &Profile) -> PathBuf {
    let start = Instant::now();
    loop {
        let journals = profile.journals();
        match journals.len() {
            1 => return journals.into_iter().next().unwrap(),
            0 if start.elapsed() < WAIT => std::thread::sleep(Duration::from_millis(50)),
            _ => panic!(
                "one journal expected in {}: {journals:?}",
                profile.sessions_dir().display()
            ),
        }
    }
}

/// Types a note with `e`, saves it with Enter, and waits for the note field to close.
fn type_note(tmux: &Tmux, text: &str) {
    tmux.send("e");
    tmux.wait_for_all(&["Note", "enter: save"]);
    tmux.send(text);
    tmux.wait_for(text);
    tmux.press("Enter");
    tmux.wait_gone("enter: save");
}

fn note_texts(lines: &[Value]) -> Vec<&str> {
    events(lines, "note")
        .iter()
        .map(|note| note["text"].as_str().expect("a note's text"))
        .collect()
}

/// Starts a session of five people, starts its clock and kills the program with SIGKILL at
/// once: a journal with no end is left behind.
fn a_killed_session(profile: &Profile) -> PathBuf {
    let tmux = Tmux::start_in(
        profile,
        100,
        30,
        &["run", "case-clinic", "--people", "5", "--quiet"],
        &[],
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "CHOOSING ROLES"]);
    let journal = the_journal(profile);
    wait_for_file_text(&journal, "\"step_start\"");
    tmux.signal("KILL");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 128 + 9, "the program was not killed by SIGKILL");
    journal
}

#[test]
fn three_sessions_of_a_group_rotate_roles_and_carry_the_action_plan() {
    let profile = Profile::new();
    let created = profile.run_ok(&[
        "group",
        "new",
        GROUP,
        "--members",
        PEOPLE,
        "--method",
        "case-clinic",
    ]);
    let group_file = profile.config_dir().join("groups/intervision-lyon.toml");
    assert!(
        group_file.is_file(),
        "no group file {}; `group new` said:\n{created}",
        group_file.display()
    );

    // (case giver, timekeeper, action plan, journal) of the previous session.
    let mut previous: Option<(String, String, String, PathBuf)> = None;
    let mut sessions = Vec::new();
    for (index, expected_giver) in ["Ana", "Ben", "Chloé"].into_iter().enumerate() {
        let n = index + 1;
        if n > 1 {
            std::thread::sleep(NEXT_SECOND);
        }
        let plan = format!("Plan {n}: call the director");
        let tmux = Tmux::start_in(
            &profile,
            100,
            30,
            &["run", "--group", GROUP, "--speed", "60", "--quiet"],
            &[],
        );

        // The roles screen: the suggested cast, everyone present.
        let screen = tmux.wait_until(
            &format!("session {n}: the roles screen with both roles and everyone present"),
            |screen| {
                screen.contains("Who is here, and who holds which role")
                    && role_holder(screen, "Case giver").is_some()
                    && role_holder(screen, "Timekeeper").is_some()
                    && screen.contains("[x] Emma")
            },
        );
        let giver = role_holder(&screen, "Case giver").unwrap();
        let keeper = role_holder(&screen, "Timekeeper").unwrap();
        assert_eq!(
            giver, expected_giver,
            "session {n}: the wrong case giver is suggested:\n{screen}"
        );
        assert_ne!(
            keeper, giver,
            "session {n}: the case giver is also the timekeeper:\n{screen}"
        );
        if let Some((_, previous_keeper, _, _)) = &previous {
            assert_ne!(
                &keeper, previous_keeper,
                "session {n}: the timekeeper did not rotate:\n{screen}"
            );
        }
        for name in PEOPLE.split(',') {
            assert!(
                screen.contains(&format!("[x] {name}")),
                "session {n}: {name} is not shown present:\n{screen}"
            );
        }

        // The start screen, with last session's action plan from the 2nd session on.
        tmux.press("Enter");
        tmux.wait_for("Press space to start the clock");
        tmux.wait_for_line(&[&giver, "Case giver"]);
        let screen = tmux.wait_for_line(&[&keeper, "Timekeeper"]);
        match &previous {
            None => assert!(
                !screen.contains("Last time"),
                "session 1 has no previous session to follow up:\n{screen}"
            ),
            Some((previous_giver, _, previous_plan, _)) => {
                tmux.wait_for(&format!(
                    "Last time {previous_giver} planned: {previous_plan}"
                ));
            }
        }

        // The session: to step 6, where the action plan is captured, then to the end.
        tmux.send(" ");
        tmux.wait_for_all(&["Step 1 of 7", "CHOOSING ROLES"]);
        for step in 2..=6 {
            tmux.send("n");
            tmux.wait_for(&format!("Step {step} of 7"));
        }
        tmux.wait_for("CLOSING REMARKS");
        tmux.send("c");
        tmux.wait_for_all(&["Action plan", "enter: save"]);
        tmux.send(&plan);
        tmux.wait_for(&plan);
        tmux.press("Enter");
        tmux.wait_until("the action plan pinned on the screen", |screen| {
            screen.contains(&format!("Action plan: {plan}")) && !screen.contains("enter: save")
        });
        tmux.send("n");
        tmux.wait_for_all(&["Step 7 of 7", "Journaling"]);
        tmux.send("n");
        tmux.wait_for("Session over");
        tmux.send("q");
        let status = tmux.wait_exit(WAIT);
        let screen = tmux.wait_for_all(&["Journal:", "Summary:"]);
        assert_eq!(status, 0, "session {n} failed; screen:\n{screen}");
        let journal = printed_path(&screen, "Journal:");
        let summary = printed_path(&screen, "Summary:");
        assert_eq!(
            journal.parent(),
            Some(profile.sessions_dir().as_path()),
            "session {n}: the journal is not in the sessions folder"
        );
        assert_eq!(
            summary,
            journal.with_extension("md"),
            "session {n}: the summary is not beside the journal"
        );

        // The journal: the group, the cast, the follow-up, the plan, a complete end.
        let lines = journal_lines(&journal);
        let text = fs::read_to_string(&journal).unwrap();
        let start = &lines[0];
        assert_eq!(start["event"], "session_start", "journal:\n{text}");
        assert_eq!(start["group"], GROUP, "journal:\n{text}");
        let holder = |role: &str| -> Vec<&str> {
            start["people"]
                .as_array()
                .expect("people")
                .iter()
                .filter(|person| {
                    person["roles"]
                        .as_array()
                        .is_some_and(|roles| roles.iter().any(|r| r == role))
                })
                .filter_map(|person| person["name"].as_str())
                .collect()
        };
        assert_eq!(holder("case-giver"), [giver.as_str()], "journal:\n{text}");
        assert_eq!(holder("timekeeper"), [keeper.as_str()], "journal:\n{text}");
        match &previous {
            None => assert!(start["follow_up"].is_null(), "journal:\n{text}"),
            Some((previous_giver, _, previous_plan, previous_journal)) => {
                let follow_up = &start["follow_up"];
                assert_eq!(follow_up["person"], previous_giver.as_str(), "{text}");
                assert_eq!(follow_up["text"], previous_plan.as_str(), "{text}");
                assert_eq!(follow_up["from"], id_of(previous_journal), "{text}");
            }
        }
        assert!(
            events(&lines, "capture")
                .iter()
                .any(|capture| capture["key"] == "action-plan" && capture["text"] == plan),
            "session {n}: no action plan {plan:?} in the journal:\n{text}"
        );
        let end = lines.last().unwrap();
        assert_eq!(end["event"], "session_end", "journal:\n{text}");
        assert_eq!(end["completed"], true, "journal:\n{text}");

        sessions.push((giver.clone(), journal.clone(), summary));
        previous = Some((giver, keeper, plan, journal));
    }

    // The logbook: three complete sessions of the group, one case giver after another.
    let sessions_dir = profile.sessions_dir();
    assert_eq!(
        mode(&sessions_dir),
        0o700,
        "the sessions folder is readable by others"
    );
    let table = profile.run_ok(&["log", "list"]);
    let rows = log_rows(&table);
    assert_eq!(rows.len(), 3, "three sessions expected:\n{table}");
    for (giver, journal, summary) in &sessions {
        let id = id_of(journal);
        let row = rows
            .iter()
            .find(|row| row.id == id)
            .unwrap_or_else(|| panic!("{id} is not listed:\n{table}"));
        assert_eq!(row.group, GROUP, "{table}");
        assert_eq!(row.method, "Case Clinic", "{table}");
        assert_eq!(&row.case_giver, giver, "{table}");
        assert_eq!(row.status, "complete", "{table}");
        assert!(summary.is_file(), "no summary {}", summary.display());
        assert_eq!(
            mode(summary),
            0o600,
            "the summary {} is readable by others",
            summary.display()
        );
        assert_eq!(mode(journal), 0o600, "the journal is readable by others");
    }

    // The summaries: each follows up the previous plan and holds its own.
    let markdown: Vec<String> = sessions
        .iter()
        .map(|(_, _, summary)| fs::read_to_string(summary).unwrap())
        .collect();
    assert!(
        section(&markdown[0], "Follow-up from the previous session").is_none(),
        "the first session has no follow-up:\n{}",
        markdown[0]
    );
    for (index, text) in markdown.iter().enumerate() {
        let n = index + 1;
        let plan = section(text, "Action plan")
            .unwrap_or_else(|| panic!("no action plan in summary {n}:\n{text}"));
        assert!(
            plan.contains(&format!("Plan {n}: call the director")),
            "summary {n}:\n{text}"
        );
        if n > 1 {
            let follow_up = section(text, "Follow-up from the previous session")
                .unwrap_or_else(|| panic!("no follow-up in summary {n}:\n{text}"));
            assert!(
                follow_up.contains(&format!("Plan {}: call the director", n - 1))
                    && follow_up.contains(&sessions[index - 1].0),
                "summary {n}: the follow-up is not the previous session's plan:\n{text}"
            );
        }
    }

    // `log show` prints the summary; `group show` counts the sessions and suggests David next.
    let third = id_of(&sessions[2].1);
    assert_eq!(
        profile.run_ok(&["log", "show", &third]),
        markdown[2],
        "`log show` does not print the summary file"
    );
    let group = profile.run_ok(&["group", "show", GROUP]);
    assert!(group.contains("Sessions: 3"), "{group}");
    assert!(
        group
            .lines()
            .any(|line| line.contains("David") && line.contains("Case giver")),
        "David should be the next case giver:\n{group}"
    );
}

#[test]
fn a_session_killed_mid_round_is_resumed_and_keeps_every_note() {
    let notes = [
        "Chloé : un pont — «rive»",
        "Ben aperçoit une île, où l'eau dort",
        "Après la reprise : ça tient ?",
    ];
    let profile = Profile::new();
    let args = ["run", "case-clinic", "--people", PEOPLE, "--quiet"];
    let tmux = Tmux::start_in(&profile, 100, 30, &args, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    for step in 2..=4 {
        tmux.send("n");
        tmux.wait_for(&format!("Step {step} of 7"));
    }
    tmux.wait_for_all(&["MIRRORING"]);
    tmux.wait_for_line(&["Turn 1 of 4", "Ben", "next: Chloé"]);
    type_note(&tmux, notes[0]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 2 of 4", "Chloé", "next: David"]);
    type_note(&tmux, notes[1]);

    let journal = the_journal(&profile);
    wait_for_file_text(&journal, &serde_json::to_string(notes[1]).unwrap());
    tmux.signal("KILL");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 128 + 9, "the program was not killed by SIGKILL");
    drop(tmux);

    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    assert!(
        events(&lines, "session_end").is_empty(),
        "a killed session has no end:\n{text}"
    );
    assert_eq!(note_texts(&lines), notes[..2], "journal:\n{text}");
    let speaker = events(&lines, "turn_start")
        .last()
        .and_then(|turn| turn["speaker"].as_str());
    assert_eq!(speaker, Some("Chloé"), "journal:\n{text}");

    // Resumed where it stopped: the same step, the same turn.
    let tmux = Tmux::start_in(&profile, 100, 30, &["resume", "--quiet"], &[]);
    tmux.wait_for_all(&["Step 4 of 7", "MIRRORING"]);
    tmux.wait_for_line(&["Turn 2 of 4", "Chloé", "next: David"]);
    type_note(&tmux, notes[2]);
    for step in 5..=7 {
        tmux.send("n");
        tmux.wait_for(&format!("Step {step} of 7"));
    }
    tmux.send("n");
    tmux.wait_for("Session over");
    tmux.send("q");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for_all(&["Journal:", "Summary:"]);
    assert_eq!(status, 0, "the resumed session failed; screen:\n{screen}");
    assert_eq!(
        printed_path(&screen, "Journal:"),
        journal,
        "the resumed session went to another journal"
    );
    let summary = printed_path(&screen, "Summary:");
    assert_eq!(summary, journal.with_extension("md"));
    assert_eq!(
        profile.journals(),
        std::slice::from_ref(&journal),
        "one journal expected"
    );

    // The journal goes on after the kill; the summary holds every note as typed.
    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    assert_eq!(
        events(&lines, "resumed").len(),
        1,
        "one resumed line expected:\n{text}"
    );
    assert_eq!(note_texts(&lines), notes, "journal:\n{text}");
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "journal:\n{text}");
    assert_ne!(end["interrupted"], true, "journal:\n{text}");
    let markdown = fs::read_to_string(&summary).unwrap();
    let notes_section =
        section(&markdown, "Notes").unwrap_or_else(|| panic!("no notes in:\n{markdown}"));
    let mut from = 0;
    for note in notes {
        let found = notes_section[from..].find(note).unwrap_or_else(|| {
            panic!("the note {note:?} is not in the summary, in order:\n{markdown}")
        });
        from += found + note.len();
    }

    let table = profile.run_ok(&["log", "list"]);
    let rows = log_rows(&table);
    assert_eq!(rows.len(), 1, "{table}");
    assert_eq!(rows[0].id, id_of(&journal), "{table}");
    assert!(
        ["complete", "stopped early"].contains(&rows[0].status.as_str()),
        "a resumed session is not interrupted:\n{table}"
    );
}

#[test]
fn the_next_start_offers_to_close_an_unfinished_session() {
    let profile = Profile::new();
    let journal = a_killed_session(&profile);
    std::thread::sleep(NEXT_SECOND);

    let tmux = Tmux::start_in(
        &profile,
        100,
        30,
        &["run", "case-clinic", "--people", "5", "--quiet"],
        &[],
    );
    tmux.wait_for_all(&["An unfinished session was found", "Case Clinic"]);
    tmux.send("c");
    tmux.wait_until("the start screen of the new session", |screen| {
        screen.contains("Press space to start the clock")
            && !screen.contains("An unfinished session was found")
    });
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 0, "screen:\n{}", tmux.capture());

    // The killed session is closed as interrupted, with its summary; no new one was started.
    assert_eq!(profile.journals(), std::slice::from_ref(&journal));
    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "journal:\n{text}");
    assert_eq!(end["interrupted"], true, "journal:\n{text}");
    assert_eq!(end["completed"], false, "journal:\n{text}");
    let summary = journal.with_extension("md");
    assert!(summary.is_file(), "no summary {}", summary.display());
    assert_eq!(mode(&summary), 0o600, "the summary is readable by others");

    let table = profile.run_ok(&["log", "list"]);
    let rows = log_rows(&table);
    assert_eq!(rows.len(), 1, "{table}");
    assert_eq!(rows[0].id, id_of(&journal), "{table}");
    assert_eq!(rows[0].status, "interrupted", "{table}");
}

#[test]
fn a_log_folder_that_cannot_be_written_does_not_stop_the_session() {
    let profile = Profile::new();
    // The first fallback folder is the user's data folder, `$INTERVISION_DATA_DIR/sessions`.
    let fallback = profile.sessions_dir();
    let tmux = Tmux::start_in(
        &profile,
        100,
        30,
        &[
            "run",
            "case-clinic",
            "--people",
            "5",
            "--quiet",
            "--log-dir",
            "/proc/intervision-test",
        ],
        &[],
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "cannot be written: journal saved in"]);
    tmux.send("n");
    tmux.wait_for_all(&["Step 2 of 7", "cannot be written: journal saved in"]);
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for("Journal:");
    assert_eq!(status, 0, "the program failed; screen:\n{screen}");

    let journal = printed_path(&screen, "Journal:");
    assert_eq!(
        journal.parent(),
        Some(fallback.as_path()),
        "the journal is not in the fallback folder; screen:\n{screen}"
    );
    assert!(journal.is_file(), "no journal {}", journal.display());
    assert_eq!(mode(&fallback), 0o700, "the fallback folder is not private");
    assert_eq!(mode(&journal), 0o600, "the journal is readable by others");
    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    assert_eq!(lines[0]["event"], "session_start", "journal:\n{text}");
    assert!(
        events(&lines, "step_end")
            .iter()
            .any(|line| line["step"] == 0),
        "no end of step 1 in the journal:\n{text}"
    );
    assert!(
        events(&lines, "step_start")
            .iter()
            .any(|line| line["step"] == 1),
        "no start of step 2 in the journal:\n{text}"
    );
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "journal:\n{text}");
    assert_eq!(end["completed"], false, "journal:\n{text}");
    assert!(
        screen.contains("/proc/intervision-test could not be written"),
        "the exit does not say the log folder failed:\n{screen}"
    );
}

#[test]
fn the_method_picker_runs_the_method_chosen_with_the_arrows() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 100, 30, &[], &[]);
    tmux.wait_for_all(&["Choose a method", "▶ Case Clinic", "enter run"]);
    // Down twice, up once: the second method, the short Case Clinic.
    tmux.press("Down");
    tmux.press("Down");
    tmux.press("Up");
    tmux.wait_for("▶ Case Clinic (short)");
    tmux.press("Enter");
    tmux.wait_until("the start screen of the method chosen", |screen| {
        screen.contains("Press space to start the clock")
            && screen.contains("Case Clinic (short)")
            && !screen.contains("Choose a method")
    });
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 0, "screen:\n{}", tmux.capture());
    assert!(
        profile.journals().is_empty(),
        "a session never started keeps no journal"
    );
}

#[test]
fn leaving_the_method_picker_runs_nothing() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 80, 24, &[], &[]);
    tmux.wait_for("Choose a method");
    tmux.send("q");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 0, "screen:\n{}", tmux.capture());
    assert!(profile.journals().is_empty());
}
