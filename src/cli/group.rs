//! `intervision group`: create, list and show groups; their past sessions, for the rotation.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::GroupCommand;
use super::errors::load_error;
use super::output::{CmdResult, io_error};
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

/// The group's past sessions, oldest first, with their ids.
pub(super) fn group_logs(
    group: &Group,
    log_dir: Option<&std::path::Path>,
) -> Vec<(String, logbook::SessionLog)> {
    // The fallback folders too: a session saved there counts for the rotation.
    let dirs: Vec<PathBuf> = journal::journal_dirs(log_dir.map(PathBuf::from));
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
pub(super) fn past_session((_, log): &(String, logbook::SessionLog)) -> PastSession {
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
        GroupCommand::List => list_groups(out, &config, lang),
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

/// `intervision group list`: one line a group, or how to create the first one.
fn list_groups(out: &mut impl Write, config: &Path, lang: Lang) -> CmdResult {
    let groups = group::list(config);
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
    for (id, log) in &logs {
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
                "  {}: {}",
                person.name.as_deref().unwrap_or("?"),
                cast.role_names(&method, index, lang)
            )
            .map_err(io_error)?;
        }
    }
    Ok(())
}
