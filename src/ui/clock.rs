//! The clock of the event loops (`run`'s and `watch`'s): the real clock, or one `speed` times
//! faster for a rehearsal. The loops are the only places that read it; everything else gets the
//! instant as an argument.

use std::time::{Duration, Instant};

/// A clock that runs `speed` times faster than the real one, from `origin`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RehearsalClock {
    /// When it started: it shows `origin` then.
    pub(crate) origin: Instant,
    /// How many times faster than the real clock it runs (1 for a real session).
    pub(crate) speed: u32,
}

impl RehearsalClock {
    /// What it shows now.
    pub(crate) fn now(&self) -> Instant {
        self.origin + self.origin.elapsed() * self.speed
    }

    /// The real time to wait until the clock shows `instant`.
    pub(crate) fn real_until(&self, instant: Instant, now: Instant) -> Duration {
        instant.saturating_duration_since(now) / self.speed
    }
}
