//! What a running session publishes for the room ([`LiveFeed`]), and the session a viewer
//! rebuilds from it ([`rebuild`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::domain::capture::{FollowUp, Pinned};
use crate::domain::method::Method;
use crate::domain::session::{Command, Event, Phase, Session};
use crate::store::journal;
use crate::store::journal::schema::{JournalEvent, JournalLine, SessionStart};
use crate::store::live::{self, LivePin, LiveState, Publisher};
use crate::store::resume::{self, Interrupted};
use crate::ui::app::App;

/// What a running session publishes for `intervision watch`: it keeps the session's events as
/// journal lines (never a note) and writes the live state when the room would see a change.
#[derive(Debug)]
pub struct LiveFeed {
    publisher: Publisher,
    start: JournalLine,
    events: Vec<JournalLine>,
    /// What the room saw at the last update besides the events, to do nothing when it is the
    /// same (the event loop calls [`LiveFeed::update`] at each wake-up, once a second).
    seen: Option<Seen>,
}

/// The facts of the live state that change without an event.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    phase: Phase,
    paused: bool,
    step: usize,
    module: Option<usize>,
    pinned: Vec<Pinned>,
}

impl LiveFeed {
    /// The feed of the session `app` runs, in `dir`, for this program; a resumed session starts
    /// from its journal's first line and events (its notes and captures left out).
    pub fn new(dir: &Path, app: &App, resumed: Option<&Interrupted>) -> LiveFeed {
        let (start, events) = match resumed {
            Some(interrupted) => (
                JournalLine {
                    time: None,
                    at_s: None,
                    event: JournalEvent::SessionStart(Box::new(interrupted.start.clone())),
                },
                interrupted
                    .events
                    .iter()
                    .filter(|line| live::is_room_event(&line.event))
                    .cloned()
                    .collect(),
            ),
            None => {
                let facts = app.start_facts();
                let mut start = journal::start_line(&app.session, &facts, "");
                start.time = None;
                (start, Vec::new())
            }
        };
        LiveFeed {
            publisher: Publisher::new(dir, std::process::id()),
            start,
            events,
            seen: None,
        }
    }

    /// Takes in the session's `events` of this wake-up, then publishes the state at `now` (on
    /// the session's clock) if the room would see something new. Call it after each change.
    pub fn update(&mut self, app: &App, events: &[Event], now: Instant) {
        let seen = Seen {
            phase: app.session.phase(),
            paused: app.session.is_paused(),
            step: app.session.step_index(),
            module: app.chosen_module,
            pinned: app.pinned.clone(),
        };
        if events.is_empty() && self.seen.as_ref() == Some(&seen) {
            return;
        }
        self.seen = Some(seen);
        for event in events {
            if let Some(mut line) = journal::event_line(&app.session, event, app.lang, "") {
                line.time = None;
                if live::is_room_event(&line.event) {
                    self.events.push(line);
                }
            }
        }
        let session = &app.session;
        let since_origin = now.saturating_duration_since(app.origin) / app.speed.max(1);
        let origin_ms = u64::try_from(app.origin_wall.timestamp().as_millisecond()).unwrap_or(0);
        let state = LiveState {
            format: live::FORMAT,
            pid: std::process::id(),
            start: self.start.clone(),
            started: session.phase() != Phase::Ready,
            finished: session.phase() == Phase::Finished,
            events: self.events.clone(),
            at_s: journal::schema::journal_seconds(session.active(now)),
            wall_ms: origin_ms + since_origin.as_millis() as u64,
            paused: session.is_paused(),
            step: session.step_index(),
            step_name: session.step_name(session.step_index(), app.lang),
            module: app.chosen_module,
            pinned: app
                .pinned
                .iter()
                .map(|pin| LivePin {
                    key: pin.key.clone(),
                    text: pin.text.clone(),
                })
                .collect(),
        };
        self.publisher.publish(state.for_the_room(app.record));
    }

    /// Removes the live state: the session ended.
    pub fn finish(&mut self) {
        self.publisher.finish();
    }
}

/// The milliseconds since the Unix epoch of the wall clock now.
pub(super) fn wall_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_millis() as u64)
        .unwrap_or(0)
}

/// Rebuilds, at `now` on a viewer's clock whose origin is `origin` (the wall clock reading
/// `origin_wall` then, and `wall_ms` now), the screen state of the session `state` describes.
/// `method` is the session's method. The session's events are replayed as a resumed session's
/// are, so that its active time at `now` is the one the operator's program has. `None` when the
/// state's first line is not a session's start.
pub fn rebuild(
    state: &LiveState,
    method: Method,
    origin: Instant,
    origin_wall: jiff::Zoned,
    now: Instant,
    wall_ms: u64,
) -> Option<App> {
    let JournalEvent::SessionStart(start) = &state.start.event else {
        return None;
    };
    let start: SessionStart = (**start).clone();
    let interrupted = Interrupted {
        path: PathBuf::new(),
        start,
        started: String::new(),
        events: state.events.clone(),
        last_at: Duration::from_secs_f64(state.at_s.max(0.0)),
        torn: false,
    };
    let lang = interrupted.language().unwrap_or_default();
    let speed = interrupted.speed().max(1);
    let session = if state.started {
        // The instant, on this clock, at which the operator's session stood at `at_s`.
        let behind = Duration::from_millis(wall_ms.saturating_sub(state.wall_ms)) * speed;
        let anchor = now.checked_sub(behind).unwrap_or(now);
        let mut session = resume::replay(method, &interrupted, anchor);
        if state.finished {
            let last = session.step_index() + 1 == session.step_count();
            let command = if last && !state.paused {
                Command::NextStep
            } else {
                Command::Stop
            };
            session.update(command, anchor);
        }
        session
    } else {
        not_started(method, &interrupted)
    };
    let mut app = App::new(session, interrupted.method_id(), lang, origin, origin_wall);
    app.speed = speed;
    // The room's view: the projector's layout, and nothing of the operator's.
    app.layout = crate::ui::view::LayoutMode::Room;
    app.audience = true;
    app.record = interrupted.record().unwrap_or(app.record);
    app.group = interrupted.group().map(str::to_owned);
    app.method_path = interrupted.method_path().map(str::to_owned);
    app.fit = interrupted
        .start
        .fit
        .map(|fit| (Duration::from_secs(fit.slot_s), fit.drop_optional));
    app.follow_up = interrupted.follow_up().map(|follow_up| FollowUp {
        person: follow_up.person.clone(),
        text: follow_up.text.clone(),
        from: follow_up.from.clone().unwrap_or_default(),
    });
    app.pinned = state
        .pinned
        .iter()
        .map(|pin| Pinned {
            key: pin.key.clone(),
            text: pin.text.clone(),
        })
        .collect();
    app.chosen_module = state.module;
    Some(app)
}

/// The session before its start, on the plan the operator's has (fitted again the same way).
fn not_started(method: Method, interrupted: &Interrupted) -> Session {
    let cast = interrupted.cast();
    let auto = interrupted.auto();
    let table = crate::domain::plan::Timetable::new(&method, &cast);
    let fitted = interrupted.start.fit.and_then(|fit| {
        let options = crate::domain::fit::FitOptions {
            drop_optional: fit.drop_optional,
        };
        let slot = Duration::from_secs(fit.slot_s);
        crate::domain::fit::fit(&method, &table, slot, options)
            .ok()
            .map(|fitted| crate::domain::fit::apply(&table, &fitted))
    });
    match fitted {
        Some(table) => Session::with_timetable(method, cast, table, auto),
        None => Session::new(method, cast, auto),
    }
}
