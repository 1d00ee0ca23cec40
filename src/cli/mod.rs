//! The command line: one file per command (`list`, `check`, `show`, `run`, `group`, `log`,
//! `resume`, `completions`, `man`, `schema`), the options in [`args`], the French help in `french`, and what they share to
//! print in `output` and `timetable`. This is the edge: errors become messages and exit codes
//! here, and nowhere below.

use std::ffi::OsString;
use std::process::ExitCode;

mod args;
mod check;
mod completions;
mod errors;
mod french;
mod group;
mod list;
mod log;
mod man;
mod output;
mod resume;
mod run;
mod schema;
mod show;
mod timetable;
mod watch;

use clap::{CommandFactory, FromArgMatches};

pub use args::{
    Cli, Command, ExportFormat, Format, GroupCommand, LangArg, LogCommand, RunArgs, SchemaKind,
    ShowArgs,
};
pub use completions::Shell;
pub use man::page as man_page;
pub use schema::{file_name as schema_file_name, generate as schema};
pub use show::prepare;
pub use timetable::{kind_label, speaker_label, timetable_json, timetable_text};

use crate::domain::lang::{Bilingual, Lang};
use crate::store::library::Folders;
use output::Failure;

/// Runs the program with the process's arguments and environment; returns the exit status.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let help_lang = help_lang(&args);
    match completions::answer(&args, env_lang()) {
        Ok(false) => {}
        Ok(true) => return ExitCode::SUCCESS,
        Err(message) => {
            let label = Bilingual::new("error:", "erreur :");
            eprintln!("{} {message}", label.get(env_lang()));
            return ExitCode::FAILURE;
        }
    }
    let matches = match command_line(help_lang).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => return parse_failure(&error, help_lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => return parse_failure(&error, help_lang),
    };
    let asked_lang = cli.lang.map(Lang::from);
    let lang = asked_lang.unwrap_or_else(env_lang);
    output::set_output_lang(lang);
    let folders = Folders::standard();
    let stdout = std::io::stdout();
    // Whatever a command prints from a file reaches the terminal escaped.
    let mut out = crate::store::text::Printable::new(stdout.lock());
    let result = match cli.command {
        Some(Command::List { format }) => list::list(&mut out, &folders, lang, format),
        Some(Command::Check { files }) => return check::check(&mut out, &files, lang),
        Some(Command::Show(args)) => show::show(&mut out, &folders, &args, lang),
        Some(Command::Run(args)) => run::run(&folders, &args, asked_lang, lang),
        Some(Command::Group(command)) => group::group_command(&mut out, &folders, command, lang),
        Some(Command::Log(command)) => log::log_command(&mut out, &folders, command, lang),
        Some(Command::Resume {
            session,
            close,
            log_dir,
            quiet,
        }) => resume::resume(
            &folders,
            session.as_deref(),
            close,
            log_dir,
            quiet,
            asked_lang,
            lang,
        ),
        Some(Command::Completions { shell }) => completions::completions(&mut out, shell, lang),
        Some(Command::Man) => man::man(&mut out, lang),
        Some(Command::Schema { kind }) => schema::schema(&mut out, kind, lang),
        Some(Command::Watch {
            session,
            list,
            layout,
        }) => watch::watch(&mut out, &folders, session, list, layout, asked_lang, lang),
        None => run::pick_and_run(&folders, lang),
    };
    match result {
        Ok(()) | Err(Failure::ReaderGone) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            let label = Bilingual::new("error:", "erreur :");
            eprintln!(
                "{} {}",
                label.get(lang),
                crate::store::text::printable(message.trim_end())
            );
            ExitCode::FAILURE
        }
    }
}

/// The language of the help, needed before parsing: `--lang` if given, else the environment.
fn help_lang(args: &[OsString]) -> Lang {
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
    asked
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_else(env_lang)
}

/// The command line with its help in `lang`, the keys of `run` included.
pub fn command_line(lang: Lang) -> clap::Command {
    run::with_help_keys(localized_command(lang), lang)
}

/// The commands and options with their help in `lang`.
fn localized_command(lang: Lang) -> clap::Command {
    match lang {
        Lang::Fr => french::localize(Cli::command()),
        Lang::En => Cli::command(),
    }
}

/// Prints a command-line error (or the help, or the version) and gives the exit status clap
/// would: in French when the help is in French.
fn parse_failure(error: &clap::Error, help_lang: Lang) -> ExitCode {
    if help_lang == Lang::Fr
        && let Some(text) = french::message(error)
    {
        eprint!("{text}");
        return ExitCode::from(2);
    }
    // Nothing more can be said if the terminal cannot take the message.
    let _ = error.print();
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(1))
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
