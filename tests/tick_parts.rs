//! A countdown's second redraws only the parts of the screen that change with time (the digits,
//! the bar, the header's time left). These tests check that it ends with exactly the screen a
//! whole frame would give: random sessions of every built-in method, at a laptop's and a
//! projector's sizes, in both layouts, with and without colour, on a Linux console, drawn whole
//! once and then by their parts at later instants, are compared cell by cell with a whole frame
//! drawn afresh at each instant.

use std::time::{Duration, Instant};

use intervision::domain::lang::Lang;
use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Phase, Session};
use intervision::store::library::{BUILT_INS, load_builtin};
use intervision::ui::app::App;
use intervision::ui::glyphs::Display;
use intervision::ui::paint::{Drawn, Painter};
use intervision::ui::view::{LayoutMode, Screen};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// A laptop's window, a tall laptop window, and a 1080p projector's.
const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (240, 67)];

/// Every command a session takes, the common ones first.
const COMMANDS: [Command; 7] = [
    Command::NextStep,
    Command::Tick,
    Command::NextSpeaker,
    Command::Pass,
    Command::AddMinute,
    Command::RemoveMinute,
    Command::TogglePause,
];

fn method(index: usize) -> Method {
    load_builtin(&BUILT_INS[index % BUILT_INS.len()]).expect("a built-in method loads")
}

fn app_of(method_index: usize, people: u32, lang: Lang, t0: Instant) -> Option<App> {
    let method = method(method_index);
    let people = people.max(method.fewest_people()).max(1);
    let cast = Cast::assign(&method, &People::Count(people)).ok()?;
    Some(App::new(
        Session::new(method, cast, false),
        BUILT_INS[method_index].id,
        lang,
        t0,
        "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
    ))
}

/// The screen of `app` at `now`, drawn whole into a fresh buffer.
fn whole(app: &App, now: Instant, size: (u16, u16)) -> Buffer {
    let area = Rect::new(0, 0, size.0, size.1);
    let mut buffer = Buffer::empty(area);
    Screen::new(app, now).render(area, &mut buffer);
    buffer
}

/// Draws `app` whole at `first`, then at each of `later` as the runner does after a tick; each
/// time the terminal must hold exactly the whole frame. Returns how many frames were drawn by
/// their parts only.
fn check_ticks(app: &App, size: (u16, u16), first: Instant, later: &[Instant]) -> usize {
    let mut backend = TestBackend::new(size.0, size.1);
    let area = Rect::new(0, 0, size.0, size.1);
    let mut painter = Painter::new();
    let drawn = painter
        .draw_session(&mut backend, area, app, first, false)
        .unwrap();
    assert_eq!(drawn, Drawn::Whole);
    assert_eq!(backend.buffer(), &whole(app, first, size));
    let mut by_parts = 0;
    for (index, now) in later.iter().enumerate() {
        let drawn = painter
            .draw_session(&mut backend, area, app, *now, true)
            .unwrap();
        by_parts += usize::from(drawn == Drawn::Parts);
        let expected = whole(app, *now, size);
        assert_eq!(
            backend.buffer(),
            &expected,
            "tick {index} ({drawn:?}) at {size:?}, {:?} after the first frame",
            now.duration_since(first)
        );
        assert_eq!(
            painter.shown(),
            Some(&expected),
            "the painter knows the screen"
        );
    }
    by_parts
}

fn displays() -> [Display; 3] {
    [
        Display::new(None, Some("xterm-256color")),
        Display::new(Some("1"), Some("xterm-256color")),
        Display::new(None, Some("linux")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_frame_drawn_by_its_parts_is_the_whole_frame(
        method_index in 0..BUILT_INS.len(),
        people in 2..9u32,
        french in any::<bool>(),
        commands in proptest::collection::vec((0..COMMANDS.len(), 0..200_000u64), 0..8),
        first_ms in 0..30_000u64,
        ticks in proptest::collection::vec(1..90_000u64, 1..6),
        room in any::<bool>(),
        display in 0..3usize,
        muted in any::<bool>(),
    ) {
        let t0 = Instant::now();
        let lang = if french { Lang::Fr } else { Lang::En };
        let app = app_of(method_index, people, lang, t0);
        prop_assume!(app.is_some());
        let mut app = app.unwrap();
        app.layout = if room { LayoutMode::Room } else { LayoutMode::Auto };
        app.display = displays()[display];
        // The header then says "sound off" in the laptop's dim grey, which the projector's
        // layout recolours.
        app.quiet = muted;
        let mut now = t0;
        app.session.update(Command::Start, now);
        for (choice, millis) in commands {
            now += Duration::from_millis(millis);
            app.session.update(COMMANDS[choice], now);
        }
        prop_assume!(app.session.phase() == Phase::Running);
        let first = now + Duration::from_millis(first_ms);
        let mut later = Vec::new();
        let mut at = first;
        for millis in ticks {
            at += Duration::from_millis(millis);
            later.push(at);
        }
        for size in SIZES {
            check_ticks(&app, size, first, &later);
        }
    }
}

/// A talk step's seconds, at a projector's size and a laptop's, in both layouts: every second
/// after the first frame is drawn by its parts, and the last minute's change of colour (which
/// marks more than the parts without colour) is drawn whole when there is no colour.
#[test]
fn seconds_of_a_talk_step_are_drawn_by_their_parts() {
    let t0 = Instant::now();
    let index = BUILT_INS
        .iter()
        .position(|built_in| built_in.id == "case-clinic")
        .expect("case-clinic is built in");
    for display in displays() {
        for layout in [LayoutMode::Auto, LayoutMode::Room, LayoutMode::Laptop] {
            let mut app = app_of(index, 5, Lang::Fr, t0).expect("case-clinic for 5");
            app.layout = layout;
            app.display = display;
            app.session.update(Command::Start, t0);
            let planned = app.session.planned_at(0);
            // The ten seconds around the last minute's start.
            let first = t0 + planned - Duration::from_secs(65);
            let later: Vec<Instant> = (1..=10).map(|s| first + Duration::from_secs(s)).collect();
            for size in SIZES {
                let by_parts = check_ticks(&app, size, first, &later);
                let expected = if display.no_color { 9 } else { 10 };
                assert!(
                    by_parts >= expected - 1,
                    "{by_parts} of 10 seconds drawn by their parts ({layout:?}, {size:?}, {display:?})"
                );
            }
        }
    }
}

/// What is not a countdown's second is drawn whole: a paused session, a silence step.
#[test]
fn a_paused_or_quiet_screen_is_drawn_whole() {
    let t0 = Instant::now();
    let index = BUILT_INS
        .iter()
        .position(|built_in| built_in.id == "case-clinic")
        .expect("case-clinic is built in");
    let mut app = app_of(index, 5, Lang::En, t0).expect("case-clinic for 5");
    app.session.update(Command::Start, t0);
    let paused_at = t0 + Duration::from_secs(10);
    app.session.update(Command::TogglePause, paused_at);
    let later = [paused_at + Duration::from_secs(60)];
    assert_eq!(check_ticks(&app, (240, 67), paused_at, &later), 0);

    let mut app = app_of(index, 5, Lang::En, t0).expect("case-clinic for 5");
    app.session.update(Command::Start, t0);
    let mut now = t0;
    while !app.session.step_kind().is_quiet() {
        now += Duration::from_secs(1);
        app.session.update(Command::NextStep, now);
        assert_eq!(
            app.session.phase(),
            Phase::Running,
            "case-clinic has a quiet step"
        );
    }
    let later = [now + Duration::from_secs(60)];
    assert_eq!(check_ticks(&app, (240, 67), now, &later), 0);
}
