//! Random sessions of every built-in method, with random group sizes, some fitted to a random
//! slot, driven by random commands at random increasing times: nothing panics, the time recorded
//! in the steps adds up to the active (unpaused) time, and every screen draws at 80x24 and 200x60.

use std::time::{Duration, Instant};

use intervision::domain::fit::{FitOptions, apply, fit, limits};
use intervision::domain::lang::Lang;
use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People, Timetable};
use intervision::domain::session::{Command, Phase, Session};
use intervision::store::library::{BUILT_INS, load_builtin};
use intervision::ui::app::App;
use intervision::ui::view::{Screen, next_redraw};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Every command a session takes; the first ones come more often.
const COMMANDS: [Command; 12] = [
    Command::NextStep,
    Command::Tick,
    Command::NextSpeaker,
    Command::Pass,
    Command::TogglePause,
    Command::PreviousStep,
    Command::AddMinute,
    Command::RemoveMinute,
    Command::RestartStep,
    Command::Refit,
    Command::Start,
    Command::Stop,
];

/// The sizes every screen is drawn at: a laptop's terminal and a projector's.
const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

/// The built-in method at `index`.
fn method(index: usize) -> Method {
    load_builtin(&BUILT_INS[index % BUILT_INS.len()]).expect("a built-in method loads")
}

/// A group size the method accepts, picked by `choice`.
fn people(method: &Method, choice: u32) -> u32 {
    let fewest = method
        .fewest_people()
        .max(method.group.min.unwrap_or(1))
        .max(1);
    let most = method.group.max.unwrap_or(fewest + 8).max(fewest);
    fewest + choice % (most - fewest + 1)
}

/// A session of `method` for `cast`: as the method plans it, or, when `slot` says so, fitted to a
/// slot between its shortest and its longest (`slot` picks where, in thousandths of the range).
fn session(
    method: Method,
    cast: Cast,
    auto_advance: bool,
    slot: Option<(u64, bool)>,
) -> Result<Session, TestCaseError> {
    let Some((thousandths, drop_optional)) = slot else {
        return Ok(Session::new(method, cast, auto_advance));
    };
    let table = Timetable::new(&method, &cast);
    let options = FitOptions { drop_optional };
    let range = limits(&method, &table, options);
    let spread = range.longest.saturating_sub(range.shortest).as_secs();
    let target = Duration::from_secs(range.shortest.as_secs() + spread * thousandths / 1000);
    let target = target.clamp(range.shortest, range.longest);
    let fitted = fit(&method, &table, target, options)
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    let table = apply(&table, &fitted);
    prop_assert_eq!(table.total(), target);
    Ok(Session::with_timetable(method, cast, table, auto_advance))
}

/// Draws the app's screen at every size; fails on a panic (which the test harness reports).
fn draw_everywhere(app: &App, now: Instant) -> Result<(), TestCaseError> {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        terminal
            .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
    }
    Ok(())
}

/// Checks that the steps' recorded time adds up to the active time.
fn check_time_adds_up(session: &Session, now: Instant) -> Result<(), TestCaseError> {
    let recorded: Duration = session
        .records(now)
        .iter()
        .map(|record| record.actual)
        .sum();
    prop_assert_eq!(
        recorded,
        session.active(now),
        "phase {:?}, step {}",
        session.phase(),
        session.step_index()
    );
    Ok(())
}

/// A command (an index into [`COMMANDS`], skewed towards the first ones) and the time since the
/// previous one, in milliseconds (up to 20 minutes, often a few seconds).
fn command() -> impl Strategy<Value = (usize, u64)> {
    (
        prop_oneof![3 => 0..4usize, 2 => 0..COMMANDS.len()],
        prop_oneof![3 => 0..20_000u64, 1 => 0..1_200_000u64],
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 16,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_sessions_keep_their_time_and_draw(
        method_index in 0..BUILT_INS.len(),
        people_choice in any::<u32>(),
        auto_advance in any::<bool>(),
        french in any::<bool>(),
        slot in proptest::option::of((0..=1000u64, any::<bool>())),
        commands in proptest::collection::vec(command(), 1..30),
    ) {
        let method = method(method_index);
        let count = people(&method, people_choice);
        let cast = Cast::assign(&method, &People::Count(count));
        prop_assume!(cast.is_ok());
        let cast = cast.unwrap();
        let t0 = Instant::now();
        let lang = if french { Lang::Fr } else { Lang::En };
        let mut app = App::new(
            session(method, cast, auto_advance, slot)?,
            BUILT_INS[method_index].id,
            lang,
            t0,
            "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
        );
        let mut now = t0;
        draw_everywhere(&app, now)?;
        app.session.update(Command::Start, now);
        for (choice, millis) in commands {
            now += Duration::from_millis(millis);
            app.session.update(COMMANDS[choice], now);
            check_time_adds_up(&app.session, now)?;
            if app.session.phase() == Phase::Running {
                prop_assert!(app.session.step_index() < app.session.step_count());
            }
            let _ = app.session.remaining(now);
            let _ = app.session.next_deadline(now);
            let _ = next_redraw(&app, now);
            draw_everywhere(&app, now)?;
        }
        // Time goes on after the last command: the records still add up.
        now += Duration::from_secs(90);
        app.session.update(Command::Tick, now);
        check_time_adds_up(&app.session, now)?;
        draw_everywhere(&app, now)?;
    }
}

/// Every built-in method (the random test may miss some): a session at its default group size,
/// in English or French, each step left after its planned length and a half, each screen drawn
/// on the way.
#[test]
fn every_built_in_method_runs_to_its_end_and_draws() {
    for (index, built_in) in BUILT_INS.iter().enumerate() {
        let method = method(index);
        let people = People::Count(method.default_people());
        let cast = Cast::assign(&method, &people).expect("the default group size fits");
        let t0 = Instant::now();
        let session = Session::new(method, cast, false);
        let mut app = App::new(
            session,
            built_in.id,
            if index % 2 == 0 { Lang::En } else { Lang::Fr },
            t0,
            "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
        );
        let mut now = t0;
        app.session.update(Command::Start, now);
        while app.session.phase() == Phase::Running {
            now += app.session.planned_at(app.session.step_index()) * 3 / 2;
            app.session.update(Command::Tick, now);
            draw_everywhere(&app, now).expect("the screen draws");
            check_time_adds_up(&app.session, now).expect("the time adds up");
            app.session.update(Command::NextStep, now);
        }
        assert!(app.session.completed(), "{} runs to its end", built_in.id);
        draw_everywhere(&app, now).expect("the last screen draws");
    }
}
