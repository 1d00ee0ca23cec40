//! End-to-end test of the audience view: `intervision run` in one tmux pane (the operator's
//! laptop), `intervision watch` in another (the projector), both the real binary, sharing one
//! user's runtime folder. The operator's keys must show on the watch pane within 200 ms, a note
//! typed by the operator must never show there, and the watch pane must say when the session
//! ended or when its program was killed.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{PEOPLE, Profile, Tmux, WAIT};

/// The most the watch pane may lag behind the operator's key, as a median over the keys (the
/// figure includes starting two tmux commands as processes, so it is an upper bound).
const LATENCY: Duration = Duration::from_millis(200);

/// Presses `key` in the operator's pane, then reads both panes as fast as tmux allows until
/// `shown` holds on the watch pane; returns how long that took from the key, and from the
/// moment the operator's own pane showed it (the viewer's own share of the delay).
fn lag(
    operator: &Tmux,
    key: &str,
    watch: &Tmux,
    shown: impl Fn(&str) -> bool,
) -> (Duration, Duration) {
    let sent = Instant::now();
    operator.send(key);
    let mut on_operator: Option<Duration> = None;
    loop {
        if on_operator.is_none() && shown(&operator.capture()) {
            on_operator = Some(sent.elapsed());
        }
        let screen = watch.capture();
        if shown(&screen) {
            let total = sent.elapsed();
            return (total, total - on_operator.unwrap_or(total).min(total));
        }
        assert!(
            sent.elapsed() < WAIT,
            "the watch pane never followed {key:?}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn live_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_watch_pane_follows_the_operator_never_shows_a_note_and_says_when_it_ends() {
    let profile = Profile::new();
    let runtime = profile.root().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let env = [("XDG_RUNTIME_DIR", runtime.to_str().unwrap())];
    let live_dir = runtime.join("intervision");

    // The projector's pane, before any session.
    // The laptop layout writes its words as text, so that the pane can be read back as text;
    // the room layout of the same view is checked by the snapshots of tests/watch.rs.
    let watch = Tmux::start_in(&profile, 240, 67, &["watch", "--layout", "laptop"], &env);
    watch.wait_for("Waiting for one to start");

    let operator = Tmux::start_in(
        &profile,
        100,
        30,
        &["run", "case-clinic", "--people", PEOPLE, "--quiet"],
        &env,
    );
    operator.wait_for("Press space to start the clock");
    let screen = watch.wait_for_all(&["Chloé", "Intention statement"]);
    assert!(
        !screen.contains("quit"),
        "the operator's key bar is on the wall:\n{screen}"
    );
    let files = live_files(&live_dir);
    assert_eq!(files.len(), 1, "one live state: {files:?}");
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the live state is readable by others");
    let folder = std::fs::metadata(&live_dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(folder, 0o700);

    let mut lags = Vec::new();
    lags.push(lag(&operator, " ", &watch, |screen| {
        screen.contains("Step 1 of 7") && screen.contains("Speaks: Everyone")
    }));
    lags.push(lag(&operator, "n", &watch, |screen| {
        screen.contains("Step 2 of 7") && screen.contains("Speaks: Case giver · Ana")
    }));
    lags.push(lag(&operator, " ", &watch, |screen| {
        screen.contains("PAUSED")
    }));
    lags.push(lag(&operator, " ", &watch, |screen| {
        !screen.contains("PAUSED")
    }));
    lags.push(lag(&operator, "n", &watch, |screen| {
        screen.contains("Step 3 of 7")
    }));
    lags.push(lag(&operator, "n", &watch, |screen| {
        screen.contains("Step 4 of 7") && screen.contains("Turn 1 of 4")
    }));
    lags.push(lag(&operator, "s", &watch, |screen| {
        screen.lines().any(|line| {
            line.contains("Turn 2 of 4") && line.contains("Chloé") && line.contains("next: David")
        })
    }));
    eprintln!("watch lag after each key (from the key, after the operator's pane): {lags:?}");
    let mut sorted: Vec<Duration> = lags.iter().map(|lag| lag.0).collect();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    assert!(median <= LATENCY, "median lag {median:?}: {lags:?}");
    // On a machine busy with builds, one key may take long to reach the operator's program;
    // the viewer's own share (after the operator's pane showed the change) is always bounded.
    for (index, (_, share)) in lags.iter().enumerate() {
        assert!(
            *share <= LATENCY,
            "key {} showed on the watch pane {share:?} after the operator's: {lags:?}",
            index + 1
        );
    }

    // A note, typed then saved, never reaches the wall nor the live state.
    let secret = "Ben-is-burning-out";
    operator.send("e");
    operator.send(secret);
    operator.wait_for(secret);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !watch.capture().contains(secret),
        "a note being typed is on the wall"
    );
    operator.press("Enter");
    operator.wait_gone(secret);
    lag(&operator, "s", &watch, |screen| {
        screen.contains("Turn 3 of 4")
    });
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !watch.capture().contains(secret),
        "a saved note is on the wall"
    );
    for file in live_files(&live_dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains(secret), "a note is in the live state");
    }

    // The operator quits: the watch pane says so, and the live state is gone.
    operator.send("q");
    operator.wait_for("Quit the session?");
    assert!(!watch.capture().contains("Quit the session?"));
    operator.send("y");
    operator.wait_exit(WAIT);
    watch.wait_for_all(&["The session ended", "Mirroring"]);
    assert!(live_files(&live_dir).is_empty(), "the live state is left");

    // The next session is followed too; its program killed, the watch pane says where it stopped.
    let operator = Tmux::start_in(
        &profile,
        100,
        30,
        &["run", "case-clinic", "--people", PEOPLE, "--quiet"],
        &env,
    );
    operator.wait_for("Press space to start the clock");
    lag(&operator, " ", &watch, |screen| {
        screen.contains("Step 1 of 7")
    });
    lag(&operator, "n", &watch, |screen| {
        screen.contains("Step 2 of 7")
    });
    operator.signal("KILL");
    let screen = watch.wait_for("The session stopped");
    assert!(
        screen.contains("at step 2 “Intention statement”") && screen.contains("intervision resume"),
        "the watch pane does not say where it stopped:\n{screen}"
    );

    // q leaves the view.
    watch.send("q");
    assert_eq!(watch.wait_exit(WAIT), 0);
}

/// When a French session ends, the waiting screen that follows stays in French, though the
/// watching terminal's own language is English: the room read the session in French.
#[test]
fn the_end_of_a_french_session_is_told_in_french() {
    let profile = Profile::new();
    let runtime = profile.root().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let env = [("XDG_RUNTIME_DIR", runtime.to_str().unwrap())];
    let watch = Tmux::start_in(&profile, 120, 40, &["watch", "--layout", "laptop"], &env);
    watch.wait_for("Waiting for one to start");
    let operator = Tmux::start_in(
        &profile,
        100,
        30,
        &[
            "run",
            "case-clinic",
            "--people",
            PEOPLE,
            "--quiet",
            "--lang",
            "fr",
        ],
        &env,
    );
    operator.wait_for("Appuyez sur espace");
    watch.wait_for("Déclaration d’intention");
    operator.send("q");
    operator.wait_for("Quitter la séance ?");
    operator.send("o");
    operator.wait_exit(WAIT);
    let screen = watch.wait_for("La séance est terminée");
    assert!(!screen.contains("Waiting"), "{screen}");
}

#[test]
fn watch_list_names_the_running_sessions_in_both_languages() {
    let profile = Profile::new();
    let runtime = profile.root().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    let env = [("XDG_RUNTIME_DIR", runtime.to_str().unwrap())];
    let list = |lang: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_intervision"))
            .args(["watch", "--list", "--lang", lang])
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("INTERVISION_DATA_DIR", profile.data_dir())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(list("en").contains("No session is running for you"));
    assert!(list("fr").contains("Aucune séance n'est en cours pour vous"));
    let operator = Tmux::start_in(
        &profile,
        100,
        30,
        &["run", "balint", "--people", "7", "--quiet"],
        &env,
    );
    operator.wait_for("Press space to start the clock");
    operator.send(" ");
    operator.wait_for("Step 1 of");
    let pid = operator.program_pid().to_string();
    let english = list("en");
    assert!(
        english.lines().any(|line| line.starts_with(&pid)
            && line.contains("Balint")
            && line.contains("running")),
        "{english}"
    );
    assert!(list("fr").contains("en cours"));
}
