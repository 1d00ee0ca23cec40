//! End-to-end: the people's names typed before the start, on the start screen of `run` and in
//! the method picker of a bare `intervision`, reach the screens, the journal and the summary as
//! names given with `--people` do. The real binary runs in a private tmux server (see
//! `common/mod.rs`).

#![cfg(unix)]

mod common;

use std::fs;

use common::{Profile, Tmux, WAIT, journal_lines};

/// The names of the journal's first line, in seating order, with their first role.
fn seated(journal: &std::path::Path) -> Vec<(String, String)> {
    let lines = journal_lines(journal);
    lines[0]["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|person| {
            (
                person["name"].as_str().unwrap_or("-").to_owned(),
                person["roles"][0].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

#[test]
fn names_typed_on_the_start_screen_reach_the_journal_and_the_summary() {
    let tmux = Tmux::start(
        100,
        30,
        "fr_FR.UTF-8",
        &["run", "case-clinic", "--people", "5", "--quiet"],
        true,
    );
    tmux.wait_for_all(&["Participants (5)", "N : saisir les prénoms"]);
    tmux.send("N");
    tmux.wait_for("Prénoms, séparés par des virgules");
    // A name twice: refused, with the reason; the field stays open.
    tmux.send("Chloé, Ana, Ben, chloé");
    tmux.press("Enter");
    tmux.wait_for("est donné deux fois");
    for _ in 0.."chloé".chars().count() {
        tmux.press("BSpace");
    }
    tmux.send("David, Emma, Farid");
    tmux.press("Enter");
    tmux.wait_gone("Prénoms, séparés par des virgules");
    tmux.wait_for_all(&["Participants (6)", "Chloé  Porteur de cas", "Farid"]);
    tmux.send(" ");
    tmux.wait_for("Étape 1 sur 7");
    // Names are given before the start.
    tmux.send("N");
    tmux.wait_for("Les prénoms se donnent avant le début");
    tmux.send("n");
    tmux.wait_for_all(&["Étape 2 sur 7", "Parole : Porteur de cas · Chloé"]);
    tmux.send("q");
    tmux.wait_for("Quitter la séance ?");
    tmux.send("o");
    assert_eq!(tmux.wait_exit(WAIT), 0, "{}", tmux.capture());
    let journal = tmux.journal();
    let people = seated(&journal);
    let names: Vec<&str> = people.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Chloé", "Ana", "Ben", "David", "Emma", "Farid"]);
    assert_eq!(people[0].1, "case-giver");
    let summary = fs::read_to_string(journal.with_extension("md")).unwrap();
    assert!(summary.contains("Chloé"), "{summary}");
    assert!(summary.contains("Farid"), "{summary}");
}

#[test]
fn the_method_picker_takes_names_too() {
    let profile = Profile::new();
    let tmux = Tmux::start_in(&profile, 100, 30, &[], &[]);
    tmux.wait_for_all(&["Choose a method", "▶ Case Clinic", "N names"]);
    tmux.send("N");
    tmux.wait_for("Names, separated by commas");
    tmux.send("Ana, Ben, Chloé, David");
    tmux.press("Enter");
    tmux.wait_for_line(&["▶ Case Clinic", "4 people"]);
    tmux.wait_for("People: Ana, Ben, Chloé, David");
    tmux.press("Enter");
    tmux.wait_for_all(&[
        "Press space to start the clock",
        "People (4)",
        "Ana  Case giver",
        "David",
    ]);
    tmux.send(" ");
    tmux.wait_for("Step 1 of 7");
    tmux.send("q");
    tmux.wait_for("Quit the session?");
    tmux.send("y");
    assert_eq!(tmux.wait_exit(WAIT), 0, "{}", tmux.capture());
    let journals = profile.journals();
    assert_eq!(journals.len(), 1, "{journals:?}");
    let names: Vec<String> = seated(&journals[0])
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Chloé", "David"]);
}
