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
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::domain::method::Method;
    use crate::domain::plan::People;
    use crate::domain::session::Command;

    const CLINIC: &str = r#"
name = "Clinic"
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "coach"
name = "Coach"
count = "rest"
[[steps]]
name = "Choosing roles"
duration = "2m"
assign = ["case-giver"]
[[steps]]
name = "Mirroring"
kind = "round"
speaker = "coach"
turn = "2m"
tail = { speaker = "case-giver", duration = "1m" }
"#;

    /// The cast with `giver` as the case giver and everyone else coaching, seats unchanged.
    fn with_giver(cast: &Cast, giver: usize) -> Cast {
        let mut cast = cast.clone();
        for (index, person) in cast.people.iter_mut().enumerate() {
            person.roles = vec![
                if index == giver {
                    "case-giver"
                } else {
                    "coach"
                }
                .to_owned(),
            ];
        }
        cast
    }

    #[test]
    fn the_rounds_to_come_follow_the_new_cast_and_the_change_is_an_event() {
        let method = Method::from_str("t", CLINIC).unwrap();
        assert_eq!(method.steps[0].assign, vec!["case-giver".to_owned()]);
        let cast = Cast::assign(&method, &People::parse("Ana,Ben,Chloé,David").unwrap()).unwrap();
        let t0 = Instant::now();
        let mut session = Session::new(method, cast.clone(), false);
        // Before the start, the cast changes silently: the first line will hold it.
        assert!(session.recast(with_giver(&cast, 1), t0).events.is_empty());
        session.update(Command::Start, t0);
        let at = t0 + Duration::from_secs(30);
        let effects = session.recast(with_giver(&cast, 2), at);
        assert_eq!(
            effects.events,
            vec![Event::Recast {
                step: 0,
                at: Duration::from_secs(30)
            }]
        );
        assert_eq!(session.cast().holders("case-giver"), vec![2]);
        let speakers: Vec<(usize, bool)> = session
            .turns(1)
            .iter()
            .map(|turn| (turn.person, turn.is_tail))
            .collect();
        assert_eq!(
            speakers,
            vec![(0, false), (1, false), (3, false), (2, true)]
        );
        // The same cast again, or a cast of another size, changes nothing.
        assert!(session.recast(with_giver(&cast, 2), at).events.is_empty());
        let mut smaller = with_giver(&cast, 0);
        smaller.people.pop();
        assert!(session.recast(smaller, at).events.is_empty());
        assert_eq!(session.cast().holders("case-giver"), vec![2]);
    }

    #[test]
    fn the_turn_being_spoken_keeps_its_speaker() {
        let method = Method::from_str("t", CLINIC).unwrap();
        let cast = Cast::assign(&method, &People::parse("Ana,Ben,Chloé,David").unwrap()).unwrap();
        let t0 = Instant::now();
        let mut session = Session::new(method, cast.clone(), false);
        session.update(Command::Start, t0);
        session.update(Command::NextStep, t0);
        // Ben speaks (Ana is the case giver); Ana becomes a coach, David the case giver: Ana
        // takes a turn after Ben, David closes.
        assert_eq!(session.turns(1)[0].person, 1);
        session.recast(with_giver(&cast, 3), t0 + Duration::from_secs(10));
        let speakers: Vec<usize> = session.turns(1).iter().map(|turn| turn.person).collect();
        assert_eq!(speakers, vec![1, 0, 2, 3]);
        assert_eq!(session.turns(1)[0].duration, Duration::from_secs(120));
    }
}
