//! Puts the session's frames on the terminal. A frame after a change of state is drawn whole
//! and compared with the one on screen; a frame after time alone has passed redraws only the
//! regions that change with time (the countdown, its bar, the header's time left: the view's
//! [`TickPart`]s), so a second of countdown costs about the cells of its digits, whatever the
//! size of the window, instead of a whole frame built and compared cell by cell.
//!
//! Both ways end with the same cells on screen: the view's tests draw a frame whole at one
//! instant and by its parts from an earlier frame, and compare them.

use std::cell::RefCell;
use std::io::{BufWriter, Stdout};
use std::time::Instant;

use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::ui::app::App;
use crate::ui::view::{Screen, TickKey, TickPart, tick_key};

/// The terminal as a painter writes to it: standard output through a buffer that holds a whole
/// frame, so that each frame reaches the terminal in one write (standard output's own buffer
/// would cut a second of a projector's countdown into several).
pub type ScreenOut = CrosstermBackend<BufWriter<Stdout>>;

/// The full-screen `terminal`, for a painter (see [`ScreenOut`]). Its cursor is hidden through
/// ratatui, which shows it again when the terminal is given back.
pub fn screen_out(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<ScreenOut> {
    terminal.hide_cursor()?;
    Ok(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    )))
}

/// What is on the terminal, and how the next frame may be drawn.
#[derive(Default)]
pub struct Painter {
    shown: Option<Shown>,
}

/// The last frame put on the terminal.
struct Shown {
    /// Every cell on screen.
    buffer: Buffer,
    /// Its regions that change with time alone.
    parts: Vec<TickPart>,
    /// What those regions assume of the rest; `None` when they may not be redrawn alone.
    key: Option<TickKey>,
}

/// How a frame was put on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawn {
    /// Built whole and compared with the screen.
    Whole,
    /// Only the regions that change with time were built again.
    Parts,
}

impl Painter {
    /// A painter that knows nothing of the screen: its first frame clears it.
    #[must_use]
    pub fn new() -> Painter {
        Painter::default()
    }

    /// Forgets what is on screen (something else drew on it): the next frame clears it.
    pub fn forget(&mut self) {
        self.shown = None;
    }

    /// The area to draw the next frame in: the last frame's when only time passed since (a
    /// resize is an event, after which the frame is drawn whole), else the terminal's size as
    /// the terminal tells it (which costs opening the terminal, on Unix).
    pub fn next_area<B: Backend>(
        &self,
        backend: &B,
        only_time_passed: bool,
    ) -> Result<Rect, B::Error> {
        match &self.shown {
            Some(shown) if only_time_passed => Ok(shown.buffer.area),
            _ => {
                let size = backend.size()?;
                Ok(Rect::new(0, 0, size.width, size.height))
            }
        }
    }

    /// The cells on screen, as this painter put them.
    #[must_use]
    pub fn shown(&self) -> Option<&Buffer> {
        self.shown.as_ref().map(|shown| &shown.buffer)
    }

    /// Draws the session of `app` at `now` on a terminal of `area`. When `only_time_passed` (no
    /// key, no change of state since the last frame) and the last frame's key still holds (same
    /// area among others), only its ticking parts are drawn again; otherwise the frame is drawn
    /// whole.
    pub fn draw_session<B: Backend>(
        &mut self,
        backend: &mut B,
        area: Rect,
        app: &App,
        now: Instant,
        only_time_passed: bool,
    ) -> Result<Drawn, B::Error> {
        let screen = Screen::new(app, now);
        if only_time_passed && self.draw_parts(backend, area, &screen)? {
            return Ok(Drawn::Parts);
        }
        let parts = RefCell::new(Vec::new());
        let mut next = Buffer::empty(area);
        Screen::noting_parts(app, now, &parts).render(area, &mut next);
        let key = tick_key(app, now, area);
        self.put_whole(backend, next, parts.into_inner(), key)?;
        Ok(Drawn::Whole)
    }

    /// Draws a whole frame of `area` that `render` fills (a screen with no ticking parts).
    pub fn draw_whole<B: Backend>(
        &mut self,
        backend: &mut B,
        area: Rect,
        render: impl FnOnce(Rect, &mut Buffer),
    ) -> Result<(), B::Error> {
        let mut next = Buffer::empty(area);
        render(area, &mut next);
        self.put_whole(backend, next, Vec::new(), None)
    }

    /// Sends the cells of `next` that differ from the screen (all of them after a resize).
    fn put_whole<B: Backend>(
        &mut self,
        backend: &mut B,
        next: Buffer,
        parts: Vec<TickPart>,
        key: Option<TickKey>,
    ) -> Result<(), B::Error> {
        match &self.shown {
            Some(shown) if shown.buffer.area == next.area => {
                backend.draw(shown.buffer.diff(&next).into_iter())?;
            }
            _ => {
                backend.clear()?;
                backend.draw(Buffer::empty(next.area).diff(&next).into_iter())?;
            }
        }
        backend.hide_cursor()?;
        Backend::flush(backend)?;
        self.shown = Some(Shown {
            buffer: next,
            parts,
            key,
        });
        Ok(())
    }

    /// Draws the last frame's ticking parts again as they are at the screen's instant, when its
    /// key still holds; says whether it did.
    fn draw_parts<B: Backend>(
        &mut self,
        backend: &mut B,
        area: Rect,
        screen: &Screen,
    ) -> Result<bool, B::Error> {
        let Some(shown) = self.shown.as_mut() else {
            return Ok(false);
        };
        if shown.parts.is_empty()
            || shown.key.is_none()
            || shown.key != tick_key(screen.app, screen.now, area)
        {
            return Ok(false);
        }
        let mut piece = Buffer::empty(Rect::default());
        let mut before = Buffer::empty(Rect::default());
        let mut digits = Vec::new();
        // Every changed cell of every part, sent at once: one run of escape sequences.
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for part in &mut shown.parts {
            // A big clock whose digits keep their places and style: only the cells of the
            // digits that changed get their new symbol (half blocks, which every display has).
            if screen.changed_digits(part, &mut digits).is_some() {
                for &(x, y, symbol) in &digits {
                    let cell = &mut shown.buffer[(x, y)];
                    cell.set_symbol(symbol);
                    cells.push((x, y, cell.clone()));
                }
                continue;
            }
            screen.draw_part(part, area, &mut piece);
            take_changes(&mut shown.buffer, &piece, &mut before, &mut cells);
        }
        // The terminal gets them by row, then column, as a whole frame's comparison gives them.
        if !cells.is_sorted_by_key(|(x, y, _)| (*y, *x)) {
            cells.sort_by_key(|(x, y, _)| (*y, *x));
        }
        backend.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
        Backend::flush(backend)?;
        Ok(true)
    }
}

/// Adds to `changes` the cells of `piece` to send over what `screen` shows in the same place
/// (ratatui's own comparison of two frames, wide characters included), and puts them on
/// `screen`; `before` is room for a copy of what was there.
fn take_changes(
    screen: &mut Buffer,
    piece: &Buffer,
    before: &mut Buffer,
    changes: &mut Vec<(u16, u16, Cell)>,
) {
    let area = piece.area;
    // Rows are whole slices of the screen when the part is as wide as the screen, which the
    // ticking parts are; a narrower one is copied cell by cell.
    let rows =
        screen.index_of(area.x, area.y)..screen.index_of(area.x, area.y) + piece.content.len();
    let whole_rows = area.x == screen.area.x && area.width == screen.area.width;
    before.resize(area);
    if whole_rows {
        before
            .content
            .clone_from_slice(&screen.content[rows.clone()]);
    } else {
        for position in area.positions() {
            before[position].clone_from(&screen[position]);
        }
    }
    changes.extend(
        before
            .diff_iter(piece)
            .map(|(x, y, cell)| (x, y, cell.clone())),
    );
    if whole_rows {
        for (shown, drawn) in screen.content[rows].iter_mut().zip(&piece.content) {
            if shown != drawn {
                shown.clone_from(drawn);
            }
        }
    } else {
        for position in area.positions() {
            screen[position].clone_from(&piece[position]);
        }
    }
}
