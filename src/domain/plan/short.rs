//! Turns too short to speak: a round whose turns fall below one minute (or the step's
//! `min_turn`), found in a timetable so that `show` and the start screen can warn.

use std::time::Duration;

use super::Timetable;
use crate::domain::lang::{Bilingual, Lang};
use crate::domain::method::{Clock, Method, Text};

/// The shortest turn worth having when a round does not say (`min_turn`): a question with its
/// answer, or an observer's reaction, takes about a minute.
pub const SHORTEST_USEFUL_TURN: Duration = Duration::from_secs(60);

/// A round whose turns are too short to speak in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortTurns {
    /// The step's position in the method.
    pub step: usize,
    /// The step's name.
    pub name: Text,
    /// The shortest of its turns (tail turns and the leftover of a round that runs until its
    /// time is up left out).
    pub turn: Duration,
    /// The length below which a turn is too short: the step's `min_turn`, else one minute.
    pub floor: Duration,
}

impl ShortTurns {
    /// What the warning says, and what to do about it.
    pub fn message(&self) -> Bilingual {
        let (name, nom) = (self.name.get(Lang::En), self.name.get(Lang::Fr));
        let (turn, floor) = (Clock(self.turn), Clock(self.floor));
        Bilingual::new(
            format!(
                "in step \"{name}\", turns last {turn}, under {floor}: too short to speak; give the round turn = \"{}\" instead of a split duration, lengthen the step, or run it with fewer people",
                crate::domain::method::format_duration(self.floor)
            ),
            format!(
                "dans l'étape « {nom} », chaque tour dure {turn}, moins de {floor} : trop court pour parler ; donnez au tour turn = \"{}\" au lieu d'une durée partagée, allongez l'étape, ou faites-la avec moins de personnes",
                crate::domain::method::format_duration(self.floor)
            ),
        )
    }
}

/// The rounds of `table` whose turns fall below one minute or their step's `min_turn`, once per
/// step of the method (a cycle's passes are not repeated), in the method's order.
pub fn short_turns(method: &Method, table: &Timetable) -> Vec<ShortTurns> {
    let mut found: Vec<ShortTurns> = Vec::new();
    for planned in &table.steps {
        let step = &method.steps[planned.index];
        let floor = step.min_turn.unwrap_or(SHORTEST_USEFUL_TURN);
        let mut turns: Vec<Duration> = planned
            .turns
            .iter()
            .filter(|turn| !turn.is_tail)
            .map(|turn| turn.duration)
            .collect();
        if step.until_time.is_some() && turns.len() > 1 {
            // The last turn of such a round is what time is left, short by design.
            turns.pop();
        }
        let Some(shortest) = turns.into_iter().min() else {
            continue;
        };
        if shortest >= floor {
            continue;
        }
        match found.iter_mut().find(|short| short.step == planned.index) {
            Some(short) => short.turn = short.turn.min(shortest),
            None => found.push(ShortTurns {
                step: planned.index,
                name: step.name.clone(),
                turn: shortest,
                floor,
            }),
        }
    }
    found.sort_by_key(|short| short.step);
    found
}
