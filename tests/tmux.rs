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

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long to wait for something to appear on a loaded machine.
const WAIT: Duration = Duration::from_secs(10);
/// How often the screen is read while waiting.
const POLL: Duration = Duration::from_millis(50);
const PEOPLE: &str = "Ana,Ben,Chloé,David,Emma";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Quotes a word for `/bin/sh`.
fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Makes sure tmux can be run, with a clear message when it is missing.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "`tmux -V` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!(
            "these tests run intervision inside tmux, which cannot be run here ({error}); \
             install tmux (e.g. `apt-get install tmux` or `brew install tmux`). CI installs it."
        ),
    }
}

/// One program running in a pane of a private tmux server; the server is killed on drop.
struct Tmux {
    /// The server's socket: `-S PATH` in the temporary folder (removed with it), or `-L NAME`
    /// when that path is too long for a socket.
    socket: [String; 2],
    target: String,
    config: PathBuf,
    /// Where `stty -a` is written when the program has ended.
    stty: PathBuf,
    /// Where the exit status is written when the program has ended (after `stty`).
    exit: PathBuf,
    /// The journal folder given with `--log-dir`.
    log_dir: PathBuf,
    /// Holds the folders above; removed on drop, after the server is killed.
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts `intervision ARGS` in a `width`×`height` pane, with `lang` as `LANG` and private
    /// configuration and data folders; with `log`, adds `--log-dir` and a private folder.
    fn start(width: u16, height: u16, lang: &str, args: &[&str], log: bool) -> Tmux {
        require_tmux();
        let dir = tempfile::Builder::new()
            .prefix("intervision-tmux-")
            .tempdir()
            .expect("a temporary folder");
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let socket_path = dir.path().join("tmux.sock");
        let socket = if socket_path.as_os_str().len() < 100 {
            ["-S".to_owned(), socket_path.to_string_lossy().into_owned()]
        } else {
            let name = format!("intervision-test-{}-{n}", std::process::id());
            ["-L".to_owned(), name]
        };
        let target = format!("iv{n}");
        let config = dir.path().join("tmux.conf");
        fs::write(
            &config,
            "set -g default-shell /bin/sh\n\
             set -g status off\n\
             set -g history-limit 2000\n",
        )
        .unwrap();
        let stty = dir.path().join("stty.txt");
        let exit = dir.path().join("exit.txt");
        let log_dir = dir.path().join("log");
        let config_dir = dir.path().join("config");
        let data_dir = dir.path().join("data");
        fs::create_dir(&config_dir).unwrap();
        fs::create_dir(&data_dir).unwrap();

        let program = env!("CARGO_BIN_EXE_intervision");
        let mut line = String::from("unset LC_ALL LC_MESSAGES LANGUAGE; ");
        line += &format!(
            "export LANG={} TERM=xterm-256color INTERVISION_CONFIG_DIR={} INTERVISION_DATA_DIR={}; ",
            sh_quote(lang),
            sh_quote(&config_dir.to_string_lossy()),
            sh_quote(&data_dir.to_string_lossy()),
        );
        line += &sh_quote(program);
        for arg in args {
            line.push(' ');
            line += &sh_quote(arg);
        }
        if log {
            line += " --log-dir ";
            line += &sh_quote(&log_dir.to_string_lossy());
        }
        // The status file appears whole (renamed into place), after `stty` has run. The shell
        // then waits, not forever, in case a test process dies without killing the server.
        let exit_text = exit.to_string_lossy();
        line += &format!(
            "; status=$?; stty -a > {stty} 2>&1; echo $status > {tmp}; mv {tmp} {exit}; \
             exec sleep 900",
            stty = sh_quote(&stty.to_string_lossy()),
            tmp = sh_quote(&format!("{exit_text}.tmp")),
            exit = sh_quote(&exit_text),
        );

        let tmux = Tmux {
            socket,
            target,
            config,
            stty,
            exit,
            log_dir,
            _dir: dir,
        };
        let (w, h) = (width.to_string(), height.to_string());
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            &tmux.target,
            "-x",
            &w,
            "-y",
            &h,
            &line,
        ]);
        let size = tmux.display("#{pane_width}x#{pane_height}");
        assert_eq!(
            size,
            format!("{width}x{height}"),
            "tmux did not make the pane the size asked for"
        );
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command
            .arg("-u")
            .args(&self.socket)
            .arg("-f")
            .arg(&self.config)
            .env_remove("TMUX");
        command
    }

    /// Runs a tmux command, which must succeed.
    fn run(&self, args: &[&str]) -> Output {
        let output = self.command().args(args).output().expect("tmux can be run");
        assert!(
            output.status.success(),
            "tmux {args:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// A tmux format for the pane, e.g. `#{pane_pid}`.
    fn display(&self, format: &str) -> String {
        let output = self.run(&["display-message", "-p", "-t", &self.target, format]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Types text into the pane, each character as a key.
    fn send(&self, keys: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", "--", keys]);
    }

    /// The pane's text, with the lines that scrolled out of it first.
    fn capture(&self) -> String {
        let output = self.run(&["capture-pane", "-p", "-J", "-S", "-", "-t", &self.target]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The program's exit status, once it has ended.
    fn exit_status(&self) -> Option<i32> {
        let text = fs::read_to_string(&self.exit).ok()?;
        Some(
            text.trim()
                .parse()
                .unwrap_or_else(|_| panic!("unexpected exit status {text:?}")),
        )
    }

    fn has_ended(&self) -> bool {
        self.exit_status().is_some()
    }

    /// Waits until the screen satisfies `check`; the error gives the last screen.
    fn try_wait_until(
        &self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let start = Instant::now();
        loop {
            // Read whether the program has ended before the screen: then the screen is final.
            let ended = self.has_ended();
            let screen = self.capture();
            if check(&screen) {
                return Ok(screen);
            }
            if ended {
                return Err(format!(
                    "{what}: the program ended without showing it; last screen:\n{screen}"
                ));
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "{what}: not seen within {timeout:?}; last screen:\n{screen}"
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.try_wait_until(what, WAIT, check)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// Waits until `text` is on the screen; panics with the last screen if it never is.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("waiting for {text:?}"), |screen| {
            screen.contains(text)
        })
    }

    /// Waits until every one of `texts` is on the screen at once.
    fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("waiting for all of {texts:?}"), |screen| {
            texts.iter().all(|text| screen.contains(text))
        })
    }

    /// Waits until one line of the screen holds every one of `texts`.
    fn wait_for_line(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("waiting for a line with {texts:?}"), |screen| {
            screen
                .lines()
                .any(|line| texts.iter().all(|text| line.contains(text)))
        })
    }

    /// Waits until `text` has left the screen.
    fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("waiting for {text:?} to go away"), |screen| {
            !screen.contains(text)
        })
    }

    /// Waits for the program to end and returns its exit status.
    fn wait_exit(&self, timeout: Duration) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exit_status() {
                return status;
            }
            if start.elapsed() > timeout {
                panic!(
                    "the program did not end within {timeout:?}; last screen:\n{}",
                    self.capture()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", &self.target, "-x", &w, "-y", &h]);
    }

    /// The pid of the intervision process: the child of the pane's shell.
    fn program_pid(&self) -> u32 {
        let shell: u32 = self.display("#{pane_pid}").parse().expect("a pane pid");
        let start = Instant::now();
        loop {
            if let Some(pid) = child_of(shell) {
                return pid;
            }
            if start.elapsed() > WAIT {
                panic!("no intervision process under the pane's shell {shell}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// The terminal settings `stty -a` saw once the program had ended.
    fn stty_after(&self) -> String {
        assert!(self.has_ended(), "the program is still running");
        fs::read_to_string(&self.stty).expect("`stty -a` ran after the program ended")
    }

    /// The one journal in the log folder.
    fn journal(&self) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(&self.log_dir)
            .unwrap_or_else(|error| panic!("no log folder {}: {error}", self.log_dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
            .collect();
        assert_eq!(
            files.len(),
            1,
            "one journal expected in {}: {files:?}",
            self.log_dir.display()
        );
        files.into_iter().next().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}

/// The child of `parent` that runs intervision, if any (read from /proc, else from `pgrep`).
fn child_of(parent: u32) -> Option<u32> {
    let is_intervision = |cmdline: &str| {
        cmdline
            .split('\0')
            .next()
            .is_some_and(|arg0| arg0.ends_with("intervision"))
    };
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|ppid| ppid.parse::<u32>().ok());
            let cmdline = fs::read_to_string(entry.path().join("cmdline")).unwrap_or_default();
            if ppid == Some(parent) && is_intervision(&cmdline) {
                return Some(pid);
            }
        }
        return None;
    }
    let output = Command::new("pgrep")
        .args(["-P", &parent.to_string(), "intervision"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .next()
        .and_then(|pid| pid.parse().ok())
}

/// The journal's lines, each parsed.
fn journal_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read the journal {}: {error}", path.display()))
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("a journal line is not JSON ({error}): {line}"))
        })
        .collect()
}

fn events<'a>(lines: &'a [Value], name: &str) -> Vec<&'a Value> {
    lines.iter().filter(|line| line["event"] == name).collect()
}

/// Checks that `stty -a` shows a terminal in its normal mode: lines, echo, signals.
fn assert_cooked(stty: &str) {
    let flags: Vec<&str> = stty
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(
            flags.contains(&flag),
            "the terminal was left without {flag} (still in raw mode?); stty -a:\n{stty}"
        );
    }
}

fn assert_main_screen(tmux: &Tmux) {
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the program left the terminal in the alternate screen"
    );
    assert_eq!(
        tmux.display("#{cursor_flag}"),
        "1",
        "the program left the cursor hidden"
    );
}

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
    let end = lines.last().unwrap();
    assert_eq!(end["event"], "session_end", "last line: {end}");
    assert_eq!(end["completed"], false, "last line: {end}");
}
