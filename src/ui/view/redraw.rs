//! When the screen will next look different: the event loop sleeps until then.

use std::time::{Duration, Instant};

use crate::domain::session::{Countdown, Phase};
use crate::ui::app::App;

/// When the screen will next look different, if nothing else happens: the next second of a
/// countdown, a minute of a quiet step, the next minute of the wall clock while waiting.
pub fn next_redraw(app: &App, now: Instant) -> Option<Instant> {
    let session = &app.session;
    // The wall-clock end shown ("ends 15:42") changes when `now + remaining` crosses a minute.
    let next_wall_minute = || {
        let end = now.saturating_duration_since(app.origin) + session.remaining(now);
        let second_of_minute = (app.origin_wall.second() as u64 * 1_000_000_000
            + app.origin_wall.subsec_nanosecond() as u64
            + end.as_nanos() as u64 % 60_000_000_000)
            % 60_000_000_000;
        now + Duration::from_nanos(60_000_000_000 - second_of_minute)
    };
    match session.phase() {
        Phase::Finished => None,
        Phase::Ready => Some(next_wall_minute()),
        Phase::Running if session.is_paused() => Some(next_wall_minute()),
        Phase::Running => {
            let countdown = session
                .turn_countdown(now)
                .unwrap_or_else(|| session.step_countdown(now));
            let unit = if session.step_kind().is_quiet() {
                Duration::from_secs(60)
            } else {
                Duration::from_secs(1)
            };
            let to_next = match countdown {
                // Left: the reading changes when the time left crosses a whole unit.
                Countdown::Left(left) => {
                    let rest = Duration::from_nanos((left.as_nanos() % unit.as_nanos()) as u64);
                    if rest.is_zero() { unit } else { rest }
                }
                Countdown::Over(over) => {
                    unit - Duration::from_nanos((over.as_nanos() % unit.as_nanos()) as u64)
                }
            };
            let mut next = now + to_next;
            if session.step_kind().is_quiet() {
                // The slow bar moves one cell at a time; a cell is at most a few seconds.
                next = next.min(now + Duration::from_secs(5));
            }
            Some(next)
        }
    }
}
