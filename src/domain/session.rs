//! A session as a state machine: the current step and turn, pauses, adjustments, and what
//! actually happened, driven by [`Session::update`] with the time passed in.
//!
//! No clock is read here: every call receives `now`. Times are measured on an "active" clock that
//! stops during pauses, derived from absolute instants, so a late wake-up loses nothing.

use std::time::{Duration, Instant};

use crate::domain::fit::FitError;
use crate::domain::lang::Lang;
use crate::domain::method::{Method, Step, StepKind};
use crate::domain::plan::{Cast, Pass, PlannedTurn, Timetable};

/// What a user (or the clock) asks of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Start the clock (from the start screen).
    Start,
    /// Pause, or resume a paused session.
    TogglePause,
    /// Move to the next step (the current one ends now).
    NextStep,
    /// Go back to the previous step, which starts again.
    PreviousStep,
    /// In a round, give the floor to the next person.
    NextSpeaker,
    /// In a round, the current person passes their turn.
    Pass,
    /// Add a minute to the current step (to the current turn in a round).
    AddMinute,
    /// Take a minute from the current step (from the current turn in a round), down to zero left.
    RemoveMinute,
    /// Start the current step again from zero.
    RestartStep,
    /// Re-fit the steps left so that the session ends when it was planned to, protected and
    /// fixed steps untouched.
    Refit,
    /// End the session now, before its last step.
    Stop,
    /// Time has passed: ring at ends, and in automatic mode move on.
    Tick,
}

/// The stage a session is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the start key.
    Ready,
    /// Steps are running (possibly paused).
    Running,
    /// The last step is over, or the session was stopped.
    Finished,
}

/// A sound the session asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// A step or a turn reached its planned end.
    End,
    /// A silence or writing step starts or ends: a soft signal.
    Soft,
}

/// Something that happened, for the session's journal. `at` is the active time since the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The clock started.
    SessionStarted,
    /// A step started.
    StepStarted {
        /// The step's position.
        step: usize,
        /// Its planned length.
        planned: Duration,
        /// Active time at the start.
        at: Duration,
    },
    /// A step ended.
    StepEnded {
        /// The step's position.
        step: usize,
        /// Its planned length (with adjustments).
        planned: Duration,
        /// The time it actually took, this time through.
        actual: Duration,
        /// Active time at the end.
        at: Duration,
    },
    /// A turn of a round started.
    TurnStarted {
        /// The step's position.
        step: usize,
        /// The turn's position in the round.
        turn: usize,
        /// The speaker, as an index into the cast.
        person: usize,
        /// Its planned length.
        planned: Duration,
        /// Active time at the start.
        at: Duration,
    },
    /// A turn of a round ended.
    TurnEnded {
        /// The step's position.
        step: usize,
        /// The turn's position in the round.
        turn: usize,
        /// The speaker, as an index into the cast.
        person: usize,
        /// Its planned length.
        planned: Duration,
        /// The time it actually took.
        actual: Duration,
        /// Whether the person passed.
        passed: bool,
    },
    /// The session was paused.
    Paused {
        /// Active time of the pause.
        at: Duration,
    },
    /// The session resumed after a pause.
    Resumed {
        /// Active time of the resumption (the same as the pause's).
        at: Duration,
        /// How long the pause lasted.
        paused: Duration,
    },
    /// The current step (or turn) was lengthened or shortened.
    Adjusted {
        /// The step's position.
        step: usize,
        /// Seconds added (negative: removed).
        seconds: i64,
    },
    /// The steps left were re-fitted to end on time.
    Refitted {
        /// The step in progress.
        step: usize,
        /// The session's planned end (active time from the start).
        target_end: Duration,
        /// Active time of the re-fit.
        at: Duration,
    },
    /// A re-fit was asked but cannot be done; why ([`FitError::message`] says it in both
    /// languages).
    RefitRefused {
        /// Why.
        reason: FitError,
    },
    /// The current step started again.
    Restarted {
        /// The step's position.
        step: usize,
    },
    /// The session ended.
    SessionEnded {
        /// Whether every step was run to the end (false when stopped early).
        completed: bool,
        /// Total active time.
        at: Duration,
    },
}

impl Event {
    /// The active time the event happened at, when it carries one.
    pub fn at(&self) -> Option<Duration> {
        match self {
            Event::StepStarted { at, .. }
            | Event::StepEnded { at, .. }
            | Event::TurnStarted { at, .. }
            | Event::Paused { at }
            | Event::Resumed { at, .. }
            | Event::Refitted { at, .. }
            | Event::SessionEnded { at, .. } => Some(*at),
            _ => None,
        }
    }
}

/// What an update asks the program to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Effects {
    /// Sounds to make.
    pub signals: Vec<Signal>,
    /// Events to write to the journal, in order.
    pub events: Vec<Event>,
}

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

/// A session of a method with its cast.
#[derive(Debug, Clone)]
pub struct Session {
    method: Method,
    cast: Cast,
    auto_advance: bool,
    phase: Phase,
    clock: Option<ActiveClock>,
    planned: Vec<Duration>,
    turns: Vec<Vec<PlannedTurn>>,
    index: Vec<usize>,
    passes: Vec<Option<Pass>>,
    casts: Vec<Option<Cast>>,
    table: Timetable,
    target_end: Duration,
    records: Vec<StepRecord>,
    step: usize,
    step_started: Duration,
    turn: usize,
    turn_started: Duration,
    step_end_signalled: bool,
    turn_end_signalled: bool,
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
        let planned: Vec<Duration> = table.steps.iter().map(|step| step.duration).collect();
        let index = table.steps.iter().map(|step| step.index).collect();
        let passes = table.steps.iter().map(|step| step.pass).collect();
        let mut casts = Vec::with_capacity(table.steps.len());
        let mut turns = Vec::with_capacity(table.steps.len());
        for step in table.steps {
            casts.push(step.cast);
            turns.push(step.turns);
        }
        let target_end = planned.iter().sum();
        let records = planned
            .iter()
            .map(|&planned| StepRecord {
                planned,
                actual: Duration::ZERO,
                visited: false,
            })
            .collect();
        Session {
            method,
            cast,
            auto_advance,
            phase: Phase::Ready,
            clock: None,
            planned,
            turns,
            index,
            passes,
            casts,
            table: original,
            target_end,
            records,
            step: 0,
            step_started: Duration::ZERO,
            turn: 0,
            turn_started: Duration::ZERO,
            step_end_signalled: false,
            turn_end_signalled: false,
            turn_open: false,
            completed: false,
            ended_at: Duration::ZERO,
        }
    }

    /// The method being run.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Who holds which role (outside the method's cycle).
    pub fn cast(&self) -> &Cast {
        &self.cast
    }

    /// Who holds which role at step position `position` (in a cycle's pass, the client changes).
    pub fn cast_at(&self, position: usize) -> &Cast {
        self.casts[position].as_ref().unwrap_or(&self.cast)
    }

    /// How many steps the session has (the method's cycle expanded).
    pub fn step_count(&self) -> usize {
        self.planned.len()
    }

    /// The method's step at position `position` of the session.
    pub fn step_at(&self, position: usize) -> &Step {
        &self.method.steps[self.index[position]]
    }

    /// The method's step in progress.
    pub fn step(&self) -> &Step {
        self.step_at(self.step)
    }

    /// The cycle's pass at position `position`, if it is in the cycle.
    pub fn pass_at(&self, position: usize) -> Option<Pass> {
        self.passes[position]
    }

    /// The name of the step at `position`; in a cycle's pass, with whose pass it is.
    pub fn step_name(&self, position: usize, lang: Lang) -> String {
        crate::domain::plan::pass_name(
            self.step_at(position).name.get(lang),
            self.passes[position],
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
    pub fn planned(&self) -> &[Duration] {
        &self.planned
    }

    /// The planned turns of a step (empty for steps that are not rounds).
    pub fn turns(&self, step: usize) -> &[PlannedTurn] {
        &self.turns[step]
    }

    /// The current turn's position in its round, when the current step is a round with turns.
    pub fn turn_index(&self) -> Option<usize> {
        (!self.turns[self.step].is_empty()).then_some(self.turn)
    }

    /// Planned against actual, step by step; the current step counts its time so far.
    pub fn records(&self, now: Instant) -> Vec<StepRecord> {
        let mut records = self.records.clone();
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
        Some(clock.started + clock.paused_total + at)
    }

    /// Time spent in the current step.
    pub fn step_elapsed(&self, now: Instant) -> Duration {
        self.active(now).saturating_sub(self.step_started)
    }

    /// The current step's countdown.
    pub fn step_countdown(&self, now: Instant) -> Countdown {
        Countdown::new(self.planned[self.step], self.step_elapsed(now))
    }

    /// Time spent in the current turn.
    pub fn turn_elapsed(&self, now: Instant) -> Duration {
        self.active(now).saturating_sub(self.turn_started)
    }

    /// The current turn's countdown, in a round.
    pub fn turn_countdown(&self, now: Instant) -> Option<Countdown> {
        let turn = self.turns[self.step].get(self.turn)?;
        Some(Countdown::new(turn.duration, self.turn_elapsed(now)))
    }

    /// The session time still planned from `now`: what is left of the current step (nothing
    /// when it overran) plus the later steps.
    pub fn remaining(&self, now: Instant) -> Duration {
        match self.phase {
            Phase::Ready => self.planned.iter().sum(),
            Phase::Running => {
                self.step_countdown(now).left()
                    + self.planned[self.step + 1..].iter().sum::<Duration>()
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
                if self.turns[self.step].is_empty() {
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
                    self.next_turn_at(self.active(now) - over, false, effects);
                    continue;
                }
                if !self.turn_end_signalled {
                    self.turn_end_signalled = true;
                    effects.signals.push(Signal::End);
                }
            }
            if let Countdown::Over(over) | Countdown::Left(over @ Duration::ZERO) =
                self.step_countdown(now)
            {
                if self.auto_advance {
                    let end = self.active(now) - over;
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
            Signal::Soft
        } else {
            Signal::End
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
        let mut planned = self.planned.clone();
        for (position, record) in self.records.iter().enumerate().take(self.step) {
            if record.visited {
                planned[position] = record.actual;
            }
        }
        match crate::domain::fit::refit(
            &self.method,
            &planned,
            &self.table,
            self.step,
            elapsed,
            self.target_end,
        ) {
            Ok(fitted) => {
                for position in self.step..self.planned.len() {
                    let lengths = &fitted.turns[position];
                    if position == self.step && !self.turns[position].is_empty() {
                        // The turns already spoken keep their length; the rest take the new ones.
                        for turn in self.turn + 1..self.turns[position].len() {
                            if let Some(length) = lengths.get(turn) {
                                self.turns[position][turn].duration = *length;
                            }
                        }
                    } else if lengths.len() == self.turns[position].len() {
                        for (turn, length) in self.turns[position].iter_mut().zip(lengths) {
                            turn.duration = *length;
                        }
                    }
                    let mut offset = Duration::ZERO;
                    for turn in &mut self.turns[position] {
                        turn.offset = offset;
                        offset += turn.duration;
                    }
                    self.planned[position] = if self.turns[position].is_empty() {
                        fitted.durations[position]
                    } else {
                        offset
                    };
                    if position == self.step {
                        self.planned[position] = self.planned[position].max(elapsed);
                    }
                    self.records[position].planned = self.planned[position];
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
        let step = self.step;
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
        if let Some(turn) = self.turns[step].get_mut(self.turn) {
            turn.duration = if add {
                turn.duration + delta
            } else {
                turn.duration - delta
            };
            // Later turns move with it.
            let shift = |offset: Duration| if add { offset + delta } else { offset - delta };
            for later in &mut self.turns[step][self.turn + 1..] {
                later.offset = shift(later.offset);
            }
            self.turn_end_signalled = self.turn_end_signalled && !add;
        }
        self.planned[step] = if add {
            self.planned[step] + delta
        } else {
            self.planned[step] - delta
        };
        self.records[step].planned = self.planned[step];
        self.step_end_signalled = self.step_end_signalled && !add;
        let seconds = delta.as_secs() as i64;
        effects.events.push(Event::Adjusted {
            step,
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
        if self.turn + 1 < self.turns[step].len() {
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
        let turn = self.turns[self.step][self.turn];
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
        let turn = self.turns[self.step][self.turn];
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
        if self.step + 1 < self.planned.len() {
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
        self.records[step].actual += actual;
        self.records[step].visited = true;
        if self.step_at(step).kind.is_quiet() && !self.step_end_signalled {
            effects.signals.push(Signal::Soft);
        }
        effects.events.push(Event::StepEnded {
            step,
            planned: self.planned[step],
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
        self.turn = 0;
        if self.step_at(step).kind.is_quiet() {
            effects.signals.push(Signal::Soft);
        }
        effects.events.push(Event::StepStarted {
            step,
            planned: self.planned[step],
            at,
        });
        if !self.turns[step].is_empty() {
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
