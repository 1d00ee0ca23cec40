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
use crate::store::text::printable;
use crate::ui::runner::{self, RunOptions, RunReport};
use crate::ui::terminal::FullScreen;

/// The method of an interrupted session, as it is now: an error when it cannot be loaded, or
/// when its steps are no longer the ones the journal lists (the file was edited since), which
/// says how to close the session instead.
fn method_of(
    folders: &Folders,
    interrupted: &resume::Interrupted,
    lang: Lang,
) -> Result<crate::domain::method::Method, String> {
    let method = match interrupted.method_path() {
        Some(path) => library::load_file(std::path::Path::new(path)),
        None => library::find(interrupted.method_id(), folders).and_then(|entry| entry.method),
    }
    .map_err(|error| load_error(&error, lang))?;
    if !resume::same_steps(&method, interrupted) {
        let path = interrupted.path.display();
        let name = printable(interrupted.method_name()).into_owned();
        return Err(Bilingual::new(
            format!(
                "the method “{name}” was changed since this session started: its steps are no longer the ones in the journal, so the session cannot go on where it stopped.\nClose it, keeping its log, with: intervision resume --close {path}"
            ),
            format!(
                "la méthode « {name} » a changé depuis le début de cette séance : ses étapes ne sont plus celles du journal, la séance ne peut donc pas reprendre où elle s'était arrêtée.\nClôturez-la en gardant son journal avec : intervision resume --close {path}"
            ),
        )
        .get(lang)
        .to_owned());
    }
    Ok(method)
}

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
    let method = method_of(folders, &interrupted, lang)?;
    let cast = interrupted.cast();
    let follow_up = interrupted
        .follow_up()
        .map(|follow_up| crate::ui::app::FollowUp {
            person: follow_up.person.clone(),
            text: follow_up.text.clone(),
            from: follow_up.from.clone().unwrap_or_default(),
        });
    let options = RunOptions {
        layout: crate::ui::view::LayoutMode::Auto,
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

/// The unfinished sessions of `dirs` that may be resumed or closed here, newest first, and one
/// running now elsewhere if any: not those running now (their journal is locked), nor a copy left
/// behind by a journal that moved to a fallback folder and went on there (a longer journal of the
/// same name in another folder). The journals that cannot be read are never silently skipped:
/// the last part names each of them in `lang`, for the caller to print (after the full screen,
/// when there is one).
pub(super) fn unfinished(
    dirs: &[PathBuf],
    lang: Lang,
) -> (Vec<resume::Interrupted>, Option<PathBuf>, Vec<String>) {
    let size = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |meta| meta.len());
    let (found, bad) = resume::scan(dirs);
    let label = Bilingual::new(
        "this journal cannot be read and is left as it is:",
        "ce journal ne peut pas être lu, il est laissé tel quel :",
    );
    let unreadable = bad
        .iter()
        .map(|error| format!("{} {}", label.get(lang), printable(&error.get(lang))))
        .collect();
    let mut running = None;
    let free = found
        .into_iter()
        .filter(|found| {
            let live = journal::is_live(&found.path);
            if live && running.is_none() {
                running = Some(found.path.clone());
            }
            !live
        })
        .filter(|found| {
            let Some(name) = found.path.file_name() else {
                return true;
            };
            let own = size(&found.path);
            !dirs
                .iter()
                .map(|dir| dir.join(name))
                .any(|other| other != found.path && size(&other) > own)
        })
        .collect();
    (free, running, unreadable)
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
    let dirs = journal::journal_dirs(log_dir.clone());
    let interrupted = match session {
        Some(spec) => {
            let path = if spec.contains('/') || spec.ends_with(".jsonl") {
                PathBuf::from(spec)
            } else {
                dirs.first()
                    .map(|dir| dir.join(format!("{spec}.jsonl")))
                    .unwrap_or_else(|| PathBuf::from(spec))
            };
            // A session running now belongs to the process that holds its journal.
            if journal::is_live(&path) {
                return Err(journal::running_elsewhere(&path)
                    .get(lang)
                    .to_owned()
                    .into());
            }
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
        None => {
            // Sessions running now in other windows are skipped; if there are only such, say so.
            let (found, running, unreadable) = unfinished(&dirs, lang);
            super::output::print_warnings(&unreadable, lang);
            let free = found.into_iter().next();
            if let (None, Some(running)) = (&free, running) {
                return Err(journal::running_elsewhere(&running)
                    .get(lang)
                    .to_owned()
                    .into());
            }
            free.ok_or_else(|| {
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
            })?
        }
    };
    if close {
        let path = runner::close_interrupted(&interrupted, lang)?;
        let message = Bilingual::new("closed as interrupted:", "close comme interrompue :");
        println!("{} {}", message.get(lang), path.display());
        return Ok(());
    }
    // An edited method is said before the screen is taken.
    let method_lang = asked_lang
        .or_else(|| interrupted.language())
        .unwrap_or(lang);
    method_of(folders, &interrupted, method_lang)?;
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
