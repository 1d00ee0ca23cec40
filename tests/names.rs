//! Typing the people's names before the start: `N` on the start screen opens a field, filled
//! with the current names; Enter seats the people as `--people` would (roles in seating order,
//! the timetable planned anew, fitted again when the session was fitted), Escape cancels;
//! empty and repeated names are refused with the reason, in both languages. Snapshots of the
//! field at 80x24 and 240x67 in both languages.

mod common;

use std::time::{Duration, Instant};

use common::frames::{self, screen_text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use intervision::domain::lang::Lang;
use intervision::domain::plan::{Cast, People, Timetable};
use intervision::domain::session::{Command, Event, Phase, Session};
use intervision::store::journal::{self, StartFacts};
use intervision::ui::app::App;

const SIZES: [(u16, u16); 2] = [(80, 24), (240, 67)];

fn app(id: &str, people: &str, lang: Lang, t0: Instant) -> App {
    let mut app = frames::app(id, people, lang, t0);
    app.layout = intervision::ui::view::LayoutMode::Laptop;
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Types `text` into the app, one key a character.
fn type_text(app: &mut App, now: Instant, text: &str) {
    for c in text.chars() {
        app.on_key(key(KeyCode::Char(c)), now);
    }
}

/// Clears the field (Ctrl+U) and types `text`.
fn retype(app: &mut App, now: Instant, text: &str) {
    app.on_key(
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        now,
    );
    type_text(app, now, text);
}

fn names(app: &App) -> Vec<Option<String>> {
    app.session
        .cast()
        .people
        .iter()
        .map(|person| person.name.clone())
        .collect()
}

#[test]
fn n_opens_the_field_filled_with_the_names_and_enter_seats_the_people_in_order() {
    let t0 = Instant::now();
    let mut app = app("case-clinic", "Ana,Ben,Chloé,David,Emma", Lang::En, t0);
    app.on_key(key(KeyCode::Char('N')), t0);
    let field = app.names.as_ref().expect("N opens the names field");
    assert_eq!(field.field.text(), "Ana, Ben, Chloé, David, Emma");
    // A sixth person, and Chloé first: she becomes the case giver, as with --people.
    retype(&mut app, t0, "Chloé, Ana, Ben, David, Emma, Farid");
    app.on_key(key(KeyCode::Enter), t0);
    assert!(app.names.is_none(), "Enter applies and closes the field");
    let cast = app.session.cast();
    assert_eq!(cast.people.len(), 6);
    assert_eq!(cast.people[0].name.as_deref(), Some("Chloé"));
    let method = app.session.method().clone();
    let expected = Cast::assign(
        &method,
        &People::parse("Chloé,Ana,Ben,David,Emma,Farid").unwrap(),
    )
    .unwrap();
    assert_eq!(cast, &expected, "the cast is built as --people builds it");
    assert_eq!(
        app.session.planned(),
        Session::new(method.clone(), expected.clone(), false).planned(),
        "the timetable is planned anew for six"
    );
    let screen = screen_text(&app, t0, (100, 30));
    assert!(screen.contains("People (6)"), "{screen}");
    assert!(screen.contains("Chloé  Case giver"), "{screen}");
    // Escape leaves the people as they are.
    app.on_key(key(KeyCode::Char('N')), t0);
    retype(&mut app, t0, "Zoé, Yann, Xavier");
    app.on_key(key(KeyCode::Esc), t0);
    assert!(app.names.is_none());
    assert_eq!(app.session.cast(), &expected);
}

#[test]
fn a_number_or_names_for_people_without_names() {
    let t0 = Instant::now();
    let mut app = app("codev", "6", Lang::Fr, t0);
    app.on_key(key(KeyCode::Char('N')), t0);
    assert_eq!(app.names.as_ref().unwrap().field.text(), "");
    type_text(&mut app, t0, "4");
    app.on_key(key(KeyCode::Enter), t0);
    assert_eq!(
        names(&app),
        vec![None; 4],
        "a number seats that many people"
    );
    app.on_key(key(KeyCode::Char('N')), t0);
    type_text(&mut app, t0, "Ana,Ben,Chloé,David,Emma");
    app.on_key(key(KeyCode::Enter), t0);
    assert_eq!(app.session.cast().people.len(), 5);
    assert_eq!(app.session.cast().people[0].name.as_deref(), Some("Ana"));
}

#[test]
fn empty_and_repeated_names_are_refused_with_the_reason_in_both_languages() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app("case-clinic", "Ana,Ben,Chloé,David,Emma", lang, t0);
        let before = app.session.cast().clone();
        app.on_key(key(KeyCode::Char('N')), t0);
        for (typed, en, fr) in [
            (
                "Ana, Ben, ana, David",
                "\"ana\" is given twice",
                "\"ana\" est donné deux fois",
            ),
            (
                "Ana, , Ben, David",
                "name 2 is empty",
                "le prénom n° 2 est vide",
            ),
            ("", "type the names", "tapez les prénoms"),
            (
                "Ana",
                "needs at least 2 people",
                "demande au moins 2 personnes",
            ),
        ] {
            retype(&mut app, t0, typed);
            app.on_key(key(KeyCode::Enter), t0);
            assert!(app.names.is_some(), "{typed:?} keeps the field open");
            let said = match lang {
                Lang::En => en,
                Lang::Fr => fr,
            };
            let screen = screen_text(&app, t0, (240, 67));
            assert!(screen.contains(said), "{typed:?}:\n{screen}");
            assert_eq!(app.session.cast(), &before, "{typed:?} changes nothing");
        }
        retype(&mut app, t0, "Ana, Ben, Ana B., David");
        app.on_key(key(KeyCode::Enter), t0);
        assert!(app.names.is_none());
        assert_eq!(app.session.cast().people[2].name.as_deref(), Some("Ana B."));
    }
}

#[test]
fn the_names_field_on_the_start_screen() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app("case-clinic", "Ana,Ben,Chloé,David,Emma", lang, t0);
        let closed = screen_text(&app, t0, (80, 24));
        let hint = match lang {
            Lang::En => "N: type the people's names",
            Lang::Fr => "N : saisir les prénoms",
        };
        assert!(closed.contains(hint), "{closed}");
        app.on_key(key(KeyCode::Char('N')), t0);
        type_text(&mut app, t0, ", Farid");
        for size in SIZES {
            insta::assert_snapshot!(
                format!("names_field_{}_{}x{}", lang.tag(), size.0, size.1),
                screen_text(&app, t0, size)
            );
        }
        type_text(&mut app, t0, ", ben");
        app.on_key(key(KeyCode::Enter), t0);
        insta::assert_snapshot!(
            format!("names_refused_{}_80x24", lang.tag()),
            screen_text(&app, t0, (80, 24))
        );
    }
}

#[test]
fn the_short_turn_warning_follows_the_number_of_people() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app("case-clinic", "5", lang, t0);
        assert!(!screen_text(&app, t0, (80, 24)).contains('⚠'));
        app.on_key(key(KeyCode::Char('N')), t0);
        type_text(&mut app, t0, "12");
        app.on_key(key(KeyCode::Enter), t0);
        let screen = screen_text(&app, t0, (80, 24));
        let said = match lang {
            Lang::En => "0:43 each, under 1:00",
            Lang::Fr => "0:43 chacun, moins de 1:00",
        };
        assert!(screen.contains(said), "{screen}");
        app.on_key(key(KeyCode::Char('N')), t0);
        type_text(&mut app, t0, "Ana,Ben,Chloé,David");
        app.on_key(key(KeyCode::Enter), t0);
        assert!(!screen_text(&app, t0, (80, 24)).contains('⚠'));
    }
}

/// A fitted session is fitted again for the new people: it still lasts the slot.
#[test]
fn a_fitted_session_is_fitted_again_for_the_people_typed() {
    let t0 = Instant::now();
    let mut app = app("troika", "Ana,Ben,Chloé", Lang::En, t0);
    let slot = Duration::from_secs(40 * 60);
    let method = app.session.method().clone();
    let table = Timetable::new(&method, app.session.cast());
    let fitted = intervision::domain::fit::fit(&method, &table, slot, Default::default()).unwrap();
    app.session = Session::with_timetable(
        method.clone(),
        app.session.cast().clone(),
        intervision::domain::fit::apply(&table, &fitted),
        false,
    );
    app.fit = Some((slot, false));
    app.on_key(key(KeyCode::Char('N')), t0);
    type_text(&mut app, t0, ", David");
    app.on_key(key(KeyCode::Enter), t0);
    assert!(app.names.is_none());
    assert_eq!(app.session.cast().people.len(), 4);
    assert_eq!(app.session.planned().iter().sum::<Duration>(), slot);
    // Too many to fit in the slot: refused, with what fitting says.
    app.on_key(key(KeyCode::Char('N')), t0);
    retype(&mut app, t0, "12");
    app.on_key(key(KeyCode::Enter), t0);
    let field = app.names.as_ref().expect("the field stays open");
    let problem = field.problem.as_ref().expect("the reason is shown");
    assert!(problem.en.starts_with("the shortest"), "{}", problem.en);
    assert_eq!(app.session.cast().people.len(), 4);
}

/// Ctrl+C while names are typed asks to quit, the field closed and the people unchanged: the
/// dialog's keys then answer it.
#[test]
fn ctrl_c_in_the_names_field_asks_to_quit() {
    let t0 = Instant::now();
    let mut app = app("case-clinic", "Ana,Ben,Chloé,David,Emma", Lang::En, t0);
    app.on_key(key(KeyCode::Char('N')), t0);
    type_text(&mut app, t0, ", Farid");
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL), t0);
    assert!(app.names.is_none());
    assert_eq!(app.overlay, intervision::ui::app::Overlay::ConfirmQuit);
    assert_eq!(app.session.cast().people.len(), 5);
    assert!(app.on_key(key(KeyCode::Char('y')), t0).quit);
}

/// Once the session runs, or in a group's session, `N` opens nothing and says why.
#[test]
fn names_are_given_before_the_start_and_not_in_a_group() {
    let t0 = Instant::now();
    for lang in Lang::ALL {
        let mut app = app("case-clinic", "Ana,Ben,Chloé,David,Emma", lang, t0);
        app.session.update(Command::Start, t0);
        app.on_key(key(KeyCode::Char('N')), t0);
        assert!(app.names.is_none());
        let flash = app.flash.clone().unwrap();
        let said = match lang {
            Lang::En => "Names are given before the start",
            Lang::Fr => "Les prénoms se donnent avant le début",
        };
        assert!(flash.contains(said), "{flash}");

        let mut app = self::app("case-clinic", "Ana,Ben,Chloé,David,Emma", lang, t0);
        app.group = Some("Tuesday".into());
        app.on_key(key(KeyCode::Char('N')), t0);
        assert!(app.names.is_none());
        assert!(app.flash.is_some());
        assert!(!screen_text(&app, t0, (80, 24)).contains("N: "));
    }
}

/// The names typed reach the journal as names given with `--people` do.
#[test]
fn the_names_typed_reach_the_journal() {
    let t0 = Instant::now();
    let mut app = app("case-clinic", "5", Lang::En, t0);
    app.on_key(key(KeyCode::Char('N')), t0);
    type_text(&mut app, t0, "Chloé, Ana, Ben, David, Emma");
    app.on_key(key(KeyCode::Enter), t0);
    let effects = app.on_key(key(KeyCode::Char(' ')), t0).effects;
    assert!(effects.events.contains(&Event::SessionStarted));
    assert_eq!(app.session.phase(), Phase::Running);
    let facts = StartFacts {
        method_id: "case-clinic",
        method_path: None,
        group: None,
        lang: Lang::En,
        record: app.record,
        speed: 1,
        fit: None,
        follow_up: None,
    };
    let line = journal::start_line(&app.session, &facts, "2026-11-23T14:00:00.000+01:00");
    let given = app_with_people("Chloé,Ana,Ben,David,Emma", t0);
    let expected = journal::start_line(&given.session, &facts, "2026-11-23T14:00:00.000+01:00");
    assert_eq!(line, expected);
    let json = serde_json::to_string(&line).unwrap();
    assert!(json.contains("\"Chloé\""), "{json}");
}

fn app_with_people(people: &str, t0: Instant) -> App {
    let mut app = app("case-clinic", people, Lang::En, t0);
    app.session.update(Command::Start, t0);
    app
}
