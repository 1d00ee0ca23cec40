//! The method file as TOML says it, before it is checked: serde structures with spans.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use toml::Spanned;

use super::StepKind;
use super::duration::{DurationError, parse_duration};
use super::text::RawText;

/// The top level of a method file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMethod {
    pub name: RawText,
    pub summary: Option<RawText>,
    pub source: Option<String>,
    pub language: Option<Spanned<String>>,
    pub group: Option<Spanned<RawGroup>>,
    pub slot: Option<RawDuration>,
    pub record: Option<super::Record>,
    pub facilitation: Option<super::Facilitation>,
    pub variant_of: Option<String>,
    pub cycle: Option<Spanned<RawCycle>>,
    #[serde(default)]
    pub modules: Vec<Spanned<RawModule>>,
    #[serde(default)]
    pub roles: Vec<Spanned<RawRole>>,
    pub steps: Spanned<Vec<Spanned<RawStep>>>,
}

/// `group = { min = 4, max = 5 }`.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as { min = 4, max = 5 }"
)]
pub(crate) struct RawGroup {
    pub min: Option<Spanned<u32>>,
    pub max: Option<Spanned<u32>>,
}

/// One `[[roles]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a role table with `id` and `name`")]
pub(crate) struct RawRole {
    pub id: Spanned<String>,
    pub name: RawText,
    pub count: Option<RawCount>,
    pub held_by: Option<Spanned<String>>,
    pub function: Option<super::Function>,
    pub description: Option<RawText>,
}

/// One `[[steps]]` table.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a step table with `name` and `duration`"
)]
pub(crate) struct RawStep {
    pub name: RawText,
    pub kind: Option<StepKind>,
    pub duration: Option<Spanned<RawDuration>>,
    pub turn: Option<Spanned<RawDuration>>,
    pub speaker: Option<Spanned<RawSpeaker>>,
    #[serde(default)]
    pub prompts: Vec<RawText>,
    #[serde(default)]
    pub rules: Vec<RawText>,
    pub tail: Option<Spanned<RawTail>>,
    pub passes: Option<Spanned<RawPasses>>,
    pub first: Option<Spanned<String>>,
    pub last: Option<Spanned<String>>,
    pub min_turn: Option<Spanned<RawDuration>>,
    pub capture: Option<Spanned<String>>,
    pub min: Option<Spanned<RawDuration>>,
    pub max: Option<Spanned<RawDuration>>,
    #[serde(default)]
    pub fixed: bool,
    #[serde(default)]
    pub protected: bool,
    #[serde(default)]
    pub optional: bool,
    pub in_cycle: Option<Spanned<bool>>,
    pub choose_module: Option<Spanned<bool>>,
    #[serde(default)]
    pub use_module: bool,
    pub assign: Option<Vec<Spanned<String>>>,
}

/// One `[[modules]]` table: a way of running a consultation the group can choose.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a module table with `id` and `name`")]
pub(crate) struct RawModule {
    pub id: Spanned<String>,
    pub name: RawText,
    #[serde(default)]
    pub prompts: Vec<RawText>,
    #[serde(default)]
    pub rules: Vec<RawText>,
}

/// `[cycle]`: steps repeated once per member, each member holding a role in turn.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as { role = \"client\", repeat = \"each\" }"
)]
pub(crate) struct RawCycle {
    pub role: Spanned<String>,
    pub repeat: Option<RawRepeat>,
    pub among: Option<Spanned<Vec<String>>>,
}

/// `passes = 3` or `passes = "until-time"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawPasses {
    Times(i64),
    UntilTime,
}

/// What a round's passes accept, as error messages say it.
pub const PASSES_EXPECTED: &str = "a whole number of passes (1 to 20) or \"until-time\" (turns go round until the step's time is up)";

impl<'de> Deserialize<'de> for RawPasses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PassesVisitor;

        impl Visitor<'_> for PassesVisitor {
            type Value = RawPasses;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(PASSES_EXPECTED)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawPasses, E> {
                Ok(RawPasses::Times(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawPasses, E> {
                Ok(RawPasses::Times(i64::try_from(value).unwrap_or(i64::MAX)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawPasses, E> {
                if value == "until-time" {
                    Ok(RawPasses::UntilTime)
                } else {
                    Err(E::custom(format!(
                        "invalid value: string \"{value}\", expected {PASSES_EXPECTED}"
                    )))
                }
            }
        }

        deserializer.deserialize_any(PassesVisitor)
    }
}

/// `repeat = "each"` or `repeat = 2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawRepeat {
    Each,
    Times(u32),
}

/// What a cycle's repeat accepts, as error messages say it.
pub const REPEAT_EXPECTED: &str =
    "\"each\" (once per person) or a whole number of times (1 or more)";

impl<'de> Deserialize<'de> for RawRepeat {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RepeatVisitor;

        impl Visitor<'_> for RepeatVisitor {
            type Value = RawRepeat;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(REPEAT_EXPECTED)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawRepeat, E> {
                match u32::try_from(value) {
                    Ok(times) if (1..=60).contains(&times) => Ok(RawRepeat::Times(times)),
                    _ => Err(E::custom(format!(
                        "invalid value: integer `{value}`, expected {REPEAT_EXPECTED}, at most 60"
                    ))),
                }
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawRepeat, E> {
                self.visit_i64(i64::try_from(value).unwrap_or(-1))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawRepeat, E> {
                if value == "each" {
                    Ok(RawRepeat::Each)
                } else {
                    Err(E::custom(format!(
                        "invalid value: string \"{value}\", expected {REPEAT_EXPECTED}"
                    )))
                }
            }
        }

        deserializer.deserialize_any(RepeatVisitor)
    }
}

/// `speaker = "coach"`, or several roles: `speaker = ["case-giver", "partner"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawSpeaker {
    One(String),
    Several(Vec<String>),
}

/// What a speaker accepts, as error messages say it.
pub const SPEAKER_EXPECTED: &str =
    "a role id, \"all\", \"none\", or a list of role ids such as [\"case-giver\", \"partner\"]";

impl<'de> Deserialize<'de> for RawSpeaker {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpeakerVisitor;

        impl<'de> Visitor<'de> for SpeakerVisitor {
            type Value = RawSpeaker;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(SPEAKER_EXPECTED)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawSpeaker, E> {
                Ok(RawSpeaker::One(value.to_owned()))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawSpeaker, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(RawSpeaker::Several(ids))
            }
        }

        deserializer.deserialize_any(SpeakerVisitor)
    }
}

/// `tail = { speaker = "case-giver", duration = "2m" }`.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as { speaker = \"case-giver\", duration = \"2m\" }"
)]
pub(crate) struct RawTail {
    pub speaker: Spanned<String>,
    pub duration: RawDuration,
}

/// A duration string, checked as it is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawDuration(pub Duration);

/// What a duration field accepts, as error messages say it.
pub const DURATION_EXPECTED: &str = "a duration such as \"90s\", \"2m\", \"1m30s\" or \"1h30m\"";

impl<'de> Deserialize<'de> for RawDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;

        impl Visitor<'_> for DurationVisitor {
            type Value = RawDuration;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(DURATION_EXPECTED)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawDuration, E> {
                match parse_duration(value) {
                    Ok(duration) => Ok(RawDuration(duration)),
                    Err(DurationError::Zero) => Err(E::custom(format!(
                        "zero duration \"{value}\", expected a duration longer than zero, such as \"30s\" or \"2m\""
                    ))),
                    Err(DurationError::TooLong) => Err(E::custom(format!(
                        "duration \"{value}\" is longer than a day, expected at most \"24h\""
                    ))),
                    Err(DurationError::Empty | DurationError::Malformed) => {
                        Err(E::custom(format!(
                            "unreadable duration \"{value}\", expected {DURATION_EXPECTED}: whole numbers with h, m or s, in that order, no spaces"
                        )))
                    }
                }
            }
        }

        deserializer.deserialize_any(DurationVisitor)
    }
}

/// `count = 2` or `count = "rest"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawCount {
    Exactly(u32),
    Rest,
}

/// What a role count accepts, as error messages say it.
pub const COUNT_EXPECTED: &str = "a whole number of people (1 or more) or \"rest\"";

impl<'de> Deserialize<'de> for RawCount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;

        impl Visitor<'_> for CountVisitor {
            type Value = RawCount;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(COUNT_EXPECTED)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawCount, E> {
                match u32::try_from(value) {
                    Ok(count) if count >= 1 => Ok(RawCount::Exactly(count)),
                    _ => Err(E::custom(format!(
                        "count {value} is not possible, expected {COUNT_EXPECTED}"
                    ))),
                }
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawCount, E> {
                self.visit_i64(i64::try_from(value).unwrap_or(-1))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawCount, E> {
                if value == "rest" {
                    Ok(RawCount::Rest)
                } else {
                    Err(E::custom(format!(
                        "count \"{value}\" is not possible, expected {COUNT_EXPECTED}"
                    )))
                }
            }
        }

        deserializer.deserialize_any(CountVisitor)
    }
}
