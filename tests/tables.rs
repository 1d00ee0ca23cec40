//! Tables that fit: `list`, `log list` and `group list` in an 80-column terminal shorten their
//! widest column with `…` instead of wrapping, in English and in French; piped, they print
//! whole lines; `--format json` gives every field to other programs.

mod common;

use std::fs;
use std::path::Path;

use common::{Profile, Tmux, WAIT};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A profile with the sample journals and two groups with long names, so that every table is
/// wider than 80 columns when nothing shortens it.
fn busy_profile() -> Profile {
    let profile = Profile::new();
    let sessions = profile.sessions_dir();
    fs::create_dir_all(&sessions).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/journals");
    for entry in fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, sessions.join(path.file_name().unwrap())).unwrap();
    }
    for name in [
        "Intervision Lyon",
        "Groupe de codéveloppement des directrices et directeurs d'écoles du Rhône",
    ] {
        profile.run_ok(&[
            "group",
            "new",
            name,
            "--members",
            "Ana,Ben,Chloé,David,Emma",
            "--method",
            "intervision",
        ]);
    }
    profile
}

const TABLES: [&[&str]; 3] = [&["list"], &["log", "list"], &["group", "list"]];

/// The lines the command printed on the screen, joined back where the terminal wrapped them.
fn on_screen(profile: &Profile, args: &[&str], lang: &str) -> Vec<String> {
    let mut full: Vec<&str> = args.to_vec();
    full.extend(["--lang", lang]);
    let tmux = Tmux::start_in(profile, 80, 24, &full, &[("COLUMNS", "200")]);
    assert_eq!(tmux.wait_exit(WAIT), 0, "{}", tmux.capture());
    tmux.capture()
        .lines()
        .map(str::to_owned)
        .filter(|line| !line.trim().is_empty())
        .collect()
}

#[test]
fn no_table_line_is_wider_than_an_80_column_terminal() {
    common::require_tmux();
    let profile = busy_profile();
    for lang in ["en", "fr"] {
        for args in TABLES {
            let mut piped_args = args.to_vec();
            piped_args.extend(["--lang", lang]);
            let piped = profile.run_ok(&piped_args);
            // Without shortening the table would not fit: the test means something.
            assert!(
                piped.lines().any(|line| line.width() > 80),
                "{args:?} {lang}: every piped line fits in 80 columns already:\n{piped}"
            );
            assert!(
                !piped.contains('…'),
                "{args:?} {lang}: piped output cut:\n{piped}"
            );
            let screen = on_screen(&profile, args, lang);
            let too_wide: Vec<&String> = screen.iter().filter(|line| line.width() > 80).collect();
            assert!(
                too_wide.is_empty(),
                "{args:?} {lang}: lines wider than 80 columns:\n{}",
                screen.join("\n")
            );
            // One screen line a row: nothing wrapped, nothing lost.
            assert_eq!(
                screen.len(),
                piped.lines().filter(|line| !line.trim().is_empty()).count(),
                "{args:?} {lang}:\n{}",
                screen.join("\n")
            );
            assert!(
                screen
                    .iter()
                    .any(|line| line.ends_with('…') || line.contains("… ")),
                "{args:?} {lang}: nothing shortened:\n{}",
                screen.join("\n")
            );
        }
    }
}

#[test]
fn every_table_has_a_json_form() {
    let profile = busy_profile();
    let json = |args: &[&str]| -> Vec<Value> {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        serde_json::from_str(&profile.run_ok(&args)).unwrap()
    };
    let methods = json(&["list"]);
    assert!(methods.iter().any(|method| method["id"] == "codev"));
    let logs = json(&["log", "list"]);
    assert_eq!(logs.len(), 4);
    assert!(
        logs.iter().all(|log| log["status"].is_string()),
        "{logs:#?}"
    );
    let groups = json(&["group", "list"]);
    assert_eq!(groups.len(), 2, "{groups:#?}");
    let lyon = groups
        .iter()
        .find(|group| group["name"] == "Intervision Lyon")
        .unwrap();
    assert_eq!(lyon["members"].as_array().unwrap().len(), 5);
    // The sample journals of the group "Intervision Lyon" are counted.
    assert!(lyon["sessions"].as_u64().unwrap() >= 1, "{lyon:#?}");
    assert_eq!(lyon["method"], "intervision");
    assert!(lyon["path"].as_str().unwrap().ends_with(".toml"));
}
