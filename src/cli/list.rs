//! `intervision list`: the methods available, as a table or as JSON.

use std::io::Write;

use serde_json::json;

use super::args::Format;
use super::errors::load_error;
use super::output::{CmdResult, io_error, table_width, write_json, write_table};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Clock, Facilitation, Method, Record};
use crate::domain::plan::{Cast, People, Timetable};
use crate::store::library::{self, Entry, Folders, Origin};

/// Prints the methods available: built-in, then the user's, then `./methods/`.
pub(super) fn list(
    out: &mut impl Write,
    folders: &Folders,
    lang: Lang,
    format: Format,
) -> CmdResult {
    let entries = library::catalogue(folders);
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> =
                entries.iter().map(|entry| list_json(entry, lang)).collect();
            write_json(out, &items)
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
                        broken.push(load_error(error, lang));
                    }
                }
            }
            write_table(out, &rows, table_width(), &[0, 2, 3, 4]).map_err(io_error)?;
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

/// The group sizes a method is made for, as a listing shows them (`4-5`, `3+`...).
pub(super) fn group_label(method: &Method) -> String {
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
            "error": load_error(error, lang),
        }),
    }
}
