//! The audience view: what a running session publishes for the room ([`LiveFeed`], called by the
//! session's event loop), and `intervision watch`'s event loop ([`watch`]), which follows it
//! read-only in another terminal.
//!
//! The viewer rebuilds the session from the live state (the method, the people, the session's
//! events, replayed as a resumed session is) and counts down with its own clock, so the
//! operator writes only at each change of state, never once a second. It wakes when the live
//! folder changes (inotify on Linux, else a look every 100 ms), when the operator's program ends
//! (a pidfd on Linux, else a look every 500 ms), at the next visible change of the countdown,
//! or at a key. It draws the session's screen without the operator's parts: no key bar, no note
//! field, no dialog.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::domain::capture::{FollowUp, Pinned};
use crate::domain::lang::{Lang, Tr};
use crate::domain::method::Method;
use crate::domain::session::{Command, Event, Phase, Session};
use crate::store::journal::schema::{JournalEvent, JournalLine, SessionStart};
use crate::store::journal::{self, StartFacts};
use crate::store::live::{self, LivePin, LiveState, Publisher};
use crate::store::resume::{self, Interrupted};
use crate::ui::app::App;
use crate::ui::theme::THEME;
use crate::ui::view::{Screen, next_redraw};

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
                let facts = StartFacts {
                    method_id: &app.method_id,
                    method_path: app.method_path.as_deref(),
                    group: app.group.as_deref(),
                    lang: app.lang,
                    record: app.record,
                    speed: app.speed,
                    fit: app.fit,
                    follow_up: app.follow_up.as_ref(),
                };
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
fn wall_now_ms() -> u64 {
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

/// The session's screen as the room sees it: the session's screen without the operator's key
/// bar (its last row), text field or dialogs.
pub struct RoomScreen<'a> {
    /// The rebuilt session.
    pub app: &'a App,
    /// The instant shown.
    pub now: Instant,
}

impl Widget for RoomScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Screen {
            app: self.app,
            now: self.now,
        }
        .render(area, buf);
        if area.height >= crate::ui::view::MIN_SIZE.1 && area.width >= crate::ui::view::MIN_SIZE.0 {
            let footer = Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            };
            Clear.render(footer, buf);
        }
    }
}

/// Which session `watch` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The session running for this user (the most recently changed one), and the next one
    /// after it ends.
    Any,
    /// The session of this program.
    Pid(u32),
}

/// How a followed session left.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Gone {
    /// Its program ended it and removed its live state.
    Ended {
        method: String,
        step: usize,
        name: String,
    },
    /// Its program died without ending it (killed, crashed).
    Stopped {
        method: String,
        step: usize,
        name: String,
        wall_ms: u64,
    },
}

/// What the view shows.
enum Shown {
    /// No session runs for this user; waiting for one (after the one that left, if any).
    Waiting(Option<Gone>),
    /// A session, rebuilt from its live state.
    Following {
        path: PathBuf,
        state: Box<LiveState>,
        app: Box<App>,
        clock: ViewClock,
    },
}

/// The viewer's clock: the session's speed times the real one, from `origin`.
#[derive(Debug, Clone)]
struct ViewClock {
    origin: Instant,
    origin_wall: jiff::Zoned,
    speed: u32,
}

impl ViewClock {
    fn now(&self) -> Instant {
        self.origin + self.origin.elapsed() * self.speed
    }

    fn real_until(&self, instant: Instant, now: Instant) -> Duration {
        instant.saturating_duration_since(now) / self.speed
    }
}

/// What wakes the viewer.
enum Wake {
    Terminal(TermEvent),
    /// The live folder changed.
    Changed,
    /// The followed program ended.
    Died(u32),
    Signal,
}

const WAITING: Tr = Tr {
    en: "No session is running for you. Waiting for one to start...",
    fr: "Aucune séance n'est en cours pour vous. En attente d'une séance...",
};
const WAITING_PID: Tr = Tr {
    en: "No session of this program is running. Waiting for it...",
    fr: "Aucune séance de ce programme n'est en cours. En attente...",
};
const ENDED: Tr = Tr {
    en: "The session ended",
    fr: "La séance est terminée",
};
const STOPPED: Tr = Tr {
    en: "The session stopped: its program is gone",
    fr: "La séance s'est arrêtée : son programme a disparu",
};
const STEP_OF: Tr = Tr {
    en: "at step",
    fr: "à l'étape",
};
const STOPPED_AT: Tr = Tr {
    en: "last change at",
    fr: "dernier changement à",
};
const RESUME_HINT: Tr = Tr {
    en: "The operator can take it up again with: intervision resume",
    fr: "L'animateur peut la reprendre avec : intervision resume",
};
const WATCH_TITLE: Tr = Tr {
    en: "intervision watch: read-only",
    fr: "intervision watch : lecture seule",
};
const WATCH_HELP: Tr = Tr {
    en: "This screen follows the session run on another terminal; nothing here changes it.",
    fr: "Cet écran suit la séance menée sur un autre terminal ; rien ici ne la modifie.",
};
const KEY_QUIT: Tr = Tr {
    en: "q       leave the view (the session goes on)",
    fr: "q       quitter la vue (la séance continue)",
};
const KEY_HELP: Tr = Tr {
    en: "?       this help",
    fr: "?       cette aide",
};
const ANY_KEY: Tr = Tr {
    en: "any key: close",
    fr: "une touche : fermer",
};
const METHOD_ERROR: Tr = Tr {
    en: "The session's method cannot be loaded here",
    fr: "La méthode de la séance ne peut pas être chargée ici",
};

/// How the viewer loads a session's method: from its id or path, as the session names it.
pub type MethodLoader<'a> = dyn Fn(&str, Option<&str>) -> Result<Method, String> + 'a;

/// Follows a running session read-only until `q`: in `dir` (the live folder), the session
/// `target` names. `lang` is the language asked on the command line (else the session's, and
/// `fallback` while none is followed).
pub fn watch(
    terminal: &mut DefaultTerminal,
    dir: &Path,
    target: Target,
    lang: Option<Lang>,
    fallback: Lang,
    load: &MethodLoader,
) -> std::io::Result<()> {
    let _ = crate::store::files::create_private_dir(dir);
    let wakes = spawn_wakers(dir);
    let mut shown = Shown::Waiting(None);
    let mut help = false;
    let mut error: Option<String> = None;
    let mut watched_pid: Option<u32> = None;
    refresh(&mut shown, dir, target, load, &mut error);
    loop {
        if let Shown::Following { state, .. } = &shown
            && watched_pid != Some(state.pid)
        {
            watched_pid = Some(state.pid);
            spawn_death_watch(state.pid, wakes.1.clone());
        }
        let view_lang = match &shown {
            Shown::Following { app, .. } => lang.unwrap_or(app.lang),
            Shown::Waiting(_) => lang.unwrap_or(fallback),
        };
        if let Shown::Following { app, .. } = &mut shown {
            app.lang = view_lang;
        }
        terminal.draw(|frame| {
            let area = frame.area();
            let buf = frame.buffer_mut();
            match &shown {
                Shown::Following { app, clock, .. } => RoomScreen {
                    app,
                    now: clock.now(),
                }
                .render(area, buf),
                Shown::Waiting(gone) => render_waiting(
                    gone.as_ref(),
                    target,
                    error.as_deref(),
                    view_lang,
                    area,
                    buf,
                ),
            }
            if help {
                render_help(view_lang, area, buf);
            }
        })?;
        let timeout = match &shown {
            Shown::Following { app, clock, .. } => {
                let now = clock.now();
                next_redraw(app, now).map(|at| clock.real_until(at, now))
            }
            Shown::Waiting(_) => None,
        };
        let wake = match timeout {
            Some(timeout) => wakes.0.recv_timeout(timeout),
            None => wakes.0.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match wake {
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) | Ok(Wake::Signal) => return Ok(()),
            Ok(Wake::Changed) => refresh(&mut shown, dir, target, load, &mut error),
            Ok(Wake::Died(pid)) => {
                if let Shown::Following { state, path, .. } = &shown
                    && state.pid == pid
                {
                    let gone = if path.exists() {
                        Gone::Stopped {
                            method: state.method_name().to_owned(),
                            step: state.step,
                            name: state.step_name.clone(),
                            wall_ms: state.wall_ms,
                        }
                    } else {
                        ended(state)
                    };
                    shown = Shown::Waiting(Some(gone));
                    watched_pid = None;
                }
            }
            Ok(Wake::Terminal(TermEvent::Key(key))) if key.kind != KeyEventKind::Release => {
                if help {
                    help = false;
                    continue;
                }
                match key.code {
                    KeyCode::Char('q' | 'Q') | KeyCode::Esc => return Ok(()),
                    KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                        return Ok(());
                    }
                    KeyCode::Char('?') | KeyCode::F(1) => help = true,
                    _ => {}
                }
            }
            Ok(Wake::Terminal(_)) => {}
        }
    }
}

fn ended(state: &LiveState) -> Gone {
    Gone::Ended {
        method: state.method_name().to_owned(),
        step: state.step,
        name: state.step_name.clone(),
    }
}

/// Reads the live folder again after a change: the followed session's new state, its end, or a
/// session to follow.
fn refresh(
    shown: &mut Shown,
    dir: &Path,
    target: Target,
    load: &MethodLoader,
    error: &mut Option<String>,
) {
    if let Shown::Following {
        path,
        state,
        app,
        clock,
    } = shown
    {
        match live::read(path) {
            Ok(new) if new == **state => return,
            Ok(new) => {
                let Some(method) = load_method(&new, load, error) else {
                    return;
                };
                if let Some(rebuilt) = rebuild(
                    &new,
                    method,
                    clock.origin,
                    clock.origin_wall.clone(),
                    clock.now(),
                    wall_now_ms(),
                ) {
                    **app = rebuilt;
                    **state = new;
                }
                return;
            }
            Err(read_error) if read_error.kind() == std::io::ErrorKind::NotFound => {
                *shown = Shown::Waiting(Some(ended(state)));
            }
            // A file being replaced is read again at the next change.
            Err(_) => return,
        }
    }
    let found = live::list(dir).into_iter().find(|found| {
        found.running
            && match target {
                Target::Any => true,
                Target::Pid(pid) => found.state.pid == pid,
            }
    });
    let Some(found) = found else {
        return;
    };
    let Some(method) = load_method(&found.state, load, error) else {
        return;
    };
    let speed = match &found.state.start.event {
        JournalEvent::SessionStart(start) => start.speed.unwrap_or(1).max(1) as u32,
        _ => 1,
    };
    let clock = ViewClock {
        origin: Instant::now(),
        origin_wall: jiff::Zoned::now(),
        speed,
    };
    let Some(app) = rebuild(
        &found.state,
        method,
        clock.origin,
        clock.origin_wall.clone(),
        clock.now(),
        wall_now_ms(),
    ) else {
        return;
    };
    *error = None;
    *shown = Shown::Following {
        path: found.path,
        state: Box::new(found.state),
        app: Box::new(app),
        clock,
    };
}

fn load_method(
    state: &LiveState,
    load: &MethodLoader,
    error: &mut Option<String>,
) -> Option<Method> {
    let JournalEvent::SessionStart(start) = &state.start.event else {
        return None;
    };
    match load(&start.method.id, start.method.path.as_deref()) {
        Ok(method) => Some(method),
        Err(message) => {
            *error = Some(message);
            None
        }
    }
}

fn render_waiting(
    gone: Option<&Gone>,
    target: Target,
    error: Option<&str>,
    lang: Lang,
    area: Rect,
    buf: &mut Buffer,
) {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = Vec::new();
    match gone {
        Some(Gone::Ended { method, step, name }) => {
            lines.push(Line::from(ENDED.get(lang)).style(bold.fg(THEME.text)));
            lines.push(Line::from(format!(
                "{method} · {} {} « {name} »",
                STEP_OF.get(lang),
                step + 1
            )));
        }
        Some(Gone::Stopped {
            method,
            step,
            name,
            wall_ms,
        }) => {
            lines.push(Line::from(STOPPED.get(lang)).style(bold.fg(THEME.overtime)));
            let at = jiff::Timestamp::from_millisecond(*wall_ms as i64)
                .map(|time| {
                    time.to_zoned(jiff::tz::TimeZone::system())
                        .strftime("%H:%M:%S")
                        .to_string()
                })
                .unwrap_or_default();
            lines.push(Line::from(format!(
                "{method} · {} {} « {name} » · {} {at}",
                STEP_OF.get(lang),
                step + 1,
                STOPPED_AT.get(lang),
            )));
            lines.push(Line::from(RESUME_HINT.get(lang)));
        }
        None => {}
    }
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    let waiting = match target {
        Target::Any => WAITING,
        Target::Pid(_) => WAITING_PID,
    };
    lines.push(Line::from(waiting.get(lang)).style(Style::new().fg(THEME.text)));
    if let Some(error) = error {
        lines.push(Line::from(""));
        lines.push(
            Line::from(format!("{}: {error}", METHOD_ERROR.get(lang)))
                .style(Style::new().fg(THEME.overtime)),
        );
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}

fn render_help(lang: Lang, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(WATCH_HELP.get(lang)),
        Line::from(""),
        Line::from(KEY_QUIT.get(lang)),
        Line::from(KEY_HELP.get(lang)),
    ];
    let width = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .saturating_add(4)
        .min(area.width as usize) as u16;
    let height = (lines.len() as u16 + 2).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(format!(" {} ", WATCH_TITLE.get(lang)))
                .title_bottom(Line::from(format!(" {} ", ANY_KEY.get(lang))).right_aligned()),
        )
        .render(popup, buf);
}

/// The keys, the live folder's changes and the signals, on one channel.
fn spawn_wakers(dir: &Path) -> (Receiver<Wake>, Sender<Wake>) {
    let (sender, receiver) = mpsc::channel();
    let input = sender.clone();
    std::thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if input.send(Wake::Terminal(event)).is_err() {
                break;
            }
        }
    });
    let changes = sender.clone();
    let folder = dir.to_owned();
    std::thread::spawn(move || watch_folder(&folder, &changes));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let signal = sender.clone();
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
            std::thread::spawn(move || {
                for _ in signals.forever() {
                    if signal.send(Wake::Signal).is_err() {
                        break;
                    }
                }
            });
        }
    }
    (receiver, sender)
}

/// Sends [`Wake::Changed`] at each change of a `.json` file in `dir`: with inotify on Linux,
/// else by comparing the folder's files every 100 ms.
fn watch_folder(dir: &Path, changes: &Sender<Wake>) {
    #[cfg(target_os = "linux")]
    if inotify_loop(dir, changes) {
        return;
    }
    let mut last = folder_signature(dir);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = folder_signature(dir);
        if now != last {
            last = now;
            if changes.send(Wake::Changed).is_err() {
                return;
            }
        }
    }
}

/// The `.json` files of `dir` with their length and time of change.
fn folder_signature(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    crate::store::files::files_with_extension(dir, "json")
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|meta| meta.modified().ok());
            (path, len, modified)
        })
        .collect()
}

/// Blocks on inotify events in `dir`, sending a change for each `.json` name written, moved in
/// or removed; `false` when inotify cannot be used (then nothing was sent).
#[cfg(target_os = "linux")]
fn inotify_loop(dir: &Path, changes: &Sender<Wake>) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: plain system calls on a descriptor this function owns; the buffer outlives them.
    unsafe {
        let fd = libc::inotify_init1(libc::IN_CLOEXEC);
        if fd < 0 {
            return false;
        }
        let mask = libc::IN_CLOSE_WRITE | libc::IN_MOVED_TO | libc::IN_DELETE | libc::IN_MOVED_FROM;
        if libc::inotify_add_watch(fd, path.as_ptr(), mask) < 0 {
            libc::close(fd);
            return false;
        }
        let mut buffer = [0u8; 4096];
        loop {
            let read = libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len());
            if read <= 0 {
                libc::close(fd);
                return true;
            }
            let mut offset = 0usize;
            let mut relevant = false;
            let header = std::mem::size_of::<libc::inotify_event>();
            while offset + header <= read as usize {
                let event: libc::inotify_event =
                    std::ptr::read_unaligned(buffer.as_ptr().add(offset).cast());
                let name = &buffer[offset + header..offset + header + event.len as usize];
                let name = name.split(|byte| *byte == 0).next().unwrap_or_default();
                relevant |= name.ends_with(b".json");
                offset += header + event.len as usize;
            }
            if relevant && changes.send(Wake::Changed).is_err() {
                libc::close(fd);
                return true;
            }
        }
    }
}

/// Sends [`Wake::Died`] when the program `pid` ends: with a pidfd on Linux, else by looking
/// every 500 ms.
fn spawn_death_watch(pid: u32, sender: Sender<Wake>) {
    std::thread::spawn(move || {
        #[cfg(target_os = "linux")]
        if wait_pidfd(pid) {
            let _ = sender.send(Wake::Died(pid));
            return;
        }
        while live::alive(pid) {
            std::thread::sleep(Duration::from_millis(500));
        }
        let _ = sender.send(Wake::Died(pid));
    });
}

/// Waits for the program `pid` to end on a pidfd; `false` when one cannot be opened.
#[cfg(target_os = "linux")]
fn wait_pidfd(pid: u32) -> bool {
    // SAFETY: pidfd_open and poll on a descriptor this function owns.
    unsafe {
        let fd = libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) as libc::c_int;
        if fd < 0 {
            return false;
        }
        let mut poll = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        loop {
            let ready = libc::poll(&mut poll, 1, -1);
            if ready > 0 {
                break;
            }
            if ready < 0
                && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted
            {
                libc::close(fd);
                return false;
            }
        }
        libc::close(fd);
        true
    }
}
