//! `intervision watch`: follow the running session read-only on a second screen, or list the
//! sessions running for this user.

use std::io::Write;

use super::errors::load_error;
use super::output::{CmdResult, io_error, table_width, write_table};
use super::run::open_terminal;
use crate::domain::lang::{Bilingual, Lang};
use crate::store::library::{self, Folders};
use crate::store::live;
use crate::ui::watch::{self, Target};

/// Follows the session `session` (a program number), or the one running for this user; with
/// `list`, prints the sessions instead.
pub(super) fn watch(
    out: &mut impl Write,
    folders: &Folders,
    session: Option<u32>,
    list: bool,
    layout: Option<super::args::LayoutArg>,
    asked_lang: Option<Lang>,
    lang: Lang,
) -> CmdResult {
    let Some(dir) = crate::store::paths::live_dir() else {
        return Err(Bilingual::new(
            "no folder for running sessions: set XDG_RUNTIME_DIR or INTERVISION_DATA_DIR",
            "aucun dossier pour les séances en cours : définissez XDG_RUNTIME_DIR ou INTERVISION_DATA_DIR",
        )
        .get(lang)
        .to_owned()
        .into());
    };
    if list {
        return print_list(out, &dir, lang);
    }
    let target = session.map_or(Target::Any, Target::Pid);
    let load = |id: &str, path: Option<&str>| {
        match path {
            Some(path) => library::load_file(std::path::Path::new(path)),
            None => library::find(id, folders).and_then(|entry| entry.method),
        }
        .map_err(|error| load_error(&error, lang))
    };
    let mut terminal = open_terminal(lang)?;
    watch::watch(
        &mut terminal,
        &dir,
        target,
        asked_lang,
        lang,
        layout.map_or(crate::ui::view::LayoutMode::Room, Into::into),
        &load,
    )
    .map_err(|error| error.to_string().into())
}

/// Keeps a text from a file printable: control characters become `\u{..}` escapes.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:04X}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn print_list(out: &mut impl Write, dir: &std::path::Path, lang: Lang) -> CmdResult {
    let found = live::list(dir);
    if found.is_empty() {
        let none = Bilingual::new(
            "No session is running for you (intervision run starts one).",
            "Aucune séance n'est en cours pour vous (intervision run en lance une).",
        );
        return writeln!(out, "{}", none.get(lang)).map_err(io_error);
    }
    let header = match lang {
        Lang::En => ["program", "method", "step", "state"],
        Lang::Fr => ["programme", "méthode", "étape", "état"],
    };
    let mut rows = vec![header.map(str::to_owned).to_vec()];
    for found in &found {
        let state = &found.state;
        let status = match (found.running, state.started, state.paused, state.finished) {
            (false, ..) => Bilingual::new("stopped (program gone)", "arrêtée (programme disparu)"),
            (true, false, ..) => Bilingual::new("not started", "pas commencée"),
            (true, true, _, true) => Bilingual::new("ended", "terminée"),
            (true, true, true, false) => Bilingual::new("paused", "en pause"),
            (true, true, false, false) => Bilingual::new("running", "en cours"),
        };
        rows.push(vec![
            state.pid.to_string(),
            printable(state.method_name()),
            format!("{}. {}", state.step + 1, printable(&state.step_name)),
            status.get(lang).to_owned(),
        ]);
    }
    write_table(out, &rows, table_width(), &[0]).map_err(io_error)
}
