//! Methods: a sequence of timed steps with roles and prompts, read from TOML and checked.
//!
//! This module knows nothing of the terminal, the clock or the file system: it turns a text into
//! a [`Method`] or into a [`MethodError`] that says where the text is wrong.

pub(crate) mod diagnose;
pub mod duration;
pub mod error;
mod raw;
pub mod text;

use std::collections::HashSet;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use duration::{Clock, format_duration, parse_duration};
pub use error::{Location, MethodError};
pub use text::{Text, is_language_tag};

use crate::domain::lang::Bilingual;
use raw::{RawCount, RawMethod};

/// The largest method file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The group size assumed for a method that does not say: a typical peer group.
pub const DEFAULT_GROUP: u32 = 5;

/// A checked method: everything the timetable and the runner need.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// The method's name.
    pub name: Text,
    /// What the method is for, in a sentence or two.
    pub summary: Option<Text>,
    /// Where the method comes from.
    pub source: Option<String>,
    /// The group size the method is made for.
    pub group: GroupSize,
    /// The time to book, which may exceed the sum of the steps.
    pub slot: Option<Duration>,
    /// What the session's log keeps.
    pub record: Record,
    /// Whether the method needs a facilitator.
    pub facilitation: Facilitation,
    /// The method this one is a variant of (its id).
    pub variant_of: Option<String>,
    /// Steps repeated once per member (or a number of times), a role passing from one to the next.
    pub cycle: Option<Cycle>,
    /// Ways of running a consultation, one of which the group chooses during a step.
    pub modules: Vec<Module>,
    /// The roles, in the order people are assigned to them.
    pub roles: Vec<Role>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// A way of running a consultation (brainstorming, good advice, resonance...), chosen by the
/// group during a step with `choose_module`.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Its identifier.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// Its prompts, shown in the steps that use the chosen module.
    pub prompts: Vec<Text>,
    /// Its rules, shown as banners in those steps.
    pub rules: Vec<Text>,
}

/// Whether a method needs a facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Facilitation {
    /// The group can run it alone, guided by the screen.
    #[default]
    SelfManaged,
    /// A trained facilitator is recommended.
    Recommended,
    /// A facilitator is part of the method.
    Required,
}

impl Facilitation {
    /// The value as files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Facilitation::SelfManaged => "self-managed",
            Facilitation::Recommended => "recommended",
            Facilitation::Required => "required",
        }
    }
}

/// Steps repeated for each member: in each pass, one more member holds `role` (the client).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// The role that passes from member to member.
    pub role: String,
    /// How many passes.
    pub repeat: Repeat,
}

/// How many times a cycle runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Once per person present.
    Each,
    /// This many times.
    Times(u32),
}

/// How far fitting a session to its slot may stretch or shrink a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bounds {
    /// The shortest (per turn for a round timed by `turn`).
    pub min: Option<Duration>,
    /// The longest (per turn for a round timed by `turn`).
    pub max: Option<Duration>,
}

/// What a session's log keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Record {
    /// Timings, notes and captures.
    #[default]
    All,
    /// Timings only: no notes, no captures.
    Timings,
    /// Nothing is written to disk.
    None,
}

impl Record {
    /// The value as files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Record::All => "all",
            Record::Timings => "timings",
            Record::None => "none",
        }
    }
}

/// How a capture is named on screen and in summaries: known ids have a name in each language,
/// others are shown as written.
pub fn capture_label(id: &str, lang: crate::domain::lang::Lang) -> String {
    let known = match id {
        "contract" => Some(crate::domain::lang::Tr {
            en: "Contract",
            fr: "Contrat",
        }),
        "key-question" => Some(crate::domain::lang::Tr {
            en: "Key question",
            fr: "Question clé",
        }),
        "action-plan" => Some(crate::domain::lang::Tr {
            en: "Action plan",
            fr: "Plan d'action",
        }),
        "problem" => Some(crate::domain::lang::Tr {
            en: "Problem",
            fr: "Problème",
        }),
        "goal" => Some(crate::domain::lang::Tr {
            en: "Goal",
            fr: "Objectif",
        }),
        "learnings" => Some(crate::domain::lang::Tr {
            en: "Learnings",
            fr: "Apprentissages",
        }),
        _ => None,
    };
    match known {
        Some(label) => label.get(lang).to_owned(),
        None => {
            let mut chars = id.replace('-', " ").chars().collect::<Vec<_>>();
            if let Some(first) = chars.first_mut() {
                *first = first.to_ascii_uppercase();
            }
            chars.into_iter().collect()
        }
    }
}

/// What a role does, in words shared by every method, so that the history of who held which
/// role carries over from one method to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Function {
    /// Brings the case (client, presenter, porteur).
    CaseGiver,
    /// Helps with the case (coach, consultant, peer).
    Consultant,
    /// Leads the process (animateur, moderator).
    Facilitator,
    /// Keeps time.
    Timekeeper,
    /// Takes notes (secrétaire, scribe).
    Secretary,
    /// Watches and gives feedback on the process.
    Observer,
}

impl Function {
    /// The value as files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::CaseGiver => "case-giver",
            Function::Consultant => "consultant",
            Function::Facilitator => "facilitator",
            Function::Timekeeper => "timekeeper",
            Function::Secretary => "secretary",
            Function::Observer => "observer",
        }
    }
}

/// How many people a method is made for, the case giver included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupSize {
    /// The fewest people, if the method says.
    pub min: Option<u32>,
    /// The most people, if the method says.
    pub max: Option<u32>,
}

impl GroupSize {
    /// Whether `people` is within the bounds.
    pub fn contains(&self, people: u32) -> bool {
        self.min.is_none_or(|min| people >= min) && self.max.is_none_or(|max| people <= max)
    }
}

/// A role people hold during a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The role's identifier, which steps refer to.
    pub id: String,
    /// The role's name.
    pub name: Text,
    /// How many people hold it.
    pub count: RoleCount,
    /// The role whose holders also take this one (the timekeeper is one of the coaches).
    pub held_by: Option<String>,
    /// What the role does, in the words shared by every method.
    pub function: Option<Function>,
    /// What the role does.
    pub description: Option<Text>,
}

/// How many people hold a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleCount {
    /// This many people.
    Exactly(u32),
    /// Everyone who holds no other counted role.
    Rest,
}

/// The kind of a step, which decides how it is timed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum StepKind {
    /// One speaker, or one role, holds the floor.
    #[default]
    Talk,
    /// Each person holding the speaker role takes a timed turn.
    Round,
    /// Free conversation.
    Open,
    /// Nobody speaks.
    Silence,
    /// Everyone writes, in silence.
    Writing,
}

impl StepKind {
    /// The kind as method files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Talk => "talk",
            StepKind::Round => "round",
            StepKind::Open => "open",
            StepKind::Silence => "silence",
            StepKind::Writing => "writing",
        }
    }

    /// Whether the step is a quiet one (silence or writing), with no speaker.
    pub fn is_quiet(self) -> bool {
        matches!(self, StepKind::Silence | StepKind::Writing)
    }
}

/// Who speaks in a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// Everyone.
    All,
    /// Nobody.
    Nobody,
    /// The holders of one or more roles, by id, in the order the step gives them.
    Roles(Vec<String>),
}

/// How a step's time is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// The step lasts this long.
    Total(Duration),
    /// A round: each turn lasts this long.
    PerTurn(Duration),
}

/// The final turn(s) of a round given to another role (the case giver reflects on the mirrors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    /// The role whose holders speak last.
    pub role: String,
    /// The length of each of their turns.
    pub duration: Duration,
}

/// One step of a method.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The step's name.
    pub name: Text,
    /// Its kind.
    pub kind: StepKind,
    /// Its time.
    pub timing: Timing,
    /// Who speaks.
    pub speaker: Speaker,
    /// The prompts shown on screen.
    pub prompts: Vec<Text>,
    /// The rules of the moment, shown as a banner.
    pub rules: Vec<Text>,
    /// For a round: the final turns of another role.
    pub tail: Option<Tail>,
    /// For a round: how many times it goes round (each person speaks this many times; a
    /// question round of several passes).
    pub passes: u32,
    /// The sentence this step asks the note-taker to capture (`contract`, `action-plan`...).
    pub capture: Option<String>,
    /// How far fitting may stretch or shrink the step.
    pub bounds: Bounds,
    /// Never scaled when fitting.
    pub fixed: bool,
    /// Keeps its length when fitting (a silence, a protected reflection): never shortened, never stretched.
    pub protected: bool,
    /// May be left out when the session must be short.
    pub optional: bool,
    /// Part of the method's cycle.
    pub in_cycle: bool,
    /// During this step the group chooses one of the method's modules.
    pub choose_module: bool,
    /// This step shows the chosen module's prompts and rules.
    pub use_module: bool,
}

impl Method {
    /// Reads and checks a method from the bytes of a file named `origin`.
    pub fn from_bytes(origin: &str, bytes: &[u8]) -> Result<Method, MethodError> {
        let kind = crate::domain::lang::Tr {
            en: "a method file",
            fr: "un fichier de méthode",
        };
        let source = error::file_text(origin, bytes, kind, MAX_FILE_BYTES)?;
        Method::from_str(origin, source)
    }

    /// Reads and checks a method from its TOML text; `origin` names the file in errors.
    pub fn from_str(origin: &str, source: &str) -> Result<Method, MethodError> {
        if source
            .trim()
            .lines()
            .all(|line| line.trim().is_empty() || line.trim().starts_with('#'))
        {
            return Err(MethodError::at(
                origin,
                source,
                Some(0..0),
                Bilingual::new(
                    "the file has no method in it",
                    "le fichier ne contient aucune méthode",
                ),
                Some(Bilingual::new(
                    "a method needs at least `name = \"...\"` and one [[steps]] table with a name and a duration; start from examples/minimal.toml",
                    "une méthode demande au moins `name = \"...\"` et une table [[steps]] avec un nom et une durée ; partez de examples/minimal.toml",
                )),
            ));
        }
        let raw: RawMethod =
            toml::from_str(source).map_err(|error| diagnose::from_toml(origin, source, &error))?;
        Checker { origin, source }.check(raw)
    }

    /// The number of people a preview assumes when none is given: the group's maximum, else its
    /// minimum, else the fewest people that fill every role.
    pub fn default_people(&self) -> u32 {
        self.group
            .max
            .or(self.group.min)
            .unwrap_or_else(|| self.fewest_people().max(DEFAULT_GROUP))
    }

    /// The fewest people that fill every counted role and leave one person for a "rest" role.
    pub fn fewest_people(&self) -> u32 {
        self.roles
            .iter()
            .filter(|role| role.held_by.is_none())
            .map(|role| match role.count {
                RoleCount::Exactly(count) => count,
                RoleCount::Rest => 1,
            })
            .sum::<u32>()
            .max(1)
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|role| role.id == id)
    }
}

/// Checks what serde read against the rules serde cannot say.
struct Checker<'a> {
    origin: &'a str,
    source: &'a str,
}

type Span = std::ops::Range<usize>;

impl Checker<'_> {
    fn error(&self, span: Span, message: Bilingual, help: Bilingual) -> MethodError {
        MethodError::at(self.origin, self.source, Some(span), message, Some(help))
    }

    fn check(&self, raw: RawMethod) -> Result<Method, MethodError> {
        let language = match raw.language {
            Some(language) if !is_language_tag(language.get_ref()) => {
                return Err(self.error(
                    language.span(),
                    Bilingual::new(
                        format!("`{}` is not a language tag", language.get_ref()),
                        format!("`{}` n'est pas une étiquette de langue", language.get_ref()),
                    ),
                    Bilingual::new(
                        "write two or three lowercase letters, optionally with a region: \"en\", \"fr\", \"fr-CA\"",
                        "écrivez deux ou trois lettres minuscules, avec une région si besoin : \"en\", \"fr\", \"fr-CA\"",
                    ),
                ));
            }
            Some(language) => language.into_inner(),
            None => "en".to_owned(),
        };
        let group = self.check_group(raw.group)?;
        let roles = self.check_roles(raw.roles, &language)?;
        let role_ids: Vec<&str> = roles.iter().map(|role| role.id.as_str()).collect();
        let steps_span = raw.steps.span();
        if raw.steps.get_ref().is_empty() {
            return Err(self.error(
                raw.steps.span(),
                Bilingual::new("the method has no steps", "la méthode n'a aucune étape"),
                Bilingual::new(
                    "add at least one [[steps]] table with a `name` and a `duration`",
                    "ajoutez au moins une table [[steps]] avec un `name` et une `duration`",
                ),
            ));
        }
        let steps = raw
            .steps
            .into_inner()
            .into_iter()
            .map(|step| self.check_step(step, &role_ids, &language))
            .collect::<Result<Vec<_>, _>>()?;
        let cycle = self.check_cycle(raw.cycle, &roles, &steps, steps_span)?;
        let modules = self.check_modules(raw.modules, &language)?;
        if let Some(step) = steps
            .iter()
            .find(|step| (step.choose_module || step.use_module) && modules.is_empty())
        {
            let key = if step.choose_module {
                "choose_module"
            } else {
                "use_module"
            };
            return Err(self.error(
                self.find_key_span(key),
                Bilingual::new(
                    format!("a step has `{key}`, but the method has no [[modules]]"),
                    format!("une étape a `{key}`, mais la méthode n'a pas de [[modules]]"),
                ),
                Bilingual::new(
                    "add [[modules]] tables (id, name, prompts, rules), or remove the key",
                    "ajoutez des tables [[modules]] (id, name, prompts, rules), ou retirez la clé",
                ),
            ));
        }
        if !modules.is_empty() && !steps.iter().any(|step| step.choose_module) {
            return Err(self.error(
                self.find_key_span("[[modules]]"),
                Bilingual::new(
                    "the method has [[modules]] but no step to choose one",
                    "la méthode a des [[modules]] mais aucune étape pour en choisir un",
                ),
                Bilingual::new(
                    "add choose_module = true to the step where the group chooses",
                    "ajoutez choose_module = true à l'étape où le groupe choisit",
                ),
            ));
        }
        Ok(Method {
            name: raw.name.resolve(&language),
            summary: raw.summary.map(|text| text.resolve(&language)),
            source: raw.source,
            group,
            slot: raw.slot.map(|slot| slot.0),
            record: raw.record.unwrap_or_default(),
            facilitation: raw.facilitation.unwrap_or_default(),
            variant_of: raw.variant_of,
            cycle,
            modules,
            roles,
            steps,
        })
    }

    fn check_group(
        &self,
        group: Option<toml::Spanned<raw::RawGroup>>,
    ) -> Result<GroupSize, MethodError> {
        let Some(group) = group else {
            return Ok(GroupSize::default());
        };
        let span = group.span();
        let group = group.into_inner();
        for bound in [&group.min, &group.max].into_iter().flatten() {
            if *bound.get_ref() == 0 {
                return Err(self.error(
                    bound.span(),
                    Bilingual::new(
                        "a group of 0 people is not possible",
                        "un groupe de 0 personne n'est pas possible",
                    ),
                    Bilingual::new(
                        "give a number of people of 1 or more, the case giver included",
                        "donnez un nombre de personnes de 1 ou plus, porteur de cas compris",
                    ),
                ));
            }
        }
        let (min, max) = (
            group.min.map(|min| *min.get_ref()),
            group.max.map(|max| *max.get_ref()),
        );
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            return Err(self.error(
                span,
                Bilingual::new(
                    format!("the group's minimum ({min}) is larger than its maximum ({max})"),
                    format!("le minimum du groupe ({min}) dépasse son maximum ({max})"),
                ),
                Bilingual::new(
                    "swap the two numbers, or set min ≤ max",
                    "inversez les deux nombres : min ≤ max",
                ),
            ));
        }
        Ok(GroupSize { min, max })
    }

    fn check_roles(
        &self,
        raw_roles: Vec<toml::Spanned<raw::RawRole>>,
        language: &str,
    ) -> Result<Vec<Role>, MethodError> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut rest_seen = false;
        let declared: Vec<String> = raw_roles
            .iter()
            .map(|role| role.get_ref().id.get_ref().clone())
            .collect();
        let mut roles = Vec::with_capacity(raw_roles.len());
        for role in raw_roles {
            let role = role.into_inner();
            let id = role.id.get_ref();
            let id_ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !id.starts_with('-');
            if !id_ok || id == "all" || id == "none" {
                return Err(self.error(
                    role.id.span(),
                    Bilingual::new(format!("`{id}` cannot be a role id"), format!("`{id}` ne peut pas être un identifiant de rôle")),
                    Bilingual::new(
                        "use lowercase letters, digits and hyphens, such as \"case-giver\"; \"all\" and \"none\" are reserved",
                        "utilisez des minuscules, des chiffres et des tirets, comme \"case-giver\" ; \"all\" et \"none\" sont réservés",
                    ),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(self.error(
                    role.id.span(),
                    Bilingual::new(
                        format!("the role id `{id}` is declared twice"),
                        format!("l'identifiant de rôle `{id}` est déclaré deux fois"),
                    ),
                    Bilingual::new(
                        "give each role its own id",
                        "donnez à chaque rôle son propre identifiant",
                    ),
                ));
            }
            let count = match role.count {
                Some(RawCount::Rest) if rest_seen => {
                    return Err(self.error(
                        role.id.span(),
                        Bilingual::new(
                            format!("role `{id}` is a second \"rest\" role"),
                            format!("le rôle `{id}` est un second rôle \"rest\""),
                        ),
                        Bilingual::new(
                            "only one role can take everyone left; give this one a number, such as count = 1",
                            "un seul rôle peut prendre toutes les personnes restantes ; donnez un nombre à celui-ci, comme count = 1",
                        ),
                    ));
                }
                Some(RawCount::Rest) => {
                    rest_seen = true;
                    RoleCount::Rest
                }
                Some(RawCount::Exactly(count)) => RoleCount::Exactly(count),
                None => RoleCount::Exactly(1),
            };
            let held_by = match role.held_by {
                Some(host) => {
                    if host.get_ref() == id || !declared.contains(host.get_ref()) {
                        return Err(self.unknown_role(
                            host.span(),
                            host.get_ref(),
                            &declared,
                            "held_by",
                            false,
                        ));
                    }
                    Some(host.into_inner())
                }
                None => None,
            };
            roles.push(Role {
                id: role.id.into_inner(),
                name: role.name.resolve(language),
                count,
                held_by,
                function: role.function,
                description: role.description.map(|text| text.resolve(language)),
            });
        }
        // A role held by another must be held by a role that people hold in their own right.
        for role in &roles {
            if let Some(host) = &role.held_by
                && roles
                    .iter()
                    .any(|other| &other.id == host && other.held_by.is_some())
            {
                let span = self.find_value_span(host);
                return Err(self.error(
                    span,
                    Bilingual::new(
                        format!(
                            "role `{}` is held by `{host}`, which is itself held by another role",
                            role.id
                        ),
                        format!(
                            "le rôle `{}` est tenu par `{host}`, lui-même tenu par un autre rôle",
                            role.id
                        ),
                    ),
                    Bilingual::new(
                        "point held_by at a role that has no held_by of its own",
                        "faites pointer held_by vers un rôle qui n'a pas lui-même de held_by",
                    ),
                ));
            }
        }
        Ok(roles)
    }

    /// The span of the first quoted occurrence of `value` (used where serde kept no span).
    fn find_value_span(&self, value: &str) -> Span {
        let quoted = format!("\"{value}\"");
        self.source
            .rfind(&quoted)
            .map_or(0..0, |start| start..start + quoted.len())
    }

    fn unknown_role(
        &self,
        span: Span,
        id: &str,
        declared: &[String],
        field: &str,
        special: bool,
    ) -> MethodError {
        let mut accepted: Vec<String> = declared.iter().map(|id| format!("\"{id}\"")).collect();
        if special {
            accepted.push("\"all\"".into());
            accepted.push("\"none\"".into());
        }
        let list = if accepted.is_empty() {
            "(no role is declared)".to_owned()
        } else {
            accepted.join(", ")
        };
        let liste = if accepted.is_empty() {
            "(aucun rôle n'est déclaré)".to_owned()
        } else {
            accepted.join(", ")
        };
        self.error(
            span,
            Bilingual::new(
                format!("unknown role `{id}` in `{field}`"),
                format!("rôle inconnu `{id}` dans `{field}`"),
            ),
            Bilingual::new(
                format!("use one of: {list}, or declare the role in a [[roles]] table"),
                format!("utilisez l'un de : {liste}, ou déclarez le rôle dans une table [[roles]]"),
            ),
        )
    }

    fn check_step(
        &self,
        step: toml::Spanned<raw::RawStep>,
        role_ids: &[&str],
        language: &str,
    ) -> Result<Step, MethodError> {
        let step_span = step.span();
        let header = self.header_span(step_span.clone());
        let step = step.into_inner();
        let kind = step.kind.unwrap_or_default();
        let declared: Vec<String> = role_ids.iter().map(|id| (*id).to_owned()).collect();
        let speaker = match &step.speaker {
            None if kind.is_quiet() => Speaker::Nobody,
            None => Speaker::All,
            Some(speaker) => self.check_speaker(speaker, role_ids, &declared)?,
        };
        if kind.is_quiet()
            && let (Some(span), false) = (
                step.speaker.as_ref().map(|s| s.span()),
                speaker == Speaker::Nobody,
            )
        {
            return Err(self.error(
                span,
                Bilingual::new(
                    format!("a \"{}\" step has no speaker", kind.as_str()),
                    format!("une étape de type \"{}\" n'a pas d'orateur", kind.as_str()),
                ),
                Bilingual::new(
                    "remove `speaker` (or write speaker = \"none\"), or make it a \"talk\" step",
                    "retirez `speaker` (ou écrivez speaker = \"none\"), ou faites-en une étape \"talk\"",
                ),
            ));
        }
        let timing = if kind == StepKind::Round {
            if speaker == Speaker::Nobody {
                let span = step.speaker.as_ref().map_or(header.clone(), |s| s.span());
                return Err(self.error(
                    span,
                    Bilingual::new("a round needs people to take turns, but its speaker is \"none\"", "un tour de parole demande des participants, mais son orateur est \"none\""),
                    Bilingual::new(
                        "set speaker to a role id or \"all\", or make it a \"silence\" step",
                        "donnez comme orateur un identifiant de rôle ou \"all\", ou faites-en une étape \"silence\"",
                    ),
                ));
            }
            match (step.turn, step.duration) {
                (Some(turn), None) => Timing::PerTurn(turn.get_ref().0),
                (None, Some(duration)) => Timing::Total(duration.get_ref().0),
                (Some(turn), Some(_)) => {
                    return Err(self.error(
                        turn.span(),
                        Bilingual::new("this round gives both `turn` and `duration`", "ce tour de parole donne à la fois `turn` et `duration`"),
                        Bilingual::new(
                            "keep one: `turn` is the time per person, `duration` is the whole round, split evenly",
                            "gardez-en un : `turn` est le temps par personne, `duration` la durée du tour entier, partagée également",
                        ),
                    ));
                }
                (None, None) => {
                    return Err(self.error(
                        header,
                        Bilingual::new("this round has neither `turn` nor `duration`", "ce tour de parole n'a ni `turn` ni `duration`"),
                        Bilingual::new(
                            "add turn = \"2m\" (time per person) or duration = \"10m\" (the whole round, split evenly)",
                            "ajoutez turn = \"2m\" (temps par personne) ou duration = \"10m\" (le tour entier, partagé également)",
                        ),
                    ));
                }
            }
        } else {
            if let Some(turn) = &step.turn {
                return Err(self.error(
                    turn.span(),
                    Bilingual::new(
                        format!("`turn` only applies to rounds, and this step is of kind \"{}\"", kind.as_str()),
                        format!("`turn` ne vaut que pour les tours de parole, et cette étape est de type \"{}\"", kind.as_str()),
                    ),
                    Bilingual::new(
                        "use duration = \"...\" for this step, or set kind = \"round\"",
                        "utilisez duration = \"...\" pour cette étape, ou indiquez kind = \"round\"",
                    ),
                ));
            }
            if let Some(tail) = &step.tail {
                return Err(self.error(
                    tail.span(),
                    Bilingual::new(
                        format!("`tail` only applies to rounds, and this step is of kind \"{}\"", kind.as_str()),
                        format!("`tail` ne vaut que pour les tours de parole, et cette étape est de type \"{}\"", kind.as_str()),
                    ),
                    Bilingual::new("remove `tail`, or set kind = \"round\"", "retirez `tail`, ou indiquez kind = \"round\""),
                ));
            }
            match step.duration {
                Some(duration) => Timing::Total(duration.get_ref().0),
                None => {
                    return Err(self.error(
                        header,
                        Bilingual::new("this step has no `duration`", "cette étape n'a pas de `duration`"),
                        Bilingual::new(
                            "add a duration such as duration = \"10m\" (units h, m, s: \"90s\", \"1m30s\", \"1h30m\")",
                            "ajoutez une durée comme duration = \"10m\" (unités h, m, s : \"90s\", \"1m30s\", \"1h30m\")",
                        ),
                    ));
                }
            }
        };
        let tail = match step.tail {
            Some(tail) => {
                let tail = tail.into_inner();
                let id = tail.speaker.get_ref();
                if !role_ids.contains(&id.as_str()) {
                    return Err(self.unknown_role(
                        tail.speaker.span(),
                        id,
                        &declared,
                        "tail.speaker",
                        false,
                    ));
                }
                Some(Tail {
                    role: tail.speaker.into_inner(),
                    duration: tail.duration.0,
                })
            }
            None => None,
        };
        let capture = match step.capture {
            Some(capture) => {
                let id = capture.get_ref();
                let ok = !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !ok {
                    return Err(self.error(
                        capture.span(),
                        Bilingual::new(format!("`{id}` cannot name a capture"), format!("`{id}` ne peut pas nommer une capture")),
                        Bilingual::new(
                            "use lowercase letters, digits and hyphens, such as \"contract\", \"key-question\" or \"action-plan\"",
                            "utilisez des minuscules, des chiffres et des tirets, comme \"contract\", \"key-question\" ou \"action-plan\"",
                        ),
                    ));
                }
                Some(capture.into_inner())
            }
            None => None,
        };
        let in_cycle = step.in_cycle.as_ref().is_some_and(|flag| *flag.get_ref());
        let passes = match &step.passes {
            None => 1,
            Some(passes) if kind != StepKind::Round => {
                return Err(self.error(
                    passes.span(),
                    Bilingual::new(
                        format!("`passes` only applies to rounds, and this step is of kind \"{}\"", kind.as_str()),
                        format!("`passes` ne vaut que pour les tours de parole, et cette étape est de type \"{}\"", kind.as_str()),
                    ),
                    Bilingual::new("remove `passes`, or set kind = \"round\"", "retirez `passes`, ou indiquez kind = \"round\""),
                ));
            }
            Some(passes) if !(1..=20).contains(passes.get_ref()) => {
                return Err(self.error(
                    passes.span(),
                    Bilingual::new(
                        format!("{} passes is not possible", passes.get_ref()),
                        format!("{} passages, ce n'est pas possible", passes.get_ref()),
                    ),
                    Bilingual::new(
                        "give a number of passes from 1 to 20",
                        "donnez un nombre de passages de 1 à 20",
                    ),
                ));
            }
            Some(passes) => *passes.get_ref(),
        };
        let bounds = self.check_bounds(&step.min, &step.max, step.fixed, &timing)?;
        Ok(Step {
            passes,
            capture,
            bounds,
            fixed: step.fixed,
            protected: step.protected,
            optional: step.optional,
            in_cycle,
            choose_module: step
                .choose_module
                .as_ref()
                .is_some_and(|flag| *flag.get_ref()),
            use_module: step.use_module,
            name: step.name.resolve(language),
            kind,
            timing,
            speaker,
            prompts: step
                .prompts
                .into_iter()
                .map(|text| text.resolve(language))
                .collect(),
            rules: step
                .rules
                .into_iter()
                .map(|text| text.resolve(language))
                .collect(),
            tail,
        })
    }

    fn check_bounds(
        &self,
        min: &Option<toml::Spanned<raw::RawDuration>>,
        max: &Option<toml::Spanned<raw::RawDuration>>,
        fixed: bool,
        timing: &Timing,
    ) -> Result<Bounds, MethodError> {
        let default = match timing {
            Timing::Total(duration) | Timing::PerTurn(duration) => *duration,
        };
        let what = match timing {
            Timing::PerTurn(_) => ("the turn", "le tour"),
            Timing::Total(_) => ("the step", "l'étape"),
        };
        if fixed && let Some(bound) = min.as_ref().or(max.as_ref()) {
            return Err(self.error(
                bound.span(),
                Bilingual::new(
                    "a fixed step has no `min` or `max`: it keeps its length",
                    "une étape fixe n'a ni `min` ni `max` : elle garde sa durée",
                ),
                Bilingual::new(
                    "remove `fixed = true`, or remove `min` and `max`",
                    "retirez `fixed = true`, ou retirez `min` et `max`",
                ),
            ));
        }
        if let Some(min) = min
            && min.get_ref().0 > default
        {
            return Err(self.error(
                min.span(),
                Bilingual::new(
                    format!(
                        "`min` ({}) is longer than {} itself ({})",
                        format_duration(min.get_ref().0),
                        what.0,
                        format_duration(default)
                    ),
                    format!(
                        "`min` ({}) dépasse la durée de {} ({})",
                        format_duration(min.get_ref().0),
                        what.1,
                        format_duration(default)
                    ),
                ),
                Bilingual::new(
                    "min ≤ the step's (or turn's) duration ≤ max",
                    "min ≤ la durée de l'étape (ou du tour) ≤ max",
                ),
            ));
        }
        if let Some(max) = max
            && max.get_ref().0 < default
        {
            return Err(self.error(
                max.span(),
                Bilingual::new(
                    format!(
                        "`max` ({}) is shorter than {} itself ({})",
                        format_duration(max.get_ref().0),
                        what.0,
                        format_duration(default)
                    ),
                    format!(
                        "`max` ({}) est plus court que {} ({})",
                        format_duration(max.get_ref().0),
                        what.1,
                        format_duration(default)
                    ),
                ),
                Bilingual::new(
                    "min ≤ the step's (or turn's) duration ≤ max",
                    "min ≤ la durée de l'étape (ou du tour) ≤ max",
                ),
            ));
        }
        Ok(Bounds {
            min: min.as_ref().map(|min| min.get_ref().0),
            max: max.as_ref().map(|max| max.get_ref().0),
        })
    }

    fn check_cycle(
        &self,
        cycle: Option<toml::Spanned<raw::RawCycle>>,
        roles: &[Role],
        steps: &[Step],
        steps_span: Span,
    ) -> Result<Option<Cycle>, MethodError> {
        let first = steps.iter().position(|step| step.in_cycle);
        let last = steps.iter().rposition(|step| step.in_cycle);
        let Some(cycle) = cycle else {
            if first.is_some() {
                return Err(self.error(
                    self.find_key_span("in_cycle"),
                    Bilingual::new("a step is `in_cycle`, but the method has no [cycle]", "une étape est `in_cycle`, mais la méthode n'a pas de [cycle]"),
                    Bilingual::new(
                        "add a table such as [cycle] role = \"client\" repeat = \"each\", or remove in_cycle",
                        "ajoutez une table comme [cycle] role = \"client\" repeat = \"each\", ou retirez in_cycle",
                    ),
                ));
            }
            return Ok(None);
        };
        let span = cycle.span();
        let cycle = cycle.into_inner();
        let id = cycle.role.get_ref();
        let declared: Vec<String> = roles.iter().map(|role| role.id.clone()).collect();
        let Some(role) = roles.iter().find(|role| &role.id == id) else {
            return Err(self.unknown_role(cycle.role.span(), id, &declared, "cycle.role", false));
        };
        if role.count != RoleCount::Exactly(1) || role.held_by.is_some() {
            return Err(self.error(
                cycle.role.span(),
                Bilingual::new(
                    format!("the cycle passes role `{id}` from person to person, so it must be held by exactly one person"),
                    format!("le cycle fait passer le rôle `{id}` de personne en personne : il doit être tenu par une seule personne"),
                ),
                Bilingual::new("give that role count = 1 and no held_by", "donnez à ce rôle count = 1 et pas de held_by"),
            ));
        }
        let (Some(first), Some(last)) = (first, last) else {
            return Err(self.error(
                span,
                Bilingual::new("the [cycle] has no steps", "le [cycle] n'a aucune étape"),
                Bilingual::new(
                    "mark the repeated steps with in_cycle = true",
                    "marquez les étapes répétées avec in_cycle = true",
                ),
            ));
        };
        if steps[first..=last].iter().any(|step| !step.in_cycle) {
            return Err(self.error(
                steps_span,
                Bilingual::new(
                    "the steps of the cycle must follow each other",
                    "les étapes du cycle doivent se suivre",
                ),
                Bilingual::new(
                    "put every in_cycle step together, with no other step between them",
                    "regroupez les étapes in_cycle, sans autre étape entre elles",
                ),
            ));
        }
        Ok(Some(Cycle {
            role: cycle.role.into_inner(),
            repeat: match cycle.repeat {
                Some(raw::RawRepeat::Times(times)) => Repeat::Times(times),
                Some(raw::RawRepeat::Each) | None => Repeat::Each,
            },
        }))
    }

    fn check_modules(
        &self,
        raw_modules: Vec<toml::Spanned<raw::RawModule>>,
        language: &str,
    ) -> Result<Vec<Module>, MethodError> {
        let mut modules: Vec<Module> = Vec::new();
        if raw_modules.len() > 9 {
            return Err(self.error(
                raw_modules[9].span(),
                Bilingual::new(
                    "a method has at most 9 modules (chosen with keys 1 to 9)",
                    "une méthode a au plus 9 modules (choisis avec les touches 1 à 9)",
                ),
                Bilingual::new(
                    "keep the 9 the group uses most",
                    "gardez les 9 que le groupe utilise le plus",
                ),
            ));
        }
        for module in raw_modules {
            let module = module.into_inner();
            let id = module.id.get_ref();
            let ok = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok || modules.iter().any(|other| &other.id == id) {
                return Err(self.error(
                    module.id.span(),
                    Bilingual::new(format!("`{id}` cannot be a module id here"), format!("`{id}` ne peut pas être ici un identifiant de module")),
                    Bilingual::new(
                        "use lowercase letters, digits and hyphens, and give each module its own id",
                        "utilisez des minuscules, des chiffres et des tirets, et donnez à chaque module son propre identifiant",
                    ),
                ));
            }
            modules.push(Module {
                id: module.id.into_inner(),
                name: module.name.resolve(language),
                prompts: module
                    .prompts
                    .into_iter()
                    .map(|text| text.resolve(language))
                    .collect(),
                rules: module
                    .rules
                    .into_iter()
                    .map(|text| text.resolve(language))
                    .collect(),
            });
        }
        Ok(modules)
    }

    /// The span of the first `key =` in the file (used where serde kept no span).
    fn find_key_span(&self, key: &str) -> Span {
        self.source
            .find(key)
            .map_or(0..0, |start| start..start + key.len())
    }

    /// Resolves `speaker`: "all", "none", a role id, or a list of role ids.
    fn check_speaker(
        &self,
        speaker: &toml::Spanned<raw::RawSpeaker>,
        role_ids: &[&str],
        declared: &[String],
    ) -> Result<Speaker, MethodError> {
        let span = speaker.span();
        // The place of one id inside the value, for a precise error.
        let span_of = |id: &str| {
            let quoted = format!("\"{id}\"");
            self.source
                .get(span.clone())
                .and_then(|text| text.find(&quoted))
                .map_or(span.clone(), |at| {
                    span.start + at..span.start + at + quoted.len()
                })
        };
        match speaker.get_ref() {
            raw::RawSpeaker::One(id) => match id.as_str() {
                "all" => Ok(Speaker::All),
                "none" => Ok(Speaker::Nobody),
                id if role_ids.contains(&id) => Ok(Speaker::Roles(vec![id.to_owned()])),
                id => Err(self.unknown_role(span, id, declared, "speaker", true)),
            },
            raw::RawSpeaker::Several(ids) => {
                if ids.is_empty() {
                    return Err(self.error(
                        span,
                        Bilingual::new("the list of speakers is empty", "la liste des orateurs est vide"),
                        Bilingual::new(
                            "name at least one role, such as speaker = [\"case-giver\", \"partner\"], or write speaker = \"none\"",
                            "nommez au moins un rôle, comme speaker = [\"case-giver\", \"partner\"], ou écrivez speaker = \"none\"",
                        ),
                    ));
                }
                let mut roles: Vec<String> = Vec::with_capacity(ids.len());
                for id in ids {
                    if id == "all" || id == "none" {
                        return Err(self.error(
                            span_of(id),
                            Bilingual::new(format!("\"{id}\" cannot be part of a list of speakers"), format!("\"{id}\" ne peut pas faire partie d'une liste d'orateurs")),
                            Bilingual::new(
                                format!("write speaker = \"{id}\" on its own, or list role ids only"),
                                format!("écrivez speaker = \"{id}\" seul, ou ne listez que des identifiants de rôle"),
                            ),
                        ));
                    }
                    if !role_ids.contains(&id.as_str()) {
                        return Err(self.unknown_role(span_of(id), id, declared, "speaker", false));
                    }
                    if !roles.contains(id) {
                        roles.push(id.clone());
                    }
                }
                Ok(Speaker::Roles(roles))
            }
        }
    }

    /// The `[[steps]]` header line of a step whose table starts at `body`.
    fn header_span(&self, body: Span) -> Span {
        let start = body.start.min(self.source.len());
        let line_end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |i| start + i);
        let line = &self.source[start..line_end];
        if line.trim_start().starts_with("[[") {
            start..start + line.trim_end().len()
        } else {
            start..start
        }
    }
}
