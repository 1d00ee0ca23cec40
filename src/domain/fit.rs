//! Fitting a session's timetable to the time booked for it (a 60, 90 or 120-minute slot), before
//! the session and while it runs.
//!
//! Pure functions of a [`Method`] and a [`Timetable`]: no clock, no I/O.
//!
//! # How a session is fitted (README-ready)
//!
//! - **Fixed** steps (`fixed = true`) and **protected** steps (`protected = true`) keep their
//!   length. Every other step is **elastic**.
//! - **Optional** steps (`optional = true`) are left out only when asked; then every optional
//!   step of the session is left out.
//! - An elastic step stretches or shrinks between its bounds. For a round timed by `turn`, `min`
//!   and `max` bound each turn: the round may go from `min` × its turns to `max` × its turns,
//!   plus its final (`tail`) turns, which never change. For any other step, `min` and `max` bound
//!   the whole step. Without `min`, a step may shrink to half its length in the method, but not
//!   below 30 s a turn for a round timed by `turn`, nor below 1 minute for another step (and a
//!   round timed by `duration` keeps its tail plus 30 s a turn). Without `max`, a step may grow
//!   to twice its length in the method.
//! - If the session already lasts the slot, nothing changes. Otherwise the elastic steps are
//!   scaled in proportion to their length (tail turns left out); a step that would cross a bound
//!   stays at it, and the others share what is left, until every step is within its bounds.
//! - The lengths are then rounded: a step of 5 minutes or more to whole minutes, a shorter one to
//!   30 seconds, each turn of a round timed by `turn` to 5 seconds (a round timed by `duration`
//!   is rounded as a whole and split evenly). Steps then move to their other grid point while
//!   that brings the total closer to the slot; what is still over or short (typically 5 to 30
//!   seconds) goes to the largest elastic step that can take it within its bounds, steps without
//!   turns first, or is shared out, largest first, when no single step can take it all.
//! - The steps of a cycle are rounded once for all its passes, so that every client gets the
//!   same times (Troika's "Back turned" lasts as long for each). What rounding leaves goes to a
//!   step outside the cycle first; only when none can take it is it shared among the passes,
//!   which may then differ by a second.
//!
//! **Guarantee.** A session can be fitted to any slot from its shortest to its longest
//! ([`limits`]): every elastic step at its minimum, or at its maximum. Within that range fitting
//! always succeeds and the session then lasts *exactly* the slot (every length a whole number
//! of seconds when the slot and the method's lengths are), every step within its bounds, fixed
//! and protected steps unchanged, tail turns unchanged, and each round's turns adding up to the
//! round. It never has to settle for "within 30 seconds": any elastic step can
//! take any number of seconds within its bounds, and the bounds always leave room for what
//! rounding leaves over. Usually at most one step ends off its grid (the one that took the
//! leftover, by at most 30 seconds), besides steps held at a `min` or `max` that is off the grid.
//! Outside the range, fitting fails with a [`FitError`] whose message, in both languages, says
//! by how much the session is too long or too short, which optional steps could be left out (and
//! how much each would save), and what each turn of a round timed by `turn` costs.
//!
//! [`refit`] does the same for a session under way: done steps and the time spent in the current
//! step stay as they are, and the rest is fitted so that the session ends at a given time.

use std::time::Duration;

use crate::domain::method::{Method, StepKind, Timing};
use crate::domain::plan::{PlannedStep, PlannedTurn, Timetable};

mod error;

use error::infeasible;
pub use error::{FitError, FitGoal, LeftOutStep, OptionalStep, TurnCost};

/// Nanoseconds in a second: fitting works on whole nanoseconds.
const SECOND: u64 = 1_000_000_000;
/// Nanoseconds in a minute.
const MINUTE: u64 = 60 * SECOND;
/// The grid of a turn of a round timed by `turn`.
const TURN_GRID: u64 = 5 * SECOND;
/// The shortest a turn may shrink to when its step gives no `min`.
const SHORTEST_TURN: u64 = 30 * SECOND;
/// The shortest a step may shrink to when it gives no `min`.
const SHORTEST_STEP: u64 = MINUTE;
/// From this length on, a step is rounded to whole minutes; below, to half minutes.
const LONG_STEP: u64 = 5 * MINUTE;

/// What fitting may do beyond stretching and shrinking elastic steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FitOptions {
    /// Leave out every optional step.
    pub drop_optional: bool,
}

/// The new lengths of a timetable's steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// The length of each step of the timetable, by position (0 for a dropped step).
    pub durations: Vec<Duration>,
    /// The length of each turn of each step of the timetable, by position: as many as the step
    /// has turns (none for a step that is not a round), summing to the step's length.
    pub turns: Vec<Vec<Duration>>,
    /// The positions in the timetable of the steps left out.
    pub dropped: Vec<usize>,
}

impl Fitted {
    /// The length of the whole fitted session.
    pub fn total(&self) -> Duration {
        self.durations.iter().sum()
    }
}

/// How short and how long a session can be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The shortest: every elastic step at its minimum.
    pub shortest: Duration,
    /// The longest: every elastic step at its maximum.
    pub longest: Duration,
}

/// The shortest and longest `table` can be fitted to with `options`.
pub fn limits(method: &Method, table: &Timetable, options: FitOptions) -> Limits {
    let parts = fit_parts(method, table, options);
    Limits {
        shortest: Duration::from_nanos(shortest(&parts)),
        longest: Duration::from_nanos(longest(&parts)),
    }
}

/// Fits `table` (planned for `method`) to last exactly `target`.
///
/// When the table already lasts `target` (after leaving out optional steps, when asked), nothing
/// changes. Otherwise the elastic steps are scaled, kept within their bounds and rounded as the
/// [module documentation](self) says; on success the total is exactly `target`. The error
/// ([`FitError`]) says, in both languages, how far the target is from what the session can be,
/// and what could help.
pub fn fit(
    method: &Method,
    table: &Timetable,
    target: Duration,
    options: FitOptions,
) -> Result<Fitted, FitError> {
    let parts = fit_parts(method, table, options);
    let goal = target;
    match solve(&parts, nanos(target)) {
        Some(totals) => Ok(fitted(table, &parts, &totals)),
        None => Err(infeasible(method, table, &parts, 0, FitGoal::Slot(goal))),
    }
}

/// Fits the rest of a running session so that it ends at `target_end` (from the session's
/// start).
///
/// `planned` gives the current length of each step of `table` (0 for a step left out); `table`
/// gives the steps' turns and the lengths their bounds are taken from. Steps before `current`
/// are done and keep their length; the step `current` has run for `elapsed` and will not be
/// shorter than that (a fixed or protected current step keeps its length, or `elapsed` when it
/// has already overrun); the steps after it are fitted as [`fit`] does, fixed and protected
/// steps untouched, steps left out staying out. On success the session ends exactly at
/// `target_end`. The turns of done steps and of the current step are re-split from their
/// lengths; the caller keeps the turns already spoken.
pub fn refit(
    method: &Method,
    planned: &[Duration],
    table: &Timetable,
    current: usize,
    elapsed: Duration,
    target_end: Duration,
) -> Result<Fitted, FitError> {
    let parts: Vec<Part> = table
        .steps
        .iter()
        .enumerate()
        .map(|(position, step)| {
            let now = planned
                .get(position)
                .map_or(step.duration, |length| *length);
            let mut part = Part::new(method, step, nanos(now));
            let elapsed = nanos(elapsed);
            if position == current && now.is_zero() && elapsed > 0 {
                // The step running now is not left out, however short it was planned.
                part.state = State::Locked;
                part.now = elapsed;
            } else if now.is_zero() {
                part.state = State::Dropped;
            } else if position < current {
                part.state = State::Locked;
            } else if position == current {
                match part.state {
                    State::Elastic => {
                        let lo = ceil_second(elapsed).saturating_sub(part.tail);
                        part.lo = part.lo.max(lo);
                        part.hi = part.hi.max(part.lo);
                    }
                    _ => part.now = part.now.max(elapsed),
                }
            }
            part
        })
        .collect();
    let target = nanos(target_end);
    match solve(&parts, target) {
        Some(totals) => Ok(fitted(table, &parts, &totals)),
        None => Err(infeasible(
            method,
            table,
            &parts,
            current + 1,
            FitGoal::End(target_end),
        )),
    }
}

/// A new timetable with the fitted lengths: dropped steps removed, starts and turn offsets
/// recomputed.
pub fn apply(table: &Timetable, fitted: &Fitted) -> Timetable {
    let mut start = Duration::ZERO;
    let mut steps = Vec::with_capacity(table.steps.len());
    for (position, step) in table.steps.iter().enumerate() {
        if fitted.dropped.contains(&position) {
            continue;
        }
        let mut step = step.clone();
        step.start = start;
        if let Some(duration) = fitted.durations.get(position) {
            step.duration = *duration;
        }
        if let (Some(turn), Some(turns)) = (step.until_time, fitted.turns.get(position))
            && step.duration != table.steps[position].duration
        {
            step.turns = until_time_turns(&step, turn, turns);
        } else if let Some(turns) = fitted.turns.get(position) {
            let mut offset = Duration::ZERO;
            for (turn, duration) in step.turns.iter_mut().zip(turns) {
                turn.offset = offset;
                turn.duration = *duration;
                offset += *duration;
            }
        }
        start += step.duration;
        steps.push(step);
    }
    Timetable { steps }
}

/// The turns of a round that goes on until its time is up, for its new length: the same order
/// of speakers and the same turn length, as many turns as the time allows, the last one taking
/// what is left; the tail turns as fitted.
fn until_time_turns(step: &PlannedStep, turn: Duration, fitted: &[Duration]) -> Vec<PlannedTurn> {
    let order: Vec<usize> = step
        .turns
        .iter()
        .filter(|turn| !turn.is_tail && turn.pass == 0)
        .map(|turn| turn.person)
        .collect();
    let tails: Vec<(usize, Duration)> = step
        .turns
        .iter()
        .zip(fitted)
        .filter(|(turn, _)| turn.is_tail)
        .map(|(turn, duration)| (turn.person, *duration))
        .collect();
    let tail_total: Duration = tails.iter().map(|(_, duration)| *duration).sum();
    let main =
        crate::domain::plan::until_time(&order, turn, step.duration.saturating_sub(tail_total));
    let last_pass = main.last().map_or(0, |turn| turn.2);
    let mut offset = Duration::ZERO;
    let mut turns = Vec::with_capacity(main.len() + tails.len());
    let all = main
        .into_iter()
        .map(|(person, duration, pass)| (person, duration, pass, false));
    for (person, duration, pass, is_tail) in
        all.chain(tails.into_iter().map(|(p, d)| (p, d, last_pass, true)))
    {
        turns.push(PlannedTurn {
            person,
            offset,
            duration,
            is_tail,
            pass,
        });
        offset += duration;
    }
    turns
}

/// Whether fitting may change a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Stretched or shrunk within its bounds.
    Elastic,
    /// Keeps its length: fixed, protected, done, or a round with no turn to scale.
    Locked,
    /// Left out: length 0.
    Dropped,
}

/// One step of the timetable as fitting sees it, in nanoseconds.
#[derive(Debug, Clone)]
struct Part {
    /// Its position's method step.
    index: usize,
    state: State,
    /// The step's length now.
    now: u64,
    /// The final turns of a round, which never change.
    tail: u64,
    /// The part that scales: the step's length now, without its tail.
    length: u64,
    /// The shortest the scaled part may be.
    lo: u64,
    /// The longest the scaled part may be.
    hi: u64,
    /// The turns of a round, its tail left out (0 for other steps).
    turns: u64,
    /// A round timed by `turn`: bounds and rounding are per turn.
    per_turn: bool,
    /// A step of a cycle's pass: it lasts as long in every pass.
    cycled: bool,
}

impl Part {
    /// How fitting sees `planned`, a step of the timetable, whose length is now `now`. Its bounds
    /// come from the method: its `min` and `max`, or else half and twice its length as the
    /// method gives it (so that fitting a fitted timetable again does not drift).
    fn new(method: &Method, planned: &PlannedStep, now: u64) -> Part {
        let step = &method.steps[planned.index];
        let tail: u64 = planned
            .turns
            .iter()
            .filter(|turn| turn.is_tail)
            .map(|turn| nanos(turn.duration))
            .sum();
        let turns = planned.turns.iter().filter(|turn| !turn.is_tail).count() as u64;
        let min = step.bounds.min.map(nanos);
        let max = step.bounds.max.map(nanos);
        let round = step.kind == StepKind::Round;
        let (lo, hi, per_turn) = match step.timing {
            Timing::PerTurn(turn) if round => {
                let turn = nanos(turn);
                let lo = min
                    .unwrap_or_else(|| ceil_second(turn / 2).max(SHORTEST_TURN))
                    .min(turn);
                let hi = max.unwrap_or(turn.saturating_mul(2)).max(turn);
                (lo * turns, hi.saturating_mul(turns), true)
            }
            Timing::Total(length) | Timing::PerTurn(length) => {
                // A round timed by `duration` lasts at least its tail.
                let length = nanos(length).max(tail);
                let base = length - tail;
                let floor = if round {
                    SHORTEST_STEP.max(tail + SHORTEST_TURN * turns)
                } else {
                    SHORTEST_STEP
                };
                let lo = min.unwrap_or_else(|| ceil_second(length / 2).max(floor));
                let hi = max.unwrap_or(length.saturating_mul(2));
                (
                    lo.saturating_sub(tail).min(base),
                    hi.saturating_sub(tail).max(base),
                    false,
                )
            }
        };
        let length = now.saturating_sub(tail);
        let state = if step.fixed || step.protected || (round && turns == 0) || length == 0 {
            State::Locked
        } else {
            State::Elastic
        };
        Part {
            index: planned.index,
            state,
            now,
            tail,
            length,
            lo: lo.min(length),
            hi: hi.max(length),
            turns,
            per_turn,
            cycled: planned.pass.is_some(),
        }
    }

    /// The shortest the whole step may be.
    fn shortest(&self) -> u64 {
        match self.state {
            State::Elastic => self.tail + self.lo,
            State::Locked => self.now,
            State::Dropped => 0,
        }
    }

    /// The longest the whole step may be.
    fn longest(&self) -> u64 {
        match self.state {
            State::Elastic => self.tail + self.hi,
            State::Locked => self.now,
            State::Dropped => 0,
        }
    }

    /// The two grid points around a scaled part `x`, kept within bounds.
    fn candidates(&self, x: u64) -> (u64, u64) {
        let (down, up) = if self.per_turn {
            let turn = x / self.turns;
            let down = turn / TURN_GRID * TURN_GRID;
            let up = if down * self.turns == x {
                down
            } else {
                down + TURN_GRID
            };
            (down * self.turns, up * self.turns)
        } else {
            let total = self.tail + x;
            let grid = if total >= LONG_STEP {
                MINUTE
            } else {
                MINUTE / 2
            };
            let down = total / grid * grid;
            let up = if down == total { down } else { down + grid };
            (down.saturating_sub(self.tail), up.saturating_sub(self.tail))
        };
        (down.clamp(self.lo, self.hi), up.clamp(self.lo, self.hi))
    }
}

/// The parts of `table` for a fit before the session.
fn fit_parts(method: &Method, table: &Timetable, options: FitOptions) -> Vec<Part> {
    table
        .steps
        .iter()
        .map(|step| {
            let mut part = Part::new(method, step, nanos(step.duration));
            if options.drop_optional && method.steps[step.index].optional {
                part.state = State::Dropped;
            }
            part
        })
        .collect()
}

/// The shortest the parts may add up to.
fn shortest(parts: &[Part]) -> u64 {
    parts.iter().map(Part::shortest).sum()
}

/// The longest the parts may add up to.
fn longest(parts: &[Part]) -> u64 {
    parts.iter().map(Part::longest).sum()
}

/// The length of each part so that they add up to `target`, or `None` when no plan can.
fn solve(parts: &[Part], target: u64) -> Option<Vec<u64>> {
    if target < shortest(parts) || target > longest(parts) {
        return None;
    }
    let elastic: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].state == State::Elastic)
        .collect();
    let fixed: u64 = parts
        .iter()
        .map(|part| match part.state {
            State::Elastic => part.tail,
            State::Locked => part.now,
            State::Dropped => 0,
        })
        .sum();
    // What the scaled parts of the elastic steps share.
    let free = target - fixed;
    let now: u64 = elastic.iter().map(|&i| parts[i].length).sum();
    let within = elastic
        .iter()
        .all(|&i| (parts[i].lo..=parts[i].hi).contains(&parts[i].length));
    let scaled: Vec<u64> = if now == free && within {
        elastic.iter().map(|&i| parts[i].length).collect()
    } else {
        round(parts, &elastic, &water_fill(parts, &elastic, free), free)
    };
    let mut totals: Vec<u64> = parts
        .iter()
        .map(|part| match part.state {
            State::Locked => part.now,
            State::Elastic | State::Dropped => 0,
        })
        .collect();
    for (&i, x) in elastic.iter().zip(scaled) {
        totals[i] = parts[i].tail + x;
    }
    Some(totals)
}

/// Scales the elastic parts in proportion to their length so that they add up to `free`, each
/// within its bounds: parts that cross a bound stay at it and the others share the rest.
fn water_fill(parts: &[Part], elastic: &[usize], free: u64) -> Vec<f64> {
    let start = |i: usize| parts[i].length.clamp(parts[i].lo, parts[i].hi) as f64;
    let mut held: Vec<Option<f64>> = vec![None; elastic.len()];
    loop {
        let taken: f64 = held.iter().flatten().sum();
        let weight: f64 = elastic
            .iter()
            .zip(&held)
            .filter(|(_, held)| held.is_none())
            .map(|(&i, _)| start(i))
            .sum();
        if weight <= 0.0 {
            break;
        }
        let factor = (free as f64 - taken) / weight;
        let mut crossed = false;
        for (slot, &i) in held.iter_mut().zip(elastic) {
            if slot.is_some() {
                continue;
            }
            let x = start(i) * factor;
            if x < parts[i].lo as f64 {
                *slot = Some(parts[i].lo as f64);
                crossed = true;
            } else if x > parts[i].hi as f64 {
                *slot = Some(parts[i].hi as f64);
                crossed = true;
            }
        }
        if !crossed {
            for (slot, &i) in held.iter_mut().zip(elastic) {
                if slot.is_none() {
                    *slot = Some(start(i) * factor);
                }
            }
            break;
        }
    }
    held.into_iter()
        .zip(elastic)
        .map(|(x, &i)| x.unwrap_or(parts[i].lo as f64))
        .collect()
}

/// The elastic parts that must keep equal lengths, as lists of positions in `elastic`: the same
/// step of the method in each pass of a cycle (the same turns for every client), when fitting
/// sees them alike. Every other part is a class of its own.
fn classes(parts: &[Part], elastic: &[usize]) -> Vec<Vec<usize>> {
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (k, &i) in elastic.iter().enumerate() {
        let part = &parts[i];
        let alike = |other: &Part| {
            part.cycled
                && other.cycled
                && other.index == part.index
                && (
                    other.length,
                    other.lo,
                    other.hi,
                    other.tail,
                    other.turns,
                    other.per_turn,
                ) == (
                    part.length,
                    part.lo,
                    part.hi,
                    part.tail,
                    part.turns,
                    part.per_turn,
                )
        };
        match classes
            .iter_mut()
            .find(|class| alike(&parts[elastic[class[0]]]))
        {
            Some(class) => class.push(k),
            None => classes.push(vec![k]),
        }
    }
    classes
}

/// Rounds the scaled parts to their grids so that they add up to `free` exactly: each part takes
/// the nearer grid point, parts switch to their other grid point while that brings the sum
/// closer, and what is left goes to the largest part that can take it. The passes of a cycle
/// are rounded once for all (see [`classes`]): a step lasts as long for every client, and what
/// is left goes to a step outside the cycle first, else is shared out among the passes (which
/// may then differ by a second).
fn round(parts: &[Part], elastic: &[usize], scaled: &[f64], free: u64) -> Vec<u64> {
    let classes = classes(parts, elastic);
    // One value for each class, from its first part (the parts of a class scale alike).
    let first = |class: &[usize]| elastic[class[0]];
    let size = |class: &[usize]| class.len() as u64;
    let exact: Vec<u64> = classes
        .iter()
        .map(|class| {
            let i = first(class);
            (scaled[class[0]].round().max(0.0) as u64).clamp(parts[i].lo, parts[i].hi)
        })
        .collect();
    let grid: Vec<(u64, u64)> = exact
        .iter()
        .zip(&classes)
        .map(|(&x, class)| parts[first(class)].candidates(x))
        .collect();
    let mut values: Vec<u64> = exact
        .iter()
        .zip(&grid)
        .map(|(&x, &(down, up))| {
            if x.abs_diff(down) <= x.abs_diff(up) {
                down
            } else {
                up
            }
        })
        .collect();
    let gap = |values: &[u64]| {
        i128::from(free)
            - values
                .iter()
                .zip(&classes)
                .map(|(&v, class)| i128::from(v) * i128::from(size(class)))
                .sum::<i128>()
    };
    loop {
        let diff = gap(&values);
        if diff == 0 {
            break;
        }
        // The switch that brings the sum closest, then the one that moves its part the least.
        let best = (0..values.len())
            .filter_map(|c| {
                let (down, up) = grid[c];
                let other = if values[c] == down { up } else { down };
                let change =
                    (i128::from(other) - i128::from(values[c])) * i128::from(size(&classes[c]));
                let left = (diff - change).abs();
                (left < diff.abs()).then_some((left, exact[c].abs_diff(other), c, other))
            })
            .min();
        match best {
            Some((_, _, c, other)) => values[c] = other,
            None => break,
        }
    }
    let mut diff = gap(&values);
    let mut values: Vec<u64> = {
        let mut each = vec![0; elastic.len()];
        for (class, &value) in classes.iter().zip(&values) {
            for &k in class {
                each[k] = value;
            }
        }
        each
    };
    if diff != 0 {
        // Steps outside a cycle first, then steps without turns, then the largest.
        let mut order: Vec<usize> = (0..classes.len()).collect();
        order.sort_by_key(|&c| {
            let k = classes[c][0];
            let part = &parts[elastic[k]];
            (
                classes[c].len() > 1,
                part.turns > 0,
                std::cmp::Reverse(part.tail + values[k]),
            )
        });
        // How much one part may still move towards `diff`.
        let room = |values: &[u64], k: usize, diff: i128| {
            let part = &parts[elastic[k]];
            if diff > 0 {
                i128::from(part.hi - values[k]).min(diff)
            } else {
                -i128::from(values[k] - part.lo).min(-diff)
            }
        };
        // A class takes `take` shared out among its parts, whole seconds first.
        let share = |values: &mut [u64], class: &[usize], take: i128| {
            let shares = split(take.unsigned_abs() as u64, class.len() as u64);
            let mut carry: i128 = 0;
            for pass in 0..2 {
                for (index, &k) in class.iter().enumerate() {
                    let mut want = carry;
                    if pass == 0 {
                        want += take.signum() * i128::from(nanos(shares[index]));
                    }
                    let moved = room(values, k, want);
                    values[k] = (i128::from(values[k]) + moved) as u64;
                    carry = want - moved;
                }
            }
            take - carry
        };
        let class_room = |values: &[u64], c: usize, diff: i128| {
            classes[c]
                .iter()
                .map(|&k| room(values, k, diff))
                .sum::<i128>()
        };
        // A class that can take it all, evenly when it has several parts, before any other.
        let whole = order.iter().copied().find(|&c| {
            let parts_in = i128::from(size(&classes[c]));
            class_room(&values, c, diff).abs() >= diff.abs()
                && (parts_in == 1 || diff % (parts_in * i128::from(SECOND)) == 0)
        });
        for c in whole.into_iter().chain(order.iter().copied()) {
            if diff == 0 {
                break;
            }
            let take = class_room(&values, c, diff);
            let take = if take.abs() > diff.abs() { diff } else { take };
            diff -= share(&mut values, &classes[c], take);
        }
        debug_assert_eq!(
            diff, 0,
            "the bounds always leave room for what rounding leaves"
        );
    }
    values
}

/// The fitted lengths and turns of `table` for the parts' totals.
fn fitted(table: &Timetable, parts: &[Part], totals: &[u64]) -> Fitted {
    let mut dropped = Vec::new();
    let mut turns = Vec::with_capacity(table.steps.len());
    for (position, ((step, part), &total)) in table.steps.iter().zip(parts).zip(totals).enumerate()
    {
        if part.state == State::Dropped {
            dropped.push(position);
        }
        turns.push(turn_lengths(step, part.turns, total));
    }
    Fitted {
        durations: totals
            .iter()
            .map(|&total| Duration::from_nanos(total))
            .collect(),
        turns,
        dropped,
    }
}

/// The turns of `step` when it lasts `total`: as planned when its length is unchanged; else the
/// tail turns as planned and the others sharing the rest evenly. They always add up to `total`
/// (tail turns are cut short, last first, if `total` is shorter than the tail; the last tail turn
/// takes what a round without other turns cannot share).
fn turn_lengths(step: &PlannedStep, spoken: u64, total: u64) -> Vec<Duration> {
    let planned: u64 = step.turns.iter().map(|turn| nanos(turn.duration)).sum();
    if step.turns.is_empty() || (total == nanos(step.duration) && total == planned) {
        return step.turns.iter().map(|turn| turn.duration).collect();
    }
    let tail: u64 = planned
        - step
            .turns
            .iter()
            .filter(|turn| !turn.is_tail)
            .map(|turn| nanos(turn.duration))
            .sum::<u64>();
    let shared = if spoken > 0 {
        total.saturating_sub(tail)
    } else {
        0
    };
    let mut shares = split(shared, spoken).into_iter();
    let mut left = total - shared;
    let mut lengths: Vec<u64> = step
        .turns
        .iter()
        .map(|turn| {
            if turn.is_tail {
                let length = nanos(turn.duration).min(left);
                left -= length;
                length
            } else {
                shares.next().map_or(0, nanos)
            }
        })
        .collect();
    if let Some(last) = lengths.last_mut() {
        *last += left;
    }
    lengths.into_iter().map(Duration::from_nanos).collect()
}

/// Splits `total` into `parts` shares that differ by at most a second: the first shares take the
/// leftover seconds, the first one any fraction of a second.
fn split(total: u64, parts: u64) -> Vec<Duration> {
    let (seconds, fraction) = (total / SECOND, total % SECOND);
    let (base, extra) = (seconds / parts, seconds % parts);
    (0..parts)
        .map(|k| {
            let share = (base + u64::from(k < extra)) * SECOND + if k == 0 { fraction } else { 0 };
            Duration::from_nanos(share)
        })
        .collect()
}

/// A duration in nanoseconds (saturating: 584 years).
fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

/// `value` rounded up to a whole second.
fn ceil_second(value: u64) -> u64 {
    value.div_ceil(SECOND) * SECOND
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(length: u64, lo: u64, hi: u64) -> Part {
        Part {
            index: 0,
            state: State::Elastic,
            now: length * SECOND,
            tail: 0,
            length: length * SECOND,
            lo: lo * SECOND,
            hi: hi * SECOND,
            turns: 0,
            per_turn: false,
            cycled: false,
        }
    }

    fn filled(parts: &[Part], free: u64) -> Vec<u64> {
        let all: Vec<usize> = (0..parts.len()).collect();
        water_fill(parts, &all, free * SECOND)
            .iter()
            .map(|x| (x / SECOND as f64).round() as u64)
            .collect()
    }

    #[test]
    fn water_filling_holds_steps_at_their_bounds_and_shares_the_rest() {
        // 10 + 20 + 30 minutes into 90: ×1.5, but the first may only reach 12.
        let parts = [
            part(600, 300, 720),
            part(1200, 600, 2400),
            part(1800, 900, 3600),
        ];
        assert_eq!(filled(&parts, 5400), vec![720, 1872, 2808]);
        // Into 40: ×2/3, but the last may only shrink to 25; the others halve.
        let parts = [
            part(600, 300, 1200),
            part(1200, 600, 2400),
            part(1800, 1500, 3600),
        ];
        assert_eq!(filled(&parts, 2400), vec![300, 600, 1500]);
    }

    #[test]
    fn grid_points_are_minutes_half_minutes_or_five_seconds_a_turn() {
        let long = part(600, 300, 1200);
        assert_eq!(long.candidates(700 * SECOND), (660 * SECOND, 720 * SECOND));
        let short = part(200, 100, 400);
        assert_eq!(short.candidates(200 * SECOND), (180 * SECOND, 210 * SECOND));
        // Within bounds: 7:20 may not shrink to 7:00.
        let bounded = part(480, 440, 960);
        assert_eq!(
            bounded.candidates(450 * SECOND),
            (440 * SECOND, 480 * SECOND)
        );
        // A round of 4 turns of 2:24.5 each: 2:20 or 2:25 a turn.
        let round = Part {
            turns: 4,
            per_turn: true,
            ..part(480, 240, 960)
        };
        assert_eq!(round.candidates(578 * SECOND), (560 * SECOND, 580 * SECOND));
    }

    #[test]
    fn rounding_gives_what_is_left_to_the_largest_step() {
        let parts = [part(600, 300, 1200), part(1500, 750, 3000)];
        // 11:00 and 27:30: the second rounds to 27:00 (28:00 would miss by as much), and the
        // 30 s left go back to it, the larger step.
        let values = round(&parts, &[0, 1], &[660e9, 1650e9], 2310 * SECOND);
        assert_eq!(values.iter().sum::<u64>(), 2310 * SECOND);
        assert_eq!(values, vec![660 * SECOND, 1650 * SECOND]);
        // 10:45 and 27:15 round to 11:00 and 27:00: exact, nothing left.
        let values = round(&parts, &[0, 1], &[645e9, 1635e9], 2280 * SECOND);
        assert_eq!(values, vec![660 * SECOND, 1620 * SECOND]);
    }

    #[test]
    fn splits_differ_by_a_second_at_most_and_add_up() {
        let shares = split(10 * SECOND + 5, 4);
        assert_eq!(
            shares,
            vec![
                Duration::from_nanos(3 * SECOND + 5),
                Duration::from_secs(3),
                Duration::from_secs(2),
                Duration::from_secs(2),
            ]
        );
    }
}
