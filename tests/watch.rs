//! The audience view without a terminal: what a running session publishes, and the session the
//! viewer rebuilds from it, counting down with its own clock to the same second as the
//! operator's; the room's screen kept as snapshots.

use std::time::{Duration, Instant};

use intervision::domain::lang::Lang;
use intervision::domain::method::Record;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::store::live;
use intervision::ui::app::{App, Pinned};
use intervision::ui::watch::{LiveFeed, RoomScreen, rebuild};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WALL: &str = "2026-11-23T14:00:00[Europe/Paris]";

fn operator(lang: Lang, t0: Instant) -> App {
    let method = intervision::store::library::builtin("case-clinic")
        .unwrap()
        .unwrap();
    let cast = Cast::assign(&method, &People::parse("Ana,Ben,Chloé,David,Emma").unwrap()).unwrap();
    App::new(
        Session::new(method, cast, false),
        "case-clinic",
        lang,
        t0,
        WALL.parse().unwrap(),
    )
}

/// Drives the operator's session through `commands` (each at its offset from `t0`), publishing
/// after each as the event loop does; returns the operator's app and the live state last written.
fn publish(
    lang: Lang,
    t0: Instant,
    commands: &[(u64, Command)],
    dir: &std::path::Path,
) -> (App, live::LiveState) {
    let mut app = operator(lang, t0);
    let mut feed = LiveFeed::new(dir, &app, None);
    feed.update(&app, &[], t0);
    for (offset, command) in commands {
        let now = t0 + Duration::from_secs(*offset);
        let effects = app.session.update(*command, now);
        feed.update(&app, &effects.events, now);
    }
    let path = live::path_for(dir, std::process::id());
    let state = live::read(&path).unwrap();
    (app, state)
}

fn method() -> intervision::domain::method::Method {
    intervision::store::library::builtin("case-clinic")
        .unwrap()
        .unwrap()
}

#[test]
fn the_viewer_counts_down_with_its_own_clock_to_the_operators_second() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let commands = [
        (0, Command::Start),
        (30, Command::NextStep),
        (95, Command::TogglePause),
        (140, Command::TogglePause),
        (150, Command::AddMinute),
        (200, Command::NextStep),
        (210, Command::NextStep),
        (230, Command::NextSpeaker),
    ];
    let (app, state) = publish(Lang::En, t0, &commands, dir.path());
    let published = t0 + Duration::from_secs(230);
    // The viewer starts later, on a clock of its own: 1 h later, it has read the file 40 s
    // after it was written.
    let view_origin = t0 + Duration::from_secs(3600);
    let wall_ms = state.wall_ms + 40_000;
    let viewer = rebuild(
        &state,
        method(),
        view_origin,
        WALL.parse().unwrap(),
        view_origin,
        wall_ms,
    )
    .unwrap();
    let operator_now = published + Duration::from_secs(40);
    for later in [0, 1, 7, 65] {
        let (op, view) = (
            operator_now + Duration::from_secs(later),
            view_origin + Duration::from_secs(later),
        );
        assert_eq!(viewer.session.step_index(), app.session.step_index());
        assert_eq!(viewer.session.turn_index(), app.session.turn_index());
        assert_eq!(
            viewer.session.turn_countdown(view),
            app.session.turn_countdown(op)
        );
        assert_eq!(
            viewer.session.step_countdown(view),
            app.session.step_countdown(op)
        );
        assert_eq!(viewer.session.remaining(view), app.session.remaining(op));
    }
    assert_eq!(viewer.session.planned(), app.session.planned());
}

#[test]
fn a_pause_is_followed_paused_and_a_capture_only_when_the_record_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let mut app = operator(Lang::Fr, t0);
    app.record = Record::Timings;
    app.pinned.push(Pinned {
        key: "contract".into(),
        text: "Ana veut parler au client".into(),
    });
    let mut feed = LiveFeed::new(dir.path(), &app, None);
    let effects = app.session.update(Command::Start, t0);
    feed.update(&app, &effects.events, t0);
    let effects = app
        .session
        .update(Command::TogglePause, t0 + Duration::from_secs(20));
    feed.update(&app, &effects.events, t0 + Duration::from_secs(20));
    let state = live::read(&live::path_for(dir.path(), std::process::id())).unwrap();
    assert!(state.paused && state.pinned.is_empty());
    let viewer = rebuild(
        &state,
        method(),
        t0,
        WALL.parse().unwrap(),
        t0,
        state.wall_ms + 600_000,
    )
    .unwrap();
    assert!(viewer.session.is_paused());
    assert_eq!(
        viewer.session.step_countdown(t0),
        app.session.step_countdown(t0 + Duration::from_secs(620))
    );
    feed.finish();
    assert!(
        live::list(dir.path()).is_empty(),
        "the file is removed at the end"
    );
}

fn screen(app: &App, now: Instant, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(RoomScreen { app, now }, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_room_screen_has_no_key_bar_in_either_language() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        let commands = [
            (0, Command::Start),
            (10, Command::NextStep),
            (20, Command::NextStep),
            (30, Command::NextStep),
            (40, Command::NextSpeaker),
        ];
        let (_, state) = publish(lang, t0, &commands, dir.path());
        let viewer = rebuild(
            &state,
            method(),
            t0,
            WALL.parse().unwrap(),
            t0,
            state.wall_ms,
        )
        .unwrap();
        let text = screen(&viewer, t0 + Duration::from_millis(300), 240, 67);
        let last = text.lines().last().unwrap_or_default();
        assert!(last.trim().is_empty(), "a key bar on the wall: {last}");
        insta::assert_snapshot!(format!("watch_round_240x67_{}", lang.tag()), text);
    }
}

/// Before the operator starts the clock, the room reads the plan in the projector's layout:
/// the method's name large, and nothing of the operator's (how to start, the names key, the
/// keys).
#[test]
fn the_room_reads_the_plan_before_the_start_without_the_operators_hints() {
    for lang in Lang::ALL {
        let dir = tempfile::tempdir().unwrap();
        let t0 = Instant::now();
        let (_, state) = publish(lang, t0, &[], dir.path());
        assert!(!state.started);
        let viewer = rebuild(
            &state,
            method(),
            t0,
            WALL.parse().unwrap(),
            t0,
            state.wall_ms,
        )
        .unwrap();
        let text = screen(&viewer, t0 + Duration::from_millis(300), 240, 67);
        let hints: &[&str] = match lang {
            Lang::En => &["Press space", "N: type", "?: all the keys"],
            Lang::Fr => &["Appuyez sur espace", "N : saisir", "? : toutes les touches"],
        };
        for hint in hints {
            assert!(!text.contains(hint), "{hint} on the wall:\n{text}");
        }
        // The method's name in large letters: no line of the screen holds it in plain text.
        let name = viewer.session.method().name.get(lang);
        assert!(
            !text.lines().skip(1).any(|line| line.contains(name)),
            "{text}"
        );
        insta::assert_snapshot!(format!("watch_start_240x67_{}", lang.tag()), text);
    }
}
