//! Every kind of screen, drawn into a test terminal at 80x24 and at a projector's 200x60, kept as
//! insta snapshots; and the colours and sizes a room relies on.

mod common;

use std::time::{Duration, Instant};

use common::frames::{self, draw, text};
use intervision::domain::lang::Lang;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::store::library::{BUILT_INS, load_builtin};
use intervision::ui::app::{App, Overlay};
use intervision::ui::view::next_redraw;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn app(lang: Lang, names: bool, t0: Instant) -> App {
    let people = if names { common::PEOPLE } else { "5" };
    let mut app = frames::app("case-clinic", people, lang, t0);
    app.notice = Some("Journal saved: /home/ana/.local/share/intervision/sessions/2026-11-23T14-00-00-case-clinic.jsonl".into());
    // The laptop's layout at every size here; the projector's is in tests/room_screens.rs.
    app.layout = intervision::ui::view::LayoutMode::Laptop;
    app
}

fn snapshot(name: &str, app: &App, now: Instant) {
    for size in SIZES {
        let screen = text(&draw(app, now, size));
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Moves a started session to `step` by pressing "next step" at `at`.
fn goto(app: &mut App, step: usize, at: Instant) {
    while app.session.step_index() < step {
        app.session.update(Command::NextStep, at);
    }
}

#[test]
fn start_screen() {
    let t0 = Instant::now();
    snapshot("start", &app(Lang::En, true, t0), t0);
}

#[test]
fn talk_screen_with_rules_and_prompts() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 1, t0 + secs(120));
    snapshot("talk", &app, t0 + secs(120 + 245));
}

#[test]
fn round_screen_with_names_and_without() {
    let t0 = Instant::now();
    let mut named = app(Lang::En, true, t0);
    named.session.update(Command::Start, t0);
    goto(&mut named, 3, t0);
    named.session.update(Command::NextSpeaker, t0 + secs(100));
    snapshot("round", &named, t0 + secs(130));

    let mut anonymous = app(Lang::En, false, t0);
    anonymous.session.update(Command::Start, t0);
    goto(&mut anonymous, 3, t0);
    anonymous
        .session
        .update(Command::NextSpeaker, t0 + secs(100));
    let screen = text(&draw(&anonymous, t0 + secs(130), (80, 24)));
    assert!(screen.contains("Coach 2 of 4"), "{screen}");
    assert!(screen.contains("next: Coach 3"), "{screen}");
}

#[test]
fn silence_screen_is_calm() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 2, t0);
    snapshot("silence", &app, t0 + secs(70));
    // Every prompt and every rule of the stillness is on screen, at both sizes.
    for size in SIZES {
        let screen = text(&draw(&app, t0 + secs(70), size));
        let step = app.session.step();
        for line in step.prompts.iter().chain(&step.rules) {
            assert!(screen.contains(line.get(Lang::En)), "{size:?}:\n{screen}");
        }
    }
    // No ticking seconds: the screen is the same a second later.
    assert_eq!(
        text(&draw(&app, t0 + secs(70), (80, 24))),
        text(&draw(&app, t0 + secs(71), (80, 24)))
    );
    // And it next changes when the bar moves or the minute turns, never sooner than a second.
    let next = next_redraw(&app, t0 + secs(70)).unwrap();
    assert!(next >= t0 + secs(71), "{:?}", next - (t0 + secs(70)));
}

#[test]
fn paused_screen() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 1, t0 + secs(60));
    app.session.update(Command::TogglePause, t0 + secs(200));
    snapshot("paused", &app, t0 + secs(900));
}

#[test]
fn overtime_screen() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    snapshot("overtime", &app, t0 + secs(120 + 83));
}

#[test]
fn summary_screen() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    let mut now = t0;
    for extra in [30, 0, 0, 90, 0, 0, 0] {
        now += app.session.planned()[app.session.step_index()] + secs(extra);
        app.session.update(Command::NextStep, now);
    }
    snapshot("summary", &app, now);
}

#[test]
fn help_overlay() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    app.overlay = Overlay::Help;
    snapshot("help", &app, t0 + secs(10));
    app.overlay = Overlay::ConfirmQuit;
    let screen = text(&draw(&app, t0 + secs(10), (80, 24)));
    assert!(screen.contains("Quit the session?"), "{screen}");
}

/// The quit dialog says what the log keeps: everything, timings only, or nothing.
#[test]
fn the_quit_dialog_tells_what_is_kept() {
    use intervision::domain::method::Record;
    let t0 = Instant::now();
    for lang in Lang::ALL {
        for (record, name) in [
            (Record::All, "all"),
            (Record::Timings, "timings"),
            (Record::None, "none"),
        ] {
            let mut app = app(lang, true, t0);
            app.session.update(Command::Start, t0);
            app.record = record;
            app.overlay = Overlay::ConfirmQuit;
            let screen = text(&draw(&app, t0 + secs(10), (80, 24)));
            insta::assert_snapshot!(format!("quit_{name}_{}_80x24", lang.tag()), screen);
        }
    }
}

/// Round lines without names count by role when one role speaks ("Coach 2 of 4"), by turn
/// otherwise ("Turn 2 of 5 · Peer 1"); several holders of a role are named in the plural.
#[test]
fn round_lines_and_plural_speakers_in_both_languages() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = builtin_app("intervision", "5", lang, t0);
        app.session.update(Command::Start, t0);
        let round = (0..app.session.step_count())
            .find(|&step| !app.session.turns(step).is_empty())
            .unwrap();
        goto(&mut app, round, t0);
        let first = text(&draw(&app, t0 + secs(5), (100, 30)));
        insta::assert_snapshot!(format!("round_unnamed_first_{}_100x30", lang.tag()), first);
        app.session.update(Command::NextSpeaker, t0 + secs(10));
        let second = text(&draw(&app, t0 + secs(15), (100, 30)));
        insta::assert_snapshot!(
            format!("round_unnamed_second_{}_100x30", lang.tag()),
            second
        );
        let (turn, of) = match lang {
            Lang::En => ("Turn 2 of", "next:"),
            Lang::Fr => ("Tour 2 sur", "ensuite"),
        };
        assert!(second.contains(turn) && second.contains(of), "{second}");

        let mut app = builtin_app(
            "kollegiale-beratung",
            "Ana,Ben,Chloé,David,Emma,Farid",
            lang,
            t0,
        );
        app.session.update(Command::Start, t0);
        let several = (0..app.session.step_count())
            .find(|&step| {
                app.session.turns(step).is_empty() && {
                    let cast = app.session.cast_at(step);
                    match &app.session.step_at(step).speaker {
                        intervision::domain::method::Speaker::Roles(ids) => {
                            ids.iter().any(|id| cast.holders(id).len() > 1)
                        }
                        _ => false,
                    }
                }
            })
            .expect("a step where several consultants speak");
        goto(&mut app, several, t0);
        let screen = text(&draw(&app, t0 + secs(5), (100, 30)));
        insta::assert_snapshot!(format!("plural_speakers_{}_100x30", lang.tag()), screen);
        let plural = match lang {
            Lang::En => "Consultants · ",
            Lang::Fr => "Consultants · ",
        };
        assert!(screen.contains(plural), "{screen}");
    }
}

/// During a session, `R` opens the roles picker on the current cast; Enter applies the new
/// cast from now on, Escape leaves it unchanged, and the clock runs on meanwhile.
#[test]
fn the_roles_picker_changes_the_cast_during_the_session() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app(lang, true, t0);
        app.session.update(Command::Start, t0);
        let running = text(&draw(&app, t0 + secs(5), (100, 30)));
        let hint = match lang {
            Lang::En => "Choose the roles (Case giver, Timekeeper): press R",
            Lang::Fr => "Choisissez les rôles (Porteur de cas, Gardien du temps) : touche R",
        };
        assert!(running.contains(hint), "{running}");
        app.on_key(key(KeyCode::Char('R')), t0 + secs(5));
        assert!(app.roles.is_some());
        insta::assert_snapshot!(
            format!("roles_in_session_{}_100x30", lang.tag()),
            text(&draw(&app, t0 + secs(6), (100, 30)))
        );
        // Escape: nothing changes.
        app.on_key(key(KeyCode::Esc), t0 + secs(7));
        assert!(app.roles.is_none());
        assert_eq!(app.session.cast().holders("case-giver"), vec![0]);
        // Right twice on the case giver: Chloé; Enter applies it and asks for a journal line.
        app.on_key(key(KeyCode::Char('R')), t0 + secs(8));
        app.on_key(key(KeyCode::Right), t0 + secs(8));
        app.on_key(key(KeyCode::Right), t0 + secs(8));
        let outcome = app.on_key(key(KeyCode::Enter), t0 + secs(9));
        assert!(app.roles.is_none());
        assert_eq!(app.session.cast().holders("case-giver"), vec![2]);
        assert_eq!(outcome.effects.events.len(), 1, "{:?}", outcome.effects);
        assert!(app.session.step_elapsed(t0 + secs(9)) >= secs(9));
        goto(&mut app, 1, t0 + secs(10));
        let screen = text(&draw(&app, t0 + secs(11), (100, 30)));
        assert!(screen.contains("· Chloé"), "{screen}");
    }
}

#[test]
fn too_small_asks_for_a_larger_window_at_any_size() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    insta::assert_snapshot!("too_small_50x12", text(&draw(&app, t0, (50, 12))));
    for width in 0..70 {
        for height in [0, 1, 2, 5, 15, 16, 17] {
            draw(&app, t0, (width, height));
        }
    }
}

#[test]
fn french_screens_speak_french() {
    let t0 = Instant::now();
    let mut app = app(Lang::Fr, true, t0);
    insta::assert_snapshot!("start_fr_80x24", text(&draw(&app, t0, (80, 24))));
    app.session.update(Command::Start, t0);
    goto(&mut app, 3, t0);
    insta::assert_snapshot!("round_fr_80x24", text(&draw(&app, t0 + secs(30), (80, 24))));
}

/// The colour of the big clock's lit cells.
fn clock_color(buffer: &Buffer) -> Color {
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if cell.symbol() == "█" {
                return cell.fg;
            }
        }
    }
    panic!("no big digits on screen");
}

#[test]
fn the_clock_turns_to_warning_then_overtime() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 1, t0); // 15 minutes: warning in the last minute.
    assert_eq!(
        clock_color(&draw(&app, t0 + secs(60), (100, 30))),
        Color::Cyan
    );
    assert_eq!(
        clock_color(&draw(&app, t0 + secs(15 * 60 - 59), (100, 30))),
        Color::Yellow
    );
    assert_eq!(
        clock_color(&draw(&app, t0 + secs(15 * 60 + 1), (100, 30))),
        Color::LightRed
    );
    let over = text(&draw(&app, t0 + secs(15 * 60 + 83), (200, 60)));
    assert!(over.contains("over time"), "{over}");
}

#[test]
fn the_digits_fill_a_third_of_a_projector() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 1, t0);
    let buffer = draw(&app, t0 + secs(10), (200, 60));
    let blocks = |y: u16| (0..200u16).any(|x| matches!(buffer[(x, y)].symbol(), "█" | "▀" | "▄"));
    // Rows 2 to 5: the step's name, in large letters; below the speaker and the banners, the
    // digits (nothing else there is drawn in blocks).
    assert!((2..6).all(blocks), "the step's name is not drawn large");
    let rows = (6..60u16).filter(|&y| blocks(y)).count();
    assert!(rows >= 20, "the digits take {rows} rows of 60");
}

#[test]
fn a_running_countdown_wakes_once_a_second_and_a_pause_once_a_minute() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    assert!(next_redraw(&app, t0).unwrap() <= t0 + secs(60));
    app.session.update(Command::Start, t0);
    let now = t0 + Duration::from_millis(2300);
    assert_eq!(next_redraw(&app, now), Some(t0 + secs(3)));
    app.session.update(Command::TogglePause, now);
    // Paused, what changes is the projected end ("ends 15:00"), when now + the time left
    // crosses a minute: at 14:00:10, 59:57.7 are left, so the end reads 15:00:07.7 and turns
    // to 15:01 in 52.3 s.
    let later = t0 + secs(10);
    let next = next_redraw(&app, later).unwrap();
    assert_eq!(next, later + Duration::from_millis(52_300));
}

fn press(app: &mut App, now: Instant, keys: &str) -> Vec<intervision::ui::app::Written> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut written = Vec::new();
    for c in keys.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        written.extend(app.on_key(key, now).written);
    }
    written
}

#[test]
fn notes_and_captures_are_typed_without_stopping_the_clock_and_captures_stay_pinned() {
    use intervision::ui::app::{FollowUp, Written};
    let t0 = Instant::now();
    let method = intervision::store::library::builtin("codev")
        .unwrap()
        .unwrap(); // step 4 captures the contract
    let cast = Cast::assign(
        &method,
        &People::parse("Ana,Ben,Chloé,David,Emma,Farid").unwrap(),
    )
    .unwrap();
    let mut app = App::new(
        Session::new(method, cast, false),
        "codev",
        Lang::Fr,
        t0,
        "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
    );
    app.layout = intervision::ui::view::LayoutMode::Laptop;
    app.follow_up = Some(FollowUp {
        person: "Ben".into(),
        text: "Appeler la directrice avant vendredi".into(),
        from: "x".into(),
    });
    insta::assert_snapshot!("start_follow_up_fr_80x24", text(&draw(&app, t0, (80, 24))));

    press(&mut app, t0, " nnn");
    assert_eq!(app.session.step_index(), 3);
    let written = press(
        &mut app,
        t0 + secs(30),
        "cDes idées concrètes pour l'équipe\n",
    );
    assert_eq!(
        written,
        vec![Written::Capture {
            step: 3,
            at: secs(30),
            key: "contract".into(),
            text: "Des idées concrètes pour l'équipe".into()
        }]
    );
    press(&mut app, t0 + secs(40), "n");
    let written = press(
        &mut app,
        t0 + secs(50),
        "eÉlan : « on essaie »\rdeuxième ligne",
    );
    assert!(written.is_empty(), "the note is still open");
    assert_eq!(
        app.session.step_countdown(t0 + secs(110)),
        intervision::domain::session::Countdown::Left(secs(25 * 60 - 70)),
        "the clock kept running"
    );
    snapshot("note_and_capture", &app, t0 + secs(110));
    let written = press(&mut app, t0 + secs(120), "\n");
    assert_eq!(
        written,
        vec![Written::Note {
            step: 4,
            at: secs(50),
            text: "Élan : « on essaie »\ndeuxième ligne".into()
        }]
    );
    assert!(app.input.is_none());
    // The contract stays pinned in the steps after.
    press(&mut app, t0 + secs(130), "n");
    let screen = text(&draw(&app, t0 + secs(130), (80, 24)));
    assert!(screen.contains("Contrat : Des idées concrètes"), "{screen}");
}

/// English words that are not French: none may show on a French screen.
const ENGLISH_ONLY: &[&str] = &[
    "the",
    "and",
    "of",
    "step",
    "steps",
    "left",
    "ends",
    "speaks",
    "next",
    "turn",
    "space",
    "quit",
    "help",
    "press",
    "start",
    "everyone",
    "nobody",
    "planned",
    "actual",
    "over",
    "time",
    "speaker",
    "restart",
    "last",
    "session",
    "saved",
    "keys",
    "with",
    "you",
    "your",
    "what",
    "who",
    "add",
    "remove",
    "write",
    "previous",
    "passes",
    "bell",
    "off",
    "less",
    "than",
    "larger",
    "window",
    "ready",
    "people",
    "agenda",
    "think",
    "about",
    "stopped",
    "skipped",
    "rehearsal",
    "paused",
    "writing",
    "save",
    "new",
    "line",
    "running",
    "clock",
    "keeps",
    "choose",
    "any",
    "key",
    "closes",
    "stay",
    "either",
    "way",
    "log",
];

fn english_words(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| ENGLISH_ONLY.contains(&word.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn french_screens_have_no_english_word_in_any_builtin_method() {
    use intervision::ui::app::{FollowUp, Overlay};
    // The detector itself finds the words of an English screen.
    let t0 = Instant::now();
    let english = app(Lang::En, true, t0);
    assert!(english_words(&text(&draw(&english, t0, (100, 30)))).len() >= 3);
    for builtin in BUILT_INS {
        let method = load_builtin(builtin).unwrap();
        let people = People::Names(
            ["Ana", "Ben", "Chloé", "David", "Emma", "Farid"]
                [..method.default_people().clamp(3, 6) as usize]
                .iter()
                .map(|n| n.to_string())
                .collect(),
        );
        let Ok(cast) = Cast::assign(&method, &people) else {
            continue;
        };
        let mut app = App::new(
            Session::new(method, cast, false),
            builtin.id,
            Lang::Fr,
            t0,
            "2026-11-23T14:00:00[Europe/Paris]".parse().unwrap(),
        );
        app.speed = 10;
        app.quiet = true;
        app.follow_up = Some(FollowUp {
            person: "Ben".into(),
            text: "Appeler la directrice".into(),
            from: "x".into(),
        });
        let mut screens = vec![("start", text(&draw(&app, t0, (100, 30))))];
        app.session.update(Command::Start, t0);
        let mut now = t0;
        for position in 0..app.session.step_count() {
            now += secs(5);
            screens.push(("step", text(&draw(&app, now, (100, 30)))));
            screens.push(("step 80", text(&draw(&app, now, (80, 24)))));
            // Overtime, paused, help, note field and quit overlays on the first step.
            if position == 0 {
                screens.push((
                    "overtime",
                    text(&draw(
                        &app,
                        now + app.session.planned()[0] + secs(70),
                        (100, 30),
                    )),
                ));
                app.session.update(Command::TogglePause, now);
                screens.push(("paused", text(&draw(&app, now, (100, 30)))));
                app.session.update(Command::TogglePause, now);
                for overlay in [Overlay::Help, Overlay::ConfirmQuit] {
                    app.overlay = overlay;
                    screens.push(("overlay", text(&draw(&app, now, (100, 30)))));
                }
                app.overlay = Overlay::None;
                press(&mut app, now, "eidée");
                screens.push(("note", text(&draw(&app, now, (100, 30)))));
                press(&mut app, now, "\n");
            }
            if app.session.step().choose_module {
                press(&mut app, now, "1");
            }
            app.session.update(Command::NextStep, now);
        }
        screens.push(("summary", text(&draw(&app, now, (100, 30)))));
        screens.push(("too small", text(&draw(&app, now, (40, 10)))));
        for (name, screen) in screens {
            let found = english_words(&screen);
            assert!(
                found.is_empty(),
                "{} ({name}): English words {found:?} on a French screen:\n{screen}",
                builtin.id
            );
        }
    }
}

fn builtin_app(id: &str, names: &str, lang: Lang, t0: Instant) -> App {
    let mut app = frames::app(id, names, lang, t0);
    app.layout = intervision::ui::view::LayoutMode::Laptop;
    app
}

#[test]
fn a_cycle_shows_whose_pass_it_is() {
    let t0 = Instant::now();
    let mut app = builtin_app("troika", "Ana,Ben,Chloé", Lang::En, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 7, t0); // the second pass: Ben is the client
    let screen = text(&draw(&app, t0 + secs(20), (100, 30)));
    insta::assert_snapshot!("troika_second_pass_100x30", screen);
    assert!(screen.contains("· BEN"), "{screen}");
    assert!(
        screen.contains("Ana, Chloé"),
        "the other two consult: {screen}"
    );
}

#[test]
fn the_group_chooses_a_module_and_the_consultation_follows_it() {
    let t0 = Instant::now();
    let mut app = builtin_app(
        "kollegiale-beratung",
        "Ana,Ben,Chloé,David,Emma,Farid",
        Lang::En,
        t0,
    );
    press(&mut app, t0, " ");
    while !app.session.step().choose_module {
        app.session.update(Command::NextStep, t0);
    }
    snapshot("choose_module", &app, t0 + secs(30));
    press(&mut app, t0 + secs(40), "3");
    let chosen = app.session.method().modules[2]
        .name
        .get(Lang::En)
        .to_owned();
    app.session.update(Command::NextStep, t0 + secs(60));
    assert!(app.session.step().use_module);
    let screen = text(&draw(&app, t0 + secs(70), (80, 24)));
    insta::assert_snapshot!("module_consultation_80x24", screen);
    assert!(screen.contains(&format!("Module: {chosen}")), "{screen}");
}

#[test]
fn no_screen_panics_at_any_size() {
    use intervision::ui::app::Overlay;
    let t0 = Instant::now();
    let mut apps = Vec::new();
    apps.push(app(Lang::Fr, true, t0)); // start
    for (step, overlay) in [
        (0, Overlay::None),
        (1, Overlay::Help),
        (2, Overlay::None),
        (3, Overlay::ConfirmQuit),
        (6, Overlay::None),
    ] {
        let mut running = app(Lang::En, step % 2 == 0, t0);
        running.session.update(Command::Start, t0);
        goto(&mut running, step, t0);
        running.overlay = overlay;
        apps.push(running);
    }
    let mut typing = app(Lang::En, true, t0);
    press(&mut typing, t0, " eune note\ravec deux lignes");
    apps.push(typing);
    let mut finished = app(Lang::En, true, t0);
    finished.session.update(Command::Start, t0);
    finished.session.update(Command::Stop, t0 + secs(90));
    apps.push(finished);
    let mut choosing = builtin_app(
        "kollegiale-beratung",
        "Ana,Ben,Chloé,David,Emma,Farid",
        Lang::Fr,
        t0,
    );
    choosing.session.update(Command::Start, t0);
    while !choosing.session.step().choose_module {
        choosing.session.update(Command::NextStep, t0);
    }
    apps.push(choosing);
    for app in &apps {
        for width in [0, 1, 10, 59, 60, 61, 79, 80, 100, 131, 200, 250] {
            for height in [0, 1, 5, 15, 16, 17, 20, 23, 24, 30, 39, 40, 60, 80] {
                draw(app, t0 + secs(100), (width, height));
            }
        }
    }
}

/// The key handler does, for every key of every row of the key map, what the row says.
#[test]
fn the_handler_follows_the_key_map() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use intervision::ui::app::Purpose;
    use intervision::ui::keymap::{Action, KEY_MAP};
    let t0 = Instant::now();
    let at = t0 + secs(30);
    // The kollegiale-beratung method has a round, modules to choose and captures.
    let running = |choose_module: bool| {
        let mut app = builtin_app(
            "kollegiale-beratung",
            "Ana,Ben,Chloé,David,Emma,Farid",
            Lang::En,
            t0,
        );
        app.session.update(Command::Start, t0);
        app.session.update(Command::NextStep, t0 + secs(1));
        while choose_module && !app.session.step().choose_module {
            app.session.update(Command::NextStep, t0 + secs(1));
        }
        app
    };
    for binding in &KEY_MAP {
        for code in binding.codes {
            let key = KeyEvent::new(*code, KeyModifiers::NONE);
            let mut app = running(binding.action == Action::ChooseModule);
            let mut expected = app.session.clone();
            let outcome = app.on_key(key, at);
            let what = format!("{code:?} for {:?}", binding.action);
            assert!(outcome.redraw, "{what}");
            let command = match binding.action {
                Action::Help => {
                    assert_eq!(app.overlay, Overlay::Help, "{what}");
                    continue;
                }
                Action::Quit => {
                    assert_eq!(app.overlay, Overlay::ConfirmQuit, "{what}");
                    continue;
                }
                Action::Bell => {
                    assert!(app.quiet, "{what}");
                    continue;
                }
                Action::Note => {
                    let purpose = app.input.map(|open| open.purpose);
                    assert_eq!(purpose, Some(Purpose::Note), "{what}");
                    continue;
                }
                Action::Capture => {
                    assert!(app.input.is_some(), "{what}");
                    continue;
                }
                Action::Roles => {
                    assert!(app.roles.is_some(), "{what}");
                    continue;
                }
                Action::Names => {
                    // Names are given before the start: the running session says so.
                    assert!(app.names.is_none(), "{what}");
                    assert!(app.flash.is_some(), "{what}");
                    continue;
                }
                Action::ChooseModule => {
                    let index = binding.codes.iter().position(|c| c == code).unwrap();
                    let offered = index < app.session.method().modules.len();
                    assert_eq!(app.chosen_module, offered.then_some(index), "{what}");
                    assert_eq!(outcome.written.is_some(), offered, "{what}");
                    continue;
                }
                Action::StartPause => Command::TogglePause,
                Action::NextStep => Command::NextStep,
                Action::PreviousStep => Command::PreviousStep,
                Action::NextSpeaker => Command::NextSpeaker,
                Action::Pass => Command::Pass,
                Action::AddMinute => Command::AddMinute,
                Action::RemoveMinute => Command::RemoveMinute,
                Action::RestartStep => Command::RestartStep,
                Action::Refit => Command::Refit,
            };
            expected.update(command, at);
            assert_eq!(
                format!("{:?}", app.session),
                format!("{expected:?}"),
                "{what}"
            );
        }
    }
    // A key outside the table does nothing.
    let mut app = running(false);
    let outcome = app.on_key(
        KeyEvent::new(crossterm::event::KeyCode::Char('z'), KeyModifiers::NONE),
        at,
    );
    assert!(!outcome.redraw);
}

/// The help overlay lists every row of the key map, keys and text, in both languages.
#[test]
fn the_help_overlay_follows_the_key_map() {
    use intervision::ui::keymap::KEY_MAP;
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app(lang, true, t0);
        app.session.update(Command::Start, t0);
        app.overlay = Overlay::Help;
        let screen = text(&draw(&app, t0 + secs(10), (200, 60)));
        let lines: Vec<&str> = screen.lines().collect();
        for binding in &KEY_MAP {
            let (keys, help) = (binding.keys.get(lang), binding.help.get(lang));
            assert!(
                lines
                    .iter()
                    .any(|line| line.contains(&format!("{keys}  {help}"))),
                "{keys} {help} missing:\n{screen}"
            );
        }
    }
}

/// Every footer item of the key map is in the footer of a wide screen, in both languages.
#[test]
fn the_footer_follows_the_key_map() {
    use intervision::ui::keymap::footer_items;
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app(lang, true, t0);
        let ready = text(&draw(&app, t0, (200, 60)));
        app.session.update(Command::Start, t0);
        let running = text(&draw(&app, t0 + secs(10), (200, 60)));
        for (screen, is_ready) in [(ready, true), (running, false)] {
            let footer = screen.lines().last().unwrap();
            for item in footer_items() {
                let label = match item.ready_label {
                    Some(label) if is_ready => label,
                    _ => item.label,
                };
                let shown = format!(" {}  {}", item.key.get(lang), label.get(lang));
                assert!(footer.contains(&shown), "{shown:?} missing: {footer}");
            }
        }
    }
}

/// A note longer than the field is wrapped: its end is in view while it is typed, and the clock
/// keeps running.
#[test]
fn a_long_note_wraps_and_its_end_stays_in_view() {
    let t0 = Instant::now();
    let mut app = app(Lang::En, true, t0);
    press(&mut app, t0, " e");
    let note =
        "The case giver wants to speak to the team first, then decide alone: we try on Monday";
    assert_eq!(note.chars().count(), 84);
    press(&mut app, t0 + secs(5), note);
    assert_eq!(
        app.input.as_ref().map(|open| open.field.text()),
        Some(note.to_owned())
    );
    let screen = text(&draw(&app, t0 + secs(20), (80, 24)));
    insta::assert_snapshot!("long_note_80x24", screen);
    assert!(
        screen.contains("│Monday "),
        "the end of the note is in view: {screen}"
    );
    assert!(!app.session.is_paused());
    // One line at 200 columns.
    let wide = text(&draw(&app, t0 + secs(20), (200, 60)));
    assert!(wide.contains(note), "{wide}");
}

/// The review's wording: French says « reste 59:50 » (the time left agrees with no plural
/// noun), `r` « recommencer » (it restarts the step: « reprendre » is to resume), and a quiet
/// step named like its kind (« Silence ») says the word once.
#[test]
fn the_screens_word_time_left_restart_and_silence_as_the_review_asks() {
    let t0 = Instant::now();
    let mut app = app(Lang::Fr, true, t0);
    app.session.update(Command::Start, t0);
    let screen = text(&draw(&app, t0 + secs(10), (200, 60)));
    assert!(screen.contains("reste 59:50  ·  fin 15:00"), "{screen}");
    assert!(!screen.contains("restantes"), "{screen}");
    assert!(screen.contains(" r  recommencer"), "{screen}");
    goto(&mut app, 2, t0 + secs(10)); // Silence
    for size in SIZES {
        let screen = text(&draw(&app, t0 + secs(20), size));
        let said = screen
            .lines()
            .filter(|line| line.trim() == "Silence")
            .count();
        assert_eq!(said, 1, "{screen}");
        assert!(screen.contains("reste 3 min"), "{screen}");
    }
    let mut app = self::app(Lang::En, true, t0);
    app.session.update(Command::Start, t0);
    goto(&mut app, 2, t0 + secs(10)); // Stillness: the kind's word is said too
    let screen = text(&draw(&app, t0 + secs(20), (80, 24)));
    assert!(
        screen.contains("Stillness") && screen.contains("Silence"),
        "{screen}"
    );
    assert!(screen.contains("3 min left"), "{screen}");
}

/// A round that goes on until its time is up counts the people of a pass and names the pass
/// ("Member 2 of 5 · pass 3"), not the turns that fit in the time ("Member 7 of 15"), on the
/// laptop and on the projector, in both languages, with names and without.
#[test]
fn an_until_time_round_counts_people_and_shows_the_pass() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        for names in ["6", "Ana,Ben,Chloé,David,Emma,Farid"] {
            let mut app = builtin_app("incident-method", names, lang, t0);
            app.session.update(Command::Start, t0);
            let round = (0..app.session.step_count())
                .find(|&step| app.session.step_at(step).until_time.is_some())
                .unwrap();
            goto(&mut app, round, t0);
            let per_pass = app
                .session
                .turns(round)
                .iter()
                .filter(|turn| turn.pass == 0 && !turn.is_tail)
                .count();
            assert_eq!(per_pass, 5, "5 members ask, the case giver answers");
            // The 12th turn: the second member of the third pass.
            for _ in 0..11 {
                app.session.update(Command::NextSpeaker, t0);
            }
            let pass = app.session.round_pass().unwrap();
            assert_eq!(pass.number, 3);
            let named = names.contains(',');
            let expected = match (lang, named) {
                (Lang::En, false) => "Member 2 of 5 · pass 3  ·  next: Member 3",
                (Lang::Fr, false) => "Membre 2 sur 5 · 3e tour de table  ·  ensuite : Membre 3",
                (Lang::En, true) => "Turn 2 of 5 · pass 3  ·  ",
                (Lang::Fr, true) => "Tour 2 sur 5 · 3e tour de table  ·  ",
            };
            let laptop = text(&draw(&app, t0 + secs(5), (80, 24)));
            assert!(laptop.contains(expected), "{laptop}");
            assert!(
                !laptop.contains(" of 15") && !laptop.contains(" sur 15"),
                "{laptop}"
            );
            if !named {
                insta::assert_snapshot!(format!("round_until_time_{}_80x24", lang.tag()), laptop);
            }
            app.layout = intervision::ui::view::LayoutMode::Room;
            let room = text(&draw(&app, t0 + secs(5), (240, 67)));
            let label = match lang {
                Lang::En => "Turn 2 of 5 · pass 3",
                Lang::Fr => "Tour 2 sur 5 · 3e tour de table",
            };
            assert!(room.contains(label), "{room}");
            if !named {
                insta::assert_snapshot!(
                    format!("round_until_time_room_{}_240x67", lang.tag()),
                    room
                );
            }
        }
    }
}

/// The start screen warns, as `show` does, of rounds whose turns are too short to speak in:
/// the step, the turn's length, and what to do; in both languages, at both sizes.
#[test]
fn the_start_screen_warns_of_turns_too_short_to_speak() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let app = builtin_app("case-clinic", "12", lang, t0);
        let (said, fix) = match lang {
            Lang::En => (
                "Turns too short in \"Mirroring\": 0:43 each, under 1:00.",
                "Fewer people (N)",
            ),
            Lang::Fr => (
                "Tours trop courts dans « Mise en miroir » : 0:43 chacun, moins de 1:00.",
                "Moins de personnes (N)",
            ),
        };
        for (width, height) in [(80, 24), (240, 67)] {
            let screen = text(&draw(&app, t0, (width, height)));
            let flat = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
            assert!(flat.contains(said), "{screen}");
            assert!(flat.contains(fix), "{screen}");
            insta::assert_snapshot!(
                format!("start_short_turns_{}_{width}x{height}", lang.tag()),
                screen
            );
        }
        // Five people have turns long enough: no warning.
        let app = builtin_app("case-clinic", "5", lang, t0);
        let screen = text(&draw(&app, t0, (80, 24)));
        assert!(!screen.contains('⚠'), "{screen}");
    }
}

/// The case giver's closing turn of the mirroring (the round's `tail`) is not shown the coaches'
/// rule ("only what you perceived"), in either layout; the coaches' turns are.
#[test]
fn a_rounds_closing_turn_does_not_show_the_rule_of_the_rounds_speakers() {
    use intervision::ui::theme::ROOM_THEME;
    use intervision::ui::view::LayoutMode;
    let t0 = Instant::now();
    let mut app = frames::app("case-clinic", common::PEOPLE, Lang::En, t0);
    let mut now = t0;
    app.session.update(Command::Start, now);
    while app.session.step_name(app.session.step_index(), Lang::En) != "Mirroring" {
        now += Duration::from_secs(1);
        app.session.update(Command::NextStep, now);
    }
    let rule = "No advice, no solutions";
    // In the projector's layout the rule is a yellow band of large letters.
    let band_cells = |buffer: &Buffer| {
        buffer
            .content
            .iter()
            .filter(|cell| cell.bg == ROOM_THEME.banner_bg)
            .count()
    };
    let laptop = |app: &mut App, now: Instant| {
        app.layout = LayoutMode::Laptop;
        text(&draw(app, now, (80, 24)))
    };
    let room = |app: &mut App, now: Instant| {
        app.layout = LayoutMode::Room;
        draw(app, now, (240, 67))
    };
    let coach = laptop(&mut app, now);
    assert!(coach.contains(rule) && coach.contains("Ben"), "{coach}");
    assert!(band_cells(&room(&mut app, now)) > 0);
    // The coaches' four turns, then the case giver's.
    for _ in 0..4 {
        now += Duration::from_secs(1);
        app.session.update(Command::NextSpeaker, now);
    }
    let closing = laptop(&mut app, now);
    assert!(closing.contains("Ana"), "{closing}");
    assert!(!closing.contains(rule), "{closing}");
    let closing = room(&mut app, now);
    assert!(text(&closing).contains("Case giver"));
    assert_eq!(band_cells(&closing), 0, "{}", text(&closing));
}
