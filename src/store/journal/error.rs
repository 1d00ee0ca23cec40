//! What can go wrong when a journal is read back: one type, turned into a message in both
//! languages where it is shown (the command line, the interface), with [`JournalError::message`].

use std::path::PathBuf;

use crate::domain::lang::{Bilingual, Lang, Tr};

/// Why a journal cannot be read, or read as a session (its [`std::fmt::Display`] is the English
/// message).
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The file cannot be read.
    #[error("{}: cannot read the journal: {source}", path.display())]
    Unreadable {
        /// The journal's file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file cannot be read to resume its session.
    #[error("cannot read {}: {source}", path.display())]
    CannotResume {
        /// The journal's file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A line of a journal to resume is not a journal line.
    #[error("{}:{line}: not a journal line ({reason})", path.display())]
    NotALine {
        /// The journal's file.
        path: PathBuf,
        /// The line's number, from 1.
        line: usize,
        /// What the reader said.
        reason: String,
    },
    /// A journal to resume does not start with a `session_start` line.
    #[error("{} does not start with a session_start line", path.display())]
    NoSessionStart {
        /// The journal's file.
        path: PathBuf,
    },
    /// Something is wrong in the journal at `path`.
    #[error("{}: {error}", path.display())]
    InFile {
        /// The journal's file.
        path: PathBuf,
        /// What is wrong.
        error: Box<JournalError>,
    },
    /// A line that is not the last one is not UTF-8.
    #[error("Line {line} is not valid UTF-8 text.")]
    NotUtf8 {
        /// The line's number, from 1.
        line: usize,
    },
    /// A line that is not the last one ends before its object does.
    #[error("Line {line} is cut off: it ends before its JSON object does.")]
    CutOff {
        /// The line's number, from 1.
        line: usize,
    },
    /// A line is not JSON.
    #[error("Line {line} is not valid JSON (column {column}).")]
    NotJson {
        /// The line's number, from 1.
        line: usize,
        /// Where the JSON goes wrong.
        column: usize,
    },
    /// A line is JSON but not an object.
    #[error("Line {line} is not a JSON object.")]
    NotObject {
        /// The line's number, from 1.
        line: usize,
    },
    /// A field is missing or of the wrong type.
    #[error("Line {line}: “{field}” is missing or is not {}.", expected.en)]
    WrongField {
        /// The line's number, from 1.
        line: usize,
        /// The field, with its place inside the line (`steps[0].planned_s`).
        field: String,
        /// What it should be, in words.
        expected: Tr,
    },
    /// `record` has a value the format does not know.
    #[error("Line {line}: “record” is “{value}”; it should be all, timings or none.")]
    WrongRecord {
        /// The line's number, from 1.
        line: usize,
        /// The value found.
        value: String,
    },
    /// A line does not read as the schema says (a case the field checks do not name).
    #[error("Line {line}: {reason}.")]
    Invalid {
        /// The line's number, from 1.
        line: usize,
        /// What the reader said.
        reason: String,
    },
    /// The journal is of a newer format than this program reads.
    #[error(
        "This journal uses format {format}, newer than this program reads ({}): update intervision to read it.",
        super::FORMAT
    )]
    NewerFormat {
        /// The journal's format.
        format: u64,
    },
    /// The journal has no line.
    #[error("The journal is empty.")]
    Empty,
    /// The journal's only line is cut off.
    #[error("The journal’s only line is cut off: the session never really started.")]
    OnlyLineCutOff,
    /// The first line is not a `session_start`.
    #[error("Line {line} is not a session start: this is not a session journal.")]
    NotASessionStart {
        /// The line's number, from 1.
        line: usize,
    },
    /// A second `session_start`.
    #[error("Line {line} starts a second session: a journal holds one session only.")]
    SecondSession {
        /// The line's number, from 1.
        line: usize,
    },
    /// A line names a step the session does not have.
    #[error("Line {line}: step {step} does not exist (the session has {count}).")]
    NoSuchStep {
        /// The line's number, from 1.
        line: usize,
        /// The step named.
        step: usize,
        /// How many steps the session has.
        count: usize,
    },
}

impl JournalError {
    /// The message in both languages.
    pub fn message(&self) -> Bilingual {
        let french = match self {
            JournalError::Unreadable { path, source } => format!(
                "{} : impossible de lire le journal : {}",
                path.display(),
                crate::store::io_text::io_text(source).fr
            ),
            JournalError::CannotResume { path, source } => {
                format!(
                    "impossible de lire {} : {}",
                    path.display(),
                    crate::store::io_text::io_text(source).fr
                )
            }
            JournalError::NotALine { path, line, reason } => format!(
                "{}:{line} : ce n'est pas une ligne de journal ({reason})",
                path.display()
            ),
            JournalError::NoSessionStart { path } => format!(
                "{} ne commence pas par une ligne session_start",
                path.display()
            ),
            JournalError::InFile { path, error } => {
                format!("{} : {}", path.display(), error.message().fr)
            }
            JournalError::NotUtf8 { line } => {
                format!("La ligne {line} n’est pas du texte UTF-8 valide.")
            }
            JournalError::CutOff { line } => format!(
                "La ligne {line} est tronquée : elle s’arrête avant la fin de son objet JSON."
            ),
            JournalError::NotJson { line, column } => {
                format!("La ligne {line} n’est pas du JSON valide (colonne {column}).")
            }
            JournalError::NotObject { line } => {
                format!("La ligne {line} n’est pas un objet JSON.")
            }
            JournalError::WrongField {
                line,
                field,
                expected,
            } => format!(
                "Ligne {line} : « {field} » manque ou n’est pas {}.",
                expected.fr
            ),
            JournalError::WrongRecord { line, value } => format!(
                "Ligne {line} : « record » vaut « {value} » ; il faut all, timings ou none."
            ),
            JournalError::Invalid { line, reason } => format!("Ligne {line} : {reason}."),
            JournalError::NewerFormat { format } => format!(
                "Ce journal est au format {format}, plus récent que celui que ce programme lit \
                 ({}) : mettez intervision à jour pour le lire.",
                super::FORMAT
            ),
            JournalError::Empty => "Le journal est vide.".to_owned(),
            JournalError::OnlyLineCutOff => {
                "La seule ligne du journal est tronquée : la séance n’a pas vraiment commencé."
                    .to_owned()
            }
            JournalError::NotASessionStart { line } => format!(
                "La ligne {line} n’est pas un début de séance : ce n’est pas un journal de séance."
            ),
            JournalError::SecondSession { line } => format!(
                "La ligne {line} commence une deuxième séance : un journal ne contient qu’une séance."
            ),
            JournalError::NoSuchStep { line, step, count } => {
                format!("Ligne {line} : l’étape {step} n’existe pas (la séance en a {count}).")
            }
        };
        Bilingual::new(self.to_string(), french)
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        self.message().get(lang).to_owned()
    }

    /// The same error, said of the journal at `path`.
    pub fn in_file(self, path: impl Into<PathBuf>) -> JournalError {
        JournalError::InFile {
            path: path.into(),
            error: Box::new(self),
        }
    }
}
