//! Who speaks when: a round's `first` and `last` roles, a cycle passed among some roles only,
//! rounds that go on until the time is up, and the warning for turns too short to speak.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use intervision::domain::lang::Lang;
use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People, Timetable, short_turns};

const CLOSING: &str = r#"
name = "Peer group"
[[roles]]
id = "facilitator"
name = "Facilitator"
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "peer"
name = "Peer"
count = "rest"
[[steps]]
name = "Learnings"
kind = "round"
speaker = "all"
turn = "2m"
first = "case-giver"
last = "facilitator"
"#;

const BALINT: &str = r#"
name = "Balint group"
[cycle]
role = "case-giver"
repeat = 2
among = ["member"]
[[roles]]
id = "leader"
name = "Leader"
count = 2
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "member"
name = "Member"
count = "rest"
[[steps]]
name = "The case"
speaker = "case-giver"
duration = "10m"
in_cycle = true
[[steps]]
name = "The group works"
kind = "open"
speaker = ["leader", "member"]
duration = "30m"
in_cycle = true
"#;

fn names(text: &str) -> People {
    People::parse(text).unwrap()
}

fn seconds(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Runs `intervision ARGS` in `dir`, in English, with no user configuration.
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_intervision"))
        .args(args)
        .current_dir(dir)
        .env("INTERVISION_CONFIG_DIR", dir.join("config"))
        .env("INTERVISION_DATA_DIR", dir.join("data"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn show_json_puts_the_first_role_first_and_the_last_role_last() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("closing.toml");
    std::fs::write(&file, CLOSING).unwrap();
    let output = run(
        dir.path(),
        &[
            "show",
            file.to_str().unwrap(),
            "--people",
            "Ana,Ben,Chloé,David",
            "--format",
            "json",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let order: Vec<&str> = json["steps"][0]["turns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|turn| turn["speaker"]["name"].as_str().unwrap())
        .collect();
    // Cast order: Ana facilitates, Ben brings the case, Chloé and David are peers.
    assert_eq!(order, ["Ben", "Chloé", "David", "Ana"]);
}

#[test]
fn first_and_last_follow_the_cast_when_it_changes_and_hold_in_every_pass() {
    let mut method = Method::from_str("t", CLOSING).unwrap();
    method.steps[0].passes = 2;
    let mut cast = Cast::assign(&method, &names("Ana,Ben,Chloé,David")).unwrap();
    // The group makes David the case giver; Ben becomes a peer.
    cast.people[1].roles = vec!["peer".into()];
    cast.people[3].roles = vec!["case-giver".into()];
    let table = Timetable::new(&method, &cast);
    let order: Vec<(usize, u32)> = table.steps[0]
        .turns
        .iter()
        .map(|turn| (turn.person, turn.pass))
        .collect();
    assert_eq!(
        order,
        [
            (3, 0),
            (1, 0),
            (2, 0),
            (0, 0),
            (3, 1),
            (1, 1),
            (2, 1),
            (0, 1)
        ]
    );
}

#[test]
fn a_cycle_among_members_never_gives_the_case_to_a_leader() {
    let method = Method::from_str("t", BALINT).unwrap();
    let cast = Cast::assign(&method, &names("Léa,Marc,Nina,Omar,Paul,Rita")).unwrap();
    assert_eq!(cast.holders("leader"), [0, 1]);
    let table = Timetable::new(&method, &cast);
    let clients: Vec<usize> = table
        .steps
        .iter()
        .filter(|step| step.index == 0)
        .map(|step| step.pass.unwrap().client)
        .collect();
    // Nina brings the first case, Omar (a member, not Léa or Marc) the second.
    assert_eq!(clients, [2, 3]);
    let second = &table.steps[2];
    let cast = second.cast_or(&cast);
    assert_eq!(cast.holders("case-giver"), [3]);
    assert_eq!(cast.holders("leader"), [0, 1]);
    assert_eq!(cast.holders("member"), [2, 4, 5]);
    assert_eq!(cast.label(&method, 3, Lang::En), "Omar");
}

#[test]
fn without_among_the_cycle_passes_to_everyone_starting_with_its_holder() {
    let method = Method::from_str("t", &BALINT.replace("among = [\"member\"]\n", "")).unwrap();
    let cast = Cast::assign(&method, &names("Léa,Marc,Nina,Omar,Paul")).unwrap();
    let table = Timetable::new(&method, &cast);
    let clients: Vec<usize> = table
        .steps
        .iter()
        .filter(|step| step.index == 0)
        .map(|step| step.pass.unwrap().client)
        .collect();
    assert_eq!(clients, [2, 0]);
}

const QUESTIONS: &str = r#"
name = "Incident"
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "member"
name = "Member"
count = "rest"
[[steps]]
name = "Questions"
kind = "round"
speaker = "member"
turn = "1m"
duration = "10m30s"
passes = "until-time"
"#;

#[test]
fn a_round_until_time_goes_round_again_and_the_last_turn_takes_what_is_left() {
    let method = Method::from_str("t", QUESTIONS).unwrap();
    let cast = Cast::assign(&method, &People::Count(5)).unwrap();
    let table = Timetable::new(&method, &cast);
    let round = &table.steps[0];
    assert_eq!(round.duration, seconds(630));
    let turns: Vec<(usize, u32, u64)> = round
        .turns
        .iter()
        .map(|turn| (turn.person, turn.pass, turn.duration.as_secs()))
        .collect();
    assert_eq!(turns.len(), 11);
    assert_eq!(
        &turns[..5],
        &[(1, 0, 60), (2, 0, 60), (3, 0, 60), (4, 0, 60), (1, 1, 60)]
    );
    assert_eq!(turns[8], (1, 2, 60));
    assert_eq!(turns[10], (3, 2, 30));
    assert_eq!(
        round
            .turns
            .iter()
            .map(|turn| turn.duration)
            .sum::<Duration>(),
        seconds(630)
    );
    // The leftover turn is short by design: no warning.
    assert!(short_turns(&method, &table).is_empty());
}

#[test]
fn split_rounds_with_turns_under_a_minute_are_named_with_their_length() {
    let source = r#"
name = "Fishbowl"
[[roles]]
id = "observer"
name = "Observer"
count = "rest"
[[steps]]
name = "Reactions"
kind = "round"
speaker = "observer"
duration = "10m"
[[steps]]
name = "Rounds of two minutes"
kind = "round"
speaker = "observer"
turn = "90s"
min_turn = "2m"
[[steps]]
name = "Long enough"
kind = "round"
speaker = "observer"
turn = "1m"
"#;
    let method = Method::from_str("t", source).unwrap();
    let table = Timetable::new(&method, &Cast::assign(&method, &People::Count(24)).unwrap());
    let short = short_turns(&method, &table);
    assert_eq!(short.len(), 2, "{short:?}");
    assert_eq!((short[0].step, short[0].turn), (0, seconds(25)));
    assert_eq!((short[1].step, short[1].floor), (1, seconds(120)));
    let message = short[0].message();
    assert!(
        message.en.contains("\"Reactions\"") && message.en.contains("0:25"),
        "{}",
        message.en
    );
    assert!(
        message.fr.contains("« Reactions »") && message.fr.contains(" : "),
        "{}",
        message.fr
    );
    // With 8 observers the split turns reach a minute: no warning for that step.
    let table = Timetable::new(&method, &Cast::assign(&method, &People::Count(8)).unwrap());
    assert_eq!(
        short_turns(&method, &table)
            .iter()
            .map(|short| short.step)
            .collect::<Vec<_>>(),
        [1]
    );
}

#[test]
fn show_warns_about_short_turns_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.toml");
    std::fs::write(
        &file,
        "name = \"Short\"\n[[steps]]\nname = \"Check-in\"\nkind = \"round\"\nspeaker = \"all\"\nduration = \"2m\"\n",
    )
    .unwrap();
    let text = run(
        dir.path(),
        &["show", file.to_str().unwrap(), "--people", "6"],
    );
    let stderr = String::from_utf8_lossy(&text.stderr);
    assert!(text.status.success(), "{stderr}");
    assert!(stderr.contains("\"Check-in\", turns last 0:20"), "{stderr}");
    let json = run(
        dir.path(),
        &[
            "show",
            file.to_str().unwrap(),
            "--people",
            "6",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let warnings = json["warnings"].as_array().unwrap();
    assert!(warnings[0].as_str().unwrap().contains("too short to speak"));
}

#[test]
fn fitting_a_round_until_time_changes_how_many_turns_not_their_length() {
    let source = QUESTIONS.replace(
        "passes = \"until-time\"",
        "passes = \"until-time\"\nmin = \"5m\"",
    ) + "[[steps]]\nname = \"Closing\"\nduration = \"5m\"\nfixed = true\n";
    let method = Method::from_str("t", &source).unwrap();
    let cast = Cast::assign(&method, &People::Count(5)).unwrap();
    let table = Timetable::new(&method, &cast);
    let fitted = intervision::domain::fit::fit(
        &method,
        &table,
        seconds(5 * 60 + 6 * 60 + 40),
        intervision::domain::fit::FitOptions::default(),
    )
    .unwrap();
    let fitted = intervision::domain::fit::apply(&table, &fitted);
    let round = &fitted.steps[0];
    assert_eq!(round.duration, seconds(400));
    let lengths: Vec<u64> = round
        .turns
        .iter()
        .map(|turn| turn.duration.as_secs())
        .collect();
    assert_eq!(lengths, [60, 60, 60, 60, 60, 60, 40]);
    let people: Vec<usize> = round.turns.iter().map(|turn| turn.person).collect();
    assert_eq!(people, [1, 2, 3, 4, 1, 2, 3]);
    assert_eq!(round.turns[6].offset, seconds(360));
}
