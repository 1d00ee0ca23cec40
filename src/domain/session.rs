//! A session as a state machine: the current step and turn, pauses, adjustments, and what
//! actually happened, driven by [`Session::update`] with the time passed in.
//!
//! No clock is read here: every call receives `now`. Times are measured on an "active" clock that
//! stops during pauses, derived from absolute instants, so a late wake-up loses nothing.

use std::time::{Duration, Instant};

use crate::domain::lang::Lang;
use crate::domain::method::{Method, Step, StepKind};
use crate::domain::plan::{Cast, Pass, PlannedTurn, Timetable};

mod event;
mod recast;

pub use event::{Command, Effects, Event, Phase, Signal, warning_lead};

/// A reading of a countdown: time left, or time over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Time left before the planned end.
    Left(Duration),
    /// Time past the planned end.
    Over(Duration),
}

impl Countdown {
    fn new(planned: Duration, elapsed: Duration) -> Countdown {
        if elapsed <= planned {
            Countdown::Left(planned - elapsed)
        } else {
            Countdown::Over(elapsed - planned)
        }
    }

    /// The time left, zero when over.
    pub fn left(self) -> Duration {
        match self {
            Countdown::Left(left) => left,
            Countdown::Over(_) => Duration::ZERO,
        }
    }
}

/// Planned against actual for one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepRecord {
    /// The planned length, with adjustments.
    pub planned: Duration,
    /// The time actually spent in the step (all passes through it).
    pub actual: Duration,
    /// Whether the step was run at all.
    pub visited: bool,
}

/// One step of the session as it runs: its plan, adjusted as the session goes, and what
/// actually happened in it.
#[derive(Debug, Clone)]
struct StepState {
    /// The method's step at this position.
    index: usize,
    /// The cycle's pass, when the step is in the cycle.
    pass: Option<Pass>,
    /// Who holds which role during the step, when it differs from the session's cast.
    cast: Option<Cast>,
    /// The planned length, with adjustments.
    planned: Duration,
    /// The planned turns (empty for steps that are not rounds), with adjustments.
    turns: Vec<PlannedTurn>,
    /// The time actually spent in the step (all passes through it).
    actual: Duration,
    /// Whether the step was run at all.
    visited: bool,
}

impl StepState {
    /// The step's planned against actual.
    fn record(&self) -> StepRecord {
        StepRecord {
            planned: self.planned,
            actual: self.actual,
            visited: self.visited,
        }
    }
}

/// The active clock: time since the start, pauses excluded.
#[derive(Debug, Clone, Copy)]
struct ActiveClock {
    started: Instant,
    paused_total: Duration,
    paused_since: Option<Instant>,
}

impl ActiveClock {
    fn at(&self, now: Instant) -> Duration {
        let until = self.paused_since.unwrap_or(now).max(self.started);
        until
            .saturating_duration_since(self.started)
            .saturating_sub(self.paused_total)
    }
}

/// Where a round is in its passes: the screen shows "pass 2 of 3".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundPass {
    /// The current pass, counting from 1.
    pub number: u32,
    /// How many passes the round has.
    pub of: u32,
}

/// A session of a method with its cast.
#[derive(Debug, Clone)]
pub struct Session {
    method: Method,
    cast: Cast,
    auto_advance: bool,
    phase: Phase,
    clock: Option<ActiveClock>,
    /// Each step's plan and record, by position.
    steps: Vec<StepState>,
    table: Timetable,
    target_end: Duration,
    step: usize,
    step_started: Duration,
    turn: usize,
    turn_started: Duration,
    step_end_signalled: bool,
    turn_end_signalled: bool,
    warning_signalled: bool,
    warning_lead: Option<Duration>,
    turn_open: bool,
    completed: bool,
    ended_at: Duration,
}

impl Session {
    /// A session waiting for its start; with `auto_advance` it moves on at the end of each step
    /// and turn by itself.
    pub fn new(method: Method, cast: Cast, auto_advance: bool) -> Session {
        let table = Timetable::new(&method, &cast);
        Session::with_timetable(method, cast, table, auto_advance)
    }

    /// A session waiting for its start, following `table` (a timetable of `method` for `cast`,
    /// possibly fitted to a slot); the session aims to end when the table does.
    pub fn with_timetable(
        method: Method,
        cast: Cast,
        table: Timetable,
        auto_advance: bool,
    ) -> Session {
        let original = table.clone();
        let steps: Vec<StepState> = table
            .steps
            .into_iter()
            .map(|step| StepState {
                index: step.index,
                pass: step.pass,
                cast: step.cast,
                planned: step.duration,
                turns: step.turns,
                actual: Duration::ZERO,
                visited: false,
            })
            .collect();
        let target_end = steps.iter().map(|step| step.planned).sum();
        Session {
            method,
            cast,
            auto_advance,
            phase: Phase::Ready,
            clock: None,
            steps,
            table: original,
            target_end,
            step: 0,
            step_started: Duration::ZERO,
            turn: 0,
            turn_started: Duration::ZERO,
            step_end_signalled: false,
            turn_end_signalled: false,
            warning_signalled: false,
            warning_lead: None,
            turn_open: false,
            completed: false,
            ended_at: Duration::ZERO,
        }
    }

    /// Sets how long before a step's end the pre-warning comes, instead of the default (see
    /// [`warning_lead`]).
    pub fn set_warning_lead(&mut self, lead: Option<Duration>) {
        self.warning_lead = lead;
    }

    /// The left time of the current step at which its pre-warning comes, when it has one still
    /// to come (silences and writing steps are not warned).
    fn warning_at(&self) -> Option<Duration> {
        if self.warning_signalled || self.step().kind.is_quiet() {
            return None;
        }
        warning_lead(self.steps[self.step].planned, self.warning_lead)
    }

    /// The method being run.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Who holds which role (outside the method's cycle).
    pub fn cast(&self) -> &Cast {
        &self.cast
    }

    /// The timetable the session was planned with (fitted to a slot, when it was), its speakers
    /// following the roles given since; what the session has changed since its start (minutes
    /// added, a re-fit) is in [`Session::planned`] and [`Session::turns`].
    pub fn timetable(&self) -> &Timetable {
        &self.table
    }

    /// Who holds which role at step position `position` (in a cycle's pass, the client changes).
    pub fn cast_at(&self, position: usize) -> &Cast {
        self.steps[position].cast.as_ref().unwrap_or(&self.cast)
    }

    /// How many steps the session has (the method's cycle expanded).
    pub fn step_count(&self) -> usize {
        self.steps.len()
    }

    /// The method's step at position `position` of the session.
    pub fn step_at(&self, position: usize) -> &Step {
        &self.method.steps[self.steps[position].index]
    }

    /// The method's step in progress.
    pub fn step(&self) -> &Step {
        self.step_at(self.step)
    }

    /// The cycle's pass at position `position`, if it is in the cycle.
    pub fn pass_at(&self, position: usize) -> Option<Pass> {
        self.steps[position].pass
    }

    /// The name of the step at `position`; in a cycle's pass, with whose pass it is.
    pub fn step_name(&self, position: usize, lang: Lang) -> String {
        crate::domain::plan::pass_name(
            self.step_at(position).name.get(lang),
            self.steps[position].pass,
            self.cast_at(position),
        )
    }

    /// The stage the session is in.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Whether the clock is paused.
    pub fn is_paused(&self) -> bool {
        self.clock.is_some_and(|clock| clock.paused_since.is_some())
    }

    /// Whether the session moves on by itself.
    pub fn auto_advance(&self) -> bool {
        self.auto_advance
    }

    /// The current step's position.
    pub fn step_index(&self) -> usize {
        self.step
    }

    /// The planned length of each step, with adjustments.
    pub fn planned(&self) -> Vec<Duration> {
        self.steps.iter().map(|step| step.planned).collect()
    }

    /// The planned length of the step at `position`, with adjustments.
    pub fn planned_at(&self, position: usize) -> Duration {
        self.steps[position].planned
    }

    /// The planned turns of a step (empty for steps that are not rounds).
    pub fn turns(&self, step: usize) -> &[PlannedTurn] {
        &self.steps[step].turns
    }

    /// The current turn's position in its round, when the current step is a round with turns.
    pub fn turn_index(&self) -> Option<usize> {
        (!self.steps[self.step].turns.is_empty()).then_some(self.turn)
    }

    /// The pass of the current round, when the current step is a round with turns: which one
    /// (from 1) and how many are planned. A round that goes on until its time is up counts them
    /// as they come; its last pass may be cut short by the end of the step.
    pub fn round_pass(&self) -> Option<RoundPass> {
        let turns = &self.steps[self.step].turns;
        let current = turns.get(self.turn.min(turns.len().checked_sub(1)?))?;
        let of = turns.iter().map(|turn| turn.pass).max().unwrap_or(0) + 1;
        Some(RoundPass {
            number: current.pass + 1,
            of,
        })
    }

    /// Planned against actual, step by step; the current step counts its time so far.
    pub fn records(&self, now: Instant) -> Vec<StepRecord> {
        let mut records: Vec<StepRecord> = self.steps.iter().map(StepState::record).collect();
        if self.phase == Phase::Running {
            records[self.step].actual += self.step_elapsed(now);
            records[self.step].visited = true;
        }
        records
    }

    /// Active time since the start, pauses excluded (zero before the start; frozen once finished).
    pub fn active(&self, now: Instant) -> Duration {
        match (self.phase, self.clock) {
            (Phase::Finished, _) => self.ended_at,
            (_, Some(clock)) => clock.at(now),
            (_, None) => Duration::ZERO,
        }
    }

    /// The instant at which the active clock read `at`, when the session is running and not
    /// paused (so that no pause lies between then and now).
    pub fn instant_of(&self, at: Duration) -> Option<Instant> {
        let clock = self.clock?;
        if clock.paused_since.is_some() {
            return None;
        }
        clock
            .started
            .checked_add(clock.paused_total)?
            .checked_add(at)
    }

    /// Time spent in the current step.
    pub fn step_elapsed(&self, now: Instant) -> Duration {
        self.active(now).saturating_sub(self.step_started)
    }

    /// The current step's countdown.
    pub fn step_countdown(&self, now: Instant) -> Countdown {
        Countdown::new(self.steps[self.step].planned, self.step_elapsed(now))
    }

    /// Time spent in the current turn.
    pub fn turn_elapsed(&self, now: Instant) -> Duration {
        self.active(now).saturating_sub(self.turn_started)
    }

    /// The current turn's countdown, in a round.
    pub fn turn_countdown(&self, now: Instant) -> Option<Countdown> {
        let turn = self.steps[self.step].turns.get(self.turn)?;
        Some(Countdown::new(turn.duration, self.turn_elapsed(now)))
    }

    /// The session time still planned from `now`: what is left of the current step (nothing
    /// when it overran) plus the later steps.
    pub fn remaining(&self, now: Instant) -> Duration {
        match self.phase {
            Phase::Ready => self.steps.iter().map(|step| step.planned).sum(),
            Phase::Running => {
                self.step_countdown(now).left()
                    + self.steps[self.step + 1..]
                        .iter()
                        .map(|step| step.planned)
                        .sum::<Duration>()
            }
            Phase::Finished => Duration::ZERO,
        }
    }

    /// The next instant at which the session itself will act (ring, or move on), if any.
    pub fn next_deadline(&self, now: Instant) -> Option<Instant> {
        if self.phase != Phase::Running || self.is_paused() {
            return None;
        }
        let mut candidates = Vec::new();
        if let Some(lead) = self.warning_at() {
            let left = self.step_countdown(now).left();
            if left > lead {
                candidates.push(left - lead);
            }
        }
        if !self.step_end_signalled || self.auto_advance {
            candidates.push(self.step_countdown(now).left());
        }
        if let Some(turn) = self.turn_countdown(now)
            && (!self.turn_end_signalled || self.auto_advance)
        {
            candidates.push(turn.left());
        }
        candidates.into_iter().min().map(|left| now + left)
    }

    /// Applies a command at `now`; returns the sounds to make and the events to record.
    pub fn update(&mut self, command: Command, now: Instant) -> Effects {
        let mut effects = Effects::default();
        match (self.phase, command) {
            (Phase::Ready, Command::Start | Command::TogglePause) => {
                self.clock = Some(ActiveClock {
                    started: now,
                    paused_total: Duration::ZERO,
                    paused_since: None,
                });
                self.phase = Phase::Running;
                effects.events.push(Event::SessionStarted);
                self.enter_step(0, now, &mut effects);
            }
            (Phase::Ready, Command::Stop) => {
                self.phase = Phase::Finished;
            }
            (Phase::Running, command) => self.update_running(command, now, &mut effects),
            _ => {}
        }
        effects
    }

    fn update_running(&mut self, command: Command, now: Instant, effects: &mut Effects) {
        let at = self.active(now);
        match command {
            Command::Start | Command::Tick => {}
            Command::TogglePause => {
                let clock = self.clock.as_mut().expect("a running session has a clock");
                match clock.paused_since.take() {
                    Some(since) => {
                        let paused = now.saturating_duration_since(since);
                        clock.paused_total += paused;
                        effects.events.push(Event::Resumed { at, paused });
                    }
                    None => {
                        clock.paused_since = Some(now);
                        effects.events.push(Event::Paused { at });
                    }
                }
            }
            Command::NextStep => self.leave_step(now, effects),
            Command::PreviousStep => {
                let target = self.step.saturating_sub(1);
                self.end_step(now, effects);
                self.enter_step(target, now, effects);
            }
            Command::NextSpeaker | Command::Pass => {
                if self.steps[self.step].turns.is_empty() {
                    if command == Command::NextSpeaker {
                        self.leave_step(now, effects);
                    }
                } else {
                    self.next_turn(now, command == Command::Pass, effects);
                }
            }
            Command::AddMinute | Command::RemoveMinute => {
                self.adjust(command == Command::AddMinute, now, effects)
            }
            Command::Refit => self.refit(now, effects),
            Command::RestartStep => {
                let step = self.step;
                effects.events.push(Event::Restarted { step });
                self.end_step(now, effects);
                self.enter_step(step, now, effects);
            }
            Command::Stop => {
                self.end_step(now, effects);
                self.finish(at, false, effects);
            }
        }
        if self.phase == Phase::Running {
            self.check_time(now, effects);
        }
    }

    /// Rings at the planned ends, and in automatic mode moves on; loops so that a late wake-up
    /// catches up with every end it slept through.
    fn check_time(&mut self, now: Instant, effects: &mut Effects) {
        while self.phase == Phase::Running && !self.is_paused() {
            if let Some(Countdown::Over(over)) | Some(Countdown::Left(over @ Duration::ZERO)) =
                self.turn_countdown(now)
            {
                if self.auto_advance {
                    // The turn ended `over` ago: the next one started then.
                    self.next_turn_at(self.active(now).saturating_sub(over), false, effects);
                    continue;
                }
                if !self.turn_end_signalled {
                    self.turn_end_signalled = true;
                    effects.signals.push(Signal::TurnEnd);
                }
            }
            if let Some(lead) = self.warning_at()
                && self.step_countdown(now).left() <= lead
            {
                self.warning_signalled = true;
                effects.signals.push(Signal::Warning);
            }
            if let Countdown::Over(over) | Countdown::Left(over @ Duration::ZERO) =
                self.step_countdown(now)
            {
                if self.auto_advance {
                    let end = self.active(now).saturating_sub(over);
                    self.leave_step_at(end, effects);
                    continue;
                }
                if !self.step_end_signalled {
                    self.step_end_signalled = true;
                    effects.signals.push(self.end_signal());
                }
            }
            break;
        }
    }

    fn end_signal(&self) -> Signal {
        if self.step().kind.is_quiet() {
            Signal::QuietEnd
        } else {
            Signal::StepEnd
        }
    }

    /// When the session is planned to end, from its start (active time).
    pub fn target_end(&self) -> Duration {
        self.target_end
    }

    fn refit(&mut self, now: Instant, effects: &mut Effects) {
        let at = self.active(now);
        let elapsed = self.step_elapsed(now);
        // Done steps count what they actually took.
        let planned: Vec<Duration> = self
            .steps
            .iter()
            .enumerate()
            .map(|(position, step)| {
                if position < self.step && step.visited {
                    step.actual
                } else {
                    step.planned
                }
            })
            .collect();
        match crate::domain::fit::refit(
            &self.method,
            &planned,
            &self.table,
            self.step,
            elapsed,
            self.target_end,
        ) {
            Ok(fitted) => {
                let current = self.step;
                let spoken = self.turn;
                for (position, step) in self.steps.iter_mut().enumerate().skip(current) {
                    let lengths = &fitted.turns[position];
                    if position == current && !step.turns.is_empty() {
                        // The turns already spoken keep their length; the rest take the new ones.
                        for (turn, length) in step.turns.iter_mut().zip(lengths).skip(spoken + 1) {
                            turn.duration = *length;
                        }
                    } else if lengths.len() == step.turns.len() {
                        for (turn, length) in step.turns.iter_mut().zip(lengths) {
                            turn.duration = *length;
                        }
                    }
                    let mut offset = Duration::ZERO;
                    for turn in &mut step.turns {
                        turn.offset = offset;
                        offset += turn.duration;
                    }
                    step.planned = if step.turns.is_empty() {
                        fitted.durations[position]
                    } else {
                        offset
                    };
                    if position == current {
                        step.planned = step.planned.max(elapsed);
                    }
                }
                self.step_end_signalled =
                    self.step_end_signalled && self.step_countdown(now).left().is_zero();
                effects.events.push(Event::Refitted {
                    step: self.step,
                    target_end: self.target_end,
                    at,
                });
            }
            Err(reason) => effects.events.push(Event::RefitRefused { reason }),
        }
    }

    fn adjust(&mut self, add: bool, now: Instant, effects: &mut Effects) {
        let minute = Duration::from_secs(60);
        let position = self.step;
        let delta = if add {
            minute
        } else if let Some(turn) = self.turn_countdown(now) {
            turn.left().min(minute)
        } else {
            self.step_countdown(now).left().min(minute)
        };
        if delta.is_zero() {
            return;
        }
        // Lengthens or shortens a length by `delta`, never below zero.
        let change = |length: Duration| {
            if add {
                length + delta
            } else {
                length.saturating_sub(delta)
            }
        };
        let step = &mut self.steps[position];
        if let Some(turn) = step.turns.get_mut(self.turn) {
            turn.duration = change(turn.duration);
            // Later turns move with it.
            for later in &mut step.turns[self.turn + 1..] {
                later.offset = change(later.offset);
            }
            self.turn_end_signalled = self.turn_end_signalled && !add;
        }
        step.planned = change(step.planned);
        self.step_end_signalled = self.step_end_signalled && !add;
        // A minute added before the warning's instant brings the warning back.
        if add && self.warning_signalled {
            self.warning_signalled = false;
            let left = self.step_countdown(now).left();
            if self.warning_at().is_none_or(|lead| left <= lead) {
                self.warning_signalled = true;
            }
        }
        let seconds = delta.as_secs() as i64;
        effects.events.push(Event::Adjusted {
            step: position,
            seconds: if add { seconds } else { -seconds },
        });
    }

    fn next_turn(&mut self, now: Instant, passed: bool, effects: &mut Effects) {
        let at = self.active(now);
        self.next_turn_at(at, passed, effects);
    }

    /// Ends the current turn at active time `at` and starts the next one then (or leaves the
    /// step after the last turn).
    fn next_turn_at(&mut self, at: Duration, passed: bool, effects: &mut Effects) {
        let step = self.step;
        self.end_turn_at(at, passed, effects);
        if self.turn + 1 < self.steps[step].turns.len() {
            self.turn += 1;
            self.start_turn(at, effects);
        } else {
            self.leave_step_at(at, effects);
        }
    }

    /// Closes the open turn, if any, at active time `at`.
    fn end_turn_at(&mut self, at: Duration, passed: bool, effects: &mut Effects) {
        if !self.turn_open {
            return;
        }
        self.turn_open = false;
        let turn = self.steps[self.step].turns[self.turn];
        effects.events.push(Event::TurnEnded {
            step: self.step,
            turn: self.turn,
            person: turn.person,
            planned: turn.duration,
            actual: at.saturating_sub(self.turn_started),
            passed,
        });
    }

    fn start_turn(&mut self, at: Duration, effects: &mut Effects) {
        let turn = self.steps[self.step].turns[self.turn];
        self.turn_started = at;
        self.turn_end_signalled = false;
        self.turn_open = true;
        effects.events.push(Event::TurnStarted {
            step: self.step,
            turn: self.turn,
            person: turn.person,
            planned: turn.duration,
            at,
        });
    }

    fn leave_step(&mut self, now: Instant, effects: &mut Effects) {
        let at = self.active(now);
        self.leave_step_at(at, effects);
    }

    /// Ends the current step at active time `at` and enters the next (or finishes).
    fn leave_step_at(&mut self, at: Duration, effects: &mut Effects) {
        self.end_step_at(at, effects);
        if self.step + 1 < self.steps.len() {
            self.enter_step_at(self.step + 1, at, effects);
        } else {
            self.finish(at, true, effects);
        }
    }

    fn end_step(&mut self, now: Instant, effects: &mut Effects) {
        let at = self.active(now);
        self.end_step_at(at, effects);
    }

    fn end_step_at(&mut self, at: Duration, effects: &mut Effects) {
        self.end_turn_at(at, false, effects);
        let step = self.step;
        let actual = at.saturating_sub(self.step_started);
        self.steps[step].actual += actual;
        self.steps[step].visited = true;
        if self.step_at(step).kind.is_quiet() && !self.step_end_signalled {
            effects.signals.push(Signal::QuietEnd);
        }
        effects.events.push(Event::StepEnded {
            step,
            planned: self.steps[step].planned,
            actual,
            at,
        });
    }

    fn enter_step(&mut self, step: usize, now: Instant, effects: &mut Effects) {
        let at = self.active(now);
        self.enter_step_at(step, at, effects);
    }

    fn enter_step_at(&mut self, step: usize, at: Duration, effects: &mut Effects) {
        self.step = step;
        self.step_started = at;
        self.step_end_signalled = false;
        self.warning_signalled = false;
        self.turn = 0;
        if self.step_at(step).kind.is_quiet() {
            effects.signals.push(Signal::QuietStart);
        }
        effects.events.push(Event::StepStarted {
            step,
            planned: self.steps[step].planned,
            at,
        });
        if !self.steps[step].turns.is_empty() {
            self.start_turn(at, effects);
        }
    }

    fn finish(&mut self, at: Duration, completed: bool, effects: &mut Effects) {
        self.phase = Phase::Finished;
        self.completed = completed;
        self.ended_at = at;
        effects.events.push(Event::SessionEnded { completed, at });
    }

    /// Whether the session ran to its last step's end (false when stopped early).
    pub fn completed(&self) -> bool {
        self.completed
    }

    /// The kind of the current step.
    pub fn step_kind(&self) -> StepKind {
        self.step().kind
    }
}
