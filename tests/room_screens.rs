//! The projector's layout ("room"): snapshots at 240x67 and 320x90 in English and French, and
//! what a room relies on: who speaks, the rule and the next person in letters at least 4 rows
//! tall, the digits over a third of the height, no dark grey, no key bar, nothing of the
//! operator's in an audience's view, and no overlap at any size.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use intervision::domain::lang::Lang;
use intervision::domain::method::StepKind;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Phase, Session};
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
    for lang in Lang::ALL {
        screens.push((format!("start {lang:?}"), clinic(lang, t0), t0));
        let (over, at) = finished_session(lang, t0);
        screens.push((format!("summary over {lang:?}"), over, at));
        let (stopped, at) = stopped_session(lang, t0);
        screens.push((format!("summary stopped {lang:?}"), stopped, at));
    }
    // Twelve people: the rounds' turns are too short to speak in.
    let crowded = app("case-clinic", Some("12"), Lang::En, t0);
    screens.push(("start short turns".into(), crowded, t0));
    let mut typing = clinic(Lang::En, t0);
    typing.on_key(KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT), t0);
    assert!(typing.names.is_some());
    screens.push(("start names".into(), typing, t0));
    let crowd = app("fishbowl", Some("30"), Lang::Fr, t0);
    screens.push(("start fishbowl".into(), crowd, t0));
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

/// The case clinic run to its end: the first step 30 s over, the fourth 1:30 over, the others
/// on time; and the instant it ended.
fn finished_session(lang: Lang, t0: Instant) -> (App, Instant) {
    let mut app = clinic(lang, t0);
    app.session.update(Command::Start, t0);
    let mut at = t0;
    for (index, planned) in app.session.planned().into_iter().enumerate() {
        at += planned
            + match index {
                0 => secs(30),
                3 => secs(90),
                _ => Duration::ZERO,
            };
        app.session.update(Command::NextStep, at);
    }
    assert_eq!(app.session.phase(), Phase::Finished);
    (app, at)
}

/// The case clinic stopped during its fifth step, the first over its time: the last two steps
/// skipped; and the instant it stopped.
fn stopped_session(lang: Lang, t0: Instant) -> (App, Instant) {
    let mut app = clinic(lang, t0);
    app.session.update(Command::Start, t0);
    let mut at = t0;
    for (index, planned) in app.session.planned().into_iter().take(4).enumerate() {
        at += if index == 0 {
            planned + secs(45)
        } else {
            planned
        };
        app.session.update(Command::NextStep, at);
    }
    at += secs(300);
    app.session.update(Command::Stop, at);
    assert_eq!(app.session.phase(), Phase::Finished);
    (app, at)
}

#[test]
fn room_start_and_summary_snapshots() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let tag = lang.tag();
        let start = clinic(lang, t0);
        let (over, over_at) = finished_session(lang, t0);
        let (stopped, stopped_at) = stopped_session(lang, t0);
        for size in ROOM_SIZES {
            let (w, h) = size;
            insta::assert_snapshot!(
                format!("room_start_{tag}_{w}x{h}"),
                text(&draw(&start, t0, size))
            );
            insta::assert_snapshot!(
                format!("room_summary_stopped_{tag}_{w}x{h}"),
                text(&draw(&stopped, stopped_at, size))
            );
        }
        insta::assert_snapshot!(
            format!("room_summary_over_{tag}_240x67"),
            text(&draw(&over, over_at, (240, 67)))
        );
        // Twelve people: the warning about short turns stays, in the projector's colours.
        let crowded = app("case-clinic", Some("12"), lang, t0);
        insta::assert_snapshot!(
            format!("room_start_short_turns_{tag}_240x67"),
            text(&draw(&crowded, t0, (240, 67)))
        );
    }
}

/// The start screen at 240x67: the method's name, every person's name, every step's name and
/// the total in letters at least 4 rows tall; the short-turn warning whole, in the warning's
/// colour.
#[test]
fn the_start_screen_reads_from_the_back() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let app = clinic(lang, t0);
        let screen = draw(&app, t0, (240, 67));
        let session = &app.session;
        let mut wanted = vec![session.method().name.get(lang).to_owned()];
        wanted.extend(["Ana", "Ben", "Chloé", "David", "Emma"].map(String::from));
        wanted.extend((0..session.step_count()).map(|index| session.step_name(index, lang)));
        wanted.push(match lang {
            Lang::En => "Total 1:00:00 · ends 15:00".into(),
            Lang::Fr => "Total 1:00:00 · fin à 15:00".into(),
        });
        for want in &wanted {
            let rows = big_rows(&screen, want);
            assert!(
                rows >= Some(4),
                "{lang:?}: {want:?} is {rows:?} rows tall\n{}",
                text(&screen)
            );
        }
        // The roles, large too.
        let role = match lang {
            Lang::En => "Case giver",
            Lang::Fr => "Porteur de cas",
        };
        assert!(
            contains_big(&screen, role, Letters::Narrow)
                || contains_big(&screen, "Porteur de", Letters::Narrow),
            "{}",
            text(&screen)
        );
        let crowded = app_with("case-clinic", "12", lang, t0);
        let screen = draw(&crowded, t0, (240, 67));
        let flat = flat(&text(&screen));
        let said = match lang {
            Lang::En => "⚠ Turns too short in \"Mirroring\": 0:43 each, under 1:00.",
            Lang::Fr => "⚠ Tours trop courts dans « Mise en miroir » : 0:43 chacun, moins de 1:00.",
        };
        assert!(flat.contains(said), "{flat}");
        let warning = screen
            .area
            .positions()
            .find(|&position| screen[position].symbol() == "⚠")
            .unwrap();
        assert_eq!(screen[warning].fg, Color::Yellow);
    }
}

/// The summary at 240x67: the title, every step's name and times, and the total in letters at
/// least 4 rows tall; a step over its time in the overtime colour; skipped steps said so.
#[test]
fn the_summary_reads_from_the_back() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let (over, at) = finished_session(lang, t0);
        let screen = draw(&over, at, (240, 67));
        let session = &over.session;
        let mut wanted = vec![match lang {
            Lang::En => "SESSION OVER".to_owned(),
            Lang::Fr => "SÉANCE TERMINÉE".to_owned(),
        }];
        wanted.extend((0..session.step_count()).map(|index| session.step_name(index, lang)));
        wanted.extend(["Total", "1:00:00", "1:02:00", "+2:00", "+1:30", "11:30"].map(String::from));
        for want in &wanted {
            let rows = big_rows(&screen, want);
            assert!(
                rows >= Some(4),
                "{lang:?}: {want:?} is {rows:?} rows tall\n{}",
                text(&screen)
            );
        }
        let red_rows = (0..67)
            .filter(|&y| (0..240).any(|x| screen[(x, y)].fg == Color::LightRed))
            .count();
        // Two steps over their time and the total, in large letters.
        assert!(red_rows >= 12, "{red_rows}\n{}", text(&screen));

        let (stopped, at) = stopped_session(lang, t0);
        let screen = draw(&stopped, at, (240, 67));
        let (title, skipped) = match lang {
            Lang::En => ("SESSION STOPPED", "skipped"),
            Lang::Fr => ("SÉANCE INTERROMPUE", "sautée"),
        };
        for want in [title, skipped] {
            assert!(
                big_rows(&screen, want) >= Some(4),
                "{want}\n{}",
                text(&screen)
            );
        }
    }
}

/// The operator's projected window says how to start, in one discreet line, and shows the
/// names field; an audience sees neither, nor where the journal is saved.
#[test]
fn the_operators_hints_stay_off_the_audiences_wall() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let (press, keys, names_key) = match lang {
            Lang::En => (
                "Press space to start the clock",
                "?: all the keys",
                "N: type",
            ),
            Lang::Fr => (
                "Appuyez sur espace pour lancer le chrono",
                "? : toutes les touches",
                "N : saisir",
            ),
        };
        let mut app = clinic(lang, t0);
        for size in [(80, 24), (240, 67), (320, 90)] {
            app.audience = false;
            app.layout = LayoutMode::Room;
            let screen = text(&draw(&app, t0, size));
            for want in [press, names_key] {
                assert!(screen.contains(want), "{size:?}: {want}\n{screen}");
            }
            assert!(!screen.contains(" space  "), "no key bar: {screen}");
            app.audience = true;
            let screen = text(&draw(&app, t0, size));
            for unwanted in [press, keys, names_key] {
                assert!(!screen.contains(unwanted), "{size:?}: {unwanted}\n{screen}");
            }
        }
        app.audience = false;
        app.on_key(KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT), t0);
        for c in "Zoé".chars() {
            app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), t0);
        }
        let screen = text(&draw(&app, t0, (240, 67)));
        assert!(
            screen.contains("Zoé") && !screen.contains(press),
            "{screen}"
        );
        app.audience = true;
        let screen = text(&draw(&app, t0, (240, 67)));
        assert!(!screen.contains("Zoé"), "{screen}");

        let (mut stopped, at) = stopped_session(lang, t0);
        stopped.notice = Some("Journal saved: /home/ana/journal.jsonl".into());
        let screen = text(&draw(&stopped, at, (240, 67)));
        assert!(screen.contains("/home/ana/journal.jsonl"), "{screen}");
        stopped.audience = true;
        let screen = text(&draw(&stopped, at, (240, 67)));
        assert!(!screen.contains("journal.jsonl"), "{screen}");
        assert!(!screen.contains(keys), "{screen}");
    }
}

/// From 80x24 to 320x90, every text of the start and the summary is on screen whole (in large
/// letters or plain) or its cut is marked with `…`; from 240x67 up, every one is whole.
#[test]
fn start_and_summary_texts_are_whole_or_marked_at_any_size() {
    let t0 = Instant::now();
    let mut screens: Vec<(App, Instant)> = Vec::new();
    for lang in Lang::ALL {
        screens.push((clinic(lang, t0), t0));
        screens.push((app_with("case-clinic", "12", lang, t0), t0));
        screens.push((app_with("fishbowl", "30", lang, t0), t0));
        screens.push(stopped_session(lang, t0));
        screens.push(finished_session(lang, t0));
    }
    for (mut app, now) in screens {
        app.layout = LayoutMode::Room;
        let lang = app.lang;
        let session = &app.session;
        let mut wanted: Vec<String> = (0..session.step_count())
            .map(|index| session.step_name(index, lang))
            .collect();
        wanted.push(session.method().name.get(lang).to_owned());
        if session.phase() == Phase::Ready {
            let cast = session.cast();
            wanted.extend((0..cast.people.len()).map(|i| cast.label(session.method(), i, lang)));
        }
        for width in [80, 100, 131, 200, 240, 320] {
            for height in [24, 30, 40, 45, 60, 67, 90] {
                let screen = draw(&app, now, (width, height));
                let plain = text(&screen);
                let flat = flat(&plain);
                // A projector's window holds every text whole.
                let roomy = width >= 240 && height >= 67;
                for want in &wanted {
                    assert!(
                        big_rows(&screen, want).is_some()
                            || flat.contains(want.as_str())
                            || (!roomy && plain.contains('…')),
                        "{want} at {width}x{height}:\n{plain}"
                    );
                }
            }
        }
    }
}

/// The lines of a screen joined by spaces, each trimmed: a wrapped text reads whole.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn app_with(method: &str, people: &str, lang: Lang, t0: Instant) -> App {
    app(method, Some(people), lang, t0)
}
