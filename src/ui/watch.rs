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
use std::sync::mpsc::RecvTimeoutError;
use std::time::Instant;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::domain::lang::{Lang, Tr};
use crate::domain::method::Method;
use crate::store::journal::schema::JournalEvent;
use crate::store::live::{self, LiveState};
use crate::ui::app::App;
use crate::ui::clock::RehearsalClock;
use crate::ui::paint::Painter;
use crate::ui::theme::THEME;
use crate::ui::view::{Screen, next_redraw};

mod feed;
mod wake;

use feed::wall_now_ms;
pub use feed::{LiveFeed, rebuild};
use wake::{Wake, spawn_death_watch, spawn_wakers};

/// The session's screen as the room sees it: the projector's layout, without the operator's key
/// bar, text field or dialogs (the rebuilt app is an audience's, see [`rebuild`]).
pub struct RoomScreen<'a> {
    /// The rebuilt session.
    pub app: &'a App,
    /// The instant shown.
    pub now: Instant,
}

impl Widget for RoomScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Screen::new(self.app, self.now).render(area, buf);
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
        /// Whether its journal was kept, so that `intervision resume` can take it up again.
        resumable: bool,
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

/// The viewer's clock: the session's speed times the real one, and the wall-clock time it started at.
#[derive(Debug, Clone)]
struct ViewClock {
    clock: RehearsalClock,
    origin_wall: jiff::Zoned,
}

const WAITING: Tr = Tr {
    en: "No session is running for you. Waiting for one to start...",
    fr: "Aucune séance n’est en cours pour vous. En attente d’une séance…",
};
const WAITING_PID: Tr = Tr {
    en: "No session of this program is running. Waiting for it...",
    fr: "Aucune séance de ce programme n’est en cours. En attente…",
};
const ENDED: Tr = Tr {
    en: "The session ended",
    fr: "La séance est terminée",
};
const STOPPED: Tr = Tr {
    en: "The session stopped: its program is gone",
    fr: "La séance s’est arrêtée : son programme a disparu",
};
const STEP_OF: Tr = Tr {
    en: "at step",
    fr: "à l’étape",
};
const STOPPED_AT: Tr = Tr {
    en: "last change at",
    fr: "dernier changement à",
};
const RESUME_HINT: Tr = Tr {
    en: "The operator can take it up again with: intervision resume",
    fr: "L’animateur peut la reprendre avec : intervision resume",
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
/// `target` names, drawn in `layout` (the projector's unless asked otherwise). `lang` is the language asked on the command line (else the session's, and
/// `fallback` until one is followed; after a session ends, the waiting screen keeps its language).
pub fn watch(
    terminal: &mut DefaultTerminal,
    dir: &Path,
    target: Target,
    lang: Option<Lang>,
    fallback: Lang,
    layout: crate::ui::view::LayoutMode,
    load: &MethodLoader,
) -> std::io::Result<()> {
    let _ = crate::store::files::create_private_dir(dir);
    let wakes = spawn_wakers(dir);
    let mut shown = Shown::Waiting(None);
    let mut help = false;
    let mut error: Option<String> = None;
    let mut watched_pid: Option<u32> = None;
    // Between two frames of a followed session, only time passed: the painter may redraw the
    // countdown alone.
    let mut painter = Painter::new();
    let mut screen = crate::ui::paint::screen_out(terminal)?;
    let mut only_time_passed = false;
    let mut last_lang = fallback;
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
            Shown::Waiting(_) => lang.unwrap_or(last_lang),
        };
        // Once a session is followed, its language stays when it ends: the room read it so.
        last_lang = view_lang;
        if let Shown::Following { app, .. } = &mut shown {
            app.lang = view_lang;
            app.layout = layout;
        }
        let area = painter.next_area(&screen, only_time_passed)?;
        match &shown {
            Shown::Following { app, clock, .. } if !help => {
                painter.draw_session(
                    &mut screen,
                    area,
                    app,
                    clock.clock.now(),
                    only_time_passed,
                )?;
            }
            _ => painter.draw_whole(&mut screen, area, |area, buf| {
                match &shown {
                    Shown::Following { app, clock, .. } => RoomScreen {
                        app,
                        now: clock.clock.now(),
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
            })?,
        }
        only_time_passed = false;
        let timeout = match &shown {
            Shown::Following { app, clock, .. } => {
                let now = clock.clock.now();
                next_redraw(app, now).map(|at| clock.clock.real_until(at, now))
            }
            Shown::Waiting(_) => None,
        };
        let wake = match timeout {
            Some(timeout) => wakes.0.recv_timeout(timeout),
            None => wakes.0.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match wake {
            Err(RecvTimeoutError::Timeout) => only_time_passed = true,
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
                            resumable: match &state.start.event {
                                JournalEvent::SessionStart(start) => {
                                    start.record != Some(crate::domain::method::Record::None)
                                }
                                _ => false,
                            },
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
                    clock.clock.origin,
                    clock.origin_wall.clone(),
                    clock.clock.now(),
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
        clock: RehearsalClock {
            origin: Instant::now(),
            speed,
        },
        origin_wall: jiff::Zoned::now(),
    };
    let Some(app) = rebuild(
        &found.state,
        method,
        clock.clock.origin,
        clock.origin_wall.clone(),
        clock.clock.now(),
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
                "{method} · {} {} {}",
                STEP_OF.get(lang),
                step + 1,
                quoted(name, lang)
            )));
        }
        Some(Gone::Stopped {
            method,
            step,
            name,
            wall_ms,
            resumable,
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
                "{method} · {} {} {} · {} {at}",
                STEP_OF.get(lang),
                step + 1,
                quoted(name, lang),
                STOPPED_AT.get(lang),
            )));
            if *resumable {
                lines.push(Line::from(RESUME_HINT.get(lang)));
            }
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

/// A name in the quotation marks of `lang`.
fn quoted(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("“{name}”"),
        Lang::Fr => format!("« {name} »"),
    }
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
