//! The command line's help in French: the same commands and options, their descriptions and
//! examples translated, and clap's own words ("Usage", "Print help") replaced.

use clap::{Arg, ArgAction, Command};

/// (command path, what it does, its examples) in French; the path is the subcommands from the
/// top, empty for `intervision` itself.
const COMMANDS: &[(&[&str], &str, Option<&str>)] = &[
    (
        &[],
        "Anime des séances de codéveloppement entre pairs (Clinique de cas, codéveloppement, intervision) en plein écran dans le terminal : un grand chrono, l'étape, qui parle, la règle du moment.",
        Some(
            "Exemples :\n  intervision list\n  intervision show case-clinic --people \"Ana,Ben,Chloé,David,Emma\"\n  intervision check ma-methode.toml\n  intervision run case-clinic --people 5\n  intervision            (choisir une méthode dans une liste, puis la lancer)",
        ),
    ),
    (
        &["list"],
        "Liste les méthodes disponibles : intégrées, puis les vôtres.",
        Some("Exemple :\n  intervision list --format json"),
    ),
    (
        &["check"],
        "Vérifie des fichiers de méthode et dit où ils sont faux.",
        Some("Exemple :\n  intervision check methods/*.toml"),
    ),
    (
        &["show"],
        "Affiche le programme d'une méthode pour un groupe : début et durée de chaque étape, qui parle, chaque tour de parole.",
        Some(
            "Exemples :\n  intervision show case-clinic --people 5\n  intervision show codev --people \"Ana,Ben,Chloé,David,Emma,Farid\" --lang fr\n  intervision show ./ma-methode.toml --format json\n  intervision show codev --people 6 --fit 1h30 --drop-optional",
        ),
    ),
    (
        &["run"],
        "Lance une séance en plein écran : écran d'accueil, chaque étape avec son chrono, puis le bilan.",
        Some(
            "Exemples :\n  intervision run case-clinic --people \"Ana,Ben,Chloé,David,Emma\"\n  intervision run codev --people 6 --lang fr\n  intervision run case-clinic --people 5 --auto --speed 10   # répéter en 6 minutes",
        ),
    ),
    (
        &["group"],
        "Groupes : les personnes qui se réunissent, leur méthode, où vont leurs journaux.",
        None,
    ),
    (
        &["group", "new"],
        "Crée un fichier de groupe dans le dossier de configuration de l'utilisateur.",
        Some(
            "Exemple :\n  intervision group new \"Intervision Lyon\" --members \"Ana,Ben,Chloé,David,Emma\" --method intervision",
        ),
    ),
    (
        &["group", "list"],
        "Liste les groupes.",
        Some("Exemples :\n  intervision group list\n  intervision group list --format json"),
    ),
    (
        &["group", "show"],
        "Montre un groupe : ses membres, ses séances, et qui tiendrait chaque rôle la prochaine fois.",
        Some("Exemple :\n  intervision group show \"Intervision Lyon\""),
    ),
    (
        &["log"],
        "Journaux de séance : les lister, en afficher un, en exporter un.",
        None,
    ),
    (
        &["log", "list"],
        "Liste les séances : date, groupe, méthode, porteur, durée, complète ou non.",
        Some("Exemple :\n  intervision log list"),
    ),
    (
        &["log", "show"],
        "Affiche le compte rendu d'une séance (Markdown).",
        Some("Exemple :\n  intervision log show 2026-11-23T14-00-00-case-clinic"),
    ),
    (
        &["log", "export"],
        "Exporte une séance, en Markdown ou en JSON.",
        Some(
            "Exemples :\n  intervision log export 2026-11-23T14-00-00-case-clinic --format md > compte-rendu.md\n  intervision log export 2026-11-23T14 --format json",
        ),
    ),
    (
        &["resume"],
        "Reprend là où elle s'est arrêtée une séance dont le programme a été tué ; ou la clôt comme interrompue.",
        Some(
            "Exemples :\n  intervision resume             # la dernière séance inachevée\n  intervision resume --close     # la clore comme interrompue, en gardant son journal\n  intervision resume 2026-11-23T14-00-00-case-clinic",
        ),
    ),
    (
        &["completions"],
        "Affiche le script qui complète les commandes, les méthodes, les groupes et les séances dans un shell.",
        Some(
            "Exemples :\n  intervision completions bash > ~/.local/share/bash-completion/completions/intervision\n  intervision completions zsh > ~/.zfunc/_intervision\n  intervision completions fish > ~/.config/fish/completions/intervision.fish",
        ),
    ),
    (
        &["man"],
        "Affiche la page de manuel, intervision(1), en roff.",
        Some(
            "Exemples :\n  intervision man --lang fr | man -l -\n  intervision man > ~/.local/share/man/man1/intervision.1",
        ),
    ),
    (
        &["schema"],
        "Affiche le schéma JSON d'un format de fichier, pour les éditeurs qui vérifient un fichier TOML pendant qu'on l'écrit.",
        Some(
            "Exemples :\n  intervision schema method --lang fr > method.fr.schema.json\n  intervision schema group",
        ),
    ),
    (
        &["watch"],
        "Suit en lecture seule la séance en cours, sur un second écran (un vidéoprojecteur, ou par SSH).",
        Some(
            "Exemples :\n  intervision watch              # la séance en cours pour vous (attend qu'il y en ait une)\n  intervision watch --list       # les séances en cours pour vous\n  ssh hôte intervision watch     # depuis une autre machine, dans un simple terminal",
        ),
    ),
];

/// (command path, argument id, its description) in French.
const ARGS: &[(&[&str], &str, &str)] = &[
    (
        &[],
        "lang",
        "Langue de l'interface et des textes des méthodes : en ou fr (par défaut : selon LC_ALL / LANG).",
    ),
    (
        &["list"],
        "format",
        "Format de sortie : text (pour les personnes) ou json (pour d'autres programmes) ; par défaut, text.",
    ),
    (&["check"], "files", "Les fichiers à vérifier."),
    (
        &["show"],
        "method",
        "Un identifiant de méthode intégrée (voir `intervision list`) ou le chemin d'un fichier .toml.",
    ),
    (
        &["show"],
        "people",
        "Le groupe : un nombre de personnes, ou des prénoms séparés par des virgules (le premier porte le cas).",
    ),
    (
        &["show"],
        "format",
        "Format de sortie : text (pour les personnes) ou json (pour d'autres programmes) ; par défaut, text.",
    ),
    (
        &["show"],
        "fit",
        "Ajuster la séance à un créneau (90 min, 1 h 30, 1h30...) : les étapes élastiques s'adaptent dans leurs bornes.",
    ),
    (
        &["show"],
        "drop_optional",
        "Avec --fit : laisser de côté les étapes facultatives.",
    ),
    (
        &["run"],
        "method",
        "Un identifiant de méthode intégrée (voir `intervision list`) ou le chemin d'un fichier .toml (avec --group : la méthode habituelle du groupe si on l'omet).",
    ),
    (
        &["run"],
        "group",
        "Le groupe qui tient la séance (son nom ou son fichier) : membres, historique, où vont les journaux. Un écran des rôles propose qui tient chaque rôle.",
    ),
    (
        &["run"],
        "people",
        "Le groupe : un nombre de personnes, ou des prénoms séparés par des virgules (le premier porte le cas).",
    ),
    (
        &["run"],
        "auto",
        "Démarrer tout de suite et passer à la suite à la fin de chaque étape et de chaque tour ; quitter à la fin.",
    ),
    (
        &["run"],
        "speed",
        "Répétition : faire tourner le chrono autant de fois plus vite (1 à 1000 ; par défaut, 1).",
    ),
    (
        &["run"],
        "quiet",
        "Démarrer en silence : aucun son à la fin des étapes et des tours (`m` le remet).",
    ),
    (
        &["run"],
        "sound",
        "Comment les fins s'entendent : un carillon par le lecteur audio du système, la sonnerie du terminal, ou rien (par défaut : le `sound` du fichier de configuration, sinon chime).",
    ),
    (
        &["run"],
        "log_dir",
        "Où enregistrer le journal de la séance (par défaut : le dossier de données de l'utilisateur).",
    ),
    (
        &["run"],
        "fit",
        "Ajuster la séance à un créneau (90 min, 1 h 30, 1h30...) : les étapes élastiques s'adaptent dans leurs bornes.",
    ),
    (
        &["run"],
        "drop_optional",
        "Avec --fit : laisser de côté les étapes facultatives.",
    ),
    (
        &["run"],
        "layout",
        "La disposition des écrans : room (un projecteur : grandes lettres, sans barre des touches) ou laptop (un portable) ; par défaut, room pour une fenêtre de 45 lignes ou plus.",
    ),
    (&["group", "new"], "name", "Le nom du groupe."),
    (
        &["group", "new"],
        "members",
        "Les membres, séparés par des virgules.",
    ),
    (
        &["group", "new"],
        "method",
        "La méthode habituelle du groupe (un identifiant ou un chemin).",
    ),
    (
        &["group", "list"],
        "format",
        "Format de sortie : text (pour les personnes) ou json (pour d'autres programmes) ; par défaut, text.",
    ),
    (
        &["group", "show"],
        "group",
        "Le nom ou le fichier du groupe.",
    ),
    (
        &["log", "list"],
        "log_dir",
        "Où sont les journaux (par défaut : le dossier de données de l'utilisateur et celui de chaque groupe).",
    ),
    (
        &["log", "list"],
        "format",
        "Format de sortie : text (pour les personnes) ou json (pour d'autres programmes) ; par défaut, text.",
    ),
    (
        &["log", "show"],
        "id",
        "L'identifiant de la séance (tel que `log list` l'affiche), ou un début unique de celui-ci.",
    ),
    (&["log", "show"], "log_dir", "Où sont les journaux."),
    (
        &["log", "export"],
        "id",
        "L'identifiant de la séance, ou un début unique de celui-ci.",
    ),
    (&["log", "export"], "format", "md ou json ; par défaut, md."),
    (&["log", "export"], "log_dir", "Où sont les journaux."),
    (
        &["resume"],
        "session",
        "Le journal de la séance : son identifiant (nom du fichier sans .jsonl) ou son chemin ; par défaut, la dernière séance inachevée.",
    ),
    (
        &["resume"],
        "close",
        "La clore comme interrompue au lieu de la reprendre.",
    ),
    (
        &["resume"],
        "log_dir",
        "Où sont les journaux (par défaut : le dossier de données de l'utilisateur).",
    ),
    (&["resume"], "quiet", "Pas de sonnerie."),
    (
        &["completions"],
        "shell",
        "Le shell : bash, zsh, fish, elvish ou powershell.",
    ),
    (
        &["schema"],
        "kind",
        "Le format de fichier : method (fichier de méthode) ou group (fichier de groupe).",
    ),
    (
        &["watch"],
        "session",
        "Le numéro du programme de la séance, tel que `watch --list` l'affiche ; par défaut, la séance en cours pour vous.",
    ),
    (
        &["watch"],
        "list",
        "Lister les séances en cours au lieu d'en suivre une.",
    ),
    (
        &["watch"],
        "layout",
        "La disposition : room (par défaut : grandes lettres, lisibles du fond de la salle) ou laptop (un portable).",
    ),
];

/// Placeholders of values, in French.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("method", "MÉTHODE"),
    ("people", "PERSONNES"),
    ("group", "GROUPE"),
    ("log_dir", "DOSSIER"),
    ("fit", "CRÉNEAU"),
    ("layout", "DISPOSITION"),
    ("speed", "N"),
    ("files", "FICHIERS"),
    ("session", "SÉANCE"),
    ("name", "NOM"),
    ("members", "MEMBRES"),
    ("format", "FORMAT"),
    ("lang", "LANGUE"),
    ("shell", "SHELL"),
    ("kind", "FORMAT"),
];

const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The command line with its help in French.
pub fn localize(command: Command) -> Command {
    localize_at(command, &[])
}

fn localize_at(mut command: Command, path: &[&str]) -> Command {
    if let Some((_, about, examples)) = COMMANDS.iter().find(|(at, _, _)| *at == path) {
        command = command.about(*about).long_about(None);
        if let Some(examples) = examples {
            command = command.after_help(*examples);
        }
    }
    for (_, id, help) in ARGS.iter().filter(|(at, _, _)| *at == path) {
        let value_name = VALUE_NAMES
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, french)| *french);
        command = command.mut_arg(*id, |arg| {
            // The French help names the accepted values itself.
            let arg = arg.help(*help).long_help(None);
            if !arg.get_action().takes_values() {
                return arg;
            }
            let arg = arg.hide_possible_values(true).hide_default_value(true);
            match value_name {
                Some(name) => arg.value_name(name),
                None => arg,
            }
        });
    }
    command = command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes ")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche l'aide")
                .global(path.is_empty()),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        let mut sub_path: Vec<&str> = path.to_vec();
        // The names are the command's own: leak-free lookup through the tables' paths.
        let Some(static_name) = COMMANDS
            .iter()
            .flat_map(|(at, _, _)| at.iter())
            .find(|part| **part == name)
        else {
            continue;
        };
        sub_path.push(static_name);
        command = command.mut_subcommand(name.as_str(), |sub| localize_at(sub, &sub_path));
    }
    command
}

/// What a command-line error says, in French: the same facts clap gives, in French words.
pub fn message(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| -> Option<String> {
        match error.get(kind)? {
            ContextValue::String(value) => Some(value.clone()),
            ContextValue::Strings(values) => Some(values.join(", ")),
            ContextValue::StyledStr(value) => Some(value.to_string()),
            ContextValue::StyledStrs(values) => Some(
                values
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(value) => Some(value.to_string()),
            _ => None,
        }
    };
    let suggestion = |kind: ContextKind| {
        context(kind)
            .map(|value| format!("\n\n  vouliez-vous dire « {value} » ?"))
            .unwrap_or_default()
    };
    let text = match error.kind() {
        ErrorKind::MissingRequiredArgument => {
            format!("il manque : {}", context(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »{}",
            context(ContextKind::InvalidSubcommand)?,
            suggestion(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            format!(
                "option inconnue « {} »{}",
                context(ContextKind::InvalidArg)?,
                suggestion(ContextKind::SuggestedArg)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let accepted = context(ContextKind::ValidValue)
                .map(|values| format!(" ; valeurs possibles : {values}"))
                .unwrap_or_default();
            format!(
                "valeur incorrecte « {} » pour {}{accepted}",
                context(ContextKind::InvalidValue).unwrap_or_default(),
                context(ContextKind::InvalidArg)?
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "{} ne peut pas être utilisé avec {}",
            context(ContextKind::InvalidArg)?,
            context(ContextKind::PriorArg).unwrap_or_else(|| "une autre option".into())
        ),
        ErrorKind::MissingSubcommand => "il manque une commande".to_owned(),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "nombre de valeurs incorrect pour {}",
                context(ContextKind::InvalidArg)?
            )
        }
        _ => return None,
    };
    Some(format!(
        "erreur : {text}\n\nPour en savoir plus, essayez « --help ».\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_errors_are_told_in_french() {
        let cases: [(&[&str], &str); 5] = [
            (&["intervision", "show"], "il manque : <MÉTHODE>"),
            (
                &["intervision", "shw"],
                "commande inconnue « shw »\n\n  vouliez-vous dire « show » ?",
            ),
            (
                &["intervision", "list", "--formt", "json"],
                "option inconnue « --formt »",
            ),
            (
                &["intervision", "run", "case-clinic", "--speed", "0"],
                "valeur incorrecte « 0 » pour --speed <N>",
            ),
            (
                &["intervision", "list", "--format", "xml"],
                "valeur incorrecte « xml » pour --format <FORMAT> ; valeurs possibles",
            ),
        ];
        for (args, expected) in cases {
            let error = localize(crate::cli::Cli::command())
                .try_get_matches_from(args)
                .unwrap_err();
            let text = message(&error)
                .unwrap_or_else(|| panic!("{args:?}: no French message for {:?}", error.kind()));
            assert!(text.contains(expected), "{args:?}: {text}");
            assert!(text.starts_with("erreur : "), "{text}");
        }
    }

    #[test]
    fn every_command_and_option_has_a_french_help() {
        let command = localize(crate::cli::Cli::command());
        let mut missing = Vec::new();
        fn walk(command: &Command, path: &mut Vec<String>, missing: &mut Vec<String>) {
            let at: Vec<&str> = path.iter().map(String::as_str).collect();
            if !COMMANDS.iter().any(|(p, _, _)| *p == at.as_slice()) {
                missing.push(format!("command {at:?}"));
            }
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || (id == "lang" && !at.is_empty()) {
                    continue;
                }
                if !ARGS.iter().any(|(p, a, _)| *p == at.as_slice() && *a == id) {
                    missing.push(format!("{at:?} --{id}"));
                }
            }
            for sub in command.get_subcommands() {
                path.push(sub.get_name().to_owned());
                walk(sub, path, missing);
                path.pop();
            }
        }
        command.clone().debug_assert();
        walk(&command, &mut Vec::new(), &mut missing);
        assert!(missing.is_empty(), "no French help for: {missing:?}");
        let mut help = command.clone();
        let text = help.render_help().to_string();
        assert!(
            text.contains("Utilisation") && text.contains("Commandes") && !text.contains("Usage"),
            "{text}"
        );
    }
}
