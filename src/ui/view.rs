//! What the runner draws during a session: a pure function of the [`App`] and `now`. Nothing
//! here reads the clock or writes to the terminal. Each screen is in its own file under
//! [`crate::ui::screens`]; the regions they share are in [`regions`].

pub mod big_clock;
pub mod big_text;
pub(crate) mod format;
mod redraw;
pub(crate) mod regions;
pub(crate) mod words;

use std::cell::RefCell;
use std::time::Instant;

use big_clock::BigClock;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::lang::Lang;
use crate::domain::session::Phase;
use crate::ui::app::{App, Overlay};
use crate::ui::screens::roles::RolesView;
use crate::ui::screens::{help, quit};

pub use crate::ui::screens::room::LayoutMode;
pub use format::{clock_text, colon};
pub use redraw::next_redraw;

/// The smallest window the runner draws in; below it, a message asks for a larger one.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The runner's screen at one instant, in the layout `app.layout` gives the area (see
/// [`LayoutMode`]), without the operator's parts when `app.audience` is set.
pub struct Screen<'a> {
    /// What to show.
    pub app: &'a App,
    /// The instant shown.
    pub now: Instant,
    /// Where a drawing notes the parts of the screen that change with time alone, when asked.
    parts: Option<&'a RefCell<Vec<TickPart>>>,
}

/// A region of a drawn screen whose cells depend on the time alone (a countdown, its bar, the
/// header's time left): while nothing else changes, the next frames redraw these regions only.
pub struct TickPart {
    /// Where it is.
    area: Rect,
    /// What was under it before it was drawn (the background of the screen).
    base: Buffer,
    /// How it is drawn.
    draw: PartDraw,
}

/// How a [`TickPart`] is drawn.
enum PartDraw {
    /// By a function of the screen.
    Drawn(fn(&Screen<'_>, Rect, &mut Buffer)),
    /// As a big clock showing what `face` gives; `shown` is what it shows on screen.
    Clock {
        face: fn(&Screen<'_>) -> ClockFace,
        shown: ClockFace,
    },
}

/// What a big clock shows: its reading and its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClockFace {
    /// The reading, such as `12:34`.
    pub(crate) text: String,
    /// The style of every cell of the clock.
    pub(crate) style: Style,
}

/// What a frame's ticking parts assume of the rest of the screen: two frames with the same key
/// differ only inside their [`TickPart`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickKey {
    area: Rect,
    /// The countdown's alert (last minute, overtime): it marks the screen outside the parts
    /// too when there is no colour.
    alert: Option<ratatui::style::Color>,
}

impl<'a> Screen<'a> {
    /// The screen of `app` at `now`.
    #[must_use]
    pub fn new(app: &'a App, now: Instant) -> Screen<'a> {
        Screen {
            app,
            now,
            parts: None,
        }
    }

    /// The screen of `app` at `now`, noting into `parts` the regions that change with time
    /// alone as it is drawn.
    #[must_use]
    pub fn noting_parts(app: &'a App, now: Instant, parts: &'a RefCell<Vec<TickPart>>) -> Self {
        Screen {
            app,
            now,
            parts: Some(parts),
        }
    }

    /// Draws a region that changes with time alone, and notes it when asked.
    pub(crate) fn ticking(
        &self,
        area: Rect,
        buf: &mut Buffer,
        draw: fn(&Screen<'_>, Rect, &mut Buffer),
    ) {
        let area = area.intersection(buf.area);
        self.note_part(area, buf, PartDraw::Drawn(draw));
        draw(self, area, buf);
    }

    /// Draws a big clock showing what `face` gives, and notes it when asked: its next seconds
    /// redraw only the cells of the digits that change.
    pub(crate) fn ticking_clock(
        &self,
        area: Rect,
        buf: &mut Buffer,
        face: fn(&Screen<'_>) -> ClockFace,
    ) {
        let area = area.intersection(buf.area);
        let shown = face(self);
        self.note_part(
            area,
            buf,
            PartDraw::Clock {
                face,
                shown: shown.clone(),
            },
        );
        BigClock::new(&shown.text)
            .style(shown.style)
            .render(area, buf);
    }

    /// Notes a part about to be drawn in `area` over what `buf` holds there, when asked.
    fn note_part(&self, area: Rect, buf: &Buffer, draw: PartDraw) {
        if let Some(parts) = self.parts {
            let mut base = Buffer::empty(area);
            for position in area.positions() {
                base[position].clone_from(&buf[position]);
            }
            parts.borrow_mut().push(TickPart { area, base, draw });
        }
    }

    /// Draws `part` whole as it is at this screen's instant, finished as a whole frame would
    /// be, into `piece` (a buffer of the part's area); `full` is the whole screen's area.
    pub fn draw_part(&self, part: &mut TickPart, full: Rect, piece: &mut Buffer) {
        // Into the piece's own memory: a tick allocates nothing once the first has run.
        piece.area = part.base.area;
        piece.content.clone_from(&part.base.content);
        match &mut part.draw {
            PartDraw::Drawn(draw) => draw(self, part.area, piece),
            PartDraw::Clock { face, shown } => {
                *shown = face(self);
                BigClock::new(&shown.text)
                    .style(shown.style)
                    .render(part.area, piece);
            }
        }
        self.finish_part(part.area, full, piece);
    }

    /// The cells of a big clock `part` whose symbol changes at this screen's instant, when its
    /// style and the places of its digits stay the same (then the part now shows this instant's
    /// reading); `None` when the part must be drawn whole ([`Screen::draw_part`]).
    pub fn changed_digits(
        &self,
        part: &mut TickPart,
        changes: &mut Vec<(u16, u16, &'static str)>,
    ) -> Option<()> {
        let PartDraw::Clock { face, shown } = &mut part.draw else {
            return None;
        };
        let now_shown = face(self);
        if now_shown.style != shown.style {
            return None;
        }
        changes.clear();
        big_clock::changed_cells(&shown.text, &now_shown.text, part.area, changes)?;
        *shown = now_shown;
        Some(())
    }

    /// Finishes a part drawn alone as the whole frame is finished: the projector's colours, and
    /// the display's (no colour, a Linux console's glyphs).
    fn finish_part(&self, area: Rect, full: Rect, piece: &mut Buffer) {
        if self.app.layout.is_room(full) {
            crate::ui::screens::room::recolor(area, piece);
        }
        crate::ui::glyphs::adapt_cells(self.app, self.now, area, piece);
    }
}

impl TickPart {
    /// Where the part is on the screen.
    #[must_use]
    pub fn area(&self) -> Rect {
        self.area
    }
}

/// The key of a frame of `app` at `now` in `area`, when its parts may be redrawn alone at a
/// later instant of the same key: a running, unpaused talk or round step, with no dialog, roles
/// screen or flash over it.
#[must_use]
pub fn tick_key(app: &App, now: Instant, area: Rect) -> Option<TickKey> {
    let session = &app.session;
    let quiet_frame = app.overlay == Overlay::None
        && app.roles.is_none()
        && app.end_flash.is_none_or(|until| now >= until)
        && session.phase() == Phase::Running
        && !session.is_paused();
    quiet_frame.then(|| TickKey {
        area,
        alert: crate::ui::glyphs::alert_color(app, now),
    })
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            render_too_small(app.lang, area, buf);
            return;
        }
        let room = app.layout.is_room(area);
        match app.session.phase() {
            Phase::Ready if room => self.render_room_start(area, buf),
            Phase::Ready => self.render_start(area, buf),
            Phase::Running if app.session.step_kind().is_quiet() && room => {
                self.render_room_quiet(area, buf)
            }
            Phase::Running if app.session.step_kind().is_quiet() => self.render_quiet(area, buf),
            Phase::Running if room => self.render_room_step(area, buf),
            Phase::Running => self.render_step(area, buf),
            Phase::Finished if room => self.render_room_summary(area, buf),
            Phase::Finished => self.render_summary(area, buf),
        }
        // A one-off notice (no audio player: the bell instead) on the start screen's empty row.
        if let (Phase::Ready, Some(flash)) = (app.session.phase(), &app.flash) {
            Line::from(format!(" {flash}"))
                .style(Style::new().fg(crate::ui::theme::THEME.warning))
                .render(
                    Rect {
                        y: area.y + 1,
                        height: 1,
                        ..area
                    },
                    buf,
                );
        }
        // The audience's view shows nothing of the operator's.
        match app.overlay {
            _ if app.audience => {}
            Overlay::None => {}
            Overlay::Help => help::HelpOverlay { lang: app.lang }.render(area, buf),
            Overlay::ConfirmQuit => quit::QuitDialog {
                lang: app.lang,
                record: app.record,
            }
            .render(area, buf),
        }
        if let Some(screen) = &app.roles {
            ratatui::widgets::Clear.render(area, buf);
            // The clock keeps running: the header says how long the step has left.
            let title = format!(
                "{}  ·  {}",
                app.session.step_name(app.session.step_index(), app.lang),
                clock_text(app.session.step_countdown(self.now))
            );
            RolesView {
                screen,
                group: &title,
                lang: app.lang,
            }
            .render(area, buf);
        }
        if room {
            crate::ui::screens::room::recolor(area, buf);
        }
        crate::ui::glyphs::adapt(app, self.now, area, buf);
    }
}

fn render_too_small(lang: Lang, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(words::TOO_SMALL.get(lang)).style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from(format!(
            "{}×{} < {}×{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
    ];
    let [middle] = Layout::vertical([Constraint::Length(2)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}
