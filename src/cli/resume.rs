//! `intervision resume`: run an interrupted session again from where it stopped, or close it.

use std::path::PathBuf;

use super::env_lang;
use super::errors::load_error;
use super::output::CmdResult;
use super::run::{finish_run, open_terminal};
use crate::domain::lang::{Bilingual, Lang};
use crate::store::journal;
use crate::store::library::{self, Folders};
use crate::store::resume;
use crate::ui::runner::{self, RunOptions, RunReport};
use crate::ui::terminal::FullScreen;

/// Runs an interrupted session again from where it stopped; returns the report and the language
/// it ran in.
pub(super) fn resume_in(
    terminal: &mut FullScreen,
    folders: &Folders,
    interrupted: resume::Interrupted,
    log_dir: Option<PathBuf>,
    quiet: bool,
    lang: Option<Lang>,
) -> Result<(RunReport, Lang), String> {
    let lang = lang
        .or_else(|| interrupted.language())
        .unwrap_or_else(env_lang);
    let method = match interrupted.method_path() {
        Some(path) => library::load_file(std::path::Path::new(path)),
        None => library::find(interrupted.method_id(), folders).and_then(|entry| entry.method),
    }
    .map_err(|error| load_error(&error, lang))?;
    let cast = interrupted.cast();
    let follow_up = interrupted
        .follow_up()
        .map(|follow_up| crate::ui::app::FollowUp {
            person: follow_up.person.clone(),
            text: follow_up.text.clone(),
            from: follow_up.from.clone().unwrap_or_default(),
        });
    let options = RunOptions {
        method_id: interrupted.method_id().to_owned(),
        method_path: interrupted.method_path().map(str::to_owned),
        lang,
        auto: interrupted.auto(),
        speed: interrupted.speed(),
        quiet,
        log_dir,
        group: interrupted.group().map(str::to_owned),
        record: interrupted.record(),
        follow_up,
        resume: Some(interrupted),
        timetable: None,
        config: crate::store::config::load_standard().map_err(|error| error.render(lang))?,
    };
    let report =
        runner::run(terminal, method, cast, &options).map_err(|error| error.to_string())?;
    Ok((report, lang))
}

/// Resumes (or closes) the session named, or the latest unfinished one.
pub(super) fn resume(
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
            let searched = dirs
                .iter()
                .map(|dir| dir.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            Bilingual::new(
                format!("no unfinished session in {searched}"),
                format!("aucune séance inachevée dans {searched}"),
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
    let (report, lang) = resume_in(
        &mut terminal,
        folders,
        interrupted,
        log_dir,
        quiet,
        asked_lang,
    )?;
    // The terminal is given back before the summary is printed.
    drop(terminal);
    finish_run(report, &[], lang)
}
