//! Methods: a sequence of timed steps with roles and prompts, read from TOML and checked.
//!
//! This module knows nothing of the terminal, the clock or the file system: it turns a text into
//! a [`Method`] or into a [`MethodError`] that says where the text is wrong.

mod check;
mod check_step;
pub(crate) mod diagnose;
pub mod duration;
pub mod error;
mod raw;
pub mod text;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use duration::{
    Clock, format_duration, parse_duration, parse_typed_duration, written_duration,
};
pub use error::{Location, MethodError};
pub use text::{Text, is_language_tag};

use crate::domain::lang::Bilingual;
use check::Checker;
use raw::RawMethod;

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
    /// The roles whose holders take the cycled role after its first holder, in cast order
    /// (`among = ["member"]`: the leaders keep leading); empty when everyone takes it in turn.
    pub among: Vec<String>,
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
    /// question round of several passes). For a round that goes on until its time is up, the
    /// passes are counted as they come and this stays 1.
    pub passes: u32,
    /// For a round with `passes = "until-time"`: the length of each turn; turns go round again
    /// and again until the step's `duration` ends, the last one taking what time is left.
    pub until_time: Option<Duration>,
    /// For a round: the role whose holders take the first turns.
    pub first: Option<String>,
    /// For a round: the role whose holders take the last turns (before any `tail`).
    pub last: Option<String>,
    /// For a round: the shortest turn worth having; `show` and the start screen warn below it
    /// (one minute when the method does not say).
    pub min_turn: Option<Duration>,
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
    /// The ids of the roles the group decides during this step (`assign`): the screen invites
    /// the operator to open the roles picker.
    pub assign: Vec<String>,
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
