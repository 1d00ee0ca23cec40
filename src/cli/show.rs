//! `intervision show`: a method's timetable for a group, as text or JSON, fitted to a slot or not.

use std::io::Write;

use super::args::{Format, ShowArgs};
use super::errors::load_error;
use super::list::group_label;
use super::output::{CmdResult, io_error, print_warnings};
use super::timetable::{timetable_json, timetable_text};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Method, written_duration};
use crate::domain::plan::{Cast, People, Timetable, short_turns};
use crate::store::library::{self, Folders};

/// Loads the method a user names, with its cast, or says why not.
pub fn prepare(
    folders: &Folders,
    spec: &str,
    people: Option<&str>,
    lang: Lang,
) -> Result<(Method, Cast, Vec<String>), String> {
    let method = library::find(spec, folders)
        .and_then(|entry| entry.method)
        .map_err(|error| load_error(&error, lang))?;
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

/// Prints the timetable of the method a user names.
pub(super) fn show(
    out: &mut impl Write,
    folders: &Folders,
    args: &ShowArgs,
    lang: Lang,
) -> CmdResult {
    let (spec, people, format, fit, drop_optional) = (
        &args.method,
        args.people.as_deref(),
        args.format,
        args.fit.as_deref(),
        args.drop_optional,
    );
    let (method, cast, mut warnings) = prepare(folders, spec, people, lang)?;
    let (table, dropped) = fitted_table(&method, &cast, fit, drop_optional, lang)?;
    warnings.extend(
        short_turns(&method, &table)
            .iter()
            .map(|short| short.message().get(lang).to_owned()),
    );
    print_warnings(&warnings, lang);
    let text = match format {
        Format::Json => {
            let mut json = timetable_json(&method, &cast, &table, lang);
            if !warnings.is_empty()
                && let Some(object) = json.as_object_mut()
            {
                object.insert("warnings".to_owned(), serde_json::json!(warnings));
            }
            serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
        }
        Format::Text => {
            let mut text = timetable_text(&method, &cast, &table, lang);
            if let Some(slot) = fit {
                let slot = crate::domain::method::parse_typed_duration(slot)
                    .map(|slot| written_duration(slot, lang))
                    .unwrap_or_else(|_| slot.to_owned());
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

/// The method's timetable for `cast`, fitted to `slot` when one is given, and the names of the
/// steps the fitting leaves out.
pub(super) fn fitted_table(
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
    let target = crate::domain::method::parse_typed_duration(slot).map_err(|_| {
        Bilingual::new(
            format!("cannot read the slot \"{slot}\": write a duration such as 90m, 1h30 or 2h"),
            format!(
                "créneau illisible : \"{slot}\" ; écrivez une durée comme 90 min, 1 h 30 ou 2 h"
            ),
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
    .map_err(|error| error.message().get(lang).to_owned())?;
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
