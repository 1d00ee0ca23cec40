//! `intervision log`: list the session logs, show one, export one.

use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use super::args::{ExportFormat, Format, LogCommand};
use super::output::{CmdResult, io_error, table_width, write_json, write_table};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::Clock;
use crate::store::group;
use crate::store::journal;
use crate::store::library::Folders;
use crate::store::logbook;

/// The folders holding journals: the one given, else the user's data folder and every group's.
fn log_dirs(folders: &Folders, log_dir: Option<PathBuf>) -> Vec<PathBuf> {
    if let Some(dir) = log_dir {
        return vec![dir];
    }
    // The fallback folders too: a journal saved there is listed with the others.
    let mut dirs: Vec<PathBuf> = journal::journal_dirs(None);
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

/// Runs an `intervision log` command.
pub(super) fn log_command(
    out: &mut impl Write,
    folders: &Folders,
    command: LogCommand,
    lang: Lang,
) -> CmdResult {
    match command {
        LogCommand::List { log_dir, format } => list_logs(out, folders, log_dir, format, lang),
        LogCommand::Show { id, log_dir } => {
            export(out, folders, &id, ExportFormat::Md, log_dir, lang)
        }
        LogCommand::Export {
            id,
            format,
            log_dir,
        } => export(out, folders, &id, format, log_dir, lang),
    }
}

/// `intervision log list`: one row a session (or its JSON), unreadable journals included.
fn list_logs(
    out: &mut impl Write,
    folders: &Folders,
    log_dir: Option<PathBuf>,
    format: Format,
    lang: Lang,
) -> CmdResult {
    let entries = logbook::list_brief(&log_dirs(folders, log_dir));
    if format == Format::Json {
        let items: Vec<serde_json::Value> = entries
            .iter()
            .map(|entry| match &entry.log {
                Ok(log) => json!({
                    "id": entry.id, "path": entry.path, "started": log.started, "group": log.group,
                    "method": log.method_name, "case_giver": log.case_giver(),
                    "active_s": log.active_s, "status": log.status,
                    "running": journal::is_live(&entry.path),
                }),
                Err(error) => {
                    json!({ "id": entry.id, "path": entry.path, "error": error.get(lang) })
                }
            })
            .collect();
        return write_json(out, &items);
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
    let mut rows: Vec<Vec<String>> = vec![header.map(str::to_owned).to_vec()];
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
                Clock(std::time::Duration::try_from_secs_f64(log.active_s).unwrap_or_default())
                    .to_string(),
                match (log.status, lang) {
                    // A session running now, in this window or another: its journal is locked.
                    _ if journal::is_live(&entry.path) => {
                        Bilingual::new("running", "en cours").get(lang).to_owned()
                    }
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
        rows.push(row.to_vec());
    }
    write_table(out, &rows, table_width(), &[0, 5]).map_err(io_error)
}

/// Prints the session a user names (its id or a unique beginning of it) as Markdown or JSON.
fn export(
    out: &mut impl Write,
    folders: &Folders,
    id: &str,
    format: ExportFormat,
    log_dir: Option<PathBuf>,
    lang: Lang,
) -> CmdResult {
    let entry = logbook::find(id, &log_dirs(folders, log_dir))
        .map_err(|error| error.get(lang).to_owned())?;
    let log = entry.log.map_err(|error| error.get(lang).to_owned())?;
    match format {
        ExportFormat::Md => write!(out, "{}", logbook::markdown(&log, lang)).map_err(io_error),
        ExportFormat::Json => write_json(out, &logbook::to_json(&log)),
    }
}
