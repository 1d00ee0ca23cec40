//! `intervision check`: loads method files and says where they are wrong.

use crate::store::text::printable;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::errors::load_error;
use crate::domain::lang::Lang;
use crate::domain::method::written_duration;
use crate::domain::plan::{Cast, People, Timetable};
use crate::store::library;

/// Checks each file; fails when one of them cannot be used.
pub(super) fn check(out: &mut impl Write, files: &[PathBuf], lang: Lang) -> ExitCode {
    let mut failed = false;
    for path in files {
        match library::load_file(path) {
            Ok(method) => {
                let people = method.default_people();
                let summary = match Cast::assign(&method, &People::Count(people)) {
                    Ok(cast) => {
                        let total = written_duration(Timetable::new(&method, &cast).total(), lang);
                        match lang {
                            Lang::En => format!(
                                "{}, {} steps, {total} for {people} people",
                                method.name.get(lang),
                                method.steps.len()
                            ),
                            Lang::Fr => format!(
                                "{}, {} étapes, {total} pour {people} personnes",
                                method.name.get(lang),
                                method.steps.len()
                            ),
                        }
                    }
                    Err(error) => {
                        failed = true;
                        eprintln!(
                            "{} {}: {}",
                            if lang == Lang::En {
                                "error:"
                            } else {
                                "erreur :"
                            },
                            path.display(),
                            printable(error.get(lang))
                        );
                        continue;
                    }
                };
                let _ = writeln!(out, "ok: {}: {summary}", path.display());
            }
            Err(error) => {
                failed = true;
                eprint!("{}", printable(&load_error(&error, lang).to_string()));
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
