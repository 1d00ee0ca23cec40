//! `intervision group`: create, list and show groups; their past sessions, for the rotation.

use std::io::Write;
use std::path::{Path, PathBuf};

use std::collections::HashMap;

use serde_json::json;

use super::args::{Format, GroupCommand};
use super::errors::load_error;
use super::output::{CmdResult, io_error, table_width, write_json, write_table};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::plan::People;
use crate::domain::rotation::PastSession;
use crate::store::group::{self, Group};
use crate::store::journal;
use crate::store::library::{self, Folders};
use crate::store::logbook;

/// A group by name or file, with an error in the user's language.
pub(super) fn find_group(folders: &Folders, spec: &str, lang: Lang) -> Result<Group, String> {
    let config = folders.config.clone().unwrap_or_else(|| PathBuf::from("."));
    group::find(spec, &config).map_err(|error| error.get(lang).to_owned())
}

/// A past session of a group, as a listing reads it (see [`logbook::read_brief`]): no steps,
/// notes or captures.
pub(super) struct GroupSession {
    /// The journal's id.
    pub id: String,
    /// The journal's file, to read it whole when needed.
    pub path: PathBuf,
    /// What the journal's first line and tail say.
    pub log: logbook::SessionLog,
}

/// The folders a group's journals are in: `log_dir` if given, else the user's data folder, and
/// the fallback folders (a session saved there counts for the rotation).
fn group_dirs(log_dir: Option<&Path>) -> Vec<PathBuf> {
    journal::journal_dirs(log_dir.map(PathBuf::from))
        .into_iter()
        .collect()
}

/// Whether a journal belongs to the group named `name`.
fn of_group(log: &logbook::SessionLog, name: &str) -> bool {
    log.group
        .as_deref()
        .is_some_and(|group| group.eq_ignore_ascii_case(name))
}

/// The group's past sessions, oldest first, read briefly (first line and tail of each journal).
pub(super) fn group_logs(group: &Group, log_dir: Option<&Path>) -> Vec<GroupSession> {
    logbook::list_brief(&group_dirs(log_dir))
        .into_iter()
        .filter_map(|entry| {
            Some(GroupSession {
                id: entry.id,
                path: entry.path,
                log: entry.log.ok()?,
            })
        })
        .filter(|session| of_group(&session.log, &group.name))
        .collect()
}

/// The action plan captured at the latest of `sessions` that has one, with who planned it and
/// the session's id: the journals are read whole, newest first, until one has it.
pub(super) fn latest_action_plan(sessions: &[GroupSession]) -> Option<(String, String, String)> {
    sessions.iter().rev().find_map(|session| {
        let log = logbook::read(&session.path).ok()?;
        let text = log.capture("action-plan")?.to_owned();
        let person = log.case_giver().unwrap_or_default().to_owned();
        Some((person, text, session.id.clone()))
    })
}

/// What the rotation needs of a past session: who came, who held which role.
pub(super) fn past_session(session: &GroupSession) -> PastSession {
    let log = &session.log;
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

/// Runs an `intervision group` command.
pub(super) fn group_command(
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
        } => new_group(
            out,
            folders,
            &config,
            &name,
            &members,
            method.as_deref(),
            lang,
        ),
        GroupCommand::List { format } => list_groups(out, &config, format, lang),
        GroupCommand::Show { group: spec } => show_group(out, folders, &spec, lang),
    }
}

/// `intervision group new`: writes the group's file and says how to start a session.
fn new_group(
    out: &mut impl Write,
    folders: &Folders,
    config: &Path,
    name: &str,
    members: &str,
    method: Option<&str>,
    lang: Lang,
) -> CmdResult {
    let members = match People::parse(members).map_err(|error| error.get(lang).to_owned())? {
        People::Names(names) => names,
        People::Count(_) => {
            return Err(Bilingual::new(
                "--members takes names separated by commas (\"Ana,Ben,Chloé\")",
                "--members prend des prénoms séparés par des virgules (\"Ana,Ben,Chloé\")",
            )
            .get(lang)
            .to_owned()
            .into());
        }
    };
    if let Some(method) = method {
        library::find(method, folders).map_err(|error| load_error(&error, lang))?;
    }
    let path = group::create(config, name, &members, method)
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

/// `intervision group list`: a table of the groups (or their JSON), or how to create the
/// first one. The journals of each folder are read once, briefly, whatever the number of groups.
fn list_groups(out: &mut impl Write, config: &Path, format: Format, lang: Lang) -> CmdResult {
    let groups = group::list(config);
    let mut journals: HashMap<Vec<PathBuf>, Vec<logbook::LogEntry>> = HashMap::new();
    let mut sessions = |group: &Group| {
        let dirs = group_dirs(group.log_dir.as_deref());
        journals
            .entry(dirs.clone())
            .or_insert_with(|| logbook::list_brief(&dirs))
            .iter()
            .filter(|entry| {
                entry
                    .log
                    .as_ref()
                    .is_ok_and(|log| of_group(log, &group.name))
            })
            .count()
    };
    if format == Format::Json {
        let items: Vec<serde_json::Value> = groups
            .iter()
            .map(|group| match group {
                Ok(group) => json!({
                    "name": group.name,
                    "members": group.members,
                    "sessions": sessions(group),
                    "method": group.method,
                    "path": group.path,
                    "error": null,
                }),
                Err(error) => json!({ "error": error.render(lang) }),
            })
            .collect();
        return write_json(out, &items);
    }
    if groups.is_empty() {
        let none = Bilingual::new(
            "no group yet: create one with intervision group new NAME --members \"Ana,Ben,...\"",
            "aucun groupe pour l'instant : créez-en un avec intervision group new NOM --members \"Ana,Ben,...\"",
        );
        return writeln!(out, "{}", none.get(lang)).map_err(io_error);
    }
    let header = match lang {
        Lang::En => ["NAME", "MEMBERS", "SESSIONS", "METHOD", "FILE"],
        Lang::Fr => ["NOM", "MEMBRES", "SÉANCES", "MÉTHODE", "FICHIER"],
    };
    let mut rows: Vec<Vec<String>> = vec![header.map(str::to_owned).to_vec()];
    let mut broken = Vec::new();
    for group in &groups {
        match group {
            Ok(group) => rows.push(vec![
                group.name.clone(),
                group.members.len().to_string(),
                sessions(group).to_string(),
                group.method.clone().unwrap_or_else(|| "-".into()),
                group.path.display().to_string(),
            ]),
            Err(error) => broken.push(error.render(lang)),
        }
    }
    write_table(out, &rows, table_width(), &[1, 2]).map_err(io_error)?;
    for error in broken {
        writeln!(out).map_err(io_error)?;
        write!(out, "{error}").map_err(io_error)?;
    }
    Ok(())
}

/// `intervision group show`: the members, the past sessions and the roles suggested next time.
fn show_group(out: &mut impl Write, folders: &Folders, spec: &str, lang: Lang) -> CmdResult {
    let group = find_group(folders, spec, lang)?;
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
    for GroupSession { id, log, .. } in &logs {
        let case_giver = log.case_giver().unwrap_or("-");
        writeln!(out, "  {id}  {}  ·  {case_giver}", log.method_name).map_err(io_error)?;
    }
    if let Some(spec) = &group.method {
        let method = library::find(spec, folders)
            .and_then(|entry| entry.method)
            .map_err(|error| load_error(&error, lang))?;
        let history: Vec<PastSession> = logs.iter().map(past_session).collect();
        let cast = crate::domain::rotation::suggest(&method, &group.members, &history)
            .map_err(|error| error.get(lang).to_owned())?;
        writeln!(
            out,
            "{}{}",
            Bilingual::new("Next time, suggested", "La prochaine fois, suggestion").get(lang),
            crate::ui::view::colon(lang).trim_end()
        )
        .map_err(io_error)?;
        for (index, person) in cast.people.iter().enumerate() {
            writeln!(
                out,
                "  {}{}{}",
                person.name.as_deref().unwrap_or("?"),
                crate::ui::view::colon(lang),
                cast.role_names(&method, index, lang)
            )
            .map_err(io_error)?;
        }
    }
    Ok(())
}
