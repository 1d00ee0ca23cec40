//! The user config file, `config.toml` in the user configuration folder
//! (`$INTERVISION_CONFIG_DIR/config.toml`, else `~/.config/intervision/config.toml` on Linux):
//! the commands to run at the session's events (`[hooks]`). Described in
//! `docs/config-format.md`. A missing file is an empty config; a broken one is an error with its
//! file, line and column, like a method file's.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::lang::Bilingual;
use crate::domain::method::MethodError;
use crate::domain::method::diagnose::toml_error;

/// An event of a session a hook can be run at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HookEvent {
    /// The clock started.
    SessionStart,
    /// The session ended.
    SessionEnd,
    /// A step started.
    StepStart,
    /// A step ended.
    StepEnd,
    /// A step's end is near (its pre-warning).
    Warning,
    /// A step (or a turn) reached its planned end and goes on.
    Overtime,
    /// A turn of a round started.
    TurnStart,
    /// The session was paused.
    Pause,
    /// The session resumed.
    Resume,
}

impl HookEvent {
    /// Every event, in the order of `docs/config-format.md`.
    pub const ALL: [HookEvent; 9] = [
        HookEvent::SessionStart,
        HookEvent::SessionEnd,
        HookEvent::StepStart,
        HookEvent::StepEnd,
        HookEvent::Warning,
        HookEvent::Overtime,
        HookEvent::TurnStart,
        HookEvent::Pause,
        HookEvent::Resume,
    ];

    /// The event's name, as a key of `[hooks]` and as `INTERVISION_EVENT`.
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::SessionStart => "session_start",
            HookEvent::SessionEnd => "session_end",
            HookEvent::StepStart => "step_start",
            HookEvent::StepEnd => "step_end",
            HookEvent::Warning => "warning",
            HookEvent::Overtime => "overtime",
            HookEvent::TurnStart => "turn_start",
            HookEvent::Pause => "pause",
            HookEvent::Resume => "resume",
        }
    }
}

/// The commands of `[hooks]`: for each event, a program and its arguments, run without a shell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hooks {
    session_start: Option<Vec<String>>,
    session_end: Option<Vec<String>>,
    step_start: Option<Vec<String>>,
    step_end: Option<Vec<String>>,
    warning: Option<Vec<String>>,
    overtime: Option<Vec<String>>,
    turn_start: Option<Vec<String>>,
    pause: Option<Vec<String>>,
    resume: Option<Vec<String>>,
}

impl Hooks {
    /// The command (program first) to run at `event`, if one is set.
    pub fn command(&self, event: HookEvent) -> Option<&[String]> {
        let command = match event {
            HookEvent::SessionStart => &self.session_start,
            HookEvent::SessionEnd => &self.session_end,
            HookEvent::StepStart => &self.step_start,
            HookEvent::StepEnd => &self.step_end,
            HookEvent::Warning => &self.warning,
            HookEvent::Overtime => &self.overtime,
            HookEvent::TurnStart => &self.turn_start,
            HookEvent::Pause => &self.pause,
            HookEvent::Resume => &self.resume,
        };
        command.as_deref().filter(|command| !command.is_empty())
    }

    /// Whether no event has a command.
    pub fn is_empty(&self) -> bool {
        HookEvent::ALL
            .iter()
            .all(|event| self.command(*event).is_none())
    }
}

/// How signals are made audible: `--sound` or the config's `sound`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SoundChoice {
    /// The terminal bell only.
    Bell,
    /// Chimes through the platform's player (the bell where there is none).
    #[default]
    Chime,
    /// No sound at all.
    None,
}

impl SoundChoice {
    /// Reads `bell`, `chime` or `none`.
    pub fn from_name(name: &str) -> Option<SoundChoice> {
        match name {
            "bell" => Some(SoundChoice::Bell),
            "chime" => Some(SoundChoice::Chime),
            "none" => Some(SoundChoice::None),
            _ => None,
        }
    }
}

/// What the user config file says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The commands run at the session's events.
    #[serde(default)]
    pub hooks: Hooks,
    /// How signals are made audible: `bell`, `chime` or `none` (`--sound` wins over it).
    pub sound: Option<SoundChoice>,
    /// How long before a step's end the pre-warning comes (default: one minute, or at 80 % of a
    /// step shorter than five minutes).
    #[serde(default, deserialize_with = "warning_lead")]
    pub warning: Option<std::time::Duration>,
}

/// Reads the pre-warning's lead, a duration such as `"2m"` or `"90s"`.
fn warning_lead<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<std::time::Duration>, D::Error> {
    let text = String::deserialize(deserializer)?;
    crate::domain::method::parse_duration(&text)
        .map(Some)
        .map_err(|_| serde::de::Error::custom("expected a duration for the warning"))
}

/// The user config file in the configuration folder `config_dir`.
pub fn config_path(config_dir: &Path) -> PathBuf {
    config_dir.join("config.toml")
}

/// Reads the user config file of `config_dir`; no folder or no file is the empty config.
pub fn load(config_dir: Option<&Path>) -> Result<Config, MethodError> {
    let Some(dir) = config_dir else {
        return Ok(Config::default());
    };
    let path = config_path(dir);
    match std::fs::read(&path) {
        Ok(bytes) => parse(
            &String::from_utf8_lossy(&bytes),
            &path.display().to_string(),
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(error) => Err(MethodError {
            origin: path.display().to_string(),
            location: None,
            message: Bilingual::new(
                format!("cannot read the config file: {error}"),
                format!("impossible de lire le fichier de configuration : {error}"),
            ),
            help: Some(Box::new(Bilingual::new(
                "check that the file can be read, or remove it",
                "vérifiez que le fichier peut être lu, ou supprimez-le",
            ))),
        }),
    }
}

/// Reads the user config file of the user configuration folder (see
/// [`crate::store::paths::config_dir`]).
pub fn load_standard() -> Result<Config, MethodError> {
    load(crate::store::paths::config_dir().as_deref())
}

/// Checks the TOML text of a config file named `origin` in errors.
pub fn parse(source: &str, origin: &str) -> Result<Config, MethodError> {
    toml::from_str(source).map_err(|error| toml_error(origin, source, &error, explain))
}

/// Turns a message of the TOML reader into what is wrong and what to do, in both languages.
fn explain(message: &str) -> (Bilingual, Bilingual) {
    if message.contains("expected a duration for the warning")
        || message.contains("warning") && message.contains("invalid type")
    {
        return (
            Bilingual::new("invalid warning lead", "avance de l'alerte invalide"),
            Bilingual::new(
                "write warning = \"2m\" (or \"90s\", \"1m30s\"): how long before a step's end the warning sounds",
                "écrivez warning = \"2m\" (ou \"90s\", \"1m30s\") : combien de temps avant la fin d'une étape l'alerte sonne",
            ),
        );
    }
    if message.starts_with("unknown variant") {
        return (
            Bilingual::new("unknown sound", "son inconnu"),
            Bilingual::new(
                "write sound = \"chime\", \"bell\" or \"none\"",
                "écrivez sound = \"chime\", \"bell\" ou \"none\"",
            ),
        );
    }
    let keys = "`session_start`, `session_end`, `step_start`, `step_end`, `warning`, `overtime`, `turn_start`, `pause`, `resume`";
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = rest.split('`').nth(1).unwrap_or(rest);
        let accepted = if message.contains("`hooks`") && !message.contains("`pause`") {
            "`hooks`, `sound`, `warning`"
        } else {
            keys
        };
        return (
            Bilingual::new(
                format!("unknown key `{key}`"),
                format!("clé inconnue `{key}`"),
            ),
            Bilingual::new(
                format!(
                    "check the spelling; the keys accepted here are {accepted} (see docs/config-format.md)"
                ),
                format!(
                    "vérifiez l'orthographe ; les clés acceptées ici sont {accepted} (voir docs/config-format.md)"
                ),
            ),
        );
    }
    if message.starts_with("invalid type") {
        return (
            Bilingual::new(
                "a hook is a list of words: the program, then its arguments",
                "un hook est une liste de mots : le programme, puis ses arguments",
            ),
            Bilingual::new(
                r#"write it as step_start = ["espeak-ng", "-v", "fr", "Étape suivante"] (no shell runs it)"#,
                r#"écrivez-le ainsi : step_start = ["espeak-ng", "-v", "fr", "Étape suivante"] (aucun shell ne le lance)"#,
            ),
        );
    }
    (
        Bilingual::new(
            format!("this is not valid TOML: {message}"),
            format!("ce n'est pas du TOML valide : {message}"),
        ),
        Bilingual::new(
            "see docs/config-format.md for the file's form",
            "voir docs/config-format.md pour la forme du fichier",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_lead_is_a_duration_said_where_it_is_wrong() {
        let config = parse("warning = \"2m\"\n", "config.toml").unwrap();
        assert_eq!(config.warning, Some(std::time::Duration::from_secs(120)));
        assert_eq!(parse("", "config.toml").unwrap().warning, None);
        let error = parse("sound = \"chime\"\nwarning = \"soon\"\n", "config.toml")
            .unwrap_err()
            .render(crate::domain::lang::Lang::En);
        assert!(error.contains("config.toml:2:"), "{error}");
        assert!(error.contains("warning = \"2m\""), "{error}");
    }

    #[test]
    fn hooks_are_read_by_event() {
        let config = parse(
            "[hooks]\nturn_start = [\"espeak-ng\", \"À toi\"]\novertime = []\n",
            "config.toml",
        )
        .unwrap();
        assert_eq!(
            config.hooks.command(HookEvent::TurnStart),
            Some(&["espeak-ng".to_owned(), "À toi".to_owned()][..])
        );
        assert_eq!(config.hooks.command(HookEvent::Overtime), None);
        assert!(!config.hooks.is_empty());
        assert!(parse("", "config.toml").unwrap().hooks.is_empty());
    }

    #[test]
    fn a_wrong_key_is_located() {
        let error = parse("[hooks]\nstep_stat = [\"true\"]\n", "config.toml").unwrap_err();
        let location = error.location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (2, 1));
        assert!(
            error
                .render(crate::domain::lang::Lang::Fr)
                .contains("clé inconnue `step_stat`")
        );
        let error = parse("[hooks]\npause = \"notify-send\"\n", "config.toml").unwrap_err();
        assert_eq!(error.location.as_ref().unwrap().line, 2);
        assert!(
            error
                .message
                .get(crate::domain::lang::Lang::En)
                .contains("list of words")
        );
    }
}
