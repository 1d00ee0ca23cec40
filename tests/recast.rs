//! Roles changed during a session ([`Session::recast`]): the steps and turns to come follow the
//! new cast, what was spoken keeps its speaker, and the change is an event for the journal.

use std::time::{Duration, Instant};

use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Event, Session};

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
