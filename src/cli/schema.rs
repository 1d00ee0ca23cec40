//! `intervision schema method|group`: the JSON Schema of a file format, for editors (taplo, the
//! Even Better TOML extension) that complete and check a TOML file while it is written.
//!
//! The schemas are written here by hand, after the serde types that read the files
//! (`domain::method::raw` and `store::group`); `tests/schema.rs` checks them against the
//! program: the copies under `schemas/` equal what this prints, every method the program
//! accepts validates, and the broken files refused for a type or a key are refused here too.
//! The descriptions an editor shows on hover are in the language asked for.

use std::io::Write;

use serde_json::{Value, json};

use super::args::SchemaKind;
use super::output::{CmdResult, write_json};
use crate::domain::lang::Lang;
use crate::domain::method::{Facilitation, Function, Record, StepKind};

/// The shape of a duration in a method file: whole numbers with `h`, `m`, `s`, in that order
/// (zero and more than a day are refused by the program, not by this pattern).
pub const DURATION_PATTERN: &str = "^(?:[0-9]{1,6}h)?(?:[0-9]{1,6}m)?(?:[0-9]{1,6}s)?$";

/// A language tag: `en`, `fr`, `fr-CA`, `es-419`.
pub const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?$";

/// An id of a role, a module or a capture: lowercase letters, digits and hyphens, not starting
/// with a hyphen.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// The file names of the committed schemas, by kind and language, under `schemas/`.
pub fn file_name(kind: SchemaKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (SchemaKind::Method, Lang::En) => "method.schema.json",
        (SchemaKind::Method, Lang::Fr) => "method.fr.schema.json",
        (SchemaKind::Group, Lang::En) => "group.schema.json",
        (SchemaKind::Group, Lang::Fr) => "group.fr.schema.json",
    }
}

/// `intervision schema KIND`: prints the schema, descriptions in `lang`.
pub(super) fn schema(out: &mut impl Write, kind: SchemaKind, lang: Lang) -> CmdResult {
    write_json(out, &generate(kind, lang))
}

/// The JSON Schema of a file format, descriptions in `lang`.
pub fn generate(kind: SchemaKind, lang: Lang) -> Value {
    match kind {
        SchemaKind::Method => method_schema(lang),
        SchemaKind::Group => group_schema(lang),
    }
}

/// The text in `lang`.
fn t(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// Every step kind, as files write them (the match makes a new kind a compile error here).
fn step_kinds() -> Vec<&'static str> {
    let all = [
        StepKind::Talk,
        StepKind::Round,
        StepKind::Open,
        StepKind::Silence,
        StepKind::Writing,
    ];
    all.iter()
        .map(|kind| match kind {
            StepKind::Talk
            | StepKind::Round
            | StepKind::Open
            | StepKind::Silence
            | StepKind::Writing => kind.as_str(),
        })
        .collect()
}

/// Every `record` value.
fn records() -> Vec<&'static str> {
    [Record::All, Record::Timings, Record::None]
        .iter()
        .map(|record| match record {
            Record::All | Record::Timings | Record::None => record.as_str(),
        })
        .collect()
}

/// Every `facilitation` value.
fn facilitations() -> Vec<&'static str> {
    [
        Facilitation::SelfManaged,
        Facilitation::Recommended,
        Facilitation::Required,
    ]
    .iter()
    .map(|value| match value {
        Facilitation::SelfManaged | Facilitation::Recommended | Facilitation::Required => {
            value.as_str()
        }
    })
    .collect()
}

/// Every role `function`.
fn functions() -> Vec<&'static str> {
    [
        Function::CaseGiver,
        Function::Consultant,
        Function::Facilitator,
        Function::Timekeeper,
        Function::Secretary,
        Function::Observer,
    ]
    .iter()
    .map(|function| match function {
        Function::CaseGiver
        | Function::Consultant
        | Function::Facilitator
        | Function::Timekeeper
        | Function::Secretary
        | Function::Observer => function.as_str(),
    })
    .collect()
}

/// The schema of a method file.
fn method_schema(lang: Lang) -> Value {
    let text_list = |en, fr| {
        json!({
            "description": t(lang, en, fr),
            "type": "array",
            "items": { "$ref": "#/definitions/text" },
        })
    };
    let duration =
        |en, fr| json!({ "description": t(lang, en, fr), "$ref": "#/definitions/duration" });
    let flag = |en, fr| json!({ "description": t(lang, en, fr), "type": "boolean" });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": t(lang, "intervision method file", "fichier de méthode d'intervision"),
        "description": t(lang,
            "A peer-coaching method: its roles and its timed steps. See docs/method-format.md.",
            "Une méthode de codéveloppement : ses rôles et ses étapes minutées. Voir docs/method-format.md."),
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "steps"],
        "properties": {
            "name": { "description": t(lang, "The method's name.", "Le nom de la méthode."), "$ref": "#/definitions/text" },
            "summary": { "description": t(lang, "What the method is for, in a sentence or two.", "À quoi sert la méthode, en une ou deux phrases."), "$ref": "#/definitions/text" },
            "source": { "description": t(lang, "Where the method comes from: authors, book, year, web page.", "D'où vient la méthode : auteurs, livre, année, page web."), "type": "string" },
            "language": { "description": t(lang, "The language of the plain strings of the file (default: en).", "La langue des chaînes simples du fichier (par défaut : en)."), "type": "string", "pattern": LANGUAGE_PATTERN },
            "group": {
                "description": t(lang, "How many people the method is made for.", "Pour combien de personnes la méthode est faite."),
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "min": { "description": t(lang, "The fewest people.", "Le moins de personnes."), "type": "integer", "minimum": 1 },
                    "max": { "description": t(lang, "The most people.", "Le plus de personnes."), "type": "integer", "minimum": 1 },
                },
            },
            "slot": duration("The time booked for a session, breaks included.", "Le temps réservé pour une séance, pauses comprises."),
            "record": { "description": t(lang, "What the session log keeps: all, timings or none.", "Ce que garde le journal de séance : all (tout), timings (les durées) ou none (rien)."), "enum": records() },
            "facilitation": { "description": t(lang, "Whether a facilitator is needed.", "S'il faut un animateur."), "enum": facilitations() },
            "variant_of": { "description": t(lang, "The id of the method this one varies.", "L'identifiant de la méthode dont celle-ci est une variante."), "type": "string" },
            "cycle": {
                "description": t(lang, "Steps repeated for each person, a role passing from one to the next.", "Des étapes répétées pour chaque personne, un rôle passant de l'une à l'autre."),
                "type": "object",
                "additionalProperties": false,
                "required": ["role"],
                "properties": {
                    "role": { "description": t(lang, "The role that passes from person to person.", "Le rôle qui passe de personne en personne."), "$ref": "#/definitions/id" },
                    "repeat": {
                        "description": t(lang, "\"each\" (once per person) or a number of times.", "\"each\" (une fois par personne) ou un nombre de fois."),
                        "oneOf": [
                            { "const": "each" },
                            { "type": "integer", "minimum": 1, "maximum": 60 },
                        ],
                    },
                    "among": {
                        "description": t(lang, "The roles whose holders the cycled role passes to (default: everyone).", "Les rôles dont les titulaires reçoivent tour à tour le rôle qui passe (par défaut : tout le monde)."),
                        "type": "array",
                        "minItems": 1,
                        "items": { "$ref": "#/definitions/role_id" },
                    },
                },
            },
            "modules": {
                "description": t(lang, "Ways of running a consultation the group chooses from (keys 1 to 9).", "Des façons de mener une consultation, parmi lesquelles le groupe choisit (touches 1 à 9)."),
                "type": "array",
                "maxItems": 9,
                "items": { "$ref": "#/definitions/module" },
            },
            "roles": {
                "description": t(lang, "The roles people hold.", "Les rôles que tiennent les personnes."),
                "type": "array",
                "items": { "$ref": "#/definitions/role" },
            },
            "steps": {
                "description": t(lang, "The steps, in order.", "Les étapes, dans l'ordre."),
                "type": "array",
                "minItems": 1,
                "items": { "$ref": "#/definitions/step" },
            },
        },
        "definitions": {
            "text": {
                "description": t(lang,
                    "A string, or a table of languages such as { en = \"...\", fr = \"...\" }.",
                    "Une chaîne, ou une table de langues comme { en = \"...\", fr = \"...\" }."),
                "oneOf": [
                    { "type": "string" },
                    {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": { "pattern": LANGUAGE_PATTERN },
                        "additionalProperties": { "type": "string" },
                    },
                ],
            },
            "duration": {
                "description": t(lang,
                    "A duration such as \"90s\", \"2m\", \"1m30s\" or \"1h30m\": whole numbers with h, m, s in that order, no spaces; more than zero, at most 24h.",
                    "Une durée comme \"90s\", \"2m\", \"1m30s\" ou \"1h30m\" : des nombres entiers suivis de h, m, s dans cet ordre, sans espace ; plus de zéro, 24h au plus."),
                "type": "string",
                "minLength": 2,
                "pattern": DURATION_PATTERN,
            },
            "id": {
                "description": t(lang, "Lowercase letters, digits and hyphens, such as \"case-giver\".", "Des minuscules, des chiffres et des tirets, comme \"case-giver\"."),
                "type": "string",
                "pattern": ID_PATTERN,
            },
            "role_id": {
                "allOf": [
                    { "$ref": "#/definitions/id" },
                    { "not": { "enum": ["all", "none"] } },
                ],
            },
            "role": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "name"],
                "properties": {
                    "id": { "description": t(lang, "The role's id, used by speaker, held_by and cycle (not \"all\" nor \"none\").", "L'identifiant du rôle, utilisé par speaker, held_by et cycle (ni \"all\" ni \"none\")."), "$ref": "#/definitions/role_id" },
                    "name": { "description": t(lang, "The role's name, as the screen shows it.", "Le nom du rôle, tel que l'écran l'affiche."), "$ref": "#/definitions/text" },
                    "count": {
                        "description": t(lang, "How many people hold it: a number, or \"rest\" for everyone left (default 1).", "Combien de personnes le tiennent : un nombre, ou \"rest\" pour tous les autres (par défaut 1)."),
                        "oneOf": [
                            { "type": "integer", "minimum": 1 },
                            { "const": "rest" },
                        ],
                    },
                    "held_by": { "description": t(lang, "The role whose holder also holds this one.", "Le rôle dont le titulaire tient aussi celui-ci."), "$ref": "#/definitions/role_id" },
                    "function": { "description": t(lang, "What the role is, across methods (its history is shared).", "Ce qu'est le rôle, d'une méthode à l'autre (son historique est partagé)."), "enum": functions() },
                    "description": { "description": t(lang, "What the role does.", "Ce que fait le rôle."), "$ref": "#/definitions/text" },
                },
            },
            "module": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "name"],
                "properties": {
                    "id": { "description": t(lang, "The module's id.", "L'identifiant du module."), "$ref": "#/definitions/id" },
                    "name": { "description": t(lang, "The module's name, as listed and pinned.", "Le nom du module, tel que listé et épinglé."), "$ref": "#/definitions/text" },
                    "prompts": text_list("Shown in the steps that use the module.", "Affichées dans les étapes qui utilisent le module."),
                    "rules": text_list("Added to the rules of the steps that use the module.", "Ajoutées aux règles des étapes qui utilisent le module."),
                },
            },
            "step": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name"],
                "properties": {
                    "name": { "description": t(lang, "The step's name.", "Le nom de l'étape."), "$ref": "#/definitions/text" },
                    "kind": { "description": t(lang, "talk (default), round, open, silence or writing.", "talk (par défaut), round (tour de parole), open (échange libre), silence ou writing (écriture)."), "enum": step_kinds() },
                    "duration": duration("The step's length (a round: the whole round).", "La durée de l'étape (un tour de parole : le tour entier)."),
                    "turn": duration("A round: each person's turn.", "Un tour de parole : le temps de chaque personne."),
                    "speaker": {
                        "description": t(lang, "Who speaks: a role id, \"all\", \"none\", or a list of role ids.", "Qui parle : un identifiant de rôle, \"all\" (tous), \"none\" (personne), ou une liste d'identifiants de rôles."),
                        "oneOf": [
                            { "type": "string", "anyOf": [ { "enum": ["all", "none"] }, { "$ref": "#/definitions/role_id" } ] },
                            { "type": "array", "items": { "$ref": "#/definitions/role_id" } },
                        ],
                    },
                    "prompts": text_list("Questions and cues shown during the step.", "Questions et repères affichés pendant l'étape."),
                    "rules": text_list("The rules of the moment, shown as a banner.", "Les règles du moment, affichées en bandeau."),
                    "tail": {
                        "description": t(lang, "A round: a last word given to one role after the turns.", "Un tour de parole : un dernier mot donné à un rôle après les tours."),
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["speaker", "duration"],
                        "properties": {
                            "speaker": { "$ref": "#/definitions/role_id" },
                            "duration": { "$ref": "#/definitions/duration" },
                        },
                    },
                    "passes": {
                        "description": t(lang, "A round: how many times it goes round (1 to 20), or \"until-time\" (round and round until the step's time is up; needs turn and duration).", "Un tour de parole : combien de fois il fait le tour (1 à 20), ou \"until-time\" (des tours jusqu'à la fin du temps de l'étape ; demande turn et duration)."),
                        "oneOf": [
                            { "type": "integer", "minimum": 1, "maximum": 20 },
                            { "const": "until-time" },
                        ],
                    },
                    "assign": {
                        "description": t(lang, "The roles the group decides during this step (the roles picker, key R).", "Les rôles que le groupe choisit pendant cette étape (le choix des rôles, touche R)."),
                        "type": "array",
                        "items": { "$ref": "#/definitions/role_id" },
                    },
                    "first": { "description": t(lang, "A round: the role whose holders take the first turns.", "Un tour de parole : le rôle dont les titulaires parlent en premier."), "$ref": "#/definitions/role_id" },
                    "last": { "description": t(lang, "A round: the role whose holders take the last turns.", "Un tour de parole : le rôle dont les titulaires parlent en dernier."), "$ref": "#/definitions/role_id" },
                    "min_turn": duration("A round: the shortest useful turn; shorter turns are warned about (default 1m).", "Un tour de parole : le plus court tour utile ; un tour plus court donne un avertissement (1m par défaut)."),
                    "capture": { "description": t(lang, "The sentence the step captures and pins, such as \"contract\" or \"action-plan\".", "La phrase que l'étape recueille et épingle, comme \"contract\" ou \"action-plan\"."), "$ref": "#/definitions/id" },
                    "min": duration("Fitting: the shortest the step may become.", "Ajustement : la durée la plus courte que l'étape peut prendre."),
                    "max": duration("Fitting: the longest the step may become.", "Ajustement : la durée la plus longue que l'étape peut prendre."),
                    "fixed": flag("Fitting: the step keeps its length.", "Ajustement : l'étape garde sa durée."),
                    "protected": flag("Fitting: the step is never shortened.", "Ajustement : l'étape n'est jamais raccourcie."),
                    "optional": flag("Fitting: the step can be left out with --drop-optional.", "Ajustement : l'étape peut être omise avec --drop-optional."),
                    "in_cycle": flag("Whether the step is repeated by the cycle.", "Si l'étape est répétée par le cycle."),
                    "choose_module": flag("The group chooses a module in this step.", "Le groupe choisit un module dans cette étape."),
                    "use_module": flag("The step follows the module chosen.", "L'étape suit le module choisi."),
                },
            },
        },
    })
}

/// The schema of a group file.
fn group_schema(lang: Lang) -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": t(lang, "intervision group file", "fichier de groupe d'intervision"),
        "description": t(lang,
            "A group that meets again and again: its members, its usual method, where its logs go. See docs/group-format.md.",
            "Un groupe qui se réunit régulièrement : ses membres, sa méthode habituelle, où vont ses journaux. Voir docs/group-format.md."),
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "members"],
        "properties": {
            "name": { "description": t(lang, "The group's name, as people call it.", "Le nom du groupe, tel qu'on l'appelle."), "type": "string", "pattern": "\\S" },
            "members": {
                "description": t(lang, "The members, in the order that breaks ties when roles are suggested.", "Les membres, dans l'ordre qui départage quand des rôles sont proposés."),
                "type": "array",
                "minItems": 1,
                "maxItems": crate::domain::plan::MAX_PEOPLE,
                "items": {
                    "description": t(lang, "A member's name, without commas.", "Le prénom d'un membre, sans virgule."),
                    "type": "string",
                    "pattern": "^[^,]*[^,\\s][^,]*$",
                },
            },
            "method": { "description": t(lang, "The method the group usually runs: an id or the path to a method file.", "La méthode habituelle du groupe : un identifiant ou le chemin d'un fichier de méthode."), "type": "string", "pattern": "\\S" },
            "log_dir": { "description": t(lang, "Where the group's session logs go (~ and relative paths allowed).", "Où vont les journaux de séance du groupe (~ et chemins relatifs permis)."), "type": "string" },
            "record": { "description": t(lang, "What the logs keep, over the method's record: all, timings or none.", "Ce que gardent les journaux, à la place du record de la méthode : all (tout), timings (les durées) ou none (rien)."), "enum": records() },
            "language": { "description": t(lang, "The interface language of the group's sessions.", "La langue de l'interface pour les séances du groupe."), "enum": ["en", "fr"] },
        },
    })
}
