//! Hooks: the commands of the user config's `[hooks]`, run at the session's events with the
//! event's facts in `INTERVISION_*` environment variables.
//!
//! Commands run without a shell, one after the other in a single worker thread, so they keep the
//! session's order and never block the event loop; each is killed after [`HOOK_TIMEOUT`]. A
//! failing hook is reported once per event (through the `report` callback), not at each run.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::domain::lang::{Bilingual, Lang};
use crate::domain::session::{Effects, Event, Phase, Session, Signal};
use crate::store::config::{HookEvent, Hooks};

/// How long a hook may run before it is killed.
pub const HOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// How often a running hook is checked for its end.
const POLL: Duration = Duration::from_millis(10);

/// The facts of an event, given to its hook as environment variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookFacts {
    /// The event (`INTERVISION_EVENT`).
    pub event: HookEvent,
    /// The step's name in the session's language (`INTERVISION_STEP`).
    pub step: String,
    /// The step's position, from 1 (`INTERVISION_STEP_INDEX`).
    pub step_index: usize,
    /// Who speaks (`INTERVISION_SPEAKER`): the turn's person in a round, else the step's
    /// speakers, comma-separated; empty when nobody speaks.
    pub speaker: String,
    /// Who speaks next in a round (`INTERVISION_NEXT_SPEAKER`), else empty.
    pub next_speaker: String,
    /// Whole seconds left in the step (the turn in a round), 0 once over
    /// (`INTERVISION_REMAINING_S`).
    pub remaining_s: u64,
    /// The session's language, `en` or `fr` (`INTERVISION_LANG`).
    pub lang: Lang,
    /// The method's id (`INTERVISION_METHOD`).
    pub method: String,
}

impl HookFacts {
    /// The environment variables, names and values.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("INTERVISION_EVENT", self.event.name().to_owned()),
            ("INTERVISION_STEP", self.step.clone()),
            ("INTERVISION_STEP_INDEX", self.step_index.to_string()),
            ("INTERVISION_SPEAKER", self.speaker.clone()),
            ("INTERVISION_NEXT_SPEAKER", self.next_speaker.clone()),
            ("INTERVISION_REMAINING_S", self.remaining_s.to_string()),
            ("INTERVISION_LANG", self.lang.tag().to_owned()),
            ("INTERVISION_METHOD", self.method.clone()),
        ]
    }
}

/// The hook events an update of `session` produced (`effects`, already applied at `now`), each
/// with its facts, in order: the journal's events first, then the signals (warning, overtime).
pub fn hook_calls(
    session: &Session,
    effects: &Effects,
    lang: Lang,
    method_id: &str,
    now: Instant,
) -> Vec<HookFacts> {
    let current = session.step_index();
    let facts = |event: HookEvent, step: usize, turn: Option<usize>, remaining: Duration| {
        let cast = session.cast_at(step);
        let method = session.method();
        let turns = session.turns(step);
        let (speaker, next_speaker) = match turn.and_then(|turn| turns.get(turn).map(|t| (turn, t)))
        {
            Some((index, turn)) => (
                cast.label(method, turn.person, lang),
                turns
                    .get(index + 1)
                    .map(|next| cast.label(method, next.person, lang))
                    .unwrap_or_default(),
            ),
            None => (
                cast.speakers(&session.step_at(step).speaker)
                    .into_iter()
                    .map(|person| cast.label(method, person, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                String::new(),
            ),
        };
        HookFacts {
            event,
            step: session.step_name(step, lang),
            step_index: step + 1,
            speaker,
            next_speaker,
            remaining_s: remaining.as_secs(),
            lang,
            method: method_id.to_owned(),
        }
    };
    // What is left now of the current step, or of its turn in a round.
    let left_now = || match session.phase() {
        Phase::Running => session
            .turn_countdown(now)
            .unwrap_or_else(|| session.step_countdown(now))
            .left(),
        _ => Duration::ZERO,
    };
    let current_turn = session.turn_index();
    let mut calls = Vec::new();
    for event in &effects.events {
        let call = match event {
            Event::SessionStarted => facts(HookEvent::SessionStart, 0, None, session.planned_at(0)),
            Event::StepStarted { step, planned, .. } => {
                let turn = (!session.turns(*step).is_empty()).then_some(0);
                facts(HookEvent::StepStart, *step, turn, *planned)
            }
            Event::StepEnded {
                step,
                planned,
                actual,
                ..
            } => facts(
                HookEvent::StepEnd,
                *step,
                None,
                planned.saturating_sub(*actual),
            ),
            Event::TurnStarted {
                step,
                turn,
                planned,
                ..
            } => facts(HookEvent::TurnStart, *step, Some(*turn), *planned),
            Event::Paused { .. } => facts(HookEvent::Pause, current, current_turn, left_now()),
            Event::Resumed { .. } => facts(HookEvent::Resume, current, current_turn, left_now()),
            Event::SessionEnded { .. } => {
                facts(HookEvent::SessionEnd, current, None, Duration::ZERO)
            }
            _ => continue,
        };
        calls.push(call);
    }
    for signal in &effects.signals {
        let event = match signal {
            Signal::Warning => HookEvent::Warning,
            Signal::StepEnd | Signal::TurnEnd => HookEvent::Overtime,
            // A silence that reached its end and goes on (not one left before its end).
            Signal::QuietEnd
                if session.phase() == Phase::Running
                    && session.step_kind().is_quiet()
                    && session.step_countdown(now).left().is_zero() =>
            {
                HookEvent::Overtime
            }
            _ => continue,
        };
        calls.push(facts(event, current, current_turn, left_now()));
    }
    calls
}

/// A hook to run: the command and the facts of its event.
struct Job {
    command: Vec<String>,
    facts: HookFacts,
}

/// The worker thread that runs the hooks, in order.
pub struct HookRunner {
    hooks: Hooks,
    jobs: Option<Sender<Job>>,
    closing: Arc<Mutex<Option<Instant>>>,
    worker: Option<JoinHandle<()>>,
}

impl HookRunner {
    /// Starts the worker for `hooks`; `None` when no event has a command. `report` is called
    /// (from the worker) with what went wrong, the first time an event's hook fails.
    pub fn start(hooks: Hooks, report: impl Fn(Bilingual) + Send + 'static) -> Option<HookRunner> {
        if hooks.is_empty() {
            return None;
        }
        let (sender, receiver) = mpsc::channel();
        let closing = Arc::new(Mutex::new(None));
        let deadline = Arc::clone(&closing);
        let worker = std::thread::spawn(move || work(&receiver, &deadline, &report));
        Some(HookRunner {
            hooks,
            jobs: Some(sender),
            closing,
            worker: Some(worker),
        })
    }

    /// Queues the hook of `facts.event`, if the config names one; returns at once.
    pub fn run(&self, facts: HookFacts) {
        if let (Some(command), Some(jobs)) = (self.hooks.command(facts.event), &self.jobs) {
            let _ = jobs.send(Job {
                command: command.to_vec(),
                facts,
            });
        }
    }

    /// Lets the queued hooks run for at most `grace` more, then kills the one running and drops
    /// the rest; returns when the worker is done.
    pub fn finish(mut self, grace: Duration) {
        self.close(grace);
    }

    fn close(&mut self, grace: Duration) {
        if let Ok(mut closing) = self.closing.lock() {
            *closing = Some(Instant::now() + grace);
        }
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Drop for HookRunner {
    fn drop(&mut self) {
        self.close(Duration::ZERO);
    }
}

/// The worker's loop: runs each job in turn until the queue is closed.
fn work(jobs: &Receiver<Job>, closing: &Mutex<Option<Instant>>, report: &dyn Fn(Bilingual)) {
    let mut reported: HashSet<HookEvent> = HashSet::new();
    let close_at = || closing.lock().ok().and_then(|closing| *closing);
    while let Ok(job) = jobs.recv() {
        if close_at().is_some_and(|at| Instant::now() >= at) {
            continue;
        }
        if let Err(problem) = run_one(&job, close_at)
            && reported.insert(job.facts.event)
        {
            report(problem);
        }
    }
}

/// Runs one hook to its end, or kills it at its timeout (or when the runner closes).
fn run_one(job: &Job, close_at: impl Fn() -> Option<Instant>) -> Result<(), Bilingual> {
    let event = job.facts.event.name();
    let program = printable(&job.command[0]);
    let mut child: Child = Command::new(&job.command[0])
        .args(&job.command[1..])
        .envs(job.facts.vars())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| {
            Bilingual::new(
                format!("the {event} hook cannot start {program}: {error}"),
                format!("le hook {event} ne peut pas lancer {program} : {error}"),
            )
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let code = status
                    .code()
                    .map_or_else(|| "a signal".to_owned(), |code| code.to_string());
                return Err(Bilingual::new(
                    format!("the {event} hook ({program}) failed: exit status {code}"),
                    format!("le hook {event} ({program}) a échoué : code de sortie {code}"),
                ));
            }
            Ok(None) => {}
            Err(error) => {
                return Err(Bilingual::new(
                    format!("the {event} hook ({program}) cannot be followed: {error}"),
                    format!("le hook {event} ({program}) ne peut pas être suivi : {error}"),
                ));
            }
        }
        let now = Instant::now();
        let timed_out = now.duration_since(started) >= HOOK_TIMEOUT;
        if timed_out || close_at().is_some_and(|at| now >= at) {
            let _ = child.kill();
            let _ = child.wait();
            let seconds = now.duration_since(started).as_secs();
            return Err(Bilingual::new(
                format!("the {event} hook ({program}) was stopped after {seconds} s"),
                format!("le hook {event} ({program}) a été arrêté après {seconds} s"),
            ));
        }
        std::thread::sleep(POLL);
    }
}

/// A word of the config file as it may be shown on screen: no control characters.
fn printable(word: &str) -> String {
    word.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(event: HookEvent) -> HookFacts {
        HookFacts {
            event,
            step: "Étape".into(),
            step_index: 2,
            speaker: "Chloé".into(),
            next_speaker: "David".into(),
            remaining_s: 90,
            lang: Lang::Fr,
            method: "codev".into(),
        }
    }

    #[test]
    fn the_facts_become_variables() {
        let vars = facts(HookEvent::TurnStart).vars();
        assert!(vars.contains(&("INTERVISION_EVENT", "turn_start".into())));
        assert!(vars.contains(&("INTERVISION_STEP_INDEX", "2".into())));
        assert!(vars.contains(&("INTERVISION_LANG", "fr".into())));
        assert_eq!(vars.len(), 8);
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_hook_is_reported_once_and_a_slow_one_is_cut() {
        let config = crate::store::config::parse(
            "[hooks]\npause = [\"false\"]\nresume = [\"sleep\", \"60\"]\n",
            "config.toml",
        )
        .unwrap();
        let (sender, receiver) = mpsc::channel();
        let runner = HookRunner::start(config.hooks, move |problem| {
            let _ = sender.send(problem);
        })
        .unwrap();
        let queued = Instant::now();
        runner.run(facts(HookEvent::Pause));
        runner.run(facts(HookEvent::Pause));
        assert!(
            queued.elapsed() < Duration::from_millis(100),
            "never blocks"
        );
        // The failing hook is told as soon as it fails, however loaded the machine.
        let first = receiver
            .recv_timeout(Duration::from_secs(20))
            .expect("the failing hook is reported");
        let queued = Instant::now();
        runner.run(facts(HookEvent::Resume));
        assert!(
            queued.elapsed() < Duration::from_millis(100),
            "never blocks"
        );
        runner.finish(Duration::from_secs(2));
        assert!(
            queued.elapsed() < Duration::from_secs(5),
            "cut at the close"
        );
        // The second failure of the same hook is not told again.
        let problems: Vec<Bilingual> = std::iter::once(first).chain(receiver.try_iter()).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0]
                .get(Lang::En)
                .contains("pause hook (false) failed")
        );
        assert!(
            problems[1]
                .get(Lang::Fr)
                .contains("le hook resume (sleep) a été arrêté")
        );
    }
}
