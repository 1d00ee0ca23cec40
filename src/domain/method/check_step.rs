//! Checking one step of a method: its kind, timing, speakers, records and bounds.

use super::check::Checker;
use super::duration::written_duration;
use super::raw;
use super::{Bounds, MethodError, Role, Speaker, Step, StepKind, Tail, Timing, format_duration};
use crate::domain::lang::{Bilingual, Lang};

/// How many times a round goes round, as checked.
enum Passes {
    Times(u32),
    UntilTime,
}

impl Checker<'_> {
    pub(super) fn check_step(
        &self,
        step: toml::Spanned<raw::RawStep>,
        roles: &[Role],
        language: &str,
    ) -> Result<Step, MethodError> {
        let role_ids: Vec<&str> = roles.iter().map(|role| role.id.as_str()).collect();
        let role_ids = role_ids.as_slice();
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
        let passes = self.check_passes(step.passes.as_ref(), kind)?;
        let until_time = matches!(passes, Passes::UntilTime);
        let mut until_turn = None;
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
                (Some(turn), Some(duration)) if until_time => {
                    until_turn = Some(turn.get_ref().0);
                    Timing::Total(duration.get_ref().0)
                }
                (turn, duration) if until_time => {
                    let (span, missing, manquant) = match (&turn, &duration) {
                        (None, _) => (
                            step.passes.as_ref().map_or(header.clone(), |p| p.span()),
                            "`turn` (each turn)",
                            "`turn` (chaque tour)",
                        ),
                        _ => (
                            step.passes.as_ref().map_or(header.clone(), |p| p.span()),
                            "`duration` (the whole step)",
                            "`duration` (l'étape entière)",
                        ),
                    };
                    return Err(self.error(
                        span,
                        Bilingual::new(
                            format!("a round that goes on until its time is up needs {missing}"),
                            format!("un tour qui continue jusqu'à la fin du temps demande {manquant}"),
                        ),
                        Bilingual::new(
                            "give both: turn = \"1m\" for each turn and duration = \"15m\" for the whole step",
                            "donnez les deux : turn = \"1m\" pour chaque tour et duration = \"15m\" pour l'étape entière",
                        ),
                    ));
                }
                (Some(turn), None) => Timing::PerTurn(turn.get_ref().0),
                (None, Some(duration)) => Timing::Total(duration.get_ref().0),
                (Some(turn), Some(_)) => {
                    return Err(self.error(
                        turn.span(),
                        Bilingual::new("this round gives both `turn` and `duration`", "ce tour de parole donne à la fois `turn` et `duration`"),
                        Bilingual::new(
                            "keep one: `turn` is the time per person, `duration` is the whole round, split evenly; or add passes = \"until-time\" to go round until the duration ends",
                            "gardez-en un : `turn` est le temps par personne, `duration` la durée du tour entier, partagée également ; ou ajoutez passes = \"until-time\" pour continuer jusqu'à la fin de la durée",
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
        let passes = match passes {
            Passes::Times(times) => times,
            Passes::UntilTime => 1,
        };
        let first = self.check_order_role(step.first.as_ref(), "first", kind, &speaker, roles)?;
        let last = self.check_order_role(step.last.as_ref(), "last", kind, &speaker, roles)?;
        if let (Some(first), Some(last_span)) = (&first, step.last.as_ref())
            && Some(first) == last.as_ref()
        {
            return Err(self.error(
                last_span.span(),
                Bilingual::new(
                    format!("role `{first}` cannot speak both first and last"),
                    format!("le rôle `{first}` ne peut pas parler à la fois en premier et en dernier"),
                ),
                Bilingual::new(
                    "keep `first` or `last` for this role, and give the other to another role or remove it",
                    "gardez `first` ou `last` pour ce rôle, et donnez l'autre à un autre rôle ou retirez-le",
                ),
            ));
        }
        let min_turn = match &step.min_turn {
            Some(min_turn) if kind != StepKind::Round => {
                return Err(self.round_only(min_turn.span(), "min_turn", kind));
            }
            Some(min_turn) => Some(min_turn.get_ref().0),
            None => None,
        };
        let bounds = self.check_bounds(&step.min, &step.max, step.fixed, &timing)?;
        let assign = self.check_assign(step.assign, role_ids, &declared)?;
        Ok(Step {
            assign,
            passes,
            until_time: until_turn,
            first,
            last,
            min_turn,
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

    /// An error for a key that only rounds take.
    fn round_only(&self, span: super::check::Span, key: &str, kind: StepKind) -> MethodError {
        self.error(
            span,
            Bilingual::new(
                format!("`{key}` only applies to rounds, and this step is of kind \"{}\"", kind.as_str()),
                format!("`{key}` ne vaut que pour les tours de parole, et cette étape est de type \"{}\"", kind.as_str()),
            ),
            Bilingual::new(
                format!("remove `{key}`, or set kind = \"round\""),
                format!("retirez `{key}`, ou indiquez kind = \"round\""),
            ),
        )
    }

    /// Checks `passes`: a number from 1 to 20 or "until-time", on a round only.
    fn check_passes(
        &self,
        passes: Option<&toml::Spanned<raw::RawPasses>>,
        kind: StepKind,
    ) -> Result<Passes, MethodError> {
        match passes {
            None => Ok(Passes::Times(1)),
            Some(passes) if kind != StepKind::Round => {
                Err(self.round_only(passes.span(), "passes", kind))
            }
            Some(passes) => match *passes.get_ref() {
                raw::RawPasses::UntilTime => Ok(Passes::UntilTime),
                raw::RawPasses::Times(times) if (1..=20).contains(&times) => {
                    Ok(Passes::Times(times as u32))
                }
                raw::RawPasses::Times(times) => Err(self.error(
                    passes.span(),
                    Bilingual::new(
                        format!("{times} passes is not possible"),
                        format!("{times} tours de table, ce n'est pas possible"),
                    ),
                    Bilingual::new(
                        "give a number of passes from 1 to 20, or \"until-time\"",
                        "donnez un nombre de tours de table de 1 à 20, ou \"until-time\"",
                    ),
                )),
            },
        }
    }

    /// Checks `first` or `last`: a declared role, on a round, whose holders are among its speakers.
    fn check_order_role(
        &self,
        value: Option<&toml::Spanned<String>>,
        key: &str,
        kind: StepKind,
        speaker: &Speaker,
        roles: &[Role],
    ) -> Result<Option<String>, MethodError> {
        let role_ids: Vec<&str> = roles.iter().map(|role| role.id.as_str()).collect();
        let Some(value) = value else {
            return Ok(None);
        };
        if kind != StepKind::Round {
            return Err(self.round_only(value.span(), key, kind));
        }
        let id = value.get_ref();
        if !role_ids.contains(&id.as_str()) {
            let declared: Vec<String> = role_ids.iter().map(|id| (*id).to_owned()).collect();
            return Err(self.unknown_role(value.span(), id, &declared, key, false));
        }
        if let Speaker::Roles(speakers) = speaker
            && !speakers.contains(id)
            && !roles
                .iter()
                .find(|role| &role.id == id)
                .and_then(|role| role.held_by.as_ref())
                .is_some_and(|host| speakers.contains(host))
        {
            return Err(self.error(
                value.span(),
                Bilingual::new(
                    format!("role `{id}` in `{key}` does not speak in this round"),
                    format!("le rôle `{id}` de `{key}` ne parle pas dans ce tour"),
                ),
                Bilingual::new(
                    format!("add \"{id}\" to the round's speaker, or name one of its speakers in `{key}`"),
                    format!("ajoutez \"{id}\" à l'orateur du tour, ou nommez dans `{key}` un de ses orateurs"),
                ),
            ));
        }
        Ok(Some(id.clone()))
    }

    pub(super) fn check_bounds(
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
                        written_duration(min.get_ref().0, Lang::Fr),
                        what.1,
                        written_duration(default, Lang::Fr)
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
                        written_duration(max.get_ref().0, Lang::Fr),
                        what.1,
                        written_duration(default, Lang::Fr)
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

    /// The roles a step lets the group decide (`assign`): each must be a declared role, once.
    fn check_assign(
        &self,
        assign: Option<Vec<toml::Spanned<String>>>,
        role_ids: &[&str],
        declared: &[String],
    ) -> Result<Vec<String>, MethodError> {
        let mut ids: Vec<String> = Vec::new();
        for id in assign.unwrap_or_default() {
            if !role_ids.contains(&id.get_ref().as_str()) {
                return Err(self.unknown_role(id.span(), id.get_ref(), declared, "assign", false));
            }
            if ids.contains(id.get_ref()) {
                return Err(self.error(
                    id.span(),
                    Bilingual::new(
                        format!("role `{}` is listed twice in `assign`", id.get_ref()),
                        format!("le rôle `{}` figure deux fois dans `assign`", id.get_ref()),
                    ),
                    Bilingual::new("list each role once", "indiquez chaque rôle une seule fois"),
                ));
            }
            ids.push(id.into_inner());
        }
        Ok(ids)
    }
}
