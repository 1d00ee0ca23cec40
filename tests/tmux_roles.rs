//! End-to-end test of roles chosen during a session: the real binary runs in tmux, the operator
//! opens the roles picker with `R` in the step that chooses roles, the session follows the new
//! cast, and the choice survives a SIGKILL and `resume` and ends up in the summary.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{PEOPLE, Profile, Tmux, WAIT, events, journal_lines};

/// Waits for the one journal of `profile`.
fn the_journal(profile: &Profile) -> PathBuf {
    let start = Instant::now();
    loop {
        let journals = profile.journals();
        if journals.len() == 1 {
            return journals.into_iter().next().unwrap();
        }
        assert!(start.elapsed() < WAIT, "one journal expected: {journals:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the journal holds `text`.
fn wait_for_file_text(path: &std::path::Path, text: &str) {
    let start = Instant::now();
    loop {
        let content = fs::read_to_string(path).unwrap_or_default();
        if content.contains(text) {
            return;
        }
        assert!(
            start.elapsed() < WAIT,
            "{text:?} not written to {}:\n{content}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Who holds `role` on the roles picker ("Case giver   ◂ Ana ▸").
fn role_holder(screen: &str, role: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let rest = line.trim().strip_prefix(role)?;
        let (holder, _) = rest.split_once('◂')?.1.split_once('▸')?;
        Some(holder.trim().to_owned())
    })
}

#[test]
fn the_case_giver_chosen_in_step_one_leads_the_session_and_survives_a_kill() {
    let profile = Profile::new();
    let args = ["run", "case-clinic", "--people", PEOPLE, "--quiet"];
    let tmux = Tmux::start_in(&profile, 100, 30, &args, &[]);
    tmux.wait_for("Press space to start the clock");
    tmux.send(" ");
    tmux.wait_for_all(&["Step 1 of 7", "CHOOSING ROLES"]);
    tmux.wait_for("Choose the roles (Case giver, Timekeeper): press R");

    // The picker opens on the current cast: Ana is the case giver.
    tmux.send("R");
    let screen = tmux.wait_for("Who is here, and who holds which role");
    assert_eq!(
        role_holder(&screen, "Case giver").as_deref(),
        Some("Ana"),
        "{screen}"
    );
    assert!(
        screen.contains("Choosing roles  ·  "),
        "the step and its clock: {screen}"
    );
    tmux.press("Right");
    tmux.press("Right");
    let screen = tmux.wait_until("Chloé is the case giver", |screen| {
        role_holder(screen, "Case giver").as_deref() == Some("Chloé")
    });
    // Nobody holds the case giver's place and the timekeeper's at once.
    assert_ne!(
        role_holder(&screen, "Timekeeper").as_deref(),
        Some("Chloé"),
        "{screen}"
    );
    tmux.press("Enter");
    tmux.wait_gone("Who is here, and who holds which role");
    let journal = the_journal(&profile);
    wait_for_file_text(&journal, "\"event\":\"cast\"");

    // The intention step shows Chloé.
    tmux.send("n");
    tmux.wait_for_all(&["Step 2 of 7", "Speaks: Case giver · Chloé"]);
    // The mirroring gives turns to the four others, and Chloé's closing turn last.
    tmux.send("n");
    tmux.wait_for("Step 3 of 7");
    tmux.send("n");
    tmux.wait_for_all(&["Step 4 of 7", "MIRRORING"]);
    tmux.wait_for_line(&["Turn 1 of 4", "Ana", "next: Ben"]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 2 of 4", "Ben", "next: David"]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 3 of 4", "David", "next: Emma"]);
    tmux.send("s");
    tmux.wait_for_line(&["Turn 4 of 4", "Emma", "next: Chloé"]);
    tmux.send("s");
    tmux.wait_for_line(&["Chloé", "last turn"]);
    wait_for_file_text(&journal, "\"speaker\":\"Chloé\"");

    tmux.signal("KILL");
    assert_eq!(tmux.wait_exit(WAIT), 128 + 9, "not killed by SIGKILL");
    drop(tmux);
    let lines = journal_lines(&journal);
    let casts = events(&lines, "cast");
    assert_eq!(casts.len(), 1, "one cast line expected: {lines:?}");
    let giver = casts[0]["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|person| person["roles"][0] == "case-giver")
        .map(|person| person["name"].clone());
    assert_eq!(giver, Some("Chloé".into()), "{:?}", casts[0]);

    // Resumed: Chloé is still the case giver, in the same turn.
    let tmux = Tmux::start_in(&profile, 100, 30, &["resume", "--quiet"], &[]);
    tmux.wait_for_all(&["Step 4 of 7", "MIRRORING"]);
    tmux.wait_for_line(&["Chloé", "last turn"]);
    tmux.send("p");
    tmux.wait_for("Step 3 of 7");
    tmux.send("p");
    tmux.wait_for_all(&["Step 2 of 7", "Speaks: Case giver · Chloé"]);
    for step in 3..=7 {
        tmux.send("n");
        tmux.wait_for(&format!("Step {step} of 7"));
    }
    tmux.send("n");
    tmux.wait_for("Session over");
    tmux.send("q");
    assert_eq!(tmux.wait_exit(WAIT), 0, "{}", tmux.capture());
    let summary = journal.with_extension("md");
    let markdown = fs::read_to_string(&summary).unwrap();
    assert!(
        markdown.contains("- **Chloé**: Case giver"),
        "the summary names Chloé as the case giver:\n{markdown}"
    );
    assert!(
        markdown.contains("- **Ana**: Coach"),
        "Ana is a coach:\n{markdown}"
    );
}
