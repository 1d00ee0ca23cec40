//! The commands as a user runs them: the real binary, in a folder of its own, with no user methods
//! unless the test puts some there.

use std::path::Path;
use std::process::{Command, Output};

struct Run {
    output: Output,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).unwrap()
    }
    fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).unwrap()
    }
    fn code(&self) -> i32 {
        self.output.status.code().expect("exited, not killed")
    }
}

/// Runs `intervision ARGS` in `dir`, with `dir/config` as the user's configuration folder.
fn run_in(dir: &Path, args: &[&str], lang: &str) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_intervision"))
        .args(args)
        .current_dir(dir)
        .env("INTERVISION_CONFIG_DIR", dir.join("config"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap();
    Run { output }
}

fn run(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args, "en_US.UTF-8")
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

#[test]
fn list_shows_the_builtins_in_both_languages() {
    let english = run(&["list"]);
    assert_eq!(english.code(), 0);
    insta::assert_snapshot!("list_en", english.stdout());
    let french = run(&["list", "--lang", "fr"]);
    assert_eq!(french.code(), 0);
    insta::assert_snapshot!("list_fr", french.stdout());
}

#[test]
fn list_names_a_broken_user_file_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let methods = dir.path().join("config/methods");
    std::fs::create_dir_all(&methods).unwrap();
    std::fs::copy(repo("examples/minimal.toml"), methods.join("quick.toml")).unwrap();
    std::fs::write(
        methods.join("broken.toml"),
        "name = \"Broken\"\n[[steps]]\nname = \"x\"\nduration = \"5 minutes\"\n",
    )
    .unwrap();
    let local = dir.path().join("methods");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::copy(repo("examples/every-field.toml"), local.join("review.toml")).unwrap();

    let listing = run_in(dir.path(), &["list"], "en_US.UTF-8");
    assert_eq!(listing.code(), 0, "{}", listing.stderr());
    let text = listing.stdout();
    assert!(
        text.contains("quick") && text.contains("Quick peer consult"),
        "{text}"
    );
    assert!(text.contains("review"), "{text}");
    assert!(
        text.contains("broken") && text.contains("cannot be read"),
        "{text}"
    );
    assert!(
        text.contains("broken.toml:4:12: cannot read the duration \"5 minutes\""),
        "{text}"
    );

    let json: serde_json::Value = serde_json::from_str(
        &run_in(dir.path(), &["list", "--format", "json"], "en_US.UTF-8").stdout(),
    )
    .unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(
        entries.len(),
        intervision::store::library::BUILT_INS.len() + 3
    );
    let broken = entries
        .iter()
        .find(|entry| entry["id"] == "broken")
        .unwrap();
    assert_eq!(broken["origin"], "user");
    assert!(broken["error"].as_str().unwrap().contains("4:12"));
    let clinic = entries
        .iter()
        .find(|entry| entry["id"] == "case-clinic")
        .unwrap();
    assert_eq!(clinic["total_s"], 3600);
    assert_eq!(clinic["origin"], "builtin");
}

#[test]
fn show_case_clinic_for_five_gives_an_hour_with_four_mirrors() {
    let shown = run(&["show", "case-clinic", "--people", "5"]);
    assert_eq!(shown.code(), 0, "{}", shown.stderr());
    insta::assert_snapshot!("show_case_clinic_5", shown.stdout());

    let json: serde_json::Value = serde_json::from_str(
        &run(&["show", "case-clinic", "--people", "5", "--format", "json"]).stdout(),
    )
    .unwrap();
    assert_eq!(json["total_s"], 3600);
    let steps = json["steps"].as_array().unwrap();
    let mirroring = steps.iter().find(|step| step["kind"] == "round").unwrap();
    let turns = mirroring["turns"].as_array().unwrap();
    let coach_turns: Vec<_> = turns.iter().filter(|turn| turn["tail"] == false).collect();
    assert_eq!(coach_turns.len(), 4);
    assert!(
        coach_turns
            .iter()
            .all(|turn| turn["speaker"]["roles"][0] == "coach" && turn["duration_s"] == 120)
    );
    let sum: u64 = steps
        .iter()
        .map(|step| step["duration_s"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 3600);
    for pair in steps.windows(2) {
        assert_eq!(
            pair[0]["start_s"].as_u64().unwrap() + pair[0]["duration_s"].as_u64().unwrap(),
            pair[1]["start_s"].as_u64().unwrap()
        );
    }
}

#[test]
fn show_uses_names_and_the_environment_language() {
    let dir = tempfile::tempdir().unwrap();
    let shown = run_in(
        dir.path(),
        &[
            "show",
            "case-clinic",
            "--people",
            "Ana,Ben,Chloé,David,Emma",
        ],
        "fr_CA.UTF-8",
    );
    assert_eq!(shown.code(), 0, "{}", shown.stderr());
    insta::assert_snapshot!("show_case_clinic_names_fr", shown.stdout());
}

#[test]
fn show_warns_outside_the_group_size_and_refuses_too_few_people() {
    let large = run(&["show", "case-clinic", "--people", "7"]);
    assert_eq!(large.code(), 0);
    assert!(
        large
            .stderr()
            .contains("made for 4-5 people; this session has 7"),
        "{}",
        large.stderr()
    );
    let too_few = run(&["show", "case-clinic", "--people", "1"]);
    assert_eq!(too_few.code(), 1);
    assert!(
        too_few.stderr().contains("at least 2 people"),
        "{}",
        too_few.stderr()
    );
    let unknown = run(&["show", "case-clinik"]);
    assert_eq!(unknown.code(), 1);
    assert!(
        unknown
            .stderr()
            .contains("available: action-learning, balint, case-clinic, case-clinic-short, codev"),
        "{}",
        unknown.stderr()
    );
}

#[test]
fn show_reads_a_file_by_path() {
    let shown = run(&[
        "show",
        &repo("examples/every-field.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(shown.code(), 0, "{}", shown.stderr());
    let json: serde_json::Value = serde_json::from_str(&shown.stdout()).unwrap();
    assert!(json["total_s"].as_u64().unwrap() > 0);
}

#[test]
fn check_accepts_the_shipped_files_and_refuses_bad_ones() {
    let mut files: Vec<String> = [
        "methods/case-clinic.toml",
        "methods/codev.toml",
        "methods/intervision.toml",
    ]
    .map(repo)
    .to_vec();
    files.extend(["examples/minimal.toml", "examples/every-field.toml"].map(repo));
    let args: Vec<&str> = std::iter::once("check")
        .chain(files.iter().map(String::as_str))
        .collect();
    let good = run(&args);
    assert_eq!(good.code(), 0, "{}", good.stderr());
    assert_eq!(
        good.stdout()
            .lines()
            .filter(|line| line.starts_with("ok: "))
            .count(),
        5
    );

    let bad = run(&[
        "check",
        &repo("examples/minimal.toml"),
        &repo("tests/bad-methods/17-unknown-speaker-role.toml"),
    ]);
    assert_eq!(bad.code(), 1);
    assert!(bad.stdout().contains("ok: "));
    assert!(
        bad.stderr()
            .contains("17-unknown-speaker-role.toml:21:11: unknown role `coaches` in `speaker`"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn check_survives_huge_missing_and_binary_files() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.toml");
    std::fs::write(&huge, "# filler\n".repeat(10 * 1024 * 1024 / 9)).unwrap();
    let binary = dir.path().join("random.toml");
    std::fs::write(
        &binary,
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    for (file, expected) in [
        (huge, "more than a method file can be"),
        (binary, "not UTF-8"),
        (dir.path().join("missing.toml"), "cannot read the file"),
    ] {
        let checked = run_in(
            dir.path(),
            &["check", file.to_str().unwrap()],
            "en_US.UTF-8",
        );
        assert_eq!(checked.code(), 1);
        assert!(checked.stderr().contains(expected), "{}", checked.stderr());
        assert!(!checked.stderr().contains("panicked"));
    }
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in [
        vec!["--help"],
        vec!["list", "--help"],
        vec!["check", "--help"],
        vec!["show", "--help"],
    ] {
        let help = run(&command);
        assert_eq!(help.code(), 0);
        assert!(help.stdout().contains("intervision "), "{command:?}");
        assert!(help.stdout().contains("Example"), "{command:?}");
    }
}

#[test]
fn every_builtin_fits_common_slots_exactly_or_says_why_not() {
    for builtin in intervision::store::library::BUILT_INS {
        for slot in ["60m", "90m", "2h"] {
            let shown = run(&["show", builtin.id, "--fit", slot, "--format", "json"]);
            let target = intervision::domain::method::parse_duration(slot)
                .unwrap()
                .as_secs();
            match shown.code() {
                0 => {
                    let json: serde_json::Value = serde_json::from_str(&shown.stdout()).unwrap();
                    assert_eq!(json["total_s"], target, "{} fitted to {slot}", builtin.id);
                    let sum: u64 = json["steps"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|step| step["duration_s"].as_u64().unwrap())
                        .sum();
                    assert_eq!(sum, target, "{} fitted to {slot}: steps add up", builtin.id);
                }
                _ => {
                    let error = shown.stderr();
                    assert!(
                        error.contains("slot")
                            && (error.contains("more than") || error.contains("less than")),
                        "{} to {slot}: {error}",
                        builtin.id
                    );
                }
            }
        }
    }
}

#[test]
fn help_is_in_french_with_a_french_environment_or_lang() {
    let dir = tempfile::tempdir().unwrap();
    for command in [
        vec!["--help"],
        vec!["run", "--help"],
        vec!["log", "export", "--help"],
        vec!["group", "new", "--help"],
    ] {
        let help = run_in(dir.path(), &command, "fr_BE.UTF-8");
        assert_eq!(help.code(), 0, "{command:?}: {}", help.stderr());
        let text = help.stdout();
        assert!(
            text.contains("Utilisation") && text.contains("Exemple"),
            "{command:?}: {text}"
        );
        assert!(
            !text.contains("Usage") && !text.contains("Print help"),
            "{command:?}: {text}"
        );
    }
    let explicit = run(&["--lang", "fr", "show", "--help"]);
    assert!(
        explicit.stdout().contains("Affiche le programme"),
        "{}",
        explicit.stdout()
    );
}

#[test]
fn run_help_lists_every_key_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, keys, examples) in [
        ("en_US.UTF-8", "Keys:", "Examples:"),
        ("fr_FR.UTF-8", "Touches :", "Exemples :"),
    ] {
        let help = run_in(dir.path(), &["run", "--help"], lang);
        assert_eq!(help.code(), 0, "{lang}: {}", help.stderr());
        // The help wraps long lines: read it as one line.
        let text = help
            .stdout()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let start = text.find(keys).unwrap_or_else(|| panic!("{lang}: {text}"));
        let end = text
            .find(examples)
            .expect("the examples come after the keys");
        let paragraph = &text[start..end];
        let lang = if lang.starts_with("fr") {
            intervision::domain::lang::Lang::Fr
        } else {
            intervision::domain::lang::Lang::En
        };
        // Every row of the key map, and nothing else, is listed: the table is the one source.
        for binding in &intervision::ui::keymap::KEY_MAP {
            let line = format!(
                "{} {}",
                binding.keys.get(lang),
                binding
                    .help
                    .get(lang)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            assert!(
                paragraph.contains(&line),
                "{lang:?}: `{line}` missing from {paragraph}"
            );
        }
        for key in [
            "space", "n", "p", "s", "x", "+", "-", "r", "e", "c", "f", "m", "?", "q",
        ] {
            let listed = intervision::ui::keymap::KEY_MAP.iter().any(|binding| {
                binding
                    .keys
                    .en
                    .split([' ', '/', ','])
                    .any(|k| k == key || k.starts_with(key))
            });
            assert!(listed, "`{key}` is not in the key map");
        }
    }
}

#[test]
fn the_terminal_is_taken_and_given_back_in_one_place_and_nothing_exits_the_process() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.clone()];
    let mut problems = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                problems.extend(terminal_and_exit_problems(&src, &path));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// What a source file does that only `ui/terminal.rs` may (take the terminal, give it back), or
/// that nothing in the library may (end the process).
fn terminal_and_exit_problems(src: &Path, file: &Path) -> Vec<String> {
    let source = std::fs::read_to_string(file).unwrap();
    let name = file.strip_prefix(src).unwrap().display().to_string();
    let mut forbidden = vec!["process::exit", ".exit()"];
    if name != "ui/terminal.rs" {
        forbidden.extend([
            "ratatui::init",
            "ratatui::try_init",
            "ratatui::restore",
            "ratatui::run",
        ]);
    }
    forbidden
        .into_iter()
        .filter(|word| source.contains(word))
        .map(|word| format!("{name}: {word}"))
        .collect()
}
