//! The errors of the layers below, told in the user's language: the edge where a typed error
//! becomes a message.

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::MethodError;
use crate::store::io_text::io_text;
use crate::store::library::LoadError;

/// What a failed method load says to the user: where, what is wrong, and what to do.
pub fn load_error(error: &LoadError, lang: Lang) -> String {
    match error {
        LoadError::NotFound { spec, available } => Bilingual::new(
            format!(
                "no method called \"{spec}\"; available: {}; or give the path to a .toml file",
                available.join(", ")
            ),
            format!(
                "aucune méthode nommée \"{spec}\" ; disponibles : {} ; ou donnez le chemin d'un fichier .toml",
                available.join(", ")
            ),
        )
        .get(lang)
        .to_owned(),
        // Told as a method file's errors are, without a place in the file.
        LoadError::Unreadable { path, source } => MethodError {
            origin: path.display().to_string(),
            location: None,
            message: Bilingual::new(
                format!("cannot read the file: {}", io_text(source).en),
                format!("impossible de lire le fichier : {}", io_text(source).fr),
            ),
            help: Some(Box::new(Bilingual::new(
                "check the path, or give the id of a method listed by `intervision list`",
                "vérifiez le chemin, ou donnez l'identifiant d'une méthode listée par `intervision list`",
            ))),
        }
        .render(lang),
        LoadError::Invalid(error) => error.render(lang),
    }
}
