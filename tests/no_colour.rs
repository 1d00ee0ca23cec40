//! Screens without colour (`NO_COLOR`) and on the Linux console (`TERM=linux`): the warning and
//! overtime states stay readable in text, and only the console font's glyphs are drawn.

mod common;

use std::time::{Duration, Instant};

use common::frames::{self, draw, text};
use intervision::domain::lang::Lang;
use intervision::domain::session::Command;
use intervision::ui::app::{App, Overlay};
use intervision::ui::glyphs::{Display, is_console_glyph};
use intervision::ui::theme::THEME;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn app(lang: Lang, display: Display, t0: Instant) -> App {
    let mut app = frames::app("case-clinic", common::PEOPLE, lang, t0);
    app.display = display;
    app
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

const NO_COLOR: Display = Display {
    no_color: true,
    linux_console: false,
};

/// The second step (15 minutes, talk) started at `t0`.
fn in_step_two(lang: Lang, display: Display, t0: Instant) -> App {
    let mut app = app(lang, display, t0);
    app.session.update(Command::Start, t0);
    app.session.update(Command::NextStep, t0);
    app
}

#[test]
fn without_colour_the_last_minute_and_overtime_are_said_in_text() {
    let t0 = Instant::now();
    for lang in [Lang::En, Lang::Fr] {
        let app = in_step_two(lang, NO_COLOR, t0);
        let calm = draw(&app, t0 + secs(60), (80, 24));
        let last = draw(&app, t0 + secs(15 * 60 - 30), (80, 24));
        let over = draw(&app, t0 + secs(15 * 60 + 30), (80, 24));
        for buffer in [&calm, &last, &over] {
            for cell in buffer.content() {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            }
        }
        assert!(!text(&calm).contains("MINUTE"));
        let reversed = |buffer: &Buffer| {
            buffer
                .content()
                .iter()
                .filter(|cell| cell.symbol() == "█" && cell.modifier.contains(Modifier::REVERSED))
                .count()
        };
        assert_eq!(reversed(&calm), 0, "calm digits are plain");
        assert!(reversed(&last) > 0, "the last minute's digits are reversed");
        assert!(reversed(&over) > 0, "overtime's digits are reversed");
        let tag = lang.tag();
        insta::assert_snapshot!(format!("no_color_last_minute_{tag}"), text(&last));
        insta::assert_snapshot!(format!("no_color_overtime_{tag}"), text(&over));
    }
}

/// Checks that `app` at `now` draws only console glyphs with `TERM=linux`; returns how many
/// other glyphs the same screen has without it.
fn console_only(name: &str, app: &mut App, now: Instant) -> usize {
    app.display = Display::new(None, Some("linux"));
    for size in [(80, 24), (240, 67)] {
        let screen = text(&draw(app, now, size));
        let odd: Vec<char> = screen
            .chars()
            .filter(|c| *c != '\n' && !is_console_glyph(*c))
            .collect();
        assert!(odd.is_empty(), "{name} {size:?}: {odd:?}\n{screen}");
    }
    app.display = Display::default();
    let fancy = text(&draw(app, now, (240, 67)))
        .chars()
        .filter(|c| *c != '\n' && !is_console_glyph(*c))
        .count();
    app.display = Display::new(None, Some("linux"));
    fancy
}

#[test]
fn on_the_linux_console_every_screen_draws_only_the_console_glyphs() {
    let t0 = Instant::now();
    let display = Display::new(None, Some("linux"));
    assert!(display.linux_console && !display.no_color);
    let mut fancy = 0;
    let mut start = app(Lang::Fr, display, t0);
    fancy += console_only("start", &mut start, t0);
    start.overlay = Overlay::Help;
    fancy += console_only("help", &mut start, t0);
    let mut running = in_step_two(Lang::Fr, display, t0);
    fancy += console_only("step", &mut running, t0 + secs(60));
    fancy += console_only("overtime", &mut running, t0 + secs(16 * 60));
    running
        .session
        .update(Command::NextStep, t0 + secs(16 * 60));
    fancy += console_only("silence", &mut running, t0 + secs(16 * 60 + 30));
    running
        .session
        .update(Command::NextStep, t0 + secs(17 * 60));
    fancy += console_only("round", &mut running, t0 + secs(17 * 60 + 10));
    running.session.update(Command::Stop, t0 + secs(18 * 60));
    fancy += console_only("summary", &mut running, t0 + secs(18 * 60));
    // Without `TERM=linux` the same screens use other glyphs: the check above has teeth.
    assert!(fancy > 0);
}

#[test]
fn no_color_must_be_non_empty_and_the_theme_keeps_to_sixteen_colours() {
    assert!(!Display::new(Some(""), None).no_color);
    assert!(Display::new(Some("1"), Some("xterm-256color")).no_color);
    let basic = |color: Color| !matches!(color, Color::Indexed(_) | Color::Rgb(..) | Color::Reset);
    assert!(basic(THEME.calm) && basic(THEME.warning) && basic(THEME.overtime));
    assert!(
        THEME.calm != THEME.warning
            && THEME.warning != THEME.overtime
            && THEME.calm != THEME.overtime
    );
}

/// The frame as text, with reversed blank cells drawn `░`, so a flash shows in a snapshot.
fn reversed_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| {
                    let cell = &buffer[(x, y)];
                    if cell.symbol() == " " && cell.modifier.contains(Modifier::REVERSED) {
                        "░"
                    } else {
                        cell.symbol()
                    }
                })
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_step_end_flashes_the_screen_once_for_a_second() {
    use intervision::ui::glyphs::{FLASH, flash_until};
    let t0 = Instant::now();
    for display in [Display::default(), NO_COLOR] {
        let mut app = in_step_two(Lang::En, display, t0);
        let end = t0 + secs(15 * 60);
        let before = app.session.update(Command::Tick, end - secs(1));
        assert_eq!(flash_until(&before, false, end - secs(1), 1), None);
        let effects = app.session.update(Command::Tick, end);
        let until = flash_until(&effects, false, end, 1).expect("a step's end flashes");
        assert_eq!(until, end + FLASH);
        app.end_flash = Some(until);
        let flashing = draw(&app, end, (80, 24));
        let plain_bg = flashing
            .content()
            .iter()
            .filter(|cell| cell.symbol() == " " && !cell.modifier.contains(Modifier::REVERSED))
            .count();
        assert!(
            plain_bg < 200,
            "most of the screen is reversed ({plain_bg} plain)"
        );
        if display == NO_COLOR {
            insta::assert_snapshot!("flash_at_a_step_end", reversed_text(&flashing));
        }
        // From a second later on, the screen is what it is without a flash: no blinking.
        for later in [until, until + secs(1), until + secs(30)] {
            let after = draw(&app, later, (80, 24));
            app.end_flash = None;
            let unflashed = draw(&app, later, (80, 24));
            app.end_flash = Some(until);
            assert_eq!(after, unflashed, "still flashing at {:?}", later - end);
        }
    }
    // At ten times the speed, the flash still lasts a real second.
    let effects = intervision::domain::session::Effects {
        signals: vec![intervision::domain::session::Signal::StepEnd],
        events: Vec::new(),
    };
    assert_eq!(flash_until(&effects, false, t0, 10), Some(t0 + secs(10)));
    assert_eq!(
        flash_until(
            &intervision::domain::session::Effects::default(),
            true,
            t0,
            1
        ),
        None
    );
}
