//! What the system says when a file cannot be read or written, in the session's language: the
//! system's own message is in its language (usually English), so the common cases get ours.

use std::io::{Error, ErrorKind};

use crate::domain::lang::Bilingual;

/// The reason a file operation failed, in both languages: our words for the common kinds
/// (missing, permission refused, disk full...), else the system's message in English and its
/// error code in French.
pub fn io_text(error: &Error) -> Bilingual {
    let (en, fr) = match error.kind() {
        ErrorKind::NotFound => ("no such file or folder", "fichier ou dossier introuvable"),
        ErrorKind::PermissionDenied => ("permission refused", "permission refusée"),
        ErrorKind::AlreadyExists => ("it already exists", "il existe déjà"),
        ErrorKind::IsADirectory => (
            "it is a folder, not a file",
            "c'est un dossier, pas un fichier",
        ),
        ErrorKind::NotADirectory => (
            "a part of the path is not a folder",
            "une partie du chemin n'est pas un dossier",
        ),
        ErrorKind::DirectoryNotEmpty => ("the folder is not empty", "le dossier n'est pas vide"),
        ErrorKind::StorageFull => ("the disk is full", "le disque est plein"),
        ErrorKind::ReadOnlyFilesystem => {
            ("the disk is read-only", "le disque est en lecture seule")
        }
        ErrorKind::FileTooLarge => ("the file is too large", "le fichier est trop gros"),
        ErrorKind::InvalidData => (
            "its content cannot be read (not UTF-8 text?)",
            "son contenu est illisible (pas du texte UTF-8 ?)",
        ),
        ErrorKind::UnexpectedEof => ("the file ends too early", "le fichier s'arrête trop tôt"),
        ErrorKind::InvalidInput => (
            "the system refuses this path",
            "le système refuse ce chemin",
        ),
        ErrorKind::Interrupted | ErrorKind::WouldBlock | ErrorKind::TimedOut => (
            "the system did not answer in time; try again",
            "le système n'a pas répondu à temps ; réessayez",
        ),
        ErrorKind::OutOfMemory => ("out of memory", "mémoire insuffisante"),
        _ => {
            let french = match error.raw_os_error() {
                Some(code) => format!("erreur du système (code {code})"),
                None => "erreur d'entrée-sortie du système".to_owned(),
            };
            return Bilingual::new(error.to_string(), french);
        }
    };
    Bilingual::new(en, fr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    #[test]
    fn a_missing_file_is_told_in_french() {
        let error = std::fs::read("/no/such/intervision/file").unwrap_err();
        assert_eq!(
            io_text(&error).get(Lang::Fr),
            "fichier ou dossier introuvable"
        );
        assert_eq!(io_text(&error).get(Lang::En), "no such file or folder");
    }

    #[test]
    fn an_unknown_kind_keeps_the_systems_words_in_english_only() {
        let error = Error::from_raw_os_error(71);
        let text = io_text(&error);
        assert_eq!(text.en, error.to_string());
        assert!(text.fr.starts_with("erreur du système"), "{}", text.fr);
        let error = Error::other("odd");
        assert_eq!(io_text(&error).fr, "erreur d'entrée-sortie du système");
    }

    #[cfg(unix)]
    #[test]
    fn a_refused_permission_is_told_in_french() {
        let error = Error::from(ErrorKind::PermissionDenied);
        assert_eq!(io_text(&error).get(Lang::Fr), "permission refusée");
    }
}
