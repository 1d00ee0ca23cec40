//! End-to-end tests of the user config's hooks: the real binary runs a short automatic rehearsal
//! in tmux, with hooks that record their `INTERVISION_*` variables, or that hang or fail.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{Profile, Tmux, assert_cooked};

/// Three short steps: a talk, a round of three 30-second turns, a close.
const METHOD: &str = r#"
name = "Hook test"
language = "en"

[[roles]]
id = "case-giver"
name = "Case giver"

[[steps]]
name = "Question"
speaker = "case-giver"
duration = "1m"

[[steps]]
name = "Round"
kind = "round"
speaker = "all"
turn = "30s"

[[steps]]
name = "Close"
speaker = "case-giver"
duration = "1m"
"#;

/// A hook that appends `EVENT|STEP_INDEX|STEP|SPEAKER|NEXT_SPEAKER|LANG|METHOD` to the file
/// named as its first argument.
const RECORD: &str = r#"["sh", "-c", 'printf "%s|%s|%s|%s|%s|%s|%s\n" "$INTERVISION_EVENT" "$INTERVISION_STEP_INDEX" "$INTERVISION_STEP" "$INTERVISION_SPEAKER" "$INTERVISION_NEXT_SPEAKER" "$INTERVISION_LANG" "$INTERVISION_METHOD" >> "$1"', "sh", "FILE"]"#;

fn write_method(profile: &Profile) -> String {
    let path = profile.root().join("hook-test.toml");
    fs::write(&path, METHOD).unwrap();
    path.display().to_string()
}

fn write_config(profile: &Profile, hooks: &str) {
    fs::write(
        profile.config_dir().join("config.toml"),
        format!("[hooks]\n{hooks}"),
    )
    .unwrap();
}

fn rehearse(profile: &Profile, method: &str) -> (Tmux, Duration) {
    let started = Instant::now();
    let tmux = Tmux::start_in(
        profile,
        100,
        30,
        &[
            "run",
            method,
            "--people",
            "Ana,Ben,Chloé",
            "--auto",
            "--speed",
            "60",
            "--quiet",
        ],
        &[],
    );
    let status = tmux.wait_exit(Duration::from_secs(40));
    let elapsed = started.elapsed();
    assert_eq!(status, 0, "the program failed:\n{}", tmux.capture());
    assert_cooked(&tmux.stty_after());
    (tmux, elapsed)
}

fn read_lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_event_runs_its_hook_in_order_with_its_facts() {
    let profile = Profile::new();
    let method = write_method(&profile);
    let out = profile.root().join("events.txt");
    let record = RECORD.replace("FILE", &out.display().to_string());
    let hooks: String = [
        "session_start",
        "session_end",
        "step_start",
        "step_end",
        "warning",
        "overtime",
        "turn_start",
        "pause",
        "resume",
    ]
    .iter()
    .map(|event| format!("{event} = {record}\n"))
    .collect();
    write_config(&profile, &hooks);
    rehearse(&profile, &method);

    let id = "hook-test";
    let expected: Vec<String> = [
        "session_start|1|Question|Ana|",
        "step_start|1|Question|Ana|",
        "warning|1|Question|Ana|",
        "step_end|1|Question|Ana|",
        "step_start|2|Round|Ana|Ben",
        "turn_start|2|Round|Ana|Ben",
        "turn_start|2|Round|Ben|Chloé",
        "turn_start|2|Round|Chloé|",
        "warning|2|Round|Chloé|",
        "step_end|2|Round|Ana, Ben, Chloé|",
        "step_start|3|Close|Ana|",
        "warning|3|Close|Ana|",
        "step_end|3|Close|Ana|",
        "session_end|3|Close|Ana|",
    ]
    .iter()
    .map(|line| format!("{line}|en|{id}"))
    .collect();
    assert_eq!(read_lines(&out), expected);
}

#[test]
fn a_hanging_or_failing_hook_does_not_slow_the_session() {
    let profile = Profile::new();
    let method = write_method(&profile);
    write_config(
        &profile,
        "session_start = [\"false\"]\nstep_start = [\"sleep\", \"60\"]\nturn_start = [\"no-such-program-intervision\"]\n",
    );
    let (tmux, elapsed) = rehearse(&profile, &method);
    // 3.5 minutes at 60 times: 3.5 s, plus at most 3 s for the hooks left at the end.
    assert!(elapsed < Duration::from_secs(12), "took {elapsed:?}");
    let journal = tmux.journal();
    let text = fs::read_to_string(&journal).unwrap();
    assert!(
        text.lines().last().unwrap().contains("\"session_end\""),
        "journal:\n{text}"
    );
}

#[test]
fn a_broken_config_file_is_refused_with_its_place() {
    let profile = Profile::new();
    let method = write_method(&profile);
    write_config(&profile, "step_stat = [\"true\"]\n");
    let output = profile.run(&["run", &method, "--auto", "--quiet"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("config.toml:2:1: unknown key `step_stat`"),
        "{stderr}"
    );
}
