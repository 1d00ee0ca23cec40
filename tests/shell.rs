//! At home in the shell: the completion scripts load, Tab offers the user's own methods, groups
//! and sessions, and the manual page tells every command, option, key, file and variable.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use intervision::cli::command_line;
use intervision::domain::lang::Lang;
use intervision::ui::keymap::KEY_MAP;

const BIN: &str = env!("CARGO_BIN_EXE_intervision");

/// A user with a method of their own, a group and a session journal.
struct User {
    dir: tempfile::TempDir,
}

impl User {
    fn new() -> User {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        fs::create_dir_all(config.join("methods")).unwrap();
        fs::create_dir_all(config.join("groups")).unwrap();
        fs::create_dir_all(dir.path().join("data/sessions")).unwrap();
        fs::write(
            config.join("methods/quick-consult.toml"),
            "name = { en = \"Quick consult\", fr = \"Consultation éclair\" }\n[[steps]]\nname = \"Ask\"\nduration = \"5m\"\n",
        )
        .unwrap();
        fs::write(
            config.join("groups/intervision-lyon.toml"),
            "name = \"Intervision Lyon\"\nmembers = [\"Ana\", \"Ben\", \"Chloé\"]\n",
        )
        .unwrap();
        fs::write(
            dir.path()
                .join("data/sessions/2026-11-23T14-00-00-codev.jsonl"),
            "",
        )
        .unwrap();
        User { dir }
    }

    fn command(&self, lang: &str) -> Command {
        let mut command = Command::new(BIN);
        command
            .current_dir(self.dir.path())
            .env("INTERVISION_CONFIG_DIR", self.dir.path().join("config"))
            .env("INTERVISION_DATA_DIR", self.dir.path().join("data"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang);
        command
    }

    /// What fish is offered after typing `words` (the last one being completed): one
    /// `candidate<TAB>description` a line.
    fn complete(&self, words: &[&str], lang: &str) -> Vec<String> {
        let output = self
            .command(lang)
            .env("INTERVISION_COMPLETE", "fish")
            .arg("--")
            .arg("intervision")
            .args(words)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// Runs a bash script with a command's folder and environment.
trait Bash {
    fn output_of_bash(&mut self, script: &str) -> Output;
}

impl Bash for Command {
    fn output_of_bash(&mut self, script: &str) -> Output {
        let mut bash = Command::new("bash");
        bash.arg("-c").arg(script);
        if let Some(dir) = self.get_current_dir() {
            bash.current_dir(dir);
        }
        for (key, value) in self.get_envs() {
            match value {
                Some(value) => bash.env(key, value),
                None => bash.env_remove(key),
            };
        }
        bash.output().unwrap()
    }
}

fn run(args: &[&str]) -> Output {
    let output = Command::new(BIN)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    output
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).unwrap()
}

#[test]
fn the_bash_script_is_valid_bash_and_the_zsh_one_a_compdef() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("intervision.bash");
    fs::write(&script, stdout(&["completions", "bash"])).unwrap();
    let check = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let zsh = stdout(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef intervision\n"), "{zsh}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        assert!(
            script.contains("INTERVISION_COMPLETE") && script.contains("intervision"),
            "{shell}: {script}"
        );
    }
}

#[test]
fn a_general_complete_variable_set_for_another_program_changes_nothing() {
    let user = User::new();
    let output = user
        .command("en_US.UTF-8")
        .env("COMPLETE", "bash")
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(list.as_array().is_some_and(|methods| methods.len() > 10));
}

#[test]
fn bash_completes_a_method_through_the_script() {
    let user = User::new();
    // The script calls `intervision` back: it must be on the PATH, as once installed.
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = stdout(&["completions", "bash"]);
    // What bash does on Tab after `intervision show qu`: the script's function fills COMPREPLY.
    let probe = format!(
        "{script}\nCOMP_WORDS=(intervision show qu); COMP_CWORD=2; COMP_TYPE=9\n_clap_complete_intervision intervision qu show\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
    );
    let bash = user
        .command("en_US.UTF-8")
        .env("PATH", path)
        .env_remove("INTERVISION_COMPLETE")
        .output_of_bash(&probe);
    let offered = String::from_utf8(bash.stdout).unwrap();
    assert_eq!(
        offered.trim(),
        "quick-consult",
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
}

#[test]
fn tab_offers_methods_groups_and_sessions_where_a_command_takes_them() {
    let user = User::new();
    let en = "en_US.UTF-8";
    let methods = user.complete(&["show", ""], en);
    assert!(
        methods.contains(&"case-clinic\tCase Clinic".to_owned()),
        "{methods:?}"
    );
    assert!(
        methods.contains(&"quick-consult\tQuick consult".to_owned()),
        "{methods:?}"
    );
    assert_eq!(
        user.complete(&["run", "cod"], en),
        ["codev\tProfessional co-development (codev)"]
    );
    assert_eq!(
        user.complete(&["show", "qu"], "fr_FR.UTF-8"),
        ["quick-consult\tConsultation éclair"]
    );
    assert_eq!(
        user.complete(
            &[
                "group",
                "new",
                "Lyon",
                "--members",
                "Ana",
                "--method",
                "quick"
            ],
            en
        ),
        ["quick-consult\tQuick consult"]
    );
    let group = ["intervision-lyon\tIntervision Lyon"];
    assert_eq!(user.complete(&["run", "--group", ""], en), group);
    assert_eq!(user.complete(&["group", "show", "inter"], en), group);
    let session = ["2026-11-23T14-00-00-codev"];
    assert_eq!(user.complete(&["log", "show", "2026"], en), session);
    assert_eq!(user.complete(&["log", "export", "2"], en), session);
    assert_eq!(user.complete(&["resume", "2026-11"], en), session);
    let commands: Vec<String> = user
        .complete(&[""], en)
        .iter()
        .filter_map(|line| line.split('\t').next().map(str::to_owned))
        .collect();
    for command in [
        "list",
        "show",
        "run",
        "group",
        "log",
        "resume",
        "completions",
        "man",
        "schema",
    ] {
        assert!(
            commands.contains(&command.to_owned()),
            "{command}: {commands:?}"
        );
    }
    assert_eq!(
        user.complete(&["schema", ""], en)
            .iter()
            .map(|line| line.split('\t').next().unwrap())
            .filter(|candidate| !candidate.starts_with('-'))
            .collect::<Vec<_>>(),
        ["method", "group"]
    );
}

#[test]
fn the_man_page_tells_every_command_option_key_file_and_variable() {
    let page = stdout(&["man"]);
    assert!(page.starts_with(".TH intervision 1 "), "{}", &page[..80]);
    let mut missing = Vec::new();
    fn walk(command: &clap::Command, path: &str, page: &str, missing: &mut Vec<String>) {
        for sub in command
            .get_subcommands()
            .filter(|sub| sub.get_name() != "help")
        {
            let path = format!("{path} {}", sub.get_name());
            if !page.contains(&format!(".SS \"{path}\"")) {
                missing.push(path.clone());
            }
            for arg in sub.get_arguments() {
                if let Some(long) = arg.get_long()
                    && !page.contains(&format!("\\fB\\-\\-{}\\fR", long.replace('-', "\\-")))
                {
                    missing.push(format!("{path} --{long}"));
                }
            }
            walk(sub, &path, page, missing);
        }
    }
    walk(&command_line(Lang::En), "intervision", &page, &mut missing);
    for binding in &KEY_MAP {
        let help = binding.help.get(Lang::En).replace('-', "\\-");
        if !page.contains(&help) {
            missing.push(format!("key {}", binding.keys.get(Lang::En)));
        }
    }
    for needle in [
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        "~/.config/intervision/methods/*.toml",
        "~/.config/intervision/groups/*.toml",
        "~/.local/share/intervision/sessions/",
        "INTERVISION_CONFIG_DIR",
        "INTERVISION_DATA_DIR",
        "LC_ALL, LC_MESSAGES, LANG",
    ] {
        if !page.contains(&needle.replace('-', "\\-")) {
            missing.push(needle.to_owned());
        }
    }
    assert!(missing.is_empty(), "the man page lacks: {missing:?}");
    // Only one roff preamble, after the title.
    assert_eq!(page.matches(".ds Aq").count(), 2);
}

#[test]
fn the_man_page_is_in_french_when_the_language_is_french() {
    let page = stdout(&["man", "--lang", "fr"]);
    assert!(page.starts_with(".TH intervision 1 "));
    for needle in [
        ".SH NOM",
        ".SH COMMANDES",
        ".SH TOUCHES",
        ".SH FICHIERS",
        ".SH ENVIRONNEMENT",
        "Liste les m\\[u00E9]thodes disponibles",
        "lancer / pause / reprendre",
        "Commandes utilisateur",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(page.is_ascii(), "every other character is a roff escape");
    for english in [".SH NAME", ".SH KEYS", "Print help", "List the methods"] {
        assert!(!page.contains(english), "{english} in the French page");
    }
}
