//! The projector's layout ("room"): snapshots at 240x67 and 320x90 in English and French, and
//! what a room relies on: who speaks, the rule and the next person in letters at least 4 rows
//! tall, the digits over a third of the height, no dark grey, no key bar, nothing of the
//! operator's in an audience's view, and no overlap at any size.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use intervision::domain::lang::Lang;
use intervision::domain::method::StepKind;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::ui::app::{App, Overlay};
use intervision::ui::view::big_text::{BigLines, Fit, Letters, fit};
use intervision::ui::view::{LayoutMode, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

const ROOM_SIZES: [(u16, u16); 2] = [(240, 67), (320, 90)];

fn app(method: &str, names: Option<&str>, lang: Lang, t0: Instant) -> App {
    let method = intervision::store::library::builtin(method)
        .unwrap()
        .unwrap();
    let people = match names {
        Some(names) => People::parse(names).unwrap(),
        None => People::Count(5),
    };
    let cast = Cast::assign(&method, &people).unwrap();
    App::new(
        Session::new(method, cast, false),
        "case-clinic",
        lang,
        t0,
        "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
    )
}

fn clinic(lang: Lang, t0: Instant) -> App {
    app("case-clinic", Some("Ana,Ben,Chloé,David,Emma"), lang, t0)
}

fn draw(app: &App, now: Instant, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn goto(app: &mut App, step: usize, at: Instant) {
    while app.session.step_index() < step {
        app.session.update(Command::NextStep, at);
    }
}

/// The four screens a room reads, at `t0`: a talk step, a round, the silence, a pause.
fn the_four(lang: Lang, t0: Instant) -> Vec<(&'static str, App, Instant)> {
    let mut talk = clinic(lang, t0);
    talk.session.update(Command::Start, t0);
    goto(&mut talk, 1, t0 + secs(120));
    let mut round = clinic(lang, t0);
    round.session.update(Command::Start, t0);
    goto(&mut round, 3, t0);
    round.session.update(Command::NextSpeaker, t0 + secs(100));
    let mut silence = clinic(lang, t0);
    silence.session.update(Command::Start, t0);
    goto(&mut silence, 2, t0);
    let mut paused = clinic(lang, t0);
    paused.session.update(Command::Start, t0);
    goto(&mut paused, 1, t0 + secs(60));
    paused.session.update(Command::TogglePause, t0 + secs(200));
    vec![
        ("talk", talk, t0 + secs(120 + 245)),
        ("round", round, t0 + secs(130)),
        ("silence", silence, t0 + secs(70)),
        ("paused", paused, t0 + secs(900)),
    ]
}

#[test]
fn room_snapshots() {
    let t0 = Instant::now();
    for lang in [Lang::En, Lang::Fr] {
        for (name, app, now) in the_four(lang, t0) {
            for size in ROOM_SIZES {
                let tag = match lang {
                    Lang::En => "en",
                    Lang::Fr => "fr",
                };
                insta::assert_snapshot!(
                    format!("room_{name}_{tag}_{}x{}", size.0, size.1),
                    text(&draw(&app, now, size))
                );
            }
        }
    }
}

/// Whether `symbol` is drawn with block elements (the pieces of large letters and digits).
fn is_block(symbol: &str) -> bool {
    symbol
        .chars()
        .any(|c| ('\u{2580}'..='\u{259F}').contains(&c))
}

/// Whether one line of large `letters` is drawn somewhere on `screen`, cell for cell.
fn contains_big(screen: &Buffer, line: &str, letters: Letters) -> bool {
    let single = Fit {
        letters,
        lines: vec![line.to_owned()],
    };
    let width = line.chars().count() as u16 * letters.columns();
    let height = letters.rows();
    let mut pattern = Buffer::empty(Rect::new(0, 0, width, height));
    BigLines {
        fit: &single,
        style: Style::new(),
        alignment: Alignment::Left,
    }
    .render(pattern.area, &mut pattern);
    let row = |buffer: &Buffer, y: u16, width: u16| -> String {
        (0..width).map(|x| buffer[(x, y)].symbol()).collect()
    };
    let pattern: Vec<String> = (0..height).map(|y| row(&pattern, y, width)).collect();
    let area = screen.area;
    if width > area.width || height > area.height {
        return false;
    }
    let rows: Vec<String> = (0..area.height)
        .map(|y| row(screen, y, area.width))
        .collect();
    // Where the first row of the letters is found, the others must be found below it.
    (0..=usize::from(area.height - height)).any(|top| {
        rows[top].match_indices(pattern[0].as_str()).any(|(at, _)| {
            let column = rows[top][..at].chars().count();
            (1..pattern.len()).all(|k| {
                let below: String = rows[top + k]
                    .chars()
                    .skip(column)
                    .take(usize::from(width))
                    .collect();
                below == pattern[k]
            })
        })
    })
}

/// The rows a line of `text` takes where it is drawn in large letters on `screen` (fitted to
/// the width the room gives it), or `None` when it is not drawn large.
fn big_rows(screen: &Buffer, text: &str) -> Option<u16> {
    let width = screen.area.width - 4;
    for letters in [Letters::Full, Letters::Square, Letters::Narrow] {
        if let Some(fitted) = (1..=3).find_map(|lines| fit(text, letters, width, lines))
            && fitted
                .lines
                .iter()
                .all(|line| contains_big(screen, line, letters))
        {
            return Some(letters.rows());
        }
    }
    None
}

#[test]
fn the_speaker_the_rule_and_the_next_person_are_at_least_four_rows_tall() {
    let t0 = Instant::now();
    for lang in [Lang::En, Lang::Fr] {
        let screens = the_four(lang, t0);
        for size in ROOM_SIZES {
            for (name, app, now) in &screens {
                let screen = draw(app, *now, size);
                let step = app.session.step();
                let mut wanted: Vec<String> = step
                    .rules
                    .iter()
                    .map(|rule| rule.get(lang).to_owned())
                    .collect();
                match *name {
                    "talk" => wanted.push("Ana".into()),
                    "round" => {
                        wanted.push("Chloé".into());
                        wanted.push(match lang {
                            Lang::En => "Next: David".into(),
                            Lang::Fr => "Ensuite : David".into(),
                        });
                    }
                    "paused" => {
                        wanted.push("Ana".into());
                        wanted.push(match lang {
                            Lang::En => "PAUSED".into(),
                            Lang::Fr => "PAUSE".into(),
                        });
                    }
                    _ => {
                        // The silence: its word, large; its rules and prompts, all of them.
                        wanted = vec!["SILENCE".into()];
                        let plain = text(&screen);
                        for line in step.rules.iter().chain(&step.prompts) {
                            assert!(plain.contains(line.get(lang)), "{line:?}:\n{plain}");
                        }
                    }
                }
                for want in &wanted {
                    let rows = big_rows(&screen, want);
                    assert!(
                        rows >= Some(4),
                        "{name} {size:?} {lang:?}: {want:?} is {rows:?} rows tall\n{}",
                        text(&screen)
                    );
                }
            }
        }
    }
}

#[test]
fn the_digits_keep_more_than_a_third_of_the_height() {
    let t0 = Instant::now();
    let screens = the_four(Lang::Fr, t0);
    for size in [(200, 60), (240, 67), (320, 90)] {
        for (name, app, now) in screens.iter().take(2) {
            let screen = draw(app, *now, size);
            // Rows of lit digits: calm cells in blocks, the gauge's rows (with its shade) aside.
            let rows = (0..size.1)
                .filter(|&y| {
                    let cells = (0..size.0).map(|x| &screen[(x, y)]);
                    let mut cells = cells.clone();
                    cells
                        .clone()
                        .any(|cell| cell.fg == Color::Cyan && is_block(cell.symbol()))
                        && !cells.any(|cell| cell.symbol() == "░")
                })
                .count() as u16;
            assert!(
                rows * 100 >= size.1 * 35,
                "{name} {size:?}: the digits take {rows} rows"
            );
        }
    }
}

/// Every screen of a session in the room's layout, with the help over one and a pause.
fn every_room_screen(t0: Instant) -> Vec<(String, App, Instant)> {
    let mut screens: Vec<(String, App, Instant)> = the_four(Lang::En, t0)
        .into_iter()
        .chain(the_four(Lang::Fr, t0))
        .map(|(name, app, now)| (name.to_owned(), app, now))
        .collect();
    screens.push(("start".into(), clinic(Lang::Fr, t0), t0));
    let mut help = clinic(Lang::En, t0);
    help.session.update(Command::Start, t0);
    help.overlay = Overlay::Help;
    screens.push(("help".into(), help, t0 + secs(5)));
    let mut over = clinic(Lang::En, t0);
    over.session.update(Command::Start, t0);
    screens.push(("overtime".into(), over, t0 + secs(200)));
    let mut finished = clinic(Lang::En, t0);
    finished.session.update(Command::Start, t0);
    finished.session.update(Command::Stop, t0 + secs(90));
    screens.push(("summary".into(), finished, t0 + secs(90)));
    let mut anonymous = app("case-clinic", None, Lang::En, t0);
    anonymous.session.update(Command::Start, t0);
    goto(&mut anonymous, 3, t0);
    screens.push(("anonymous round".into(), anonymous, t0 + secs(10)));
    let mut choosing = app(
        "kollegiale-beratung",
        Some("Ana,Ben,Chloé,David,Emma,Farid"),
        Lang::Fr,
        t0,
    );
    choosing.session.update(Command::Start, t0);
    while !choosing.session.step().choose_module {
        choosing.session.update(Command::NextStep, t0);
    }
    screens.push(("modules".into(), choosing, t0 + secs(10)));
    let mut writing = app(
        "action-learning",
        Some("Ana,Ben,Chloé,David,Emma"),
        Lang::Fr,
        t0,
    );
    writing.session.update(Command::Start, t0);
    while writing.session.step().kind != StepKind::Writing {
        writing.session.update(Command::NextStep, t0);
    }
    screens.push(("writing".into(), writing, t0 + secs(10)));
    screens
}

#[test]
fn nothing_the_room_reads_is_dark_grey() {
    let t0 = Instant::now();
    for (name, app, now) in every_room_screen(t0) {
        for size in ROOM_SIZES {
            let screen = draw(&app, now, size);
            for position in screen.area.positions() {
                let cell = &screen[position];
                assert!(
                    cell.fg != Color::DarkGray && cell.bg != Color::DarkGray,
                    "{name} {size:?}: dark grey at {position:?} ({:?})",
                    cell.symbol()
                );
            }
        }
    }
}

#[test]
fn a_tall_window_gets_the_room_and_no_key_bar_while_help_still_opens() {
    let t0 = Instant::now();
    let mut app = clinic(Lang::En, t0);
    app.session.update(Command::Start, t0);
    let key_bar = " space  pause";
    assert!(text(&draw(&app, t0, (80, 24))).contains(key_bar));
    assert!(text(&draw(&app, t0, (200, 44))).contains(key_bar));
    for size in [(200, 45), (240, 67), (320, 90)] {
        assert!(!text(&draw(&app, t0, size)).contains(key_bar), "{size:?}");
    }
    // Forced either way.
    app.layout = LayoutMode::Laptop;
    assert!(text(&draw(&app, t0, (240, 67))).contains(key_bar));
    app.layout = LayoutMode::Room;
    assert!(!text(&draw(&app, t0, (80, 24))).contains(key_bar));
    let question = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
    app.on_key(question, t0);
    let help = text(&draw(&app, t0, (240, 67)));
    assert!(
        help.contains("Keys") && help.contains("next step"),
        "{help}"
    );
}

#[test]
fn an_audience_sees_nothing_of_the_operator() {
    let t0 = Instant::now();
    let mut app = clinic(Lang::En, t0);
    app.session.update(Command::Start, t0);
    for c in "esecret about Ben".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), t0);
    }
    assert!(text(&draw(&app, t0, (240, 67))).contains("secret about Ben"));
    app.audience = true;
    for layout in [LayoutMode::Room, LayoutMode::Laptop] {
        app.layout = layout;
        for size in [(80, 24), (240, 67)] {
            let screen = text(&draw(&app, t0, size));
            assert!(!screen.contains("secret"), "{layout:?} {size:?}:\n{screen}");
            assert!(!screen.contains(" space  pause"), "{layout:?} {size:?}");
        }
    }
    app.input = None;
    for overlay in [Overlay::Help, Overlay::ConfirmQuit] {
        app.overlay = overlay;
        let screen = text(&draw(&app, t0, (240, 67)));
        assert!(!screen.contains("Keys") && !screen.contains("Quit the session?"));
    }
}

#[test]
fn nothing_overlaps_and_big_texts_fit_at_any_size() {
    let t0 = Instant::now();
    let screens = every_room_screen(t0);
    for (name, mut app, now) in screens {
        app.layout = LayoutMode::Room;
        for width in [60, 61, 79, 80, 100, 131, 200, 240, 320] {
            for height in [16, 17, 20, 24, 30, 40, 44, 45, 60, 67, 90] {
                let screen = draw(&app, now, (width, height));
                if name != "round" {
                    continue;
                }
                // The speaker and the next person, whole: in large letters or plain.
                let plain = text(&screen);
                let next = match app.lang {
                    Lang::En => "Next: David",
                    Lang::Fr => "Ensuite : David",
                };
                for want in ["Chloé", next] {
                    assert!(
                        big_rows(&screen, want).is_some() || plain.contains(want),
                        "{want} at {width}x{height}:\n{plain}"
                    );
                }
                if height >= 45 && width >= 100 {
                    assert!(big_rows(&screen, "Chloé") >= Some(4), "{width}x{height}");
                }
            }
        }
    }
}
