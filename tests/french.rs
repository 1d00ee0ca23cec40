//! French notation: French output and French screens write durations as French does (`1 h 30`,
//! `45 min`, `45 s`), never `90m`; slots typed as people write them (`1h30`, `90min`,
//! `1 h 30`) are taken; the system's own messages (a missing file) come in French.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::Profile;
use common::frames::screen_text;
use intervision::domain::lang::Lang;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::store::library::{BUILT_INS, load_builtin};
use intervision::ui::app::App;

/// Every `NNm` in `text` (`90m`, `1h30m`, `4m30s`): a number followed by `m` and no other
/// letter. What stands between double quotes or backquotes is left out: it is what a method
/// file says (`duration = "2m"`), quoted as it must be written.
fn english_minutes(text: &str) -> Vec<String> {
    let mut kept = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '"' || c == '`' => quote = Some(c),
            None => kept.push(c),
        }
        if c == '\n' {
            // A quote never spans lines.
            quote = None;
        }
    }
    let chars: Vec<char> = kept.chars().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if chars[index].is_ascii_digit() && (index == 0 || !chars[index - 1].is_alphanumeric()) {
            let start = index;
            while index < chars.len()
                && (chars[index].is_ascii_digit() || "hs".contains(chars[index]))
            {
                index += 1;
            }
            if chars.get(index) == Some(&'m')
                && !chars.get(index + 1).is_some_and(|c| c.is_alphabetic())
            {
                found.push(chars[start..=index].iter().collect());
            }
        }
        index += 1;
    }
    found
}

#[test]
fn the_detector_finds_english_minutes_and_spares_french_ones() {
    assert_eq!(english_minutes("créneau de 90m."), ["90m"]);
    assert_eq!(english_minutes("créneau 1h30m · 4m30s"), ["1h30m", "4m"]);
    assert!(english_minutes("1 h 30, 90 min, 45 s, 10:00, ajoutez duration = \"2m\"").is_empty());
}

fn run_fr(profile: &Profile, args: &[&str]) -> String {
    let mut full = args.to_vec();
    full.extend(["--lang", "fr"]);
    let output = profile.run(&full);
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_slot_is_typed_as_french_writes_it_and_printed_the_same_way() {
    let profile = Profile::new();
    for slot in ["1h30", "1 h 30", "90min", "90 min", "90m", "1h30m"] {
        let out = profile.run_ok(&["show", "codev", "--fit", slot, "--lang", "fr"]);
        assert!(
            out.contains("Ajusté au créneau de 1 h 30."),
            "{slot}:\n{out}"
        );
        assert!(english_minutes(&out).is_empty(), "{slot}:\n{out}");
    }
    let out = profile.run_ok(&["show", "codev", "--fit", "1h30"]);
    assert!(out.contains("Fitted to the 1h30m slot."), "{out}");
    let refused = profile.run(&["show", "codev", "--fit", "90", "--lang", "fr"]);
    assert!(!refused.status.success());
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(
        error.contains("écrivez une durée comme 90 min, 1 h 30 ou 2 h"),
        "{error}"
    );
}

#[test]
fn french_output_never_writes_minutes_as_m() {
    let profile = Profile::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sessions = profile.sessions_dir();
    fs::create_dir_all(&sessions).unwrap();
    for entry in fs::read_dir(root.join("tests/journals")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, sessions.join(path.file_name().unwrap())).unwrap();
    }
    let mut outputs = vec![
        ("list".to_owned(), run_fr(&profile, &["list"])),
        ("log list".to_owned(), run_fr(&profile, &["log", "list"])),
        ("--help".to_owned(), run_fr(&profile, &["--help"])),
    ];
    for command in ["list", "show", "run", "log", "group", "check", "resume"] {
        outputs.push((
            format!("{command} --help"),
            run_fr(&profile, &[command, "--help"]),
        ));
    }
    for builtin in BUILT_INS {
        for fit in [None, Some("2h"), Some("1 h 05")] {
            let mut args = vec!["show", builtin.id];
            if let Some(fit) = fit {
                args.extend(["--fit", fit]);
            }
            outputs.push((args.join(" "), run_fr(&profile, &args)));
        }
    }
    for folder in ["methods", "examples", "tests/bad-methods"] {
        let Ok(entries) = fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let path = path.to_string_lossy().into_owned();
                outputs.push((format!("check {path}"), run_fr(&profile, &["check", &path])));
            }
        }
    }
    for entry in fs::read_dir(&sessions).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        outputs.push((
            format!("log show {id}"),
            run_fr(&profile, &["log", "show", &id]),
        ));
    }
    assert!(outputs.len() > 40);
    for (what, out) in outputs {
        let found = english_minutes(&out);
        assert!(
            found.is_empty(),
            "{what}: {found:?} in French output:\n{out}"
        );
    }
}

#[test]
fn french_screens_never_write_minutes_as_m() {
    let t0 = Instant::now();
    for builtin in BUILT_INS {
        let method = load_builtin(builtin).unwrap();
        let people = People::Count(method.default_people());
        let Ok(cast) = Cast::assign(&method, &people) else {
            continue;
        };
        let mut app = App::new(
            Session::new(method, cast, false),
            builtin.id,
            Lang::Fr,
            t0,
            "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
        );
        let mut screens = vec![screen_text(&app, t0, (100, 30))];
        app.session.update(Command::Start, t0);
        let mut now = t0;
        for _ in 0..app.session.step_count() {
            now += Duration::from_secs(65);
            screens.push(screen_text(&app, now, (100, 30)));
            screens.push(screen_text(&app, now, (80, 24)));
            screens.push(screen_text(&app, now, (240, 67)));
            app.session.update(Command::NextStep, now);
        }
        screens.push(screen_text(&app, now, (100, 30)));
        for screen in screens {
            let found = english_minutes(&screen);
            assert!(
                found.is_empty(),
                "{}: {found:?} on a French screen:\n{screen}",
                builtin.id
            );
        }
    }
}

#[test]
fn a_missing_file_is_told_in_french() {
    let profile = Profile::new();
    for args in [
        &["check", "/nowhere/intervision/missing.toml"][..],
        &["show", "/nowhere/intervision/missing.toml"],
        &["group", "show", "/nowhere/intervision/missing.toml"],
    ] {
        let out = run_fr(&profile, args);
        assert!(out.contains("introuvable"), "{args:?}:\n{out}");
        assert!(!out.contains("No such file"), "{args:?}:\n{out}");
        assert!(!out.contains("os error"), "{args:?}:\n{out}");
    }
}
