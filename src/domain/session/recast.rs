//! Changing who holds which role while a session runs: the group chooses its roles during a
//! step (`assign`), someone arrives late, two people swap.

use std::time::Instant;

use super::{Effects, Event, Phase, Session};
use crate::domain::plan::{Cast, Timetable};

impl Session {
    /// Gives the roles anew from `now` on: the steps still to come (and the turns still to come
    /// in the current round) follow `cast`, their lengths kept; what was already spoken keeps
    /// its speakers. `cast` must seat the same people in the same order; a cast of another size,
    /// or the same cast again, changes nothing. Once the session runs, the change is an event
    /// for the journal.
    pub fn recast(&mut self, cast: Cast, now: Instant) -> Effects {
        let mut effects = Effects::default();
        if cast.people.len() != self.cast.people.len() || cast == self.cast {
            return effects;
        }
        let fresh = Timetable::new(&self.method, &cast);
        if fresh.steps.len() != self.steps.len() {
            return effects;
        }
        let running = self.phase == Phase::Running;
        let current = self.step;
        for (position, planned) in fresh.steps.into_iter().enumerate() {
            let table = &mut self.table.steps[position];
            table.speakers = planned.speakers.clone();
            table.pass = planned.pass;
            table.cast = planned.cast.clone();
            if table.turns.len() == planned.turns.len() {
                for (turn, new) in table.turns.iter_mut().zip(&planned.turns) {
                    turn.person = new.person;
                    turn.is_tail = new.is_tail;
                }
            } else {
                table.turns = planned.turns.clone();
                table.duration = planned.duration;
            }
            if running && position < current {
                continue;
            }
            let state = &mut self.steps[position];
            state.pass = planned.pass;
            state.cast = planned.cast;
            if running && position == current && !state.turns.is_empty() {
                // The turn being spoken, and those before it, keep their speaker; the turns
                // left go to those of the new round who have not spoken yet.
                let mut rest = planned.turns.clone();
                for spoken in state.turns[..=self.turn]
                    .iter()
                    .filter(|turn| !turn.is_tail)
                {
                    if let Some(at) = rest
                        .iter()
                        .position(|turn| !turn.is_tail && turn.person == spoken.person)
                    {
                        rest.remove(at);
                    }
                }
                for (turn, new) in state.turns.iter_mut().skip(self.turn + 1).zip(rest) {
                    turn.person = new.person;
                    turn.is_tail = new.is_tail;
                }
            } else if state.turns.len() == planned.turns.len() {
                for (turn, new) in state.turns.iter_mut().zip(&planned.turns) {
                    turn.person = new.person;
                    turn.is_tail = new.is_tail;
                }
            } else if !(running && position == current) {
                state.turns = planned.turns;
                if !state.turns.is_empty() {
                    state.planned = planned.duration;
                }
            }
        }
        self.cast = cast;
        if running {
            effects.events.push(Event::Recast {
                step: current,
                at: self.active(now),
            });
        }
        effects
    }

    /// Seats other people before the start: `cast` (of any size) and `table` (its timetable,
    /// possibly fitted to a slot) replace the session's, as if the session had been made with
    /// them; its automatic mode and pre-warning lead stay. Once the session has started, this
    /// changes nothing and returns `false` (roles then change with [`Session::recast`]).
    pub fn reseat(&mut self, cast: Cast, table: Timetable) -> bool {
        if self.phase != Phase::Ready {
            return false;
        }
        let mut fresh =
            Session::with_timetable(self.method.clone(), cast, table, self.auto_advance);
        fresh.warning_lead = self.warning_lead;
        *self = fresh;
        true
    }
}
