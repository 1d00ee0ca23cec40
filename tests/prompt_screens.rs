//! The screens before a session (the method picker, the resume prompt and the roles screen),
//! drawn from their state into a test terminal at 80x24 and at a projector's 200x60, in English
//! and in French, kept as insta snapshots.

mod common;

use common::frames::{draw_widget, text};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use intervision::domain::lang::Lang;
use intervision::domain::plan::{Cast, People, Timetable};
use intervision::domain::rotation::PastSession;
use intervision::store::library::{BUILT_INS, builtin, load_builtin};
use intervision::store::resume;
use intervision::ui::screens::picker::{Picker, PickerItem};
use intervision::ui::screens::resume_prompt::ResumePrompt;
use intervision::ui::screens::roles::{RolesScreen, RolesView};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Fr, "fr")];
const GROUP: &str = "Intervision Lyon";
const MEMBERS: &str = "Ana,Ben,Chloé,David,Emma";

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn names(list: &str) -> Vec<String> {
    list.split(',').map(str::to_owned).collect()
}

/// The built-in methods as the command line offers them: each for its default number of people.
fn picker_items() -> Vec<PickerItem> {
    BUILT_INS
        .iter()
        .map(|entry| {
            let method = load_builtin(entry).unwrap();
            let people = method.default_people();
            let cast = Cast::assign(&method, &People::Count(people)).unwrap();
            let total = Timetable::new(&method, &cast).total();
            (entry.id.to_owned(), method, people, total)
        })
        .collect()
}

/// The prompt for a session killed after the journal's first `lines` lines, as found on disk:
/// a journal of `tests/journals/`, cut short.
fn resume_prompt(lines: usize, lang: Lang) -> ResumePrompt {
    let whole = include_str!("journals/2026-11-30T09-30-00-case-clinic.jsonl");
    let cut: String = whole.split_inclusive('\n').take(lines).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026-11-30T09-30-00-case-clinic.jsonl");
    std::fs::write(&path, cut).unwrap();
    let interrupted = resume::read(&path)
        .unwrap()
        .expect("a journal without its end is unfinished");
    ResumePrompt::new(&interrupted, lang)
}

fn roles_screen() -> RolesScreen {
    let method = builtin("intervision").unwrap().unwrap();
    let past = vec![PastSession {
        attendees: names(MEMBERS),
        roles: vec![],
    }];
    RolesScreen::new(method, names(MEMBERS), past)
}

#[test]
fn method_picker() {
    let items = picker_items();
    for (lang, tag) in LANGS {
        let mut picker = Picker::new(&items, lang);
        picker.on_key(key(KeyCode::Down));
        picker.on_key(key(KeyCode::Down));
        for size in SIZES {
            insta::assert_snapshot!(
                format!("picker_{tag}_{}x{}", size.0, size.1),
                text(&draw_widget(&picker, size))
            );
        }
    }
}

#[test]
fn method_picker_scrolls_to_the_last_method_in_a_short_window() {
    let items = picker_items();
    let mut picker = Picker::new(&items, Lang::En);
    for _ in 0..items.len() {
        picker.on_key(key(KeyCode::Down));
    }
    insta::assert_snapshot!(
        "picker_last_en_80x12",
        text(&draw_widget(&picker, (80, 12)))
    );
}

/// The picker with names typed for the selected method, then its names field open to add one,
/// at 80x24 and 240x67 in both languages.
#[test]
fn method_picker_with_names() {
    let items = picker_items();
    for (lang, tag) in LANGS {
        let mut picker = Picker::new(&items, lang);
        picker.on_key(key(KeyCode::Down));
        picker.on_key(key(KeyCode::Char('N')));
        for c in "Ana, Ben, Chloé, David".chars() {
            picker.on_key(key(KeyCode::Char(c)));
        }
        picker.on_key(key(KeyCode::Enter));
        assert!(picker.names.is_none());
        insta::assert_snapshot!(
            format!("picker_named_{tag}_80x24"),
            text(&draw_widget(&picker, (80, 24)))
        );
        picker.on_key(key(KeyCode::Right));
        assert!(picker.names.is_some(), "→ opens the field to add a name");
        for size in [(80, 24), (240, 67)] {
            insta::assert_snapshot!(
                format!("picker_names_{tag}_{}x{}", size.0, size.1),
                text(&draw_widget(&picker, size))
            );
        }
    }
}

#[test]
fn resume_prompt_screen() {
    for (lang, tag) in LANGS {
        // Killed during the note of the second step, 7:11 into the session.
        let prompt = resume_prompt(5, lang);
        for size in SIZES {
            insta::assert_snapshot!(
                format!("resume_{tag}_{}x{}", size.0, size.1),
                text(&draw_widget(&prompt, size))
            );
        }
    }
}

#[test]
fn resume_prompt_before_any_step() {
    let prompt = resume_prompt(1, Lang::Fr);
    insta::assert_snapshot!(
        "resume_no_step_fr_80x24",
        text(&draw_widget(&prompt, (80, 24)))
    );
}

/// Snapshots the roles screen in both languages at `size`, named `{name}_{lang}_{size}`.
fn snapshot_roles(screen: &RolesScreen, name: &str, size: (u16, u16)) {
    for (lang, tag) in LANGS {
        let view = RolesView {
            screen,
            group: GROUP,
            lang,
        };
        insta::assert_snapshot!(
            format!("{name}_{tag}_{}x{}", size.0, size.1),
            text(&draw_widget(view, size))
        );
    }
}

#[test]
fn roles_screen_as_suggested() {
    let screen = roles_screen();
    for size in SIZES {
        snapshot_roles(&screen, "roles", size);
    }
}

#[test]
fn roles_screen_with_someone_absent() {
    let mut screen = roles_screen();
    // The last member: down past every row, then mark them absent.
    for _ in 0..20 {
        screen.on_key(key(KeyCode::Down));
    }
    screen.on_key(key(KeyCode::Char(' ')));
    snapshot_roles(&screen, "roles_absent", (80, 24));
}

#[test]
fn roles_screen_with_too_few_people_says_why() {
    let method = builtin("case-clinic").unwrap().unwrap();
    let mut screen = RolesScreen::new(method, names("Ana,Ben"), vec![]);
    for _ in 0..20 {
        screen.on_key(key(KeyCode::Down));
    }
    screen.on_key(key(KeyCode::Char(' ')));
    assert!(screen.problem.is_some());
    snapshot_roles(&screen, "roles_too_few", (80, 24));
}
