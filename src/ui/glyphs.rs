//! Screens that keep their meaning without colour, and on the Linux console.
//!
//! The display options are chosen once at start from the environment ([`Display::from_env`]) and
//! kept in the app state; [`adapt`] then finishes every drawn frame:
//!
//! - with `NO_COLOR` set (no-color.org), colours are taken out, banners keep their shape in
//!   reverse video, and a countdown in its last minute or in overtime is shown in reverse video
//!   with a label ("last minute" / « dernière minute », "overtime" / « dépassement ») besides the
//!   `+` of overtime;
//! - at a step's end the screen flashes once, in reverse video, for about a second
//!   ([`flash_until`]);
//! - with `TERM=linux`, every glyph the console's default font lacks (✓ ▶ ◂ ▸ ━ ╭ ’ …) is drawn
//!   with one it has ([`console_glyph`]).
//!
//! The theme's colours are among the 16 basic ones, so a 16-colour terminal tells calm, warning
//! and overtime apart.

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::domain::lang::Tr;
use crate::domain::session::{Countdown, Phase};
use crate::ui::app::App;
use crate::ui::theme::THEME;
use crate::ui::view::format::countdown_color;

/// How the terminal can show things, read once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Display {
    /// `NO_COLOR` is set: no colour at all.
    pub no_color: bool,
    /// `TERM=linux`: only the glyphs of the Linux console's default font.
    pub linux_console: bool,
}

impl Display {
    /// The options for the values of `NO_COLOR` and `TERM` (an empty `NO_COLOR` counts as unset).
    pub fn new(no_color: Option<&str>, term: Option<&str>) -> Display {
        Display {
            no_color: no_color.is_some_and(|value| !value.is_empty()),
            linux_console: term == Some("linux"),
        }
    }

    /// The options for this process's environment.
    pub fn from_env() -> Display {
        let no_color = std::env::var_os("NO_COLOR").map(|v| v.to_string_lossy().into_owned());
        let term = std::env::var_os("TERM").map(|v| v.to_string_lossy().into_owned());
        Display::new(no_color.as_deref(), term.as_deref())
    }
}

const LAST_MINUTE: Tr = Tr {
    en: "LAST MINUTE",
    fr: "DERNIÈRE MINUTE",
};
const OVERTIME: Tr = Tr {
    en: "OVERTIME",
    fr: "DÉPASSEMENT",
};

/// Whether the Linux console's default font draws `c`: ASCII, Latin-1, the blocks █ ▀ ▄ ▌ ▐ and
/// the shades ░ ▒ ▓, single and double box lines.
pub fn is_console_glyph(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}')
        || "█▀▄▌▐░▒▓".contains(c)
        || "─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬".contains(c)
}

/// The glyph drawn for `c` on the Linux console: itself when the font has it, else a near one.
pub fn console_glyph(c: char) -> char {
    if is_console_glyph(c) {
        return c;
    }
    match c {
        '✓' | '✔' => 'v',
        '▶' | '▸' | '►' | '→' | '›' => '>',
        '◀' | '◂' | '◄' | '←' | '‹' => '<',
        '↑' | '▲' | '▴' => '^',
        '↓' | '▼' | '▾' => 'v',
        '━' | '╌' | '┄' | '─' => '─',
        '┃' | '╎' | '┆' => '│',
        '╭' | '┏' => '┌',
        '╮' | '┓' => '┐',
        '╰' | '┗' => '└',
        '╯' | '┛' => '┘',
        '’' | '‘' | '′' => '\'',
        '“' | '”' | '″' => '"',
        '…' | '⋯' => '.',
        '–' | '—' | '−' => '-',
        '•' | '●' | '◆' | '∙' => '*',
        '○' | '◯' => 'o',
        '⚠' => '!',
        '×' => 'x',
        '▏' | '▎' | '▍' => '▌',
        '▕' | '▊' | '▋' | '▉' => '▐',
        '▁' | '▂' | '▃' => '▄',
        '▔' => '▀',
        '▅' | '▆' | '▇' => '█',
        _ => '?',
    }
}

/// The state of the countdown on screen, when it is in its last part or over.
fn alert(app: &App, now: Instant) -> Option<(Color, Tr)> {
    let session = &app.session;
    if session.phase() != Phase::Running || session.step_kind().is_quiet() {
        return None;
    }
    let (countdown, planned): (Countdown, Duration) = match session.turn_countdown(now) {
        Some(turn) => (
            turn,
            session.turns(session.step_index())[session.turn_index()?].duration,
        ),
        None => (
            session.step_countdown(now),
            session.planned_at(session.step_index()),
        ),
    };
    match countdown_color(countdown, planned) {
        color if color == THEME.overtime => Some((color, OVERTIME)),
        color if color == THEME.warning => Some((color, LAST_MINUTE)),
        _ => None,
    }
}

/// The colour of the countdown's alert on screen at `now` (last minute, overtime), if any.
pub(crate) fn alert_color(app: &App, now: Instant) -> Option<Color> {
    alert(app, now).map(|(color, _)| color)
}

/// Finishes a frame drawn in `area` for the display options of `app` at `now` (see the module's
/// documentation).
pub fn adapt(app: &App, now: Instant, area: Rect, buf: &mut Buffer) {
    // A step's end: the whole screen in reverse video, once, for about a second (any theme,
    // with or without colour).
    if app.end_flash.is_some_and(|until| now < until) {
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                buf[(x, y)].modifier.toggle(Modifier::REVERSED);
            }
        }
    }
    if app.display.no_color {
        without_colour(app, now, area, buf);
    }
    if app.display.no_color
        && let Some((_, label)) = alert(app, now)
    {
        let text = format!(" {} ", label.get(app.lang));
        let width = text.chars().count() as u16;
        // At the right end of the step's name row, which leaves it free.
        if area.width > width + 2 && area.height > 3 {
            let x = area.right() - width - 1;
            buf.set_string(
                x,
                area.top() + 2,
                &text,
                ratatui::style::Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            );
        }
    }
    if app.display.linux_console {
        console_glyphs(area, buf);
    }
}

/// Finishes the cells of `area`, one by one, for the display options of `app` at `now`: without
/// colour, colours become reverse video; on a Linux console, glyphs it lacks are replaced. A
/// part of the screen redrawn alone is finished with this (see [`crate::ui::view::TickPart`]).
pub(crate) fn adapt_cells(app: &App, now: Instant, area: Rect, buf: &mut Buffer) {
    if app.display.no_color {
        without_colour(app, now, area, buf);
    }
    if app.display.linux_console {
        console_glyphs(area, buf);
    }
}

/// Colours become reverse video: a coloured background, and the countdown's alert colour.
fn without_colour(app: &App, now: Instant, area: Rect, buf: &mut Buffer) {
    let alert = alert(app, now);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let coloured_bg = !matches!(cell.bg, Color::Reset);
            if coloured_bg || alert.is_some_and(|(color, _)| cell.fg == color) {
                cell.modifier.insert(Modifier::REVERSED);
            }
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        }
    }
}

/// The glyphs a Linux console lacks are replaced by ones it has.
fn console_glyphs(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if !cell.symbol().chars().all(is_console_glyph) {
                let symbol: String = cell.symbol().chars().map(console_glyph).collect();
                cell.set_symbol(&symbol);
            }
        }
    }
}

/// How long a step's end flashes the screen, in real time.
pub const FLASH: Duration = Duration::from_secs(1);

/// Until when a flash started at `now` lasts, on a session clock `speed` times faster; `None`
/// when `effects` hold no step's end. A step's end is one reached on time (not one left by a
/// key), or, in an automatic session, any step left for the next.
pub fn flash_until(
    effects: &crate::domain::session::Effects,
    auto: bool,
    now: Instant,
    speed: u32,
) -> Option<Instant> {
    use crate::domain::session::{Event, Signal};
    let reached = effects
        .signals
        .iter()
        .any(|signal| matches!(signal, Signal::StepEnd | Signal::QuietEnd));
    let moved_on = auto
        && effects
            .events
            .iter()
            .any(|event| matches!(event, Event::StepEnded { .. }));
    (reached || moved_on).then(|| now + FLASH * speed.max(1))
}
