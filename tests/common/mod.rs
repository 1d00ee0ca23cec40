//! What the end-to-end tests share: the real binary run full-screen in a pane of a private tmux
//! server, keys typed into the pane, the screen read back with `capture-pane`; and the private
//! configuration and data folders that several runs of the program can share.
//!
//! Each [`Tmux`] starts its own tmux server (a private socket and a private configuration), so
//! the user's tmux is never touched, and kills it when dropped, even when the test fails. tmux
//! must be installed: without it these tests fail and say so (CI installs it).
//!
//! The program runs under `/bin/sh`, which, once the program has ended, records the terminal's
//! settings with `stty -a` (so a test can check that the terminal was given back in its normal,
//! cooked mode), then the exit status, and then waits: the pane stays as the program left it, so
//! what it printed last, the cursor and the screen in use can still be read.

// Each test file uses its own part of these helpers.
#![allow(dead_code)]

pub mod frames;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long to wait for something to appear on a loaded machine.
pub const WAIT: Duration = Duration::from_secs(10);
/// How often the screen is read while waiting.
pub const POLL: Duration = Duration::from_millis(50);
pub const PEOPLE: &str = "Ana,Ben,Chloé,David,Emma";
/// The language every run uses unless a test says otherwise.
pub const LANG: &str = "en_US.UTF-8";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Quotes a word for `/bin/sh`.
pub fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Makes sure tmux can be run, with a clear message when it is missing.
pub fn require_tmux() {
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

/// A user's private configuration and data folders (`INTERVISION_CONFIG_DIR`,
/// `INTERVISION_DATA_DIR`), which several runs of the program share: the groups made by one
/// command, the sessions logged by one run, are seen by the next. Removed on drop.
pub struct Profile {
    config_dir: PathBuf,
    data_dir: PathBuf,
    dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Profile {
        let dir = tempfile::Builder::new()
            .prefix("intervision-profile-")
            .tempdir()
            .expect("a temporary folder");
        let config_dir = dir.path().join("config");
        let data_dir = dir.path().join("data");
        fs::create_dir(&config_dir).unwrap();
        fs::create_dir(&data_dir).unwrap();
        Profile {
            config_dir,
            data_dir,
            dir,
        }
    }

    /// The temporary folder that holds the two folders (and anything else a test puts there).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_dir(&self) -> &Path {
        &self.config_dir
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where the sessions' journals go by default.
    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }

    /// The journals (`*.jsonl`) in the sessions folder, sorted by name (so by time); none when
    /// the folder does not exist.
    pub fn journals(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.sessions_dir()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
            .collect();
        files.sort();
        files
    }

    /// Runs `intervision ARGS` as a plain command (no terminal), with this profile.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_intervision"))
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", LANG)
            .env("TERM", "xterm-256color")
            .env("INTERVISION_CONFIG_DIR", &self.config_dir)
            .env("INTERVISION_DATA_DIR", &self.data_dir)
            .output()
            .expect("intervision can be run")
    }

    /// Runs `intervision ARGS`, which must succeed, and returns what it printed.
    pub fn run_ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "`intervision {}` failed ({}):\n{stdout}\n{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    }
}

/// How to start the program in a pane.
struct Launch<'a> {
    width: u16,
    height: u16,
    lang: &'a str,
    args: &'a [&'a str],
    /// Adds `--log-dir` and this folder.
    log_dir: Option<&'a Path>,
    config_dir: &'a Path,
    data_dir: &'a Path,
    /// More environment variables.
    env: &'a [(&'a str, &'a str)],
}

/// One program running in a pane of a private tmux server; the server is killed on drop.
pub struct Tmux {
    /// The server's socket: `-S PATH` in the temporary folder (removed with it), or `-L NAME`
    /// when that path is too long for a socket.
    socket: [String; 2],
    target: String,
    config: PathBuf,
    /// Where `stty -a` is written when the program has ended.
    stty: PathBuf,
    /// Where the exit status is written when the program has ended (after `stty`).
    exit: PathBuf,
    /// The journal folder: the one given with `--log-dir`, else the sessions folder.
    log_dir: PathBuf,
    /// Holds the files above; removed on drop, after the server is killed.
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts `intervision ARGS` in a `width`×`height` pane, with `lang` as `LANG` and private
    /// configuration and data folders; with `log`, adds `--log-dir` and a private folder.
    pub fn start(width: u16, height: u16, lang: &str, args: &[&str], log: bool) -> Tmux {
        let dir = Tmux::temp_dir();
        let log_dir = dir.path().join("log");
        let config_dir = dir.path().join("config");
        let data_dir = dir.path().join("data");
        fs::create_dir(&config_dir).unwrap();
        fs::create_dir(&data_dir).unwrap();
        let launch = Launch {
            width,
            height,
            lang,
            args,
            log_dir: log.then_some(log_dir.as_path()),
            config_dir: &config_dir,
            data_dir: &data_dir,
            env: &[],
        };
        Tmux::launch(dir, &launch, log_dir.clone())
    }

    /// Starts `intervision ARGS` in a `width`×`height` pane, in English, with the folders of
    /// `profile` and the more environment variables `env`.
    pub fn start_in(
        profile: &Profile,
        width: u16,
        height: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tmux {
        let launch = Launch {
            width,
            height,
            lang: LANG,
            args,
            log_dir: None,
            config_dir: profile.config_dir(),
            data_dir: profile.data_dir(),
            env,
        };
        Tmux::launch(Tmux::temp_dir(), &launch, profile.sessions_dir())
    }

    fn temp_dir() -> tempfile::TempDir {
        require_tmux();
        tempfile::Builder::new()
            .prefix("intervision-tmux-")
            .tempdir()
            .expect("a temporary folder")
    }

    fn launch(dir: tempfile::TempDir, launch: &Launch, log_dir: PathBuf) -> Tmux {
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

        let program = env!("CARGO_BIN_EXE_intervision");
        let mut line = String::from("unset LC_ALL LC_MESSAGES LANGUAGE; ");
        line += &format!(
            "export LANG={} TERM=xterm-256color INTERVISION_CONFIG_DIR={} INTERVISION_DATA_DIR={}",
            sh_quote(launch.lang),
            sh_quote(&launch.config_dir.to_string_lossy()),
            sh_quote(&launch.data_dir.to_string_lossy()),
        );
        for (name, value) in launch.env {
            line += &format!(" {name}={}", sh_quote(value));
        }
        line += "; ";
        line += &sh_quote(program);
        for arg in launch.args {
            line.push(' ');
            line += &sh_quote(arg);
        }
        if let Some(log_dir) = launch.log_dir {
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
        let (w, h) = (launch.width.to_string(), launch.height.to_string());
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
            format!("{}x{}", launch.width, launch.height),
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
    pub fn run(&self, args: &[&str]) -> Output {
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
    pub fn display(&self, format: &str) -> String {
        let output = self.run(&["display-message", "-p", "-t", &self.target, format]);
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Types text into the pane, each character as a key.
    pub fn send(&self, keys: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", "--", keys]);
    }

    /// Presses one key given by its tmux name: `Enter`, `Escape`, `M-Enter`...
    pub fn press(&self, key: &str) {
        self.run(&["send-keys", "-t", &self.target, key]);
    }

    /// The pane's text, with the lines that scrolled out of it first.
    pub fn capture(&self) -> String {
        let output = self.run(&["capture-pane", "-p", "-J", "-S", "-", "-t", &self.target]);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The program's exit status, once it has ended.
    pub fn exit_status(&self) -> Option<i32> {
        let text = fs::read_to_string(&self.exit).ok()?;
        Some(
            text.trim()
                .parse()
                .unwrap_or_else(|_| panic!("unexpected exit status {text:?}")),
        )
    }

    pub fn has_ended(&self) -> bool {
        self.exit_status().is_some()
    }

    /// Waits until the screen satisfies `check`; the error gives the last screen.
    pub fn try_wait_until(
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

    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.try_wait_until(what, WAIT, check)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// Waits until `text` is on the screen; panics with the last screen if it never is.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("waiting for {text:?}"), |screen| {
            screen.contains(text)
        })
    }

    /// Waits until every one of `texts` is on the screen at once.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("waiting for all of {texts:?}"), |screen| {
            texts.iter().all(|text| screen.contains(text))
        })
    }

    /// Waits until one line of the screen holds every one of `texts`.
    pub fn wait_for_line(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("waiting for a line with {texts:?}"), |screen| {
            screen
                .lines()
                .any(|line| texts.iter().all(|text| line.contains(text)))
        })
    }

    /// Waits until `text` has left the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("waiting for {text:?} to go away"), |screen| {
            !screen.contains(text)
        })
    }

    /// Waits for the program to end and returns its exit status.
    pub fn wait_exit(&self, timeout: Duration) -> i32 {
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

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", &self.target, "-x", &w, "-y", &h]);
    }

    /// The pid of the intervision process: the child of the pane's shell.
    pub fn program_pid(&self) -> u32 {
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

    /// Sends `signal` (a name such as `TERM` or `KILL`) to the intervision process.
    pub fn signal(&self, signal: &str) {
        let pid = self.program_pid();
        let sent = Command::new("sh")
            .args([
                "-c",
                "kill -s \"$1\" \"$2\"",
                "sh",
                signal,
                &pid.to_string(),
            ])
            .status()
            .expect("sh can be run");
        assert!(sent.success(), "cannot send SIG{signal} to {pid}");
    }

    /// The terminal settings `stty -a` saw once the program had ended.
    pub fn stty_after(&self) -> String {
        assert!(self.has_ended(), "the program is still running");
        fs::read_to_string(&self.stty).expect("`stty -a` ran after the program ended")
    }

    /// The one journal in the log folder.
    pub fn journal(&self) -> PathBuf {
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
pub fn child_of(parent: u32) -> Option<u32> {
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
pub fn journal_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read the journal {}: {error}", path.display()))
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("a journal line is not JSON ({error}): {line}"))
        })
        .collect()
}

pub fn events<'a>(lines: &'a [Value], name: &str) -> Vec<&'a Value> {
    lines.iter().filter(|line| line["event"] == name).collect()
}

/// Checks that `stty -a` shows a terminal in its normal mode: lines, echo, signals.
pub fn assert_cooked(stty: &str) {
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

pub fn assert_main_screen(tmux: &Tmux) {
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
