//! End-to-end tests: the real binary runs full-screen inside tmux, keys are typed into the pane
//! and the screen is read back with `capture-pane`.
//!
//! Each test starts its own tmux server (a private socket and a private configuration), so the
//! user's tmux is never touched, and kills it when done, even when the test fails. tmux must be
//! installed: without it these tests fail and say so (CI installs it).
//!
//! The program runs under `/bin/sh`, which, once the program has ended, records the terminal's
//! settings with `stty -a` (so a test can check that the terminal was given back in its normal,
//! cooked mode), then the exit status, and then waits: the pane stays as the program left it, so
//! what it printed last, the cursor and the screen in use can still be read.
//!
//! The helpers are in `common/mod.rs`, shared with the other end-to-end tests.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::{PEOPLE, Tmux, WAIT, assert_cooked, assert_main_screen, events, journal_lines};

#[test]
fn a_whole_case_clinic_walk_through_by_keys() {
    let tmux = Tmux::start(
        100,
        30,
        "en_US.UTF-8",
        &["run", "case-clinic", "--people", PEOPLE, "--quiet"],
        true,
    );

    // The start screen.
    tmux.wait_for_all(&[
        "Press space to start the clock",
        "Chloé",
        "Intention statement",
    ]);
    tmux.send(" ");
    tmux.wait_for_all(&[
        "Case Clinic  ·  Step 1 of 7",
        "CHOOSING ROLES",
        "Speaks: Everyone",
    ]);

    // Help opens and any key closes it.
    tmux.send("?");
    tmux.wait_for("Keys");
    tmux.send("z");
    tmux.wait_gone("Keys");
    tmux.wait_for("Step 1 of 7");

    // Pause and resume.
    tmux.send(" ");
    tmux.wait_for("PAUSED");
    tmux.send(" ");
    tmux.wait_gone("PAUSED");

    // Step 2, one minute more.
    tmux.send("n");
    tmux.wait_for_all(&[
        "Step 2 of 7",
        "INTENTION STATEMENT",
        "Speaks: Case giver · Ana",
    ]);
    tmux.wait_for_line(&["INTENTION STATEMENT", "15:00"]);
    tmux.send("+");
    tmux.wait_for_line(&["INTENTION STATEMENT", "16:00"]);

    // Step 3, a silence.
    tmux.send("n");
    tmux.wait_for_all(&["Step 3 of 7", "Stillness", "Silence", "min left"]);

    // Step 4, a round: Ben, then Chloé, then (Chloé passes) David.
    tmux.send("n");
    tmux.wait_for_all(&["Step 4 of 7", "MIRRORING"]);
    tmux.wait_for_line(&["Turn 1 of 4", "Ben (Coach)", "next: Chloé"]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 2 of 4", "Chloé (Coach)", "next: David"]);
    tmux.send("x");
    tmux.wait_for_line(&["Turn 3 of 4", "David (Coach)", "next: Emma"]);

    // Quit, confirmed.
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for_all(&["planned", "actual", "Journal:"]);
    assert_eq!(status, 0, "the program failed; screen:\n{screen}");
    assert_main_screen(&tmux);
    assert_cooked(&tmux.stty_after());
    for step in [
        "Choosing roles",
        "Intention statement",
        "Stillness",
        "Mirroring",
    ] {
        assert!(
            screen.contains(step),
            "{step} not in the summary:\n{screen}"
        );
    }

    // The journal: where the summary says, private, with the steps and the passed turn.
    let journal = tmux.journal();
    let shown = screen
        .lines()
        .find_map(|line| line.trim().strip_prefix("Journal:"))
        .map(|path| PathBuf::from(path.trim()))
        .expect("a Journal: line");
    assert_eq!(shown, journal, "the summary names another journal");
    let mode = fs::metadata(&journal).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the journal is readable by others: {mode:o}");

    let lines = journal_lines(&journal);
    assert_eq!(lines[0]["event"], "session_start");
    let ended: Vec<u64> = events(&lines, "step_end")
        .iter()
        .filter_map(|line| line["step"].as_u64())
        .collect();
    for step in [0, 1, 2] {
        assert!(
            ended.contains(&step),
            "no step_end for step {step} in the journal: {ended:?}"
        );
    }
    assert!(
        events(&lines, "adjust")
            .iter()
            .any(|line| line["step"] == 1 && line["delta_s"] == 60),
        "no +1 minute on step 2 in the journal"
    );
    assert!(
        events(&lines, "turn_end")
            .iter()
            .any(|line| line["passed"] == true && line["speaker"] == "Chloé"),
        "no passed turn (Chloé) in the journal:\n{}",
        fs::read_to_string(&journal).unwrap()
    );
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "last line: {end}");
    assert_eq!(end["completed"], false, "last line: {end}");
}

#[test]
fn the_screen_fits_small_windows_and_survives_resizing() {
    let tmux = Tmux::start(
        80,
        24,
        "en_US.UTF-8",
        &["run", "case-clinic", "--people", PEOPLE, "--quiet"],
        false,
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "CHOOSING ROLES"]);
    // Checked without stopping, so that the resizing below is tested whatever happens here.
    let fits_80x24 = tmux.try_wait_until(
        "at 80x24, the step name and the footer's \"quit\"",
        WAIT,
        |screen| screen.contains("CHOOSING ROLES") && screen.contains("quit"),
    );

    tmux.resize(50, 12);
    tmux.wait_for("Make the window larger");
    assert!(!tmux.has_ended(), "the program ended at 50x12");

    tmux.resize(100, 30);
    tmux.wait_until("the step screen back at 100x30", |screen| {
        screen.contains("CHOOSING ROLES")
            && screen.contains("Step 1 of 7")
            && screen.contains("quit")
            && !screen.contains("Make the window larger")
    });

    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for("planned");
    assert_eq!(status, 0, "the program failed; screen:\n{screen}");
    assert!(!screen.contains("panicked"), "a panic:\n{screen}");
    assert_main_screen(&tmux);
    assert_cooked(&tmux.stty_after());

    if let Err(error) = fits_80x24 {
        panic!("{error}");
    }
}

#[test]
fn a_session_in_french() {
    // LANG says English: the flag wins.
    let tmux = Tmux::start(
        100,
        30,
        "en_US.UTF-8",
        &[
            "run",
            "case-clinic",
            "--people",
            PEOPLE,
            "--quiet",
            "--lang",
            "fr",
        ],
        false,
    );
    tmux.wait_for("Appuyez sur espace pour lancer le chrono");
    tmux.send(" ");
    tmux.wait_for("Étape 1 sur 7");
    tmux.send("q");
    tmux.wait_for("Quitter la séance ?");
    tmux.send("o");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for_all(&["prévu", "réel", "Journal :"]);
    assert_eq!(status, 0, "the program failed; screen:\n{screen}");
    assert_main_screen(&tmux);
    assert_cooked(&tmux.stty_after());
}

#[test]
fn an_automatic_rehearsal_ends_by_itself() {
    let tmux = Tmux::start(
        100,
        30,
        "en_US.UTF-8",
        &[
            "run",
            "case-clinic",
            "--people",
            "5",
            "--auto",
            "--speed",
            "600",
            "--quiet",
        ],
        true,
    );
    let status = tmux.wait_exit(Duration::from_secs(20));
    let screen = tmux.wait_for_all(&["planned", "Journal:"]);
    assert_eq!(status, 0, "the program failed; screen:\n{screen}");
    assert_main_screen(&tmux);
    assert_cooked(&tmux.stty_after());

    let journal = tmux.journal();
    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    let ended: Vec<u64> = events(&lines, "step_end")
        .iter()
        .filter_map(|line| line["step"].as_u64())
        .collect();
    assert_eq!(ended, (0..7).collect::<Vec<_>>(), "journal:\n{text}");
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "journal:\n{text}");
    assert_eq!(end["completed"], true, "journal:\n{text}");
}

#[test]
fn sigterm_gives_the_terminal_back_and_keeps_the_journal() {
    let tmux = Tmux::start(
        100,
        30,
        "en_US.UTF-8",
        &["run", "case-clinic", "--people", PEOPLE, "--quiet"],
        true,
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    let pid = tmux.program_pid();
    let killed = Command::new("sh")
        .args(["-c", "kill -TERM \"$1\"", "sh", &pid.to_string()])
        .status()
        .expect("sh can be run");
    assert!(killed.success(), "cannot signal {pid}");

    let status = tmux.wait_exit(WAIT);
    let screen = tmux.wait_for_all(&["planned", "actual", "Journal:"]);
    assert_ne!(
        status, 0,
        "an interrupted session should not end with success"
    );
    assert_main_screen(&tmux);
    assert_cooked(&tmux.stty_after());
    assert!(
        !screen.contains("Step 1 of 7"),
        "the step screen is still shown:\n{screen}"
    );

    let journal = tmux.journal();
    let lines = journal_lines(&journal);
    // The session is suspended, not ended: it can be resumed.
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "suspended", "last line: {end}");
    assert!(
        events(&lines, "session_end").is_empty(),
        "journal: {lines:?}"
    );
}

/// A journal in the sessions folder that cannot be read is not skipped in silence: once `run`
/// gives the terminal back, it is named where it can be read (during the full screen, it would be
/// written over).
#[test]
fn run_names_an_unreadable_journal_once_the_screen_is_given_back() {
    let profile = common::Profile::new();
    fs::create_dir_all(profile.sessions_dir()).unwrap();
    fs::write(
        profile.sessions_dir().join("2026-11-02-0900-broken.jsonl"),
        "{this is not a journal\n",
    )
    .unwrap();
    let tmux = Tmux::start_in(&profile, 120, 30, &["run", "case-clinic"], &[]);
    tmux.wait_for("Press space");
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    tmux.wait_exit(WAIT);
    let screen = tmux.wait_for("cannot be read");
    assert!(
        screen.contains("warning: this journal cannot be read and is left as it is:")
            && screen.contains("2026-11-02-0900-broken.jsonl"),
        "{screen}"
    );
}
