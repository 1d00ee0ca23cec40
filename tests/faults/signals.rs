//! Faults on the terminal's side: signals on every full-screen screen, Ctrl-C, a log folder
//! that cannot be written, nothing writable anywhere, and a session running in another window.
//! The real binary runs in a private tmux server (see `tests/common/mod.rs`).

#[path = "../common/mod.rs"]
mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{
    PEOPLE, Profile, Tmux, WAIT, assert_cooked, assert_main_screen, events, journal_lines,
};
use serde_json::Value;

const CLINIC: [&str; 5] = ["run", "case-clinic", "--people", PEOPLE, "--quiet"];

/// The one journal of the profile's sessions folder.
fn the_journal(profile: &Profile) -> PathBuf {
    let start = Instant::now();
    loop {
        if let [journal] = profile.journals().as_slice() {
            return journal.clone();
        }
        assert!(
            start.elapsed() < WAIT,
            "no single journal in {}: {:?}",
            profile.sessions_dir().display(),
            profile.journals()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the file holds `text`.
fn wait_for_file_text(path: &Path, text: &str) {
    let start = Instant::now();
    while !fs::read_to_string(path).is_ok_and(|held| held.contains(text)) {
        assert!(
            start.elapsed() < WAIT,
            "{} never held {text:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Checks that the program ended with a failure and gave the terminal back as it found it.
fn assert_failed_and_restored(tmux: &Tmux) -> String {
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.capture();
    assert_ne!(
        status, 0,
        "a signal must not end with success; screen:\n{screen}"
    );
    assert_main_screen(tmux);
    assert_cooked(&tmux.stty_after());
    screen
}

fn last_event(lines: &[Value]) -> &str {
    lines
        .last()
        .and_then(|line| line["event"].as_str())
        .unwrap_or_default()
}

/// Starts a case clinic in `profile` and walks it to the round of step 4, turn 2 (Chloé).
fn a_session_in_its_round(profile: &Profile) -> Tmux {
    let tmux = Tmux::start_in(profile, 100, 30, &CLINIC, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    for step in 2..=4 {
        tmux.send("n");
        tmux.wait_for(&format!("Step {step} of 7"));
    }
    tmux.wait_for_line(&["Turn 1 of 4", "Ben", "next: Chloé"]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 2 of 4", "Chloé", "next: David"]);
    tmux
}

#[test]
fn a_hangup_mid_round_keeps_the_session_resumable_with_its_step_time_and_open_note() {
    let note = "Chloé voit un pont ; l'eau dort";
    let profile = Profile::new();
    let tmux = a_session_in_its_round(&profile);
    // A note being typed, not saved, when the terminal goes away.
    tmux.send("e");
    tmux.wait_for_all(&["Note", "enter: save"]);
    tmux.send(note);
    tmux.wait_for(note);
    tmux.signal("HUP");
    assert_failed_and_restored(&tmux);
    drop(tmux);

    let journal = the_journal(&profile);
    let text = fs::read_to_string(&journal).unwrap();
    let lines = journal_lines(&journal);
    assert_eq!(last_event(&lines), "suspended", "journal:\n{text}");
    assert!(
        events(&lines, "session_end").is_empty(),
        "a hangup ends the session for good:\n{text}"
    );
    let notes = events(&lines, "note");
    assert_eq!(notes.len(), 1, "the open note was lost:\n{text}");
    assert_eq!(notes[0]["text"], note, "journal:\n{text}");
    assert_eq!(notes[0]["step"], 3, "journal:\n{text}");
    let suspended_at = lines.last().unwrap()["at_s"].as_f64().expect("an at_s");

    // `resume` offers it and goes on at the same step, turn and time.
    let tmux = Tmux::start_in(&profile, 100, 30, &["resume", "--quiet"], &[]);
    tmux.wait_for_all(&["Step 4 of 7", "MIRRORING"]);
    tmux.wait_for_line(&["Turn 2 of 4", "Chloé", "next: David"]);
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 0, "screen:\n{}", tmux.capture());
    let lines = journal_lines(&journal);
    let text = fs::read_to_string(&journal).unwrap();
    let resumed = events(&lines, "resumed");
    assert_eq!(resumed.len(), 1, "journal:\n{text}");
    assert_eq!(
        resumed[0]["at_s"].as_f64(),
        Some(suspended_at),
        "the time was not kept:\n{text}"
    );
    assert_eq!(events(&lines, "note").len(), 1, "journal:\n{text}");
    assert_eq!(profile.journals(), [journal], "one journal expected");
}

#[test]
fn sigterm_and_sigint_suspend_and_the_next_run_offers_the_session() {
    for signal in ["TERM", "INT"] {
        let profile = Profile::new();
        let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
        tmux.wait_for("Press space to start the clock");
        tmux.send(" ");
        tmux.wait_for("Step 1 of 7");
        let journal = the_journal(&profile);
        wait_for_file_text(&journal, "\"step_start\"");
        tmux.signal(signal);
        let screen = assert_failed_and_restored(&tmux);
        assert!(
            screen.contains("intervision resume"),
            "SIG{signal}: the exit does not say how to go on:\n{screen}"
        );
        drop(tmux);
        let lines = journal_lines(&journal);
        assert_eq!(last_event(&lines), "suspended", "SIG{signal}: {lines:?}");

        let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
        tmux.wait_for_all(&["An unfinished session was found", "Case Clinic"]);
        tmux.send("r");
        tmux.wait_for("Step 1 of 7");
        tmux.signal("TERM");
        assert_failed_and_restored(&tmux);
    }
}

#[test]
fn ctrl_c_asks_as_q_does() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    tmux.press("C-c");
    tmux.wait_for("Quit the session?");
    assert!(!tmux.has_ended(), "Ctrl-C quit without asking");
    tmux.press("Escape");
    tmux.wait_gone("Quit the session?");
    tmux.wait_for("Step 1 of 7");
    assert!(!tmux.has_ended(), "a refused quit ended the program");
    // Asked again, it confirms.
    tmux.press("C-c");
    tmux.wait_for("Quit the session?");
    tmux.press("C-c");
    let status = tmux.wait_exit(WAIT);
    assert_eq!(status, 0, "screen:\n{}", tmux.capture());
    let lines = journal_lines(&the_journal(&profile));
    assert_eq!(last_event(&lines), "session_end", "{lines:?}");
}

#[test]
fn a_signal_on_the_picker_the_roles_screen_or_the_resume_prompt_restores_the_terminal() {
    // The method picker.
    for signal in ["TERM", "HUP", "INT"] {
        let profile = Profile::new();
        let tmux = Tmux::start_in(&profile, 100, 30, &[], &[]);
        tmux.wait_for("Choose a method");
        tmux.signal(signal);
        assert_failed_and_restored(&tmux);
        assert!(profile.journals().is_empty());
    }

    // The roles screen of a group.
    let profile = Profile::new();
    profile.run_ok(&[
        "group",
        "new",
        "Lyon",
        "--members",
        PEOPLE,
        "--method",
        "case-clinic",
    ]);
    let tmux = Tmux::start_in(&profile, 100, 30, &["run", "--group", "Lyon"], &[]);
    tmux.wait_for("Who is here, and who holds which role");
    tmux.signal("TERM");
    assert_failed_and_restored(&tmux);
    drop(tmux);

    // The resume prompt, offering a session killed by SIGKILL.
    let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    let journal = the_journal(&profile);
    wait_for_file_text(&journal, "\"step_start\"");
    tmux.signal("KILL");
    tmux.wait_exit(WAIT);
    drop(tmux);
    let before = fs::read_to_string(&journal).unwrap();
    let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
    tmux.wait_for("An unfinished session was found");
    tmux.signal("HUP");
    assert_failed_and_restored(&tmux);
    assert_eq!(
        fs::read_to_string(&journal).unwrap(),
        before,
        "the prompt wrote into the journal it offered"
    );
}

#[test]
fn a_live_session_cannot_be_closed_or_resumed_from_a_second_process() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    let journal = the_journal(&profile);
    wait_for_file_text(&journal, "\"step_start\"");
    let id = journal.file_stem().unwrap().to_string_lossy().into_owned();

    for args in [
        vec!["resume", "--close"],
        vec!["resume", &id, "--close"],
        vec!["resume", &id],
    ] {
        let output = profile.run(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "`{args:?}` did not fail");
        assert!(
            stderr.contains("running now"),
            "`{args:?}` does not say the session is running:\n{stderr}"
        );
    }
    let list = profile.run_ok(&["log", "list"]);
    assert!(
        list.lines()
            .any(|row| row.contains(&id) && row.contains("running")),
        "log list does not show the session as running:\n{list}"
    );

    // A second run in the same folder does not offer it: it starts a session of its own.
    let second = Tmux::start_in(&profile, 100, 30, &CLINIC, &[]);
    std::thread::sleep(Duration::from_millis(1100));
    second.wait_for("Press space to start the clock");
    assert!(
        !second.capture().contains("An unfinished session was found"),
        "a second run offered the live session"
    );
    second.send("q");
    second.wait_for("Quit the session?");
    second.send("y");
    second.wait_exit(WAIT);

    // The running session's journal holds its own lines only, and goes on.
    let lines = journal_lines(&journal);
    assert!(events(&lines, "session_end").is_empty(), "{lines:?}");
    assert!(events(&lines, "resumed").is_empty(), "{lines:?}");
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    assert_eq!(tmux.wait_exit(WAIT), 0);
    let lines = journal_lines(&journal);
    assert_eq!(last_event(&lines), "session_end", "{lines:?}");
    // Ended, it is no longer running.
    let list = profile.run_ok(&["log", "list"]);
    assert!(!list.contains("running"), "{list}");
}

/// A path under a regular file: no folder can ever be made there, even by root.
fn unmakeable(root: &Path, name: &str) -> String {
    let file = root.join(format!("{name}-is-a-file"));
    fs::write(&file, "").unwrap();
    file.join(name).to_string_lossy().into_owned()
}

#[test]
fn when_nothing_can_be_written_anywhere_the_screen_says_so_and_the_run_fails() {
    let profile = Profile::new();
    let data = unmakeable(profile.root(), "data");
    let runtime = unmakeable(profile.root(), "runtime");
    let tmp = unmakeable(profile.root(), "tmp");
    let log = unmakeable(profile.root(), "log");
    let mut args = CLINIC.to_vec();
    args.extend(["--log-dir", &log]);
    let tmux = Tmux::start_in(
        &profile,
        100,
        30,
        &args,
        &[
            ("INTERVISION_DATA_DIR", &data),
            ("XDG_RUNTIME_DIR", &runtime),
            ("TMPDIR", &tmp),
        ],
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "NOT being saved"]);
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    let status = tmux.wait_exit(WAIT);
    let screen = tmux.capture();
    assert_ne!(
        status, 0,
        "an unsaved session ended with success:\n{screen}"
    );
    assert!(
        screen.contains("could not be written anywhere"),
        "the exit does not say the session was not saved:\n{screen}"
    );
}

#[test]
fn a_temporary_fallback_folder_planted_by_someone_else_is_refused() {
    let profile = Profile::new();
    let uid = fs::metadata(profile.root()).unwrap().uid();
    let tmp = profile.root().join("tmp");
    fs::create_dir(&tmp).unwrap();
    // Planted before the session: a link to a folder the planter can read.
    let planted = profile.root().join("planted");
    fs::create_dir(&planted).unwrap();
    std::os::unix::fs::symlink(&planted, tmp.join(format!("intervision-{uid}"))).unwrap();
    let data = unmakeable(profile.root(), "data");
    let runtime = unmakeable(profile.root(), "runtime");
    let log = unmakeable(profile.root(), "log");
    let tmp_text = tmp.to_string_lossy().into_owned();
    let mut args = CLINIC.to_vec();
    args.extend(["--log-dir", &log]);
    let tmux = Tmux::start_in(
        &profile,
        100,
        30,
        &args,
        &[
            ("INTERVISION_DATA_DIR", &data),
            ("XDG_RUNTIME_DIR", &runtime),
            ("TMPDIR", &tmp_text),
        ],
    );
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "NOT being saved"]);
    assert_eq!(
        fs::read_dir(&planted).unwrap().count(),
        0,
        "the journal went into the planted folder"
    );
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    assert_ne!(tmux.wait_exit(WAIT), 0);
}

#[test]
fn an_unwritable_log_folder_sends_the_journal_at_once_to_a_private_folder_listed_everywhere() {
    let profile = Profile::new();
    let log = unmakeable(profile.root(), "log");
    let mut args = CLINIC.to_vec();
    args.extend(["--log-dir", &log]);
    let tmux = Tmux::start_in(&profile, 100, 30, &args, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "saved in"]);
    // On disk from the first event, in the data folder (private), before any end.
    let journal = the_journal(&profile);
    wait_for_file_text(&journal, "\"step_start\"");
    assert_eq!(
        fs::metadata(profile.sessions_dir()).unwrap().mode() & 0o777,
        0o700
    );
    // A kill loses nothing, and the session is offered and listed.
    tmux.signal("KILL");
    tmux.wait_exit(WAIT);
    let list = profile.run_ok(&["log", "list"]);
    let id = journal.file_stem().unwrap().to_string_lossy().into_owned();
    assert!(list.contains(&id), "{list}");
    let output = profile.run(&["resume", "--close"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines = journal_lines(&journal);
    assert_eq!(last_event(&lines), "session_end", "{lines:?}");
}

#[test]
fn a_signal_before_the_clock_starts_restores_the_terminal_and_writes_nothing() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 80, 24, &CLINIC, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.signal("TERM");
    let screen = assert_failed_and_restored(&tmux);
    assert!(
        screen.contains("stopped by a signal (no journal was being written)"),
        "{screen}"
    );
    assert!(profile.journals().is_empty(), "{:?}", profile.journals());
}
