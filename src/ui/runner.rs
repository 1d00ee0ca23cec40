//! The event loop: the only place that reads the clock and touches the terminal. It sleeps until
//! the next visible change, a deadline of the session, a key or a signal, and draws only then.
//!
//! The screens before a session (the method picker, the resume prompt, the roles screen) are
//! widgets in [`crate::ui::screens`]; their loops here only read a key, route it and draw.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crossterm::event::Event as TermEvent;
use ratatui::DefaultTerminal;

use crate::domain::lang::{Lang, Tr};
use crate::domain::method::{Clock, Method, Record};
use crate::domain::plan::Cast;
use crate::domain::session::{Effects, Event, Phase, Session};
use crate::store::journal::{self, Journal};
use crate::ui::app::{App, FollowUp, Written};
use crate::ui::clock::RehearsalClock;
use crate::ui::hooks::{HookRunner, hook_calls};
use crate::ui::paint::Painter;
use crate::ui::screens::picker::{Picker, PickerItem, PickerOutcome};
pub use crate::ui::screens::resume_prompt::ResumeChoice;
use crate::ui::screens::resume_prompt::ResumePrompt;
use crate::ui::screens::roles::{RolesOutcome, RolesScreen, RolesView};
use crate::ui::sound::{Sounder, find_player};
use crate::ui::view::next_redraw;
use crate::ui::wakes::{self, Wake, signal_error};
use crate::ui::watch::LiveFeed;

/// How a session is to be run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The method's id, for the journal's name.
    pub method_id: String,
    /// The interface language.
    pub lang: Lang,
    /// Start at once and move on at each end; leave at the end.
    pub auto: bool,
    /// The rehearsal speed (1 for a real session).
    pub speed: u32,
    /// No bell.
    pub quiet: bool,
    /// Where the journal goes, instead of the user's data folder.
    pub log_dir: Option<PathBuf>,
    /// The group holding the session.
    pub group: Option<String>,
    /// What the log keeps, when the group says (else the method says).
    pub record: Option<Record>,
    /// The previous case giver's plan, shown at the opening.
    pub follow_up: Option<FollowUp>,
    /// The method's file, when it is not a built-in (for the journal, so it can be resumed).
    pub method_path: Option<String>,
    /// A killed session to resume instead of starting anew.
    pub resume: Option<crate::store::resume::Interrupted>,
    /// What the user config file says (hooks).
    pub config: crate::store::config::Config,
    /// The timetable to follow, when it was fitted to a slot (else the method's own), with the
    /// slot and whether optional steps were left out.
    pub timetable: Option<(crate::domain::plan::Timetable, Duration, bool)>,
    /// The screens' layout: the projector's, the laptop's, or chosen by the window's size.
    pub layout: crate::ui::view::LayoutMode,
}

/// What a finished run leaves: the summary to print and where the journal is.
#[derive(Debug, Clone)]
pub struct RunReport {
    /// The summary, as plain text.
    pub summary: String,
    /// The journal's file, or why it could not be saved.
    pub journal: Result<PathBuf, String>,
    /// The Markdown summary beside the journal, or why it could not be written.
    pub markdown: Option<Result<PathBuf, String>>,
    /// Whether the run ended because of a signal.
    pub interrupted: bool,
    /// The log folder that could not be written, when the journal is in a fallback folder.
    pub moved_from: Option<PathBuf>,
    /// Whether the journal could not be written anywhere (the run then fails).
    pub unsaved: bool,
}

/// Writes the Markdown summary of a journal beside it, atomically.
pub fn write_summary(journal: &std::path::Path, lang: Lang) -> Result<PathBuf, String> {
    let log = crate::store::logbook::read(journal).map_err(|error| error.get(lang).to_owned())?;
    let path = crate::store::logbook::summary_path(journal);
    crate::store::logbook::write_atomically(&path, &crate::store::logbook::markdown(&log, lang))
        .map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(path)
}

/// How long the hooks still queued at the session's end may take before the program leaves.
const HOOK_GRACE: Duration = Duration::from_secs(3);

const SAVED: Tr = Tr {
    en: "Journal saved",
    fr: "Journal enregistré",
};
const NOT_RECORDED: Tr = Tr {
    en: "This method keeps no log: nothing of this session is written to disk",
    fr: "Cette méthode ne garde aucun journal : rien de cette séance n’est écrit sur le disque",
};
const MOVED: Tr = Tr {
    en: "Log folder cannot be written: journal saved in",
    fr: "Dossier des journaux non inscriptible : journal enregistré dans",
};
const NOT_SAVED: Tr = Tr {
    en: "Nothing can be written anywhere: this session's journal is NOT being saved",
    fr: "Rien ne peut être écrit nulle part : le journal de cette séance n’est PAS enregistré",
};
const NOT_STARTED: Tr = Tr {
    en: "the session did not start: nothing to save",
    fr: "la séance n’a pas commencé : rien à enregistrer",
};

/// What the next frame of the session needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redraw {
    /// Nothing changed on screen.
    None,
    /// Only time passed: the parts that change with time may be redrawn alone.
    Time,
    /// Something else changed: the whole frame.
    Whole,
}

/// Runs a session full-screen until the user quits (or, with `auto`, until its end).
pub fn run(
    terminal: &mut DefaultTerminal,
    method: Method,
    cast: Cast,
    options: &RunOptions,
) -> std::io::Result<RunReport> {
    let clock = RehearsalClock {
        origin: Instant::now(),
        speed: options.speed.max(1),
    };
    let session = match &options.resume {
        Some(interrupted) => crate::store::resume::replay(method, interrupted, clock.origin),
        None => match &options.timetable {
            Some((table, _, _)) => {
                Session::with_timetable(method, cast, table.clone(), options.auto)
            }
            None => Session::new(method, cast, options.auto),
        },
    };
    let mut app = App::new(
        session,
        &options.method_id,
        options.lang,
        clock.origin,
        jiff::Zoned::now(),
    );
    app.speed = clock.speed;
    app.session.set_warning_lead(options.config.warning);
    app.quiet = options.quiet;
    app.layout = options.layout;
    app.display = crate::ui::glyphs::Display::from_env();
    app.group = options.group.clone();
    app.record = options.record.unwrap_or(app.record);
    app.follow_up = options.follow_up.clone();
    app.method_path = options.method_path.clone();
    app.fit = options
        .timetable
        .as_ref()
        .map(|(_, slot, drop_optional)| (*slot, *drop_optional));
    let waker = wakes::sender();
    let sound_waker = Mutex::new(waker.clone());
    let hooks = HookRunner::start(options.config.hooks.clone(), move |problem| {
        let _ = waker.send(Wake::Notice(problem));
    });
    let (sounder, sound_notice) = Sounder::new(
        options.config.sound.unwrap_or_default(),
        find_player(std::env::var_os("PATH").as_deref()),
        move |problem| {
            if let Ok(waker) = sound_waker.lock() {
                let _ = waker.send(Wake::Notice(problem));
            }
        },
    );
    if let Some(notice) = sound_notice
        && !app.quiet
    {
        app.flash = Some(notice.get(app.lang).to_owned());
    }
    let mut journal: Option<Journal> = None;
    if let Some(interrupted) = &options.resume {
        app.restore_pinned(interrupted.pinned());
        let mut reopened =
            reopen_unfinished(interrupted, options.lang).map_err(std::io::Error::other)?;
        let time = journal_time(&app, clock.origin);
        reopened.append(&journal::resumed_line(interrupted.last_at, &time));
        app.notice = Some(format!(
            "{}{}{}",
            SAVED.get(app.lang),
            crate::ui::view::colon(app.lang),
            reopened.path().display()
        ));
        journal = Some(reopened);
        warn_if_unwritable(&mut app, &journal);
    }
    let mut interrupted = false;
    let mut pending = Effects::default();
    if options.auto {
        pending = app
            .session
            .update(crate::domain::session::Command::Start, clock.now());
    }
    // What the painter puts on screen next: the first frame is whole.
    let mut painter = Painter::new();
    let mut screen = crate::ui::paint::screen_out(terminal)?;
    let mut redraw = Redraw::Whole;
    // What the room may see, published for `intervision watch` at each change of state.
    let mut live = crate::store::paths::live_dir()
        .map(|dir| LiveFeed::new(&dir, &app, options.resume.as_ref()));
    loop {
        let now = clock.now();
        if let Some(live) = live.as_mut() {
            live.update(&app, &pending.events, now);
        }
        if !pending.events.is_empty() || !pending.signals.is_empty() {
            apply_effects(
                &mut app,
                &mut journal,
                options,
                std::mem::take(&mut pending),
                now,
                hooks.as_ref(),
                &sounder,
            )?;
            redraw = Redraw::Whole;
        }
        if options.auto && app.session.phase() == Phase::Finished {
            break;
        }
        if redraw != Redraw::None {
            let only_time_passed = redraw == Redraw::Time;
            let area = painter.next_area(&screen, only_time_passed)?;
            painter.draw_session(&mut screen, area, &app, now, only_time_passed)?;
            redraw = Redraw::None;
        }
        // Sleep until the next visible change or the session's next deadline, counted from
        // after the drawing so that a slow frame does not make the wake-up late.
        let now = clock.now();
        let redraw_at = next_redraw(&app, now).map(|at| {
            let wait = clock.real_until(at, now);
            if clock.speed > 1 {
                wait.max(Duration::from_millis(40))
            } else {
                wait
            }
        });
        let deadline_at = app
            .session
            .next_deadline(now)
            .map(|at| clock.real_until(at, now));
        // The end of a step's flash is a visible change too.
        let flash_at = app
            .end_flash
            .filter(|until| *until > now)
            .map(|until| clock.real_until(until, now));
        let timeout = [redraw_at, deadline_at, flash_at]
            .into_iter()
            .flatten()
            .min();
        let wake = wakes::next(timeout);
        let now = clock.now();
        match wake {
            Wake::Timeout => {
                pending = app.on_tick(now);
                // Effects of the tick (a step's end) make it whole, above.
                if redraw == Redraw::None {
                    redraw = Redraw::Time;
                }
            }
            // A signal (the terminal closed, a SIGTERM, a SIGINT) or a terminal that can no
            // longer be read: the session is suspended, to be resumed, not ended.
            Wake::Signal | Wake::Closed => {
                suspend(&mut app, &mut journal, now);
                interrupted = true;
                break;
            }
            Wake::Terminal(TermEvent::Key(key)) => {
                let outcome = app.on_key(key, now);
                if let Some(written) = &outcome.written {
                    record_written(&mut app, &mut journal, written, now);
                }
                pending = outcome.effects;
                let tick = app.on_tick(now);
                pending.events.extend(tick.events);
                pending.signals.extend(tick.signals);
                if outcome.redraw {
                    redraw = Redraw::Whole;
                }
                if outcome.quit {
                    apply_effects(
                        &mut app,
                        &mut journal,
                        options,
                        std::mem::take(&mut pending),
                        now,
                        hooks.as_ref(),
                        &sounder,
                    )?;
                    break;
                }
            }
            Wake::Notice(problem) => {
                app.flash = Some(problem.get(app.lang).to_owned());
                redraw = Redraw::Whole;
            }
            Wake::Terminal(TermEvent::Resize(..)) => redraw = Redraw::Whole,
            Wake::Terminal(_) => {}
        }
    }
    // The last hooks (session_end) get a moment to run; a stuck one is cut.
    if let Some(hooks) = hooks {
        hooks.finish(HOOK_GRACE);
    }
    drop(live);
    let now = clock.now();
    let summary = summary_text(&app, now);
    let moved_from = journal
        .as_ref()
        .and_then(Journal::moved_from)
        .map(Path::to_owned);
    let unsaved = journal.as_ref().is_some_and(Journal::unsaved);
    let journal = match journal.as_mut() {
        Some(journal) => journal
            .finish()
            .map_err(|error| error.get(options.lang).to_owned()),
        None if app.record == Record::None && app.session.phase() != Phase::Ready => {
            Err(NOT_RECORDED.get(options.lang).to_owned())
        }
        None => Err(NOT_STARTED.get(options.lang).to_owned()),
    };
    // A suspended session gets its summary too (as it stands); it is written again when the
    // session, resumed, ends.
    let markdown = journal
        .as_ref()
        .ok()
        .map(|path| write_summary(path, options.lang));
    Ok(RunReport {
        summary,
        journal,
        markdown,
        interrupted,
        moved_from,
        unsaved,
    })
}

/// The wall-clock time of `now`, as the journal writes it. A rehearsal's journal keeps real times: the sped-up clock is turned back into the wall's.
fn journal_time(app: &App, now: Instant) -> String {
    let real = now.saturating_duration_since(app.origin) / app.speed.max(1);
    let offset = jiff::SignedDuration::try_from(real).unwrap_or_default();
    app.origin_wall
        .checked_add(offset)
        .map(|time| time.strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
        .unwrap_or_default()
}

fn apply_effects(
    app: &mut App,
    journal: &mut Option<Journal>,
    options: &RunOptions,
    effects: Effects,
    now: Instant,
    hooks: Option<&HookRunner>,
    sounder: &Sounder,
) -> std::io::Result<()> {
    if let Some(until) =
        crate::ui::glyphs::flash_until(&effects, app.session.auto_advance(), now, app.speed)
    {
        app.end_flash = Some(until);
    }
    if let Some(hooks) = hooks {
        for facts in hook_calls(&app.session, &effects, app.lang, &app.method_id, now) {
            hooks.run(facts);
        }
    }
    let time = journal_time(app, now);
    for event in &effects.events {
        if let Event::RefitRefused { reason } = event {
            app.flash = Some(reason.message().get(app.lang).to_owned());
            continue;
        }
        if *event == Event::SessionStarted {
            if app.record == Record::None {
                app.notice = Some(NOT_RECORDED.get(app.lang).to_owned());
                continue;
            }
            let dir = options
                .log_dir
                .clone()
                .or_else(journal::default_dir)
                .or_else(|| journal::fallback_dirs().pop())
                .unwrap_or_default();
            let stamp = app.origin_wall.strftime("%Y-%m-%dT%H-%M-%S").to_string();
            let mut opened = Journal::create(&dir, &format!("{stamp}-{}", app.method_id));
            let facts = app.start_facts();
            opened.append(&journal::start_line(&app.session, &facts, &time));
            app.notice = Some(format!(
                "{}{}{}",
                SAVED.get(app.lang),
                crate::ui::view::colon(app.lang),
                opened.path().display()
            ));
            *journal = Some(opened);
            continue;
        }
        // An end caught up after a late wake-up is stamped with the instant it was due.
        let time = match event.at().and_then(|at| app.session.instant_of(at)) {
            Some(due) if due <= now => journal_time(app, due),
            _ => time.clone(),
        };
        if let (Some(journal), Some(line)) = (
            journal.as_mut(),
            journal::event_line(&app.session, event, app.lang, &time),
        ) {
            journal.append(&line);
        }
    }
    warn_if_unwritable(app, journal);
    // One sound per wake-up is enough, even if several ends were caught up.
    sounder.play(&effects.signals, app.quiet, &mut std::io::stdout())?;
    Ok(())
}

fn record_written(app: &mut App, journal: &mut Option<Journal>, written: &Written, now: Instant) {
    let time = journal_time(app, now);
    if let (Some(journal), Some(line)) = (
        journal.as_mut(),
        journal::written_line(app.record, app.lang, written, &time),
    ) {
        journal.append(&line);
    }
    warn_if_unwritable(app, journal);
}

/// Puts on screen, for as long as it is so, that the journal is in a fallback folder (and
/// which), or that it cannot be written anywhere.
fn warn_if_unwritable(app: &mut App, journal: &Option<Journal>) {
    let Some(journal) = journal else {
        return;
    };
    let error = journal
        .error()
        .map(|error| error.get(app.lang).to_owned())
        .unwrap_or_default();
    app.warning = if journal.unsaved() {
        Some(format!("{} ({error})", NOT_SAVED.get(app.lang)))
    } else if journal.moved_from().is_some() {
        Some(format!(
            "{} {} ({error})",
            MOVED.get(app.lang),
            journal.path().display()
        ))
    } else {
        None
    };
}

/// What a signal does to a session: the text being typed is kept as Esc keeps it, and a
/// `suspended` line (synced, like every line) says where the session stood, so that `resume`
/// and the next `run` offer it. The session itself is not ended.
fn suspend(app: &mut App, journal: &mut Option<Journal>, now: Instant) {
    if let Some(written) = app.close_input() {
        record_written(app, journal, &written, now);
    }
    if app.session.phase() == Phase::Finished {
        return;
    }
    let time = journal_time(app, now);
    if let Some(journal) = journal.as_mut() {
        journal.append(&journal::suspended_line(app.session.active(now), &time));
    }
    warn_if_unwritable(app, journal);
}

/// The planned-against-actual summary printed after the session.
pub fn summary_text(app: &App, now: Instant) -> String {
    let lang = app.lang;
    let session = &app.session;
    let method = session.method();
    let records = session.records(now);
    let width = (0..session.step_count())
        .map(|position| session.step_name(position, lang).chars().count())
        .max()
        .unwrap_or(10);
    let (planned_word, actual_word) = match lang {
        Lang::En => ("planned", "actual"),
        Lang::Fr => ("prévu", "réel"),
    };
    let mut out = format!(
        "{}\n{:<w$}  {planned_word:>8}  {actual_word:>8}\n",
        method.name.get(lang),
        "",
        w = width + 3
    );
    let (mut planned, mut actual) = (Duration::ZERO, Duration::ZERO);
    for (index, record) in records.iter().enumerate() {
        planned += record.planned;
        actual += record.actual;
        let flag = if record.actual.as_secs() > record.planned.as_secs() {
            "  !"
        } else {
            ""
        };
        let actual_text = if record.visited {
            Clock(record.actual).to_string()
        } else {
            "-".into()
        };
        out.push_str(&format!(
            "{:>2} {:<width$}  {:>8}  {:>8}{flag}\n",
            index + 1,
            session.step_name(index, lang),
            Clock(record.planned).to_string(),
            actual_text
        ));
    }
    let total = "Total";
    out.push_str(&format!(
        "   {total:<width$}  {:>8}  {:>8}\n",
        Clock(planned).to_string(),
        Clock(actual).to_string()
    ));
    out
}

/// Asks, full-screen, what to do with an interrupted session.
pub fn ask_resume(
    terminal: &mut DefaultTerminal,
    interrupted: &crate::store::resume::Interrupted,
    lang: Lang,
) -> std::io::Result<ResumeChoice> {
    let mut prompt = ResumePrompt::new(interrupted, lang);
    loop {
        terminal.draw(|frame| frame.render_widget(&prompt, frame.area()))?;
        if let TermEvent::Key(key) = next_event(lang)?
            && let Some(choice) = prompt.on_key(key)
        {
            return Ok(choice);
        }
    }
}

/// Ends an interrupted session's journal: a last line says it was interrupted.
pub fn close_interrupted(
    interrupted: &crate::store::resume::Interrupted,
    lang: Lang,
) -> Result<PathBuf, String> {
    let mut journal = reopen_unfinished(interrupted, lang)?;
    let time = jiff::Zoned::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string();
    journal.append(&journal::interrupted_end_line(interrupted.last_at, &time));
    let path = journal
        .finish()
        .map_err(|error| error.get(lang).to_owned())?;
    let lang = interrupted.language().unwrap_or(lang);
    write_summary(&path, lang)?;
    Ok(path)
}

/// Reopens an unfinished session's journal for this process (its lock taken), refusing one
/// that another process holds or one that ended since it was offered (closed from another
/// window meanwhile).
fn reopen_unfinished(
    interrupted: &crate::store::resume::Interrupted,
    lang: Lang,
) -> Result<Journal, String> {
    let journal = Journal::reopen(&interrupted.path).map_err(|error| error.get(lang).to_owned())?;
    if let Ok(None) = crate::store::resume::read(&interrupted.path) {
        let path = interrupted.path.display();
        return Err(crate::domain::lang::Bilingual::new(
            format!("{path}: this session was closed meanwhile, from another window"),
            format!("{path} : cette séance a été close entre-temps, depuis une autre fenêtre"),
        )
        .get(lang)
        .to_owned());
    }
    Ok(journal)
}

/// Shows the roles screen until the user confirms (`true`) or leaves (`false`).
pub fn choose_cast(
    terminal: &mut DefaultTerminal,
    screen: &mut RolesScreen,
    group: &str,
    lang: Lang,
) -> std::io::Result<bool> {
    loop {
        terminal.draw(|frame| {
            let view = RolesView {
                screen,
                group,
                lang,
            };
            frame.render_widget(view, frame.area())
        })?;
        if let TermEvent::Key(key) = next_event(lang)? {
            match screen.on_key(key) {
                None => {}
                Some(RolesOutcome::Confirm) => return Ok(true),
                Some(RolesOutcome::Quit) => return Ok(false),
            }
        }
    }
}

/// A full-screen list of methods; returns the index chosen and the people set for it (a
/// number, or names), or `None` when the user leaves.
pub fn pick(
    terminal: &mut DefaultTerminal,
    items: &[PickerItem],
    lang: Lang,
) -> std::io::Result<Option<(usize, crate::domain::plan::People)>> {
    let mut picker = Picker::new(items, lang);
    loop {
        terminal.draw(|frame| frame.render_widget(&picker, frame.area()))?;
        if let TermEvent::Key(key) = next_event(lang)? {
            match picker.on_key(key) {
                None => {}
                Some(PickerOutcome::Chosen(index)) => {
                    return Ok(Some((index, picker.people[index].clone())));
                }
                Some(PickerOutcome::Left) => return Ok(None),
            }
        }
    }
}

/// The next terminal event of a screen before the session; a signal (or a terminal that can no
/// longer be read) is an error, which gives the terminal back and ends the program.
fn next_event(lang: Lang) -> std::io::Result<TermEvent> {
    loop {
        match wakes::next(None) {
            Wake::Terminal(event) => return Ok(event),
            Wake::Signal | Wake::Closed => return Err(signal_error(lang)),
            Wake::Timeout | Wake::Notice(_) => {}
        }
    }
}
