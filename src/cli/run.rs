//! `intervision run` and the method picker of a bare `intervision`: a session full-screen, then
//! its summary.

use std::path::Path;

use super::args::RunArgs;
use super::errors::load_error;
use super::group::{find_group, group_logs, latest_action_plan, past_session};
use super::output::{CmdResult, Failure, print_warnings};
use super::resume::resume_in;
use super::show::{fitted_table, prepare};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::Method;
use crate::domain::plan::{Cast, People, Timetable};
use crate::domain::rotation::PastSession;
use crate::store::group::Group;
use crate::store::journal;
use crate::store::library::{self, Folders};
use crate::ui::app::FollowUp;
use crate::ui::runner::{self, ResumeChoice, RunOptions, RunReport};
use crate::ui::screens::roles::RolesScreen;
use crate::ui::terminal::FullScreen;

/// Runs a session of the method (or the group's usual method) full-screen.
pub(super) fn run(
    folders: &Folders,
    args: &RunArgs,
    asked_lang: Option<Lang>,
    lang: Lang,
) -> CmdResult {
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
    let entry = library::find(&spec, folders).map_err(|error| load_error(&error, lang))?;
    // The roles screen takes the terminal first, when there is one; the session keeps it.
    let mut full_screen: Option<FullScreen> = None;
    let (method, cast, warnings, follow_up) = match &group {
        None => {
            let (method, cast, warnings) = prepare(folders, &spec, args.people.as_deref(), lang)?;
            (method, cast, warnings, None)
        }
        Some(group) => {
            let method = entry
                .method
                .clone()
                .map_err(|error| load_error(&error, lang))?;
            let Some((cast, follow_up)) = group_cast(
                group,
                &method,
                args,
                log_dir.as_deref(),
                &mut full_screen,
                lang,
            )?
            else {
                return Ok(());
            };
            (method, cast, Vec::new(), follow_up)
        }
    };
    let timetable = match &args.fit {
        Some(slot) => Some((
            fitted_table(&method, &cast, Some(slot), args.drop_optional, lang)?.0,
            crate::domain::method::parse_typed_duration(slot).unwrap_or_default(),
            args.drop_optional,
        )),
        None => None,
    };
    let config = crate::store::config::load_standard().map_err(|error| error.render(lang))?;
    let options = RunOptions {
        method_id: entry.id.clone(),
        method_path: entry.origin.path().map(|path| path.display().to_string()),
        lang,
        auto: args.auto,
        layout: args
            .layout
            .map_or(crate::ui::view::LayoutMode::Auto, Into::into),
        speed: args.speed,
        quiet: args.quiet,
        log_dir: log_dir.clone(),
        group: group.as_ref().map(|group| group.name.clone()),
        record: group.as_ref().and_then(|group| group.record),
        follow_up,
        resume: None,
        timetable,
        config: crate::store::config::Config {
            sound: args
                .sound
                .as_deref()
                .and_then(crate::store::config::SoundChoice::from_name)
                .or(config.sound),
            ..config
        },
    };
    let mut terminal = match full_screen {
        Some(terminal) => terminal,
        None => open_terminal(lang)?,
    };
    // An unfinished session in the same folder is offered first (not in unattended runs).
    let mut unreadable_journals = Vec::new();
    if !args.auto {
        // A session running now in another window is not offered: its journal is locked.
        let dirs = journal::journal_dirs(log_dir.clone());
        let (found, _, unreadable) = super::resume::unfinished(&dirs, lang);
        // Told once the full screen is given back, where they can be read.
        unreadable_journals = unreadable;
        if let Some(interrupted) = found.into_iter().next() {
            let choice = runner::ask_resume(&mut terminal, &interrupted, lang)
                .map_err(|error| error.to_string())?;
            match choice {
                ResumeChoice::Resume => {
                    let (report, lang) = resume_in(
                        &mut terminal,
                        folders,
                        interrupted,
                        log_dir.clone(),
                        args.quiet,
                        Some(lang),
                    )?;
                    drop(terminal);
                    return finish_run(report, &unreadable_journals, lang);
                }
                ResumeChoice::Close => {
                    runner::close_interrupted(&interrupted, lang)?;
                }
                ResumeChoice::Leave => {}
                ResumeChoice::Quit => {
                    drop(terminal);
                    super::output::print_warnings(&unreadable_journals, lang);
                    return Ok(());
                }
            }
        }
    }
    let report = runner::run(&mut terminal, method, cast, &options);
    // The terminal is given back before the summary is printed.
    drop(terminal);
    let warnings: Vec<String> = warnings.into_iter().chain(unreadable_journals).collect();
    finish_run(report.map_err(|error| error.to_string())?, &warnings, lang)
}

/// Who holds each role in a group's session, and the action plan to follow up from its last
/// session. Unless the session runs unattended, the roles screen lets the user change the
/// suggestion: it takes the terminal, kept in `full_screen` for the session; `None` when the
/// user leaves it.
fn group_cast(
    group: &Group,
    method: &Method,
    args: &RunArgs,
    log_dir: Option<&Path>,
    full_screen: &mut Option<FullScreen>,
    lang: Lang,
) -> Result<Option<(Cast, Option<FollowUp>)>, Failure> {
    let members = match args.people.as_deref() {
        Some(text) => match People::parse(text).map_err(|error| error.get(lang).to_owned())? {
            People::Names(names) => names,
            People::Count(_) => group.members.clone(),
        },
        None => group.members.clone(),
    };
    let logs = group_logs(group, log_dir);
    let history: Vec<PastSession> = logs.iter().map(past_session).collect();
    let follow_up =
        latest_action_plan(&logs).map(|(person, text, from)| FollowUp { person, text, from });
    let mut screen = RolesScreen::new(method.clone(), members, history);
    if args.auto {
        if let Some(problem) = &screen.problem {
            return Err(problem.get(lang).to_owned().into());
        }
    } else {
        let terminal = full_screen.insert(open_terminal(lang)?);
        let chosen = runner::choose_cast(terminal, &mut screen, &group.name, lang)
            .map_err(|error| error.to_string())?;
        if !chosen {
            return Ok(None);
        }
    }
    Ok(Some((screen.cast(), follow_up)))
}

/// Takes the terminal full-screen (given back when the value is dropped), or says why not.
pub(super) fn open_terminal(lang: Lang) -> Result<FullScreen, String> {
    FullScreen::open().map_err(|error| {
        let error = crate::store::io_text::io_text(&error);
        let error = error.get(lang);
        match lang {
        Lang::En => format!("cannot open the terminal full-screen ({error}); run intervision in a terminal"),
        Lang::Fr => format!("impossible d'ouvrir le terminal en plein écran ({error}) ; lancez intervision dans un terminal"),
    }
    })
}

/// Prints what a finished session left: warnings, its summary, where its journal and minutes
/// are (and that it is in a fallback folder, when so); fails when a signal interrupted it or
/// when the journal could not be written anywhere.
pub(super) fn finish_run(report: RunReport, warnings: &[String], lang: Lang) -> CmdResult {
    print_warnings(warnings, lang);
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
    if let (Some(dir), Ok(_)) = (&report.moved_from, &report.journal) {
        eprintln!(
            "{}",
            Bilingual::new(
                format!(
                    "{} could not be written: the journal was saved in the fallback folder above",
                    dir.display()
                ),
                format!(
                    "{} n'a pas pu être écrit : le journal a été enregistré dans le dossier de secours ci-dessus",
                    dir.display()
                ),
            )
            .get(lang)
        );
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
    if report.unsaved {
        return Err(Bilingual::new(
            "the journal could not be written anywhere: this session was not saved",
            "le journal n'a pu être écrit nulle part : cette séance n'a pas été enregistrée",
        )
        .get(lang)
        .to_owned()
        .into());
    }
    if report.interrupted && report.journal.is_err() {
        return Err(Bilingual::new(
            "stopped by a signal (no journal was being written)",
            "arrêté par un signal (aucun journal n'était en cours d'écriture)",
        )
        .get(lang)
        .to_owned()
        .into());
    }
    if report.interrupted {
        return Err(Bilingual::new(
            "the session was stopped by a signal; it is kept and can be resumed (intervision resume)",
            "la séance a été arrêtée par un signal ; elle est conservée et peut être reprise (intervision resume)",
        )
        .get(lang)
        .to_owned()
        .into());
    }
    Ok(())
}

/// Lets the user pick a method from a list and set the number of people or their names, then
/// runs it.
pub(super) fn pick_and_run(folders: &Folders, lang: Lang) -> CmdResult {
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
    let picked = runner::pick(&mut terminal, &items, lang).map_err(|error| error.to_string())?;
    let Some((chosen, people)) = picked else {
        return Ok(());
    };
    let (id, method, _, _) = items
        .into_iter()
        .nth(chosen)
        .expect("the picker returns a listed index");
    let cast = Cast::assign(&method, &people).map_err(|error| error.get(lang).to_owned())?;
    let options = RunOptions {
        layout: crate::ui::view::LayoutMode::Auto,
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
        config: crate::store::config::load_standard().map_err(|error| error.render(lang))?,
    };
    let report = runner::run(&mut terminal, method, cast, &options);
    drop(terminal);
    finish_run(report.map_err(|error| error.to_string())?, &[], lang)
}

/// The command line with the keys of the key map ([`crate::ui::keymap::run_help_keys`]) put before
/// the examples of `run --help`.
pub(super) fn with_help_keys(command: clap::Command, lang: Lang) -> clap::Command {
    command.mut_subcommand("run", |run| {
        let examples = run
            .get_after_help()
            .map(ToString::to_string)
            .unwrap_or_default();
        let keys = crate::ui::keymap::run_help_keys(lang);
        run.after_help(format!("{keys}\n\n{examples}"))
    })
}
