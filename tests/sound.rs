//! Sounds of a scripted session: each event asks for its sound at its instant (no audio device
//! needed: the sounds are chosen, not played).

use std::time::{Duration, Instant};

use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::ui::sound::{Sound, sound_for};

const METHOD: &str = r#"
name = "Sound test"
language = "en"

[[steps]]
name = "Talk"
speaker = "all"
duration = "10m"

[[steps]]
name = "Silence"
kind = "silence"
duration = "2m"

[[steps]]
name = "Round"
kind = "round"
speaker = "all"
turn = "1m"
"#;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn each_event_asks_for_its_sound_at_its_instant() {
    let method = Method::from_str("sound-test.toml", METHOD).unwrap();
    let cast = Cast::assign(&method, &People::Count(2)).unwrap();
    let mut session = Session::new(method, cast, false);
    let t0 = Instant::now();
    let mut heard = Vec::new();
    let mut at = |session: &mut Session, command: Command, time: u64| {
        let effects = session.update(command, t0 + secs(time));
        if let Some(sound) = sound_for(&effects.signals) {
            heard.push((time, sound));
        }
    };
    at(&mut session, Command::Start, 0);
    // The talk of 10 minutes: nothing before its warning, a minute before the end.
    assert_eq!(session.next_deadline(t0), Some(t0 + secs(540)));
    at(&mut session, Command::Tick, 539);
    at(&mut session, Command::Tick, 540);
    at(&mut session, Command::Tick, 600);
    at(&mut session, Command::Tick, 610);
    // Into the silence at 620: a bowl; its end at 740: a bowl again.
    at(&mut session, Command::NextStep, 620);
    at(&mut session, Command::Tick, 740);
    // The round: two turns of a minute; the first turn's end rings short.
    at(&mut session, Command::NextStep, 750);
    at(&mut session, Command::Tick, 810);
    assert_eq!(
        heard,
        vec![
            (540, Sound::Warning),
            (600, Sound::Chime),
            (620, Sound::Bowl),
            (740, Sound::Bowl),
            (810, Sound::ShortChime),
        ]
    );
}
