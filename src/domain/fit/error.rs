//! Why a session cannot be fitted: [`FitError`], a typed value that the interface turns into a
//! message in both languages with [`FitError::message`].

use std::time::Duration;

use super::{MINUTE, Part, State, longest as longest_of, nanos, shortest as shortest_of};
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Clock, Method};
use crate::domain::plan::Timetable;

/// What a session was being fitted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FitGoal {
    /// A slot: the whole session's length.
    Slot(Duration),
    /// An end time (active time from the start), for a session under way.
    End(Duration),
}

impl FitGoal {
    /// The length the session should have had (the slot, or the end time).
    pub fn target(self) -> Duration {
        match self {
            FitGoal::Slot(target) | FitGoal::End(target) => target,
        }
    }
}

/// An optional step still in the plan, which could be left out to shorten the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionalStep {
    /// The step's name, in both languages.
    pub name: Bilingual,
    /// How many times the step comes (a cycle repeats it).
    pub count: usize,
    /// Its length now, all its times together.
    pub length: Duration,
    /// Its length at the shortest, all its times together.
    pub shortest: Duration,
}

/// A step left out of the plan, which could come back to lengthen the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOutStep {
    /// The step's name, in both languages.
    pub name: Bilingual,
    /// How many times the step would come (a cycle repeats it).
    pub count: usize,
    /// Its length in the timetable, all its times together.
    pub length: Duration,
}

/// A round timed by `turn`, and what each of its turns costs at the least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnCost {
    /// The round's name, in both languages.
    pub name: Bilingual,
    /// How many times the round comes (a cycle repeats it).
    pub count: usize,
    /// What one turn costs at the least.
    pub cost: Duration,
}

/// Why no plan reaches the goal, and what could help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    /// Even with every elastic step at its minimum, the session is longer than the goal.
    #[error("{}", self.message().en)]
    TooLong {
        /// What the session was fitted to.
        goal: FitGoal,
        /// The shortest the session can be (or the earliest it can end).
        shortest: Duration,
        /// Optional steps that could be left out.
        optional: Vec<OptionalStep>,
        /// Rounds timed by `turn` that could lose a turn.
        turn_costs: Vec<TurnCost>,
    },
    /// Even with every elastic step at its maximum, the session is shorter than the goal.
    #[error("{}", self.message().en)]
    TooShort {
        /// What the session was fitted to.
        goal: FitGoal,
        /// The longest the session can be (or the latest it can end).
        longest: Duration,
        /// Optional steps left out that could come back.
        left_out: Vec<LeftOutStep>,
    },
}

impl FitError {
    /// What the session was fitted to.
    pub fn goal(&self) -> FitGoal {
        match self {
            FitError::TooLong { goal, .. } | FitError::TooShort { goal, .. } => *goal,
        }
    }

    /// The message in both languages: by how much the session misses its goal, and what could
    /// help.
    pub fn message(&self) -> Bilingual {
        let goal = self.goal();
        let target = goal.target();
        let (goal_en, goal_fr) = match goal {
            FitGoal::Slot(_) => {
                let minutes = target.as_secs() / 60;
                if nanos(target).is_multiple_of(MINUTE) && minutes > 0 {
                    (
                        format!("the {minutes}-minute slot"),
                        format!(
                            "le créneau de {minutes} minute{}",
                            if minutes > 1 { "s" } else { "" }
                        ),
                    )
                } else {
                    let clock = Clock(target);
                    (
                        format!("the {clock} slot"),
                        format!("le créneau de {clock}"),
                    )
                }
            }
            FitGoal::End(_) => {
                let clock = Clock(target);
                (
                    format!("the wanted end ({clock})"),
                    format!("la fin voulue ({clock})"),
                )
            }
        };
        let is_slot = matches!(goal, FitGoal::Slot(_));
        let (mut en, mut fr) = (Vec::new(), Vec::new());
        match self {
            FitError::TooLong {
                shortest,
                optional,
                turn_costs,
                ..
            } => {
                let bound = Clock(*shortest);
                let gap = Clock(shortest.saturating_sub(target));
                if is_slot {
                    en.push(format!(
                        "the shortest this session can be is {bound}, {gap} more than {goal_en}"
                    ));
                    fr.push(format!(
                        "cette séance ne peut pas durer moins de {bound}, soit {gap} de plus que {goal_fr}"
                    ));
                } else {
                    en.push(format!(
                        "the earliest this session can end is {bound}, {gap} after {goal_en}"
                    ));
                    fr.push(format!(
                        "cette séance ne peut pas finir avant {bound}, soit {gap} après {goal_fr}"
                    ));
                }
                if !optional.is_empty() {
                    let list = |lang: Lang| {
                        optional
                            .iter()
                            .map(|step| {
                                let times = times(step.count);
                                let (length, least) = (Clock(step.length), Clock(step.shortest));
                                let at = match lang {
                                    Lang::En => "at the shortest",
                                    Lang::Fr => "au plus court",
                                };
                                let name = step.name.get(lang);
                                if step.shortest < step.length {
                                    format!("{name}{times} ({length}, {least} {at})")
                                } else {
                                    format!("{name}{times} ({length})")
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    en.push(format!(
                        "optional steps that could be left out: {}",
                        list(Lang::En)
                    ));
                    fr.push(format!(
                        "étapes facultatives que l'on peut retirer : {}",
                        list(Lang::Fr)
                    ));
                }
                for round in turn_costs {
                    let cost = Clock(round.cost);
                    let (times_en, times_fr) = if round.count > 1 {
                        (
                            format!(" (the step comes {} times)", round.count),
                            format!(" (l'étape revient {} fois)", round.count),
                        )
                    } else {
                        (String::new(), String::new())
                    };
                    en.push(format!(
                        "each turn of {} costs {cost}{times_en}",
                        round.name.get(Lang::En)
                    ));
                    fr.push(format!(
                        "chaque tour de « {} » coûte {cost}{times_fr}",
                        round.name.get(Lang::Fr)
                    ));
                }
            }
            FitError::TooShort {
                longest, left_out, ..
            } => {
                let bound = Clock(*longest);
                let gap = Clock(target.saturating_sub(*longest));
                if is_slot {
                    en.push(format!(
                        "the longest this session can be is {bound}, {gap} less than {goal_en}"
                    ));
                    fr.push(format!(
                        "cette séance ne peut pas durer plus de {bound}, soit {gap} de moins que {goal_fr}"
                    ));
                } else {
                    en.push(format!(
                        "the latest this session can end is {bound}, {gap} before {goal_en}"
                    ));
                    fr.push(format!(
                        "cette séance ne peut pas finir après {bound}, soit {gap} avant {goal_fr}"
                    ));
                }
                if !left_out.is_empty() {
                    let list = |lang: Lang| {
                        left_out
                            .iter()
                            .map(|step| {
                                format!(
                                    "{}{} ({})",
                                    step.name.get(lang),
                                    times(step.count),
                                    Clock(step.length)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    en.push(format!(
                        "the optional steps left out could come back: {}",
                        list(Lang::En)
                    ));
                    fr.push(format!(
                        "les étapes facultatives retirées pourraient revenir : {}",
                        list(Lang::Fr)
                    ));
                }
                en.push(
                    "fixed and protected steps keep their length, and the others stretch at most to their `max` (twice their length when it is not given)"
                        .to_owned(),
                );
                fr.push(
                    "les étapes fixes et protégées gardent leur durée, et les autres s'allongent au plus jusqu'à leur `max` (le double de leur durée s'il n'est pas donné)"
                        .to_owned(),
                );
            }
        }
        Bilingual::new(en.join("; "), fr.join(" ; "))
    }
}

impl From<FitError> for Bilingual {
    fn from(error: FitError) -> Bilingual {
        error.message()
    }
}

/// " ×3" for a step that comes three times, nothing for one that comes once.
fn times(count: usize) -> String {
    if count > 1 {
        format!(" ×{count}")
    } else {
        String::new()
    }
}

/// Why no plan of `parts` (fitted to `goal`) exists, and what could help; `from` is the first
/// position that could still be left out or lose a turn.
pub(super) fn infeasible(
    method: &Method,
    table: &Timetable,
    parts: &[Part],
    from: usize,
    goal: FitGoal,
) -> FitError {
    let (low, high) = (shortest_of(parts), longest_of(parts));
    let target = nanos(goal.target());
    let name = |index: usize| {
        let name = &method.steps[index].name;
        Bilingual::new(name.get(Lang::En), name.get(Lang::Fr))
    };
    let later = || parts.iter().zip(&table.steps).skip(from);
    if target < low {
        // Optional steps still in the plan, grouped by method step (a cycle repeats them).
        let mut optional: Vec<(usize, OptionalStep)> = Vec::new();
        for (part, _) in later() {
            if part.state == State::Dropped || !method.steps[part.index].optional {
                continue;
            }
            let (length, least) = (
                Duration::from_nanos(part.now),
                Duration::from_nanos(part.shortest()),
            );
            match optional.iter_mut().find(|entry| entry.0 == part.index) {
                Some((_, step)) => {
                    step.count += 1;
                    step.length += length;
                    step.shortest += least;
                }
                None => optional.push((
                    part.index,
                    OptionalStep {
                        name: name(part.index),
                        count: 1,
                        length,
                        shortest: least,
                    },
                )),
            }
        }
        // Rounds timed by turn: what each turn costs at the least.
        let mut turn_costs: Vec<(usize, TurnCost)> = Vec::new();
        for (part, _) in later() {
            if part.state == State::Dropped || !part.per_turn || part.turns == 0 {
                continue;
            }
            let cost = match part.state {
                State::Elastic => part.lo / part.turns,
                _ => part.now.saturating_sub(part.tail) / part.turns,
            };
            match turn_costs.iter_mut().find(|entry| entry.0 == part.index) {
                Some((_, round)) => round.count += 1,
                None => turn_costs.push((
                    part.index,
                    TurnCost {
                        name: name(part.index),
                        count: 1,
                        cost: Duration::from_nanos(cost),
                    },
                )),
            }
        }
        FitError::TooLong {
            goal,
            shortest: Duration::from_nanos(low),
            optional: optional.into_iter().map(|(_, step)| step).collect(),
            turn_costs: turn_costs.into_iter().map(|(_, round)| round).collect(),
        }
    } else {
        let mut left_out: Vec<(usize, LeftOutStep)> = Vec::new();
        for (part, step) in later() {
            if part.state != State::Dropped || !method.steps[part.index].optional {
                continue;
            }
            match left_out.iter_mut().find(|entry| entry.0 == part.index) {
                Some((_, left)) => {
                    left.count += 1;
                    left.length += step.duration;
                }
                None => left_out.push((
                    part.index,
                    LeftOutStep {
                        name: name(part.index),
                        count: 1,
                        length: step.duration,
                    },
                )),
            }
        }
        FitError::TooShort {
            goal,
            longest: Duration::from_nanos(high),
            left_out: left_out.into_iter().map(|(_, step)| step).collect(),
        }
    }
}
