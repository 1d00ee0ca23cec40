//! The command line: `list`, `check`, `show` and `run`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod french;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use serde_json::json;

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{
    Clock, Facilitation, Method, Record, Speaker, StepKind, format_duration,
};
use crate::domain::plan::{Cast, People, Timetable};
use crate::domain::rotation::PastSession;
use crate::store::group::{self, Group};
use crate::store::journal;
use crate::store::library::{self, Entry, Folders, Origin};
use crate::store::logbook;
use crate::store::resume;
use crate::ui::cast_screen::CastScreen;
use crate::ui::runner::{self, ResumeChoice, RunOptions, RunReport};

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
        after_help = "Keys: space start/pause · n/p next/previous step · s next speaker · x pass · +/- a minute · r restart step · m bell · ? help · q quit\n\nExamples:\n  intervision run case-clinic --people \"Ana,Ben,Chloé,David,Emma\"\n  intervision run codev --people 6 --lang fr\n  intervision run case-clinic --people 5 --auto --speed 10   # rehearse in 6 minutes"
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
        #[arg(long)]
        method: Option<String>,
    },
    /// List the groups.
    #[command(after_help = "Example:\n  intervision group list")]
    List,
    /// Show a group: its members, its sessions, and who would hold each role next time.
    #[command(after_help = "Example:\n  intervision group show \"Intervision Lyon\"")]
    Show {
        /// The group's name or file.
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
    pub method: String,
    /// The group: a number of people, or names separated by commas (the first is the case giver).
    #[arg(long)]
    pub people: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Fit the session to a slot (90m, 1h30m...): elastic steps scale within their bounds.
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
    #[arg(required_unless_present = "group")]
    pub method: Option<String>,
    /// The group holding the session (its name or file): members, history and where logs go.
    /// A roles screen suggests who holds each role.
    #[arg(long)]
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
    /// No bell at the end of steps and turns.
    #[arg(long)]
    pub quiet: bool,
    /// Where to save the session's journal (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub log_dir: Option<PathBuf>,
    /// Fit the session to a slot (90m, 1h30m...): elastic steps scale within their bounds.
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

/// Runs the program with the process's arguments and environment; returns the exit status.
pub fn main() -> ExitCode {
    // The language is needed before parsing, for the help: `--lang` if given, else the environment.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = args
        .windows(2)
        .find_map(|pair| (pair[0] == "--lang").then(|| pair[1].to_string_lossy().into_owned()))
        .or_else(|| {
            args.iter().find_map(|arg| {
                arg.to_string_lossy()
                    .strip_prefix("--lang=")
                    .map(str::to_owned)
            })
        });
    let help_lang = asked
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_else(env_lang);
    let command = match help_lang {
        Lang::Fr => french::localize(Cli::command()),
        Lang::En => Cli::command(),
    };
    let matches = match command.try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) if help_lang == Lang::Fr => french::exit_with(&error),
        Err(error) => error.exit(),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let lang = cli.lang.map(Lang::from).unwrap_or_else(env_lang);
    let folders = Folders::standard();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Some(Command::List { format }) => list(&mut out, &folders, lang, format),
        Some(Command::Check { files }) => return check(&mut out, &files, lang),
        Some(Command::Show(args)) => show(&mut out, &folders, &args, lang),
        Some(Command::Run(args)) => run(&folders, &args, cli.lang.map(Lang::from), lang),
        Some(Command::Group(command)) => group_command(&mut out, &folders, command, lang),
        Some(Command::Log(command)) => log_command(&mut out, &folders, command, lang),
        Some(Command::Resume {
            session,
            close,
            log_dir,
            quiet,
        }) => resume(
            &folders,
            session.as_deref(),
            close,
            log_dir,
            quiet,
            cli.lang.map(Lang::from),
            lang,
        ),
        None => pick_and_run(&folders, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let label = match lang {
                Lang::En => "error",
                Lang::Fr => "erreur",
            };
            eprintln!("{label}: {}", message.trim_end());
            ExitCode::FAILURE
        }
    }
}

/// The interface language the environment asks for.
pub fn env_lang() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_env_values(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// A failed command: the message to print, already in the user's language.
type CmdResult = Result<(), String>;

fn io_error(error: std::io::Error) -> String {
    // A reader that stopped reading (`intervision list | head`) is not an error.
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    error.to_string()
}

fn list(out: &mut impl Write, folders: &Folders, lang: Lang, format: Format) -> CmdResult {
    let entries = library::catalogue(folders);
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> =
                entries.iter().map(|entry| list_json(entry, lang)).collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?
            )
            .map_err(io_error)
        }
        Format::Text => {
            let header = match lang {
                Lang::En => ["ID", "NAME", "STEPS", "TIME", "PEOPLE", "NOTES", "ORIGIN"],
                Lang::Fr => [
                    "ID",
                    "NOM",
                    "ÉTAPES",
                    "DURÉE",
                    "PERS.",
                    "REMARQUES",
                    "ORIGINE",
                ],
            };
            let mut rows: Vec<Vec<String>> = vec![header.map(str::to_owned).to_vec()];
            let mut broken = Vec::new();
            for entry in with_variants_after_parents(&entries) {
                let origin = match entry.origin.path() {
                    Some(path) => {
                        format!("{} ({})", entry.origin.label().get(lang), path.display())
                    }
                    None => entry.origin.label().get(lang).to_owned(),
                };
                match &entry.method {
                    Ok(method) => {
                        let people = method.default_people();
                        let total = Cast::assign(method, &People::Count(people))
                            .map(|cast| Clock(Timetable::new(method, &cast).total()).to_string())
                            .unwrap_or_else(|_| "?".into());
                        let id = if method.variant_of.is_some() {
                            format!("└ {}", entry.id)
                        } else {
                            entry.id.clone()
                        };
                        rows.push(vec![
                            id,
                            method.name.get(lang).to_owned(),
                            method.steps.len().to_string(),
                            total,
                            group_label(method),
                            method_notes(method, lang),
                            origin,
                        ]);
                    }
                    Err(error) => {
                        let broken_label = match lang {
                            Lang::En => "(cannot be read, see below)",
                            Lang::Fr => "(illisible, voir plus bas)",
                        };
                        rows.push(vec![
                            entry.id.clone(),
                            broken_label.to_owned(),
                            "-".into(),
                            "-".into(),
                            "-".into(),
                            String::new(),
                            origin,
                        ]);
                        broken.push(error.render(lang));
                    }
                }
            }
            write_table(out, &rows).map_err(io_error)?;
            for error in broken {
                writeln!(out).map_err(io_error)?;
                write!(out, "{error}").map_err(io_error)?;
            }
            Ok(())
        }
    }
}

/// The entries in the same order, except that a variant comes right after the method it varies
/// (when both come from the same place).
fn with_variants_after_parents(entries: &[Entry]) -> Vec<&Entry> {
    let variant_of = |entry: &Entry| {
        entry
            .method
            .as_ref()
            .ok()
            .and_then(|method| method.variant_of.clone())
    };
    let mut ordered: Vec<&Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        if let Some(parent) = variant_of(entry)
            && entries
                .iter()
                .any(|other| other.id == parent && same_place(&other.origin, &entry.origin))
        {
            continue;
        }
        ordered.push(entry);
        for variant in entries {
            if variant_of(variant).as_deref() == Some(entry.id.as_str())
                && same_place(&variant.origin, &entry.origin)
            {
                ordered.push(variant);
            }
        }
    }
    ordered
}

/// Whether two methods come from the same kind of place (built in, the user's folder...).
fn same_place(a: &Origin, b: &Origin) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// What a listing says of a method beyond its timings: a facilitator, what its log keeps.
fn method_notes(method: &Method, lang: Lang) -> String {
    let mut notes = Vec::new();
    match method.facilitation {
        Facilitation::SelfManaged => {}
        Facilitation::Recommended => notes.push(Bilingual::new(
            "facilitator recommended",
            "animateur recommandé",
        )),
        Facilitation::Required => {
            notes.push(Bilingual::new("facilitator required", "animateur requis"))
        }
    }
    match method.record {
        Record::All => {}
        Record::Timings => notes.push(Bilingual::new(
            "log: timings only",
            "journal : durées seulement",
        )),
        Record::None => notes.push(Bilingual::new("no log kept", "aucun journal")),
    }
    notes
        .iter()
        .map(|note| note.get(lang).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

fn group_label(method: &Method) -> String {
    match (method.group.min, method.group.max) {
        (Some(min), Some(max)) if min == max => min.to_string(),
        (Some(min), Some(max)) => format!("{min}-{max}"),
        (Some(min), None) => format!("{min}+"),
        (None, Some(max)) => format!("≤{max}"),
        (None, None) => "-".into(),
    }
}

fn list_json(entry: &Entry, lang: Lang) -> serde_json::Value {
    let origin = match entry.origin {
        Origin::BuiltIn => "builtin",
        Origin::User(_) => "user",
        Origin::Local(_) => "local",
        Origin::File(_) => "file",
    };
    let path = entry.origin.path().map(|path| path.display().to_string());
    match &entry.method {
        Ok(method) => {
            let people = method.default_people();
            let total = Cast::assign(method, &People::Count(people))
                .map(|cast| Timetable::new(method, &cast).total().as_secs())
                .ok();
            json!({
                "id": entry.id,
                "name": method.name.get(lang),
                "steps": method.steps.len(),
                "people": people,
                "total_s": total,
                "group": { "min": method.group.min, "max": method.group.max },
                "origin": origin,
                "path": path,
                "error": null,
            })
        }
        Err(error) => json!({
            "id": entry.id,
            "origin": origin,
            "path": path,
            "error": error.render(lang),
        }),
    }
}

/// Writes rows as left-aligned columns separated by two spaces.
fn write_table(out: &mut impl Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths = vec![0usize; rows.first().map_or(0, Vec::len)];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(widths.iter().copied()).enumerate() {
            line.push_str(cell);
            if index + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn check(out: &mut impl Write, files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut failed = false;
    for path in files {
        match library::load_file(path) {
            Ok(method) => {
                let people = method.default_people();
                let summary = match Cast::assign(&method, &People::Count(people)) {
                    Ok(cast) => {
                        let total = format_duration(Timetable::new(&method, &cast).total());
                        match lang {
                            Lang::En => format!(
                                "{}, {} steps, {total} for {people} people",
                                method.name.get(lang),
                                method.steps.len()
                            ),
                            Lang::Fr => format!(
                                "{}, {} étapes, {total} pour {people} personnes",
                                method.name.get(lang),
                                method.steps.len()
                            ),
                        }
                    }
                    Err(error) => {
                        failed = true;
                        eprintln!(
                            "{}: {}: {}",
                            if lang == Lang::En { "error" } else { "erreur" },
                            path.display(),
                            error.get(lang)
                        );
                        continue;
                    }
                };
                let _ = writeln!(out, "ok: {}: {summary}", path.display());
            }
            Err(error) => {
                failed = true;
                eprint!("{}", error.render(lang));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads the method a user names, with its cast, or says why not.
pub fn prepare(
    folders: &Folders,
    spec: &str,
    people: Option<&str>,
    lang: Lang,
) -> Result<(Method, Cast, Vec<String>), String> {
    let entry = library::find(spec, folders).map_err(|error| error.get(lang).to_owned())?;
    let method = entry.method.map_err(|error| error.render(lang))?;
    let people = match people {
        Some(text) => People::parse(text).map_err(|error| error.get(lang).to_owned())?,
        None => People::Count(method.default_people()),
    };
    let cast = Cast::assign(&method, &people).map_err(|error| error.get(lang).to_owned())?;
    let mut warnings = Vec::new();
    if !method.group.contains(people.len()) {
        let range = group_label(&method);
        warnings.push(
            Bilingual::new(
                format!(
                    "this method is made for {range} people; this session has {}",
                    people.len()
                ),
                format!(
                    "cette méthode est prévue pour {range} personnes ; cette séance en compte {}",
                    people.len()
                ),
            )
            .get(lang)
            .to_owned(),
        );
    }
    Ok((method, cast, warnings))
}

fn run(folders: &Folders, args: &RunArgs, asked_lang: Option<Lang>, lang: Lang) -> CmdResult {
    let group = match &args.group {
        Some(spec) => Some(find_group(folders, spec, lang)?),
        None => None,
    };
    let lang = asked_lang
        .or(group.as_ref().and_then(|group| group.language))
        .unwrap_or(lang);
    let spec = match (&args.method, &group) {
        (Some(method), _) => method.clone(),
        (None, Some(group)) => group.method.clone().ok_or_else(|| {
            Bilingual::new(
                format!("the group \"{}\" has no usual method: name one (intervision run METHOD --group ...) or add method = \"...\" to {}", group.name, group.path.display()),
                format!("le groupe \"{}\" n'a pas de méthode habituelle : nommez-en une (intervision run MÉTHODE --group ...) ou ajoutez method = \"...\" à {}", group.name, group.path.display()),
            )
            .get(lang)
            .to_owned()
        })?,
        (None, None) => unreachable!("clap requires a method or a group"),
    };
    let log_dir = args
        .log_dir
        .clone()
        .or_else(|| group.as_ref().and_then(|group| group.log_dir.clone()));
    let entry = library::find(&spec, folders).map_err(|error| error.get(lang).to_owned())?;
    let mut terminal_for_cast = None;
    let (method, cast, warnings, follow_up) = match &group {
        None => {
            let (method, cast, warnings) = prepare(folders, &spec, args.people.as_deref(), lang)?;
            (method, cast, warnings, None)
        }
        Some(group) => {
            let method = entry.method.clone().map_err(|error| error.render(lang))?;
            let members = match args.people.as_deref() {
                Some(text) => {
                    match People::parse(text).map_err(|error| error.get(lang).to_owned())? {
                        People::Names(names) => names,
                        People::Count(_) => group.members.clone(),
                    }
                }
                None => group.members.clone(),
            };
            let logs = group_logs(group, log_dir.as_deref());
            let history: Vec<PastSession> = logs.iter().map(past_session).collect();
            let follow_up = logs.iter().rev().find_map(|(id, log)| {
                let text = log.capture("action-plan")?;
                Some(crate::ui::app::FollowUp {
                    person: log.case_giver().unwrap_or_default().to_owned(),
                    text: text.to_owned(),
                    from: id.clone(),
                })
            });
            let mut screen = CastScreen::new(method.clone(), members, history);
            let cast = if args.auto {
                if let Some(problem) = &screen.problem {
                    return Err(problem.get(lang).to_owned());
                }
                screen.cast()
            } else {
                let mut terminal = open_terminal(lang)?;
                let chosen = runner::choose_cast(&mut terminal, &mut screen, &group.name, lang);
                match chosen {
                    Ok(true) => {}
                    Ok(false) => {
                        ratatui::restore();
                        return Ok(());
                    }
                    Err(error) => {
                        ratatui::restore();
                        return Err(error.to_string());
                    }
                }
                terminal_for_cast = Some(terminal);
                screen.cast()
            };
            (method, cast, Vec::new(), follow_up)
        }
    };
    let timetable = match &args.fit {
        Some(slot) => match fitted_table(&method, &cast, Some(slot), args.drop_optional, lang) {
            Ok(table) => Some((
                table,
                crate::domain::method::parse_duration(slot).unwrap_or_default(),
                args.drop_optional,
            )),
            Err(error) => {
                // The roles screen may have taken the terminal: give it back before saying why.
                if terminal_for_cast.is_some() {
                    ratatui::restore();
                }
                return Err(error);
            }
        },
        None => None,
    };
    let options = RunOptions {
        method_id: entry.id.clone(),
        method_path: entry.origin.path().map(|path| path.display().to_string()),
        lang,
        auto: args.auto,
        speed: args.speed,
        quiet: args.quiet,
        log_dir: log_dir.clone(),
        group: group.as_ref().map(|group| group.name.clone()),
        record: group.as_ref().and_then(|group| group.record),
        follow_up,
        resume: None,
        timetable,
        layout: args
            .layout
            .map_or(crate::ui::view::LayoutMode::Auto, Into::into),
    };
    let mut terminal = match terminal_for_cast {
        Some(terminal) => terminal,
        None => open_terminal(lang)?,
    };
    // An unfinished session in the same folder is offered first (not in unattended runs).
    if !args.auto {
        let dir = log_dir.clone().or_else(journal::default_dir);
        if let Some(interrupted) = dir
            .map(|dir| resume::find(&[dir]))
            .and_then(|found| found.into_iter().next())
        {
            match runner::ask_resume(&mut terminal, &interrupted, lang) {
                Ok(ResumeChoice::Resume) => {
                    let result = resume_in(
                        &mut terminal,
                        folders,
                        interrupted,
                        log_dir.clone(),
                        args.quiet,
                        Some(lang),
                    );
                    ratatui::restore();
                    return result.and_then(|(report, lang)| finish_run(Ok(report), &[], lang));
                }
                Ok(ResumeChoice::Close) => {
                    if let Err(error) = runner::close_interrupted(&interrupted) {
                        ratatui::restore();
                        return Err(error);
                    }
                }
                Ok(ResumeChoice::Leave) => {}
                Ok(ResumeChoice::Quit) => {
                    ratatui::restore();
                    return Ok(());
                }
                Err(error) => {
                    ratatui::restore();
                    return Err(error.to_string());
                }
            }
        }
    }
    let report = runner::run(&mut terminal, method, cast, &options);
    ratatui::restore();
    finish_run(report, &warnings, lang)
}

/// A group by name or file, with an error in the user's language.
fn find_group(folders: &Folders, spec: &str, lang: Lang) -> Result<Group, String> {
    let config = folders.config.clone().unwrap_or_else(|| PathBuf::from("."));
    group::find(spec, &config).map_err(|error| error.get(lang).to_owned())
}

/// The group's past sessions, oldest first, with their ids.
fn group_logs(
    group: &Group,
    log_dir: Option<&std::path::Path>,
) -> Vec<(String, logbook::SessionLog)> {
    let dirs: Vec<PathBuf> = log_dir
        .map(PathBuf::from)
        .or_else(journal::default_dir)
        .into_iter()
        .collect();
    logbook::list(&dirs)
        .into_iter()
        .filter_map(|entry| Some((entry.id, entry.log.ok()?)))
        .filter(|(_, log)| {
            log.group
                .as_deref()
                .is_some_and(|name| name.eq_ignore_ascii_case(&group.name))
        })
        .collect()
}

/// What the rotation needs of a past session: who came, who held which role.
fn past_session((_, log): &(String, logbook::SessionLog)) -> PastSession {
    let key = |id: &str| {
        log.roles
            .iter()
            .find(|role| role.id == id)
            .and_then(|role| role.function.clone())
            .unwrap_or_else(|| id.to_owned())
    };
    PastSession {
        attendees: log
            .people
            .iter()
            .filter_map(|person| person.name.clone())
            .collect(),
        roles: log
            .people
            .iter()
            .filter_map(|person| Some((person.name.clone()?, person)))
            .flat_map(|(name, person)| person.roles.iter().map(move |id| (name.clone(), key(id))))
            .collect(),
    }
}

fn group_command(
    out: &mut impl Write,
    folders: &Folders,
    command: GroupCommand,
    lang: Lang,
) -> CmdResult {
    let config = folders.config.clone().unwrap_or_else(|| PathBuf::from("."));
    match command {
        GroupCommand::New {
            name,
            members,
            method,
        } => {
            let members =
                match People::parse(&members).map_err(|error| error.get(lang).to_owned())? {
                    People::Names(names) => names,
                    People::Count(_) => {
                        return Err(Bilingual::new(
                        "--members takes names separated by commas (\"Ana,Ben,Chloé\")",
                        "--members prend des prénoms séparés par des virgules (\"Ana,Ben,Chloé\")",
                    )
                    .get(lang)
                    .to_owned());
                    }
                };
            if let Some(method) = &method {
                library::find(method, folders).map_err(|error| error.get(lang).to_owned())?;
            }
            let path = group::create(&config, &name, &members, method.as_deref())
                .map_err(|error| error.get(lang).to_owned())?;
            let created = Bilingual::new("group created:", "groupe créé :");
            writeln!(out, "{} {}", created.get(lang), path.display()).map_err(io_error)?;
            let hint = Bilingual::new(
                format!(
                    "start a session with: intervision run --group \"{name}\"{}",
                    if method.is_none() { " METHOD" } else { "" }
                ),
                format!(
                    "lancez une séance avec : intervision run --group \"{name}\"{}",
                    if method.is_none() { " MÉTHODE" } else { "" }
                ),
            );
            writeln!(out, "{}", hint.get(lang)).map_err(io_error)
        }
        GroupCommand::List => {
            let groups = group::list(&config);
            if groups.is_empty() {
                let none = Bilingual::new(
                    "no group yet: create one with intervision group new NAME --members \"Ana,Ben,...\"",
                    "aucun groupe pour l'instant : créez-en un avec intervision group new NOM --members \"Ana,Ben,...\"",
                );
                return writeln!(out, "{}", none.get(lang)).map_err(io_error);
            }
            for group in groups {
                match group {
                    Ok(group) => {
                        let sessions = group_logs(&group, group.log_dir.as_deref()).len();
                        let (members, sessions_word) = match lang {
                            Lang::En => ("members", "sessions"),
                            Lang::Fr => ("membres", "séances"),
                        };
                        writeln!(
                            out,
                            "{}  ·  {} {members}  ·  {sessions} {sessions_word}  ·  {}  ·  {}",
                            group.name,
                            group.members.len(),
                            group.method.as_deref().unwrap_or("-"),
                            group.path.display()
                        )
                        .map_err(io_error)?;
                    }
                    Err(error) => write!(out, "{}", error.render(lang)).map_err(io_error)?,
                }
            }
            Ok(())
        }
        GroupCommand::Show { group: spec } => {
            let group = find_group(folders, &spec, lang)?;
            let logs = group_logs(&group, group.log_dir.as_deref());
            writeln!(out, "{}  ({})", group.name, group.path.display()).map_err(io_error)?;
            writeln!(
                out,
                "{}{}{}",
                Bilingual::new("Members", "Membres").get(lang),
                crate::ui::view::colon(lang),
                group.members.join(", ")
            )
            .map_err(io_error)?;
            writeln!(
                out,
                "{}{}{}",
                Bilingual::new("Sessions", "Séances").get(lang),
                crate::ui::view::colon(lang),
                logs.len()
            )
            .map_err(io_error)?;
            for (id, log) in &logs {
                let case_giver = log.case_giver().unwrap_or("-");
                writeln!(out, "  {id}  {}  ·  {case_giver}", log.method_name).map_err(io_error)?;
            }
            if let Some(spec) = &group.method {
                let method = library::find(spec, folders)
                    .map_err(|error| error.get(lang).to_owned())?
                    .method
                    .map_err(|error| error.render(lang))?;
                let history: Vec<PastSession> = logs.iter().map(past_session).collect();
                let cast = crate::domain::rotation::suggest(&method, &group.members, &history)
                    .map_err(|error| error.get(lang).to_owned())?;
                writeln!(
                    out,
                    "{}{}",
                    Bilingual::new("Next time, suggested", "La prochaine fois, suggestion")
                        .get(lang),
                    crate::ui::view::colon(lang).trim_end()
                )
                .map_err(io_error)?;
                for (index, person) in cast.people.iter().enumerate() {
                    writeln!(
                        out,
                        "  {}: {}",
                        person.name.as_deref().unwrap_or("?"),
                        cast.role_names(&method, index, lang)
                    )
                    .map_err(io_error)?;
                }
            }
            Ok(())
        }
    }
}

/// The folders holding journals: the one given, else the user's data folder and every group's.
fn log_dirs(folders: &Folders, log_dir: Option<PathBuf>) -> Vec<PathBuf> {
    if let Some(dir) = log_dir {
        return vec![dir];
    }
    let mut dirs: Vec<PathBuf> = journal::default_dir().into_iter().collect();
    if let Some(config) = &folders.config {
        for group in group::list(config).into_iter().flatten() {
            if let Some(dir) = group.log_dir
                && !dirs.contains(&dir)
            {
                dirs.push(dir);
            }
        }
    }
    dirs
}

fn log_command(
    out: &mut impl Write,
    folders: &Folders,
    command: LogCommand,
    lang: Lang,
) -> CmdResult {
    match command {
        LogCommand::List { log_dir, format } => {
            let entries = logbook::list(&log_dirs(folders, log_dir));
            if format == Format::Json {
                let items: Vec<serde_json::Value> = entries
                    .iter()
                    .map(|entry| match &entry.log {
                        Ok(log) => json!({
                            "id": entry.id, "path": entry.path, "started": log.started, "group": log.group,
                            "method": log.method_name, "case_giver": log.case_giver(),
                            "active_s": log.active_s, "status": log.status,
                        }),
                        Err(error) => json!({ "id": entry.id, "path": entry.path, "error": error.get(lang) }),
                    })
                    .collect();
                return writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?
                )
                .map_err(io_error);
            }
            if entries.is_empty() {
                return writeln!(
                    out,
                    "{}",
                    Bilingual::new(
                        "no session logs yet",
                        "aucun journal de séance pour l'instant"
                    )
                    .get(lang)
                )
                .map_err(io_error);
            }
            let header = match lang {
                Lang::En => [
                    "ID",
                    "DATE",
                    "GROUP",
                    "METHOD",
                    "CASE GIVER",
                    "TIME",
                    "STATUS",
                ],
                Lang::Fr => [
                    "ID", "DATE", "GROUPE", "MÉTHODE", "PORTEUR", "DURÉE", "ÉTAT",
                ],
            };
            let mut rows: Vec<[String; 7]> = vec![header.map(str::to_owned)];
            for entry in &entries {
                let row = match &entry.log {
                    Ok(log) => [
                        entry.id.clone(),
                        log.started
                            .get(..16)
                            .unwrap_or(&log.started)
                            .replace('T', " "),
                        log.group.clone().unwrap_or_else(|| "-".into()),
                        log.method_name.clone(),
                        log.case_giver().unwrap_or("-").to_owned(),
                        Clock(std::time::Duration::from_secs_f64(log.active_s.max(0.0)))
                            .to_string(),
                        match (log.status, lang) {
                            (logbook::Status::Completed, Lang::En) => "complete".into(),
                            (logbook::Status::Completed, Lang::Fr) => "complète".into(),
                            (logbook::Status::Stopped, Lang::En) => "stopped early".into(),
                            (logbook::Status::Stopped, Lang::Fr) => "arrêtée avant la fin".into(),
                            (logbook::Status::Interrupted, Lang::En) => "interrupted".into(),
                            (logbook::Status::Interrupted, Lang::Fr) => "interrompue".into(),
                        },
                    ],
                    Err(error) => [
                        entry.id.clone(),
                        "-".into(),
                        "-".into(),
                        error.get(lang).to_owned(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ],
                };
                rows.push(row);
            }
            let mut widths = [0usize; 7];
            for row in &rows {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            for row in &rows {
                let line: Vec<String> = row
                    .iter()
                    .zip(widths)
                    .map(|(cell, width)| {
                        format!("{cell}{}", " ".repeat(width - cell.chars().count()))
                    })
                    .collect();
                writeln!(out, "{}", line.join("  ").trim_end()).map_err(io_error)?;
            }
            Ok(())
        }
        LogCommand::Show { id, log_dir } => {
            let entry = logbook::find(&id, &log_dirs(folders, log_dir))
                .map_err(|error| error.get(lang).to_owned())?;
            let log = entry.log.map_err(|error| error.get(lang).to_owned())?;
            write!(out, "{}", logbook::markdown(&log, lang)).map_err(io_error)
        }
        LogCommand::Export {
            id,
            format,
            log_dir,
        } => {
            let entry = logbook::find(&id, &log_dirs(folders, log_dir))
                .map_err(|error| error.get(lang).to_owned())?;
            let log = entry.log.map_err(|error| error.get(lang).to_owned())?;
            match format {
                ExportFormat::Md => {
                    write!(out, "{}", logbook::markdown(&log, lang)).map_err(io_error)
                }
                ExportFormat::Json => writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&logbook::to_json(&log))
                        .map_err(|e| e.to_string())?
                )
                .map_err(io_error),
            }
        }
    }
}

/// Runs an interrupted session again from where it stopped; returns the report and the language
/// it ran in.
fn resume_in(
    terminal: &mut ratatui::DefaultTerminal,
    folders: &Folders,
    interrupted: resume::Interrupted,
    log_dir: Option<PathBuf>,
    quiet: bool,
    lang: Option<Lang>,
) -> Result<(RunReport, Lang), String> {
    let start = &interrupted.start;
    let lang = lang
        .or_else(|| start["language"].as_str().and_then(Lang::from_tag))
        .unwrap_or_else(env_lang);
    let method = match interrupted.method_path() {
        Some(path) => library::load_file(std::path::Path::new(path)),
        None => {
            library::find(interrupted.method_id(), folders)
                .map_err(|error| error.get(lang).to_owned())?
                .method
        }
    }
    .map_err(|error| error.render(lang))?;
    let cast = interrupted.cast();
    let follow_up = start["follow_up"]
        .as_object()
        .map(|follow_up| crate::ui::app::FollowUp {
            person: follow_up
                .get("person")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            text: follow_up
                .get("text")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
            from: follow_up
                .get("from")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned(),
        });
    let options = RunOptions {
        method_id: interrupted.method_id().to_owned(),
        method_path: interrupted.method_path().map(str::to_owned),
        lang,
        auto: start["auto"].as_bool().unwrap_or(false),
        speed: start["speed"]
            .as_u64()
            .map_or(1, |speed| speed.clamp(1, 1000) as u32),
        quiet,
        log_dir,
        group: start["group"].as_str().map(str::to_owned),
        record: start["record"].as_str().and_then(|record| match record {
            "timings" => Some(crate::domain::method::Record::Timings),
            "all" => Some(crate::domain::method::Record::All),
            _ => None,
        }),
        follow_up,
        resume: Some(interrupted),
        timetable: None,
        layout: crate::ui::view::LayoutMode::Auto,
    };
    let report =
        runner::run(terminal, method, cast, &options).map_err(|error| error.to_string())?;
    Ok((report, lang))
}

fn resume(
    folders: &Folders,
    session: Option<&str>,
    close: bool,
    log_dir: Option<PathBuf>,
    quiet: bool,
    asked_lang: Option<Lang>,
    lang: Lang,
) -> CmdResult {
    let dirs: Vec<PathBuf> = log_dir
        .clone()
        .or_else(journal::default_dir)
        .into_iter()
        .collect();
    let interrupted = match session {
        Some(spec) => {
            let path = if spec.contains('/') || spec.ends_with(".jsonl") {
                PathBuf::from(spec)
            } else {
                dirs.first()
                    .map(|dir| dir.join(format!("{spec}.jsonl")))
                    .unwrap_or_else(|| PathBuf::from(spec))
            };
            resume::read(&path)
                .map_err(|error| error.get(lang).to_owned())?
                .ok_or_else(|| {
                    Bilingual::new(
                        format!(
                            "{} ended normally: there is nothing to resume",
                            path.display()
                        ),
                        format!(
                            "{} s'est terminée normalement : il n'y a rien à reprendre",
                            path.display()
                        ),
                    )
                    .get(lang)
                    .to_owned()
                })?
        }
        None => resume::find(&dirs).into_iter().next().ok_or_else(|| {
            Bilingual::new(
                format!(
                    "no unfinished session in {}",
                    dirs.iter()
                        .map(|d| d.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                format!(
                    "aucune séance inachevée dans {}",
                    dirs.iter()
                        .map(|d| d.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .get(lang)
            .to_owned()
        })?,
    };
    if close {
        let path = runner::close_interrupted(&interrupted)?;
        let message = Bilingual::new("closed as interrupted:", "close comme interrompue :");
        println!("{} {}", message.get(lang), path.display());
        return Ok(());
    }
    let mut terminal = open_terminal(lang)?;
    let result = resume_in(
        &mut terminal,
        folders,
        interrupted,
        log_dir,
        quiet,
        asked_lang,
    );
    ratatui::restore();
    let (report, lang) = result?;
    finish_run(Ok(report), &[], lang)
}

fn open_terminal(lang: Lang) -> Result<ratatui::DefaultTerminal, String> {
    ratatui::try_init().map_err(|error| match lang {
        Lang::En => format!("cannot open the terminal full-screen ({error}); run intervision in a terminal"),
        Lang::Fr => format!("impossible d'ouvrir le terminal en plein écran ({error}) ; lancez intervision dans un terminal"),
    })
}

fn finish_run(report: std::io::Result<RunReport>, warnings: &[String], lang: Lang) -> CmdResult {
    let report = report.map_err(|error| error.to_string())?;
    for warning in warnings {
        eprintln!(
            "{}: {warning}",
            if lang == Lang::En {
                "warning"
            } else {
                "attention"
            }
        );
    }
    print!("{}", report.summary);
    match &report.journal {
        Ok(path) => println!(
            "{} {}",
            if lang == Lang::En {
                "Journal:"
            } else {
                "Journal :"
            },
            path.display()
        ),
        Err(reason) => eprintln!("journal: {reason}"),
    }
    match &report.markdown {
        Some(Ok(path)) => println!(
            "{}{}{}",
            Bilingual::new("Summary", "Compte rendu").get(lang),
            crate::ui::view::colon(lang),
            path.display()
        ),
        Some(Err(reason)) => eprintln!(
            "{}{}{reason}",
            Bilingual::new("summary", "compte rendu").get(lang),
            crate::ui::view::colon(lang)
        ),
        None => {}
    }
    if report.interrupted {
        return Err(Bilingual::new(
            "the session was interrupted by a signal; its journal is kept",
            "la séance a été interrompue par un signal ; son journal est conservé",
        )
        .get(lang)
        .to_owned());
    }
    Ok(())
}

fn pick_and_run(folders: &Folders, lang: Lang) -> CmdResult {
    let items: Vec<(String, Method, u32, std::time::Duration)> = library::catalogue(folders)
        .into_iter()
        .filter_map(|entry| {
            let method = entry.method.ok()?;
            let people = method.default_people();
            let cast = Cast::assign(&method, &People::Count(people)).ok()?;
            let total = Timetable::new(&method, &cast).total();
            Some((entry.id, method, people, total))
        })
        .collect();
    let mut terminal = open_terminal(lang)?;
    let chosen = match runner::pick(&mut terminal, &items, lang) {
        Ok(Some(index)) => index,
        Ok(None) => {
            ratatui::restore();
            return Ok(());
        }
        Err(error) => {
            ratatui::restore();
            return Err(error.to_string());
        }
    };
    let (id, method, people, _) = items
        .into_iter()
        .nth(chosen)
        .expect("the picker returns a listed index");
    let cast = Cast::assign(&method, &People::Count(people))
        .map_err(|error| error.get(lang).to_owned())?;
    let options = RunOptions {
        method_id: id,
        lang,
        auto: false,
        speed: 1,
        quiet: false,
        log_dir: None,
        group: None,
        record: None,
        follow_up: None,
        method_path: None,
        resume: None,
        timetable: None,
        layout: crate::ui::view::LayoutMode::Auto,
    };
    let report = runner::run(&mut terminal, method, cast, &options);
    ratatui::restore();
    finish_run(report, &[], lang)
}

/// Who speaks in a step, in words.
pub fn speaker_label(method: &Method, cast: &Cast, speaker: &Speaker, lang: Lang) -> String {
    match speaker {
        Speaker::All => Bilingual::new("everyone", "tout le monde")
            .get(lang)
            .to_owned(),
        Speaker::Nobody => Bilingual::new("nobody", "personne").get(lang).to_owned(),
        Speaker::Roles(ids) => ids
            .iter()
            .map(|id| {
                let role = method
                    .role(id)
                    .map_or(id.as_str(), |role| role.name.get(lang));
                let names: Vec<String> = cast
                    .holders(id)
                    .into_iter()
                    .filter_map(|i| cast.people[i].name.clone())
                    .collect();
                if names.is_empty() {
                    role.to_owned()
                } else {
                    format!("{role} ({})", names.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" + "),
    }
}

/// The kind of a step, in words.
pub fn kind_label(kind: StepKind, lang: Lang) -> &'static str {
    let (en, fr) = match kind {
        StepKind::Talk => ("talk", "parole"),
        StepKind::Round => ("round", "tour"),
        StepKind::Open => ("open", "échange"),
        StepKind::Silence => ("silence", "silence"),
        StepKind::Writing => ("writing", "écriture"),
    };
    if lang == Lang::En { en } else { fr }
}

fn show(out: &mut impl Write, folders: &Folders, args: &ShowArgs, lang: Lang) -> CmdResult {
    let (spec, people, format, fit, drop_optional) = (
        &args.method,
        args.people.as_deref(),
        args.format,
        args.fit.as_deref(),
        args.drop_optional,
    );
    let (method, cast, warnings) = prepare(folders, spec, people, lang)?;
    for warning in &warnings {
        eprintln!(
            "{}: {warning}",
            if lang == Lang::En {
                "warning"
            } else {
                "attention"
            }
        );
    }
    let (table, dropped) = fitted_table_and_dropped(&method, &cast, fit, drop_optional, lang)?;
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&timetable_json(&method, &cast, &table, lang))
            .map_err(|e| e.to_string())?,
        Format::Text => {
            let mut text = timetable_text(&method, &cast, &table, lang);
            if let Some(slot) = fit {
                let line = match (lang, dropped.is_empty()) {
                    (Lang::En, true) => format!("Fitted to the {slot} slot.\n"),
                    (Lang::En, false) => format!(
                        "Fitted to the {slot} slot, without: {}.\n",
                        dropped.join(", ")
                    ),
                    (Lang::Fr, true) => format!("Ajusté au créneau de {slot}.\n"),
                    (Lang::Fr, false) => format!(
                        "Ajusté au créneau de {slot}, sans : {}.\n",
                        dropped.join(", ")
                    ),
                };
                text.push_str(&line);
            }
            text
        }
    };
    writeln!(out, "{}", text.trim_end()).map_err(io_error)
}

/// The method's timetable for `cast`, fitted to `slot` when one is given.
fn fitted_table(
    method: &Method,
    cast: &Cast,
    slot: Option<&str>,
    drop_optional: bool,
    lang: Lang,
) -> Result<Timetable, String> {
    fitted_table_and_dropped(method, cast, slot, drop_optional, lang).map(|(table, _)| table)
}

/// The fitted timetable and the names of the steps it leaves out.
fn fitted_table_and_dropped(
    method: &Method,
    cast: &Cast,
    slot: Option<&str>,
    drop_optional: bool,
    lang: Lang,
) -> Result<(Timetable, Vec<String>), String> {
    let table = Timetable::new(method, cast);
    let Some(slot) = slot else {
        return Ok((table, Vec::new()));
    };
    let target = crate::domain::method::parse_duration(slot).map_err(|_| {
        Bilingual::new(
            format!("cannot read the slot \"{slot}\": write a duration such as 90m, 1h30m or 2h"),
            format!("créneau illisible : \"{slot}\" ; écrivez une durée comme 90m, 1h30m ou 2h"),
        )
        .get(lang)
        .to_owned()
    })?;
    let fitted = crate::domain::fit::fit(
        method,
        &table,
        target,
        crate::domain::fit::FitOptions { drop_optional },
    )
    .map_err(|error| error.get(lang).to_owned())?;
    let mut dropped: Vec<String> = fitted
        .dropped
        .iter()
        .map(|&position| {
            method.steps[table.steps[position].index]
                .name
                .get(lang)
                .to_owned()
        })
        .collect();
    dropped.dedup();
    Ok((crate::domain::fit::apply(&table, &fitted), dropped))
}

/// The timetable as JSON: steps with `name`, `kind`, `start_s`, `duration_s`, their turns, and `total_s`.
pub fn timetable_json(
    method: &Method,
    cast: &Cast,
    table: &Timetable,
    lang: Lang,
) -> serde_json::Value {
    let person = |index: usize| {
        json!({
            "index": index,
            "name": cast.people[index].name,
            "label": cast.label(method, index, lang),
            "roles": cast.people[index].roles,
        })
    };
    let steps: Vec<serde_json::Value> = table
        .steps
        .iter()
        .map(|planned| {
            let step = &method.steps[planned.index];
            let cast = planned.cast_or(cast);
            let person = |index: usize| {
                json!({
                    "index": index,
                    "name": cast.people[index].name,
                    "label": cast.label(method, index, lang),
                    "roles": cast.people[index].roles,
                })
            };
            json!({
                "name": crate::domain::plan::pass_name(step.name.get(lang), planned.pass, cast),
                "pass": planned.pass.map(|pass| json!({ "number": pass.number + 1, "of": pass.of, "client": person(pass.client) })),
                "kind": step.kind.as_str(),
                "start_s": planned.start.as_secs(),
                "duration_s": planned.duration.as_secs(),
                "speaker": match &step.speaker { Speaker::All => json!("all"), Speaker::Nobody => json!("none"), Speaker::Roles(ids) if ids.len() == 1 => json!(ids[0]), Speaker::Roles(ids) => json!(ids) },
                "speakers": planned.speakers.iter().map(|&i| person(i)).collect::<Vec<_>>(),
                "turns": planned.turns.iter().map(|turn| json!({
                    "speaker": person(turn.person),
                    "start_s": (planned.start + turn.offset).as_secs(),
                    "duration_s": turn.duration.as_secs(),
                    "tail": turn.is_tail,
                })).collect::<Vec<_>>(),
                "prompts": step.prompts.iter().map(|text| text.get(lang)).collect::<Vec<_>>(),
                "rules": step.rules.iter().map(|text| text.get(lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "method": method.name.get(lang),
        "language": lang.tag(),
        "people": (0..cast.people.len()).map(person).collect::<Vec<_>>(),
        "slot_s": method.slot.map(|slot| slot.as_secs()),
        "steps": steps,
        "total_s": table.total().as_secs(),
    })
}

/// The timetable as a facilitator would print it.
pub fn timetable_text(method: &Method, cast: &Cast, table: &Timetable, lang: Lang) -> String {
    let mut out = String::new();
    let people = cast.people.len();
    let total = Clock(table.total());
    let (people_word, steps_word, slot_word) = match lang {
        Lang::En => ("people", "of steps", "slot"),
        Lang::Fr => ("personnes", "d'étapes", "créneau"),
    };
    let mut header = format!(
        "{} · {people} {people_word} · {total} {steps_word}",
        method.name.get(lang)
    );
    if let Some(slot) = method.slot {
        header.push_str(&format!(" · {slot_word} {}", format_duration(slot)));
    }
    out.push_str(&header);
    out.push('\n');
    if let Some(source) = &method.source {
        out.push_str(&format!(
            "{} {source}\n",
            if lang == Lang::En {
                "Source:"
            } else {
                "Source :"
            }
        ));
    }
    out.push('\n');
    let cast_title = if lang == Lang::En {
        "Cast"
    } else {
        "Distribution"
    };
    out.push_str(&format!("{cast_title}\n"));
    for index in 0..people {
        let who = cast.label(method, index, lang);
        let roles = cast.role_names(method, index, lang);
        if cast.people[index].name.is_some() && !roles.is_empty() {
            out.push_str(&format!("  {who}: {roles}\n"));
        } else if cast.people[index].name.is_some() || roles.is_empty() {
            out.push_str(&format!("  {who}\n"));
        } else {
            out.push_str(&format!(
                "  {who}{}\n",
                if roles.contains(", ") {
                    format!(" ({roles})")
                } else {
                    String::new()
                }
            ));
        }
    }
    out.push('\n');
    let (start, length, step_word) = if lang == Lang::En {
        ("start", "length", "step")
    } else {
        ("début", "durée", "étape")
    };
    out.push_str(&format!("{start:>8}  {length:>7}  {step_word}\n"));
    for (position, planned) in table.steps.iter().enumerate() {
        let step = &method.steps[planned.index];
        let cast = planned.cast_or(cast);
        let who = if step.kind == StepKind::Round {
            let passes = step.passes.max(1) as usize;
            let count = planned.turns.iter().filter(|turn| !turn.is_tail).count() / passes;
            let role = speaker_label(method, &Cast { people: vec![] }, &step.speaker, lang);
            let tail = step
                .tail
                .as_ref()
                .and_then(|tail| method.role(&tail.role))
                .map(|role| role.name.get(lang));
            let mut who = match (lang, tail) {
                (Lang::En, None) => format!("{count} × {role}"),
                (Lang::En, Some(tail)) => format!("{count} × {role}, then {tail}"),
                (Lang::Fr, None) => format!("{count} × {role}"),
                (Lang::Fr, Some(tail)) => format!("{count} × {role}, puis {tail}"),
            };
            if passes > 1 {
                who.push_str(&match lang {
                    Lang::En => format!(", {passes} passes"),
                    Lang::Fr => format!(", {passes} passages"),
                });
            }
            who
        } else {
            speaker_label(method, cast, &step.speaker, lang)
        };
        out.push_str(&format!(
            "{:>8}  {:>7}  {}. {} · {} · {who}\n",
            Clock(planned.start).to_string(),
            Clock(planned.duration).to_string(),
            position + 1,
            crate::domain::plan::pass_name(step.name.get(lang), planned.pass, cast),
            kind_label(step.kind, lang),
        ));
        for turn in &planned.turns {
            out.push_str(&format!(
                "{:>8}  {:>7}       {}\n",
                Clock(planned.start + turn.offset).to_string(),
                Clock(turn.duration).to_string(),
                cast.label(method, turn.person, lang),
            ));
        }
    }
    out.push_str(&format!(
        "{:>8}  {:>7}  {}\n",
        Clock(table.total()).to_string(),
        "",
        if lang == Lang::En { "end" } else { "fin" }
    ));
    out
}
