//! The session state machine under a fake clock: a whole Case Clinic for five, with pauses,
//! added minutes, going back, and rounds.

use std::time::{Duration, Instant};

use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Countdown, Event, Phase, Session, Signal};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn mins(m: u64) -> Duration {
    secs(m * 60)
}

fn case_clinic(auto: bool) -> Session {
    let method = intervision::store::library::builtin("case-clinic")
        .unwrap()
        .unwrap();
    let cast = Cast::assign(&method, &People::Count(5)).unwrap();
    Session::new(method, cast, auto)
}

#[test]
fn a_whole_case_clinic_by_hand_with_pauses_extensions_and_going_back() {
    let t0 = Instant::now();
    let mut session = case_clinic(false);
    assert_eq!(session.phase(), Phase::Ready);
    assert_eq!(session.remaining(t0), mins(60));

    let effects = session.update(Command::Start, t0);
    assert_eq!(effects.events[0], Event::SessionStarted);
    assert_eq!(session.step_index(), 0);
    assert_eq!(
        session.step_countdown(t0 + secs(30)),
        Countdown::Left(secs(90))
    );

    // Step 1 (2 min) overruns by 30 s: one bell, then overtime; nothing moves by itself.
    // Its pre-warning comes at 80 % (a step shorter than five minutes), at 1:36.
    assert_eq!(session.next_deadline(t0), Some(t0 + secs(96)));
    let effects = session.update(Command::Tick, t0 + secs(96));
    assert_eq!(effects.signals, vec![Signal::Warning]);
    assert_eq!(session.next_deadline(t0 + secs(96)), Some(t0 + mins(2)));
    let effects = session.update(Command::Tick, t0 + mins(2));
    assert_eq!(effects.signals, vec![Signal::StepEnd]);
    assert!(
        session
            .update(Command::Tick, t0 + secs(140))
            .signals
            .is_empty(),
        "rings once"
    );
    assert_eq!(
        session.step_countdown(t0 + secs(150)),
        Countdown::Over(secs(30))
    );
    assert_eq!(session.step_index(), 0);
    session.update(Command::NextStep, t0 + secs(150));

    // Step 2 (15 min): paused for 5 minutes, which do not count.
    let s2 = t0 + secs(150);
    session.update(Command::TogglePause, s2 + mins(1));
    assert!(session.is_paused());
    assert_eq!(
        session.next_deadline(s2 + mins(3)),
        None,
        "a paused session does not wake itself"
    );
    assert_eq!(session.step_elapsed(s2 + mins(6)), mins(1));
    let effects = session.update(Command::TogglePause, s2 + mins(6));
    assert_eq!(
        effects.events,
        vec![Event::Resumed {
            at: secs(210),
            paused: mins(5)
        }]
    );
    assert_eq!(
        session.step_countdown(s2 + mins(10)),
        Countdown::Left(mins(10))
    );
    // One more minute for the case giver.
    session.update(Command::AddMinute, s2 + mins(10));
    assert_eq!(session.planned()[1], mins(16));
    // The warning one minute before the end, then the end.
    assert_eq!(session.next_deadline(s2 + mins(10)), Some(s2 + mins(20)));
    let effects = session.update(Command::Tick, s2 + mins(20));
    assert_eq!(effects.signals, vec![Signal::Warning]);
    assert_eq!(session.next_deadline(s2 + mins(20)), Some(s2 + mins(21)));
    session.update(Command::NextStep, s2 + mins(21));

    // Step 3 is silence: soft signals at its start and end.
    let s3 = s2 + mins(21);
    assert_eq!(session.step_index(), 2);
    let effects = session.update(Command::Tick, s3 + mins(3));
    assert_eq!(
        effects.signals,
        vec![Signal::QuietEnd],
        "a silence is not warned"
    );
    session.update(Command::NextStep, s3 + mins(3));

    // Step 4, mirroring: four coaches then the case giver, 2 minutes each.
    let s4 = s3 + mins(3);
    assert_eq!(session.turns(3).len(), 5);
    assert_eq!(session.turn_index(), Some(0));
    let effects = session.update(Command::Tick, s4 + mins(2));
    assert_eq!(
        effects.signals,
        vec![Signal::TurnEnd],
        "the turn's end rings"
    );
    let effects = session.update(Command::NextSpeaker, s4 + secs(130));
    assert!(matches!(
        effects.events[0],
        Event::TurnEnded {
            turn: 0,
            person: 1,
            passed: false,
            ..
        }
    ));
    assert!(matches!(
        effects.events[1],
        Event::TurnStarted {
            turn: 1,
            person: 2,
            ..
        }
    ));
    // Coach 2 passes at once.
    let effects = session.update(Command::Pass, s4 + secs(135));
    assert!(matches!(
        effects.events[0],
        Event::TurnEnded {
            turn: 1,
            passed: true,
            ..
        }
    ));
    assert_eq!(
        session.turn_countdown(s4 + secs(135)),
        Some(Countdown::Left(mins(2)))
    );

    // Go back to the silence, then forward again: the silence's time adds up. Leaving the round
    // closes the open turn first.
    let effects = session.update(Command::PreviousStep, s4 + secs(140));
    assert!(
        matches!(effects.events[0], Event::TurnEnded { turn: 2, actual, passed: false, .. } if actual == secs(5))
    );
    assert!(matches!(
        effects.events[1],
        Event::StepEnded { step: 3, .. }
    ));
    assert_eq!(session.step_index(), 2);
    assert_eq!(session.turn_index(), None);
    session.update(Command::NextStep, s4 + secs(200));
    assert_eq!(session.step_index(), 3);
    assert_eq!(
        session.turn_index(),
        Some(0),
        "the round starts again from the first coach"
    );
    let records = session.records(s4 + secs(200));
    assert_eq!(records[2].actual, mins(3) + secs(60));

    // Restart the round, then go through every turn and every step.
    session.update(Command::RestartStep, s4 + secs(260));
    let mut now = s4 + secs(260);
    for _ in 0..5 {
        now += mins(2);
        session.update(Command::NextSpeaker, now);
    }
    assert_eq!(
        session.step_index(),
        4,
        "the last speaker's turn leads to the next step"
    );
    while session.phase() == Phase::Running {
        now += mins(5);
        session.update(Command::NextStep, now);
        if session.phase() == Phase::Running && session.turn_index().is_some() {
            while session.step_index() == 5 {
                now += mins(1);
                session.update(Command::NextSpeaker, now);
            }
        }
    }
    assert_eq!(session.phase(), Phase::Finished);
    assert!(session.completed());
    let records = session.records(now);
    assert!(records.iter().all(|record| record.visited));
    assert_eq!(records[1].actual, mins(16));
    assert_eq!(records[1].planned, mins(16));
    // Total active time excludes the 5-minute pause.
    assert_eq!(
        session.active(now + mins(30)),
        now.duration_since(t0) - mins(5)
    );
}

#[test]
fn automatic_mode_runs_alone_and_a_late_wake_up_loses_nothing() {
    let t0 = Instant::now();
    let mut session = case_clinic(true);
    session.update(Command::Start, t0);
    // Wake up only once, 35 minutes in: every step and turn that ended is closed at its planned
    // instant, not at the wake-up.
    let effects = session.update(Command::Tick, t0 + mins(35));
    let ends: Vec<(usize, Duration)> = effects
        .events
        .iter()
        .filter_map(|event| match event {
            Event::StepEnded { step, actual, .. } => Some((*step, *actual)),
            _ => None,
        })
        .collect();
    assert_eq!(
        ends,
        vec![(0, mins(2)), (1, mins(15)), (2, mins(3)), (3, mins(10))]
    );
    assert_eq!(session.step_index(), 4);
    assert_eq!(
        session.step_countdown(t0 + mins(35)),
        Countdown::Left(mins(15))
    );

    // Let it run to the end, waking at each deadline as the event loop does.
    let mut now = t0 + mins(35);
    while let Some(deadline) = session.next_deadline(now) {
        now = deadline;
        session.update(Command::Tick, now);
    }
    assert_eq!(session.phase(), Phase::Finished);
    assert_eq!(session.active(now), mins(60));
    assert!(
        session
            .records(now)
            .iter()
            .all(|record| record.actual == record.planned)
    );
}

#[test]
fn removing_minutes_stops_at_zero_and_after_three_hours_there_is_no_drift() {
    let t0 = Instant::now();
    let mut session = case_clinic(false);
    session.update(Command::Start, t0);
    for _ in 0..5 {
        session.update(Command::RemoveMinute, t0 + secs(10));
    }
    assert_eq!(
        session.planned()[0],
        secs(10),
        "2 minutes, less what is left, never below now"
    );
    assert_eq!(
        session.step_countdown(t0 + secs(10)),
        Countdown::Left(Duration::ZERO)
    );

    // Three hours later, the overtime is exact to the nanosecond.
    let late = t0 + Duration::from_secs(3 * 3600) + Duration::from_nanos(7);
    assert_eq!(
        session.step_countdown(late),
        Countdown::Over(Duration::from_secs(3 * 3600 - 10) + Duration::from_nanos(7))
    );
}

#[test]
fn stopping_early_is_recorded_as_incomplete() {
    let t0 = Instant::now();
    let mut session = case_clinic(false);
    session.update(Command::Start, t0);
    let effects = session.update(Command::Stop, t0 + mins(1));
    assert_eq!(session.phase(), Phase::Finished);
    assert!(!session.completed());
    assert_eq!(
        effects.events.last(),
        Some(&Event::SessionEnded {
            completed: false,
            at: mins(1)
        })
    );
}

#[test]
fn a_refit_after_an_overrun_ends_on_time_and_spares_the_silence() {
    let t0 = Instant::now();
    let mut session = case_clinic(false);
    session.update(Command::Start, t0);
    session.update(Command::NextStep, t0 + mins(2));
    // The intention statement runs 5 minutes over: the session would end at 65 minutes.
    let now = t0 + mins(2 + 15 + 5);
    assert_eq!(session.step_countdown(now), Countdown::Over(mins(5)));
    let ends_before = session.active(now) + session.remaining(now);
    assert_eq!(ends_before, mins(22) + mins(43));
    let effects = session.update(Command::Refit, now);
    assert!(
        matches!(effects.events[0], Event::Refitted { step: 1, .. }),
        "{:?}",
        effects.events
    );
    // Ending the overrun step now, the rest fits in what is left of the hour.
    let left_after: Duration = session.planned()[2..].iter().sum();
    assert_eq!(session.active(now) + left_after, mins(60));
    assert_eq!(session.planned()[2], mins(3), "the stillness is protected");
    assert!(
        session.planned()[4] < mins(20),
        "the dialogue gave time back"
    );
    // A second overrun beyond what the bounds allow is refused, with a reason.
    let late = now + mins(40);
    let effects = session.update(Command::Refit, late);
    assert!(
        matches!(&effects.events[0], Event::RefitRefused { reason } if !reason.message().en.is_empty() && !reason.message().fr.is_empty()),
        "{:?}",
        effects.events
    );
}

#[test]
fn in_a_round_taking_minutes_stops_at_zero_and_later_turns_move_with_it() {
    let t0 = Instant::now();
    let mut session = case_clinic(false);
    session.update(Command::Start, t0);
    // Going back from the first step starts it again; nothing underflows.
    session.update(Command::PreviousStep, t0 + secs(5));
    assert_eq!(session.step_index(), 0);
    let now = t0 + secs(5);
    while session.turns(session.step_index()).is_empty() {
        session.update(Command::NextStep, now);
    }
    let round = session.step_index();
    assert!(session.turns(round).len() > 1, "a round with turns");
    for _ in 0..20 {
        session.update(Command::RemoveMinute, now);
    }
    assert_eq!(
        session.turn_countdown(now),
        Some(Countdown::Left(Duration::ZERO))
    );
    let turns = session.turns(round);
    assert_eq!(
        turns[0].duration,
        Duration::ZERO,
        "the turn had just started"
    );
    assert_eq!(
        turns[1].offset,
        Duration::ZERO,
        "the next turn moved with it"
    );
    assert_eq!(
        session.planned_at(round),
        turns.iter().map(|turn| turn.duration).sum::<Duration>(),
        "the round still adds up"
    );
    assert_eq!(session.planned()[round], session.planned_at(round));
    let recorded: Duration = session
        .records(now)
        .iter()
        .map(|record| record.actual)
        .sum();
    assert_eq!(recorded, session.active(now));
}

#[test]
fn a_round_until_time_counts_its_passes_and_ends_with_the_step() {
    let method = intervision::domain::method::Method::from_str(
        "t",
        r#"
name = "Incident"
[[roles]]
id = "case-giver"
name = "Case giver"
[[roles]]
id = "member"
name = "Member"
count = "rest"
[[steps]]
name = "Questions"
kind = "round"
speaker = "member"
turn = "1m"
duration = "7m30s"
passes = "until-time"
[[steps]]
name = "Closing"
duration = "5m"
"#,
    )
    .unwrap();
    let cast = Cast::assign(&method, &People::Count(4)).unwrap();
    let t0 = Instant::now();
    let mut session = Session::new(method, cast, true);
    session.update(Command::Start, t0);
    let pass = |session: &Session| session.round_pass().map(|pass| (pass.number, pass.of));
    assert_eq!(pass(&session), Some((1, 3)));
    // Three members, a minute each: the fourth minute is the second pass.
    session.update(Command::Tick, t0 + secs(185));
    assert_eq!(session.turn_index(), Some(3));
    assert_eq!(pass(&session), Some((2, 3)));
    // The eighth turn is what is left: 30 s, then the step ends by itself.
    session.update(Command::Tick, t0 + secs(425));
    assert_eq!(session.turn_index(), Some(7));
    assert_eq!(pass(&session), Some((3, 3)));
    assert_eq!(
        session.turn_countdown(t0 + secs(430)),
        Some(Countdown::Left(secs(20)))
    );
    session.update(Command::Tick, t0 + secs(451));
    assert_eq!(session.step_index(), 1);
    assert_eq!(session.round_pass(), None);
}
