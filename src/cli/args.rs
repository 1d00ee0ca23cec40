//! The command line's shape: the commands, their options and their English help (clap derive).
//! The French help is laid over it by [`super::french`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;

use super::completions::{self, Shell};
use crate::domain::lang::Lang;

/// Runs peer-coaching sessions (Case Clinic, codeveloppement, intervision) full-screen in the
/// terminal: a big countdown, the step, who speaks now, the rule of the moment.
#[derive(Debug, Parser)]
#[command(name = "intervision", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Language of the interface and of the methods' texts (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "Examples:
  intervision list
  intervision show case-clinic --people \"Ana,Ben,Chloé,David,Emma\"
  intervision check my-method.toml
  intervision run case-clinic --people 5
  intervision            (choose a method from a list, then run it)";

/// A language given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// French.
    Fr,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::En => Lang::En,
            LangArg::Fr => Lang::Fr,
        }
    }
}

/// How a listing or a timetable is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For other programs.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the methods available: built-in, then yours.
    #[command(after_help = "Example:\n  intervision list --format json")]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check method files and say where they are wrong.
    #[command(after_help = "Example:\n  intervision check methods/*.toml")]
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the timetable of a method for a group: each step's start and length, who speaks, each turn.
    #[command(
        after_help = "Examples:\n  intervision show case-clinic --people 5\n  intervision show codev --people \"Ana,Ben,Chloé,David,Emma,Farid\" --lang fr\n  intervision show ./my-method.toml --format json\n  intervision show codev --people 6 --fit 90m --drop-optional"
    )]
    Show(ShowArgs),
    /// Run a session full-screen: start screen, each step with its countdown, then the summary.
    #[command(
        after_help = "Examples:\n  intervision run case-clinic --people \"Ana,Ben,Chloé,David,Emma\"\n  intervision run codev --people 6 --lang fr\n  intervision run case-clinic --people 5 --auto --speed 10   # rehearse in 6 minutes"
    )]
    Run(RunArgs),
    /// Groups: the people who meet, the method they run, where their logs go.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Session logs: list them, show one, export one.
    #[command(subcommand)]
    Log(LogCommand),
    /// Resume a session whose program was killed, where it stopped; or close it as interrupted.
    #[command(
        after_help = "Examples:\n  intervision resume             # the latest unfinished session\n  intervision resume --close     # close it as interrupted, keeping its log\n  intervision resume 2026-11-23T14-00-00-case-clinic"
    )]
    Resume {
        /// The session's journal: its id (file name without .jsonl) or path; default: the latest unfinished one.
        #[arg(add = ArgValueCompleter::new(completions::session_id))]
        session: Option<String>,
        /// Close it as interrupted instead of resuming it.
        #[arg(long)]
        close: bool,
        /// Where the journals are (default: the user's data folder).
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
        /// No bell.
        #[arg(long)]
        quiet: bool,
    },
    /// Print the script that completes commands, methods, groups and sessions in a shell.
    #[command(
        after_help = "Examples:\n  intervision completions bash > ~/.local/share/bash-completion/completions/intervision\n  intervision completions zsh > ~/.zfunc/_intervision\n  intervision completions fish > ~/.config/fish/completions/intervision.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page, intervision(1), in roff.
    #[command(
        after_help = "Examples:\n  intervision man | man -l -\n  intervision man > ~/.local/share/man/man1/intervision.1"
    )]
    Man,
    /// Print the JSON Schema of a file format, for editors that check TOML files as they are written.
    #[command(
        after_help = "Examples:\n  intervision schema method > method.schema.json\n  intervision schema group --lang fr"
    )]
    Schema {
        /// Which file format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Follow the running session read-only, on a second screen (a projector, or over SSH).
    #[command(
        after_help = "Examples:\n  intervision watch              # the session running for you (waits for one)\n  intervision watch --list       # the sessions running for you\n  ssh host intervision watch     # from another machine, in a plain terminal"
    )]
    Watch {
        /// The session's program number, as `watch --list` shows it; default: the session running for you.
        session: Option<u32>,
        /// List the running sessions instead of following one.
        #[arg(long)]
        list: bool,
        /// The layout: room (the default: large letters, read from the back of the room) or laptop.
        #[arg(long, value_enum)]
        layout: Option<LayoutArg>,
    },
}

/// A file format with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A method file.
    Method,
    /// A group file.
    Group,
}

/// The `intervision group` commands.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a group file in the user's configuration folder.
    #[command(
        after_help = "Example:\n  intervision group new \"Intervision Lyon\" --members \"Ana,Ben,Chloé,David,Emma\" --method intervision"
    )]
    New {
        /// The group's name.
        name: String,
        /// The members, separated by commas.
        #[arg(long)]
        members: String,
        /// The method the group usually runs (an id or a path).
        #[arg(long, add = ArgValueCompleter::new(completions::method))]
        method: Option<String>,
    },
    /// List the groups.
    #[command(
        after_help = "Examples:\n  intervision group list\n  intervision group list --format json"
    )]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show a group: its members, its sessions, and who would hold each role next time.
    #[command(after_help = "Example:\n  intervision group show \"Intervision Lyon\"")]
    Show {
        /// The group's name or file.
        #[arg(add = ArgValueCompleter::new(completions::group_name))]
        group: String,
    },
}

/// The `intervision log` commands.
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// List the sessions: date, group, method, case giver, duration, complete or not.
    #[command(after_help = "Example:\n  intervision log list")]
    List {
        /// Where the journals are (default: the user's data folder and every group's folder).
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print a session's summary (Markdown).
    #[command(after_help = "Example:\n  intervision log show 2026-11-23T14-00-00-case-clinic")]
    Show {
        /// The session's id (as `log list` shows it), or a unique beginning of it.
        #[arg(add = ArgValueCompleter::new(completions::session_id))]
        id: String,
        /// Where the journals are.
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
    },
    /// Export a session, as Markdown or as JSON.
    #[command(
        after_help = "Examples:\n  intervision log export 2026-11-23T14-00-00-case-clinic --format md > minutes.md\n  intervision log export 2026-11-23T14 --format json"
    )]
    Export {
        /// The session's id, or a unique beginning of it.
        #[arg(add = ArgValueCompleter::new(completions::session_id))]
        id: String,
        /// md or json.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        /// Where the journals are.
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
    },
}

/// How a session is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// Markdown, for people.
    #[default]
    Md,
    /// JSON, for other programs.
    Json,
}

/// Options of `intervision show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A built-in id (see `intervision list`) or the path to a .toml file.
    #[arg(add = ArgValueCompleter::new(completions::method))]
    pub method: String,
    /// The group: a number of people, or names separated by commas (the first is the case giver).
    #[arg(long)]
    pub people: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Fit the session to a slot (90m, 1h30, 90min...): elastic steps scale within their bounds.
    #[arg(long, value_name = "SLOT")]
    pub fit: Option<String>,
    /// With --fit: leave out the optional steps.
    #[arg(long, requires = "fit")]
    pub drop_optional: bool,
}

/// Options of `intervision run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// A built-in id (see `intervision list`) or the path to a .toml file (with --group: the
    /// group's usual method when left out).
    #[arg(required_unless_present = "group", add = ArgValueCompleter::new(completions::method))]
    pub method: Option<String>,
    /// The group holding the session (its name or file): members, history and where logs go.
    /// A roles screen suggests who holds each role.
    #[arg(long, add = ArgValueCompleter::new(completions::group_name))]
    pub group: Option<String>,
    /// The group: a number of people, or names separated by commas (the first is the case giver).
    #[arg(long)]
    pub people: Option<String>,
    /// Start at once and move on at the end of each step and turn; leave at the end.
    #[arg(long)]
    pub auto: bool,
    /// Rehearsal: run the clock this many times faster (1 to 1000).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub speed: u32,
    /// Start muted: no sound at the end of steps and turns (`m` turns it on).
    #[arg(long)]
    pub quiet: bool,
    /// How ends are heard: chimes through the system's audio player, the terminal bell, or nothing (default: the config file's `sound`, else chime).
    #[arg(long, value_name = "SOUND", value_parser = ["bell", "chime", "none"])]
    pub sound: Option<String>,
    /// Where to save the session's journal (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub log_dir: Option<PathBuf>,
    /// Fit the session to a slot (90m, 1h30, 90min...): elastic steps scale within their bounds.
    #[arg(long, value_name = "SLOT")]
    pub fit: Option<String>,
    /// With --fit: leave out the optional steps.
    #[arg(long, requires = "fit")]
    pub drop_optional: bool,
    /// The screens' layout: room (a projector: large letters, no key bar) or laptop; by
    /// default, room on a window of 45 rows or more.
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
}

/// The layout of the session's screens, given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// For a projector: large letters, read from the back of the room; no key bar.
    Room,
    /// For a laptop: everything at once, the key bar shown.
    Laptop,
}

impl From<LayoutArg> for crate::ui::view::LayoutMode {
    fn from(arg: LayoutArg) -> crate::ui::view::LayoutMode {
        match arg {
            LayoutArg::Room => crate::ui::view::LayoutMode::Room,
            LayoutArg::Laptop => crate::ui::view::LayoutMode::Laptop,
        }
    }
}
