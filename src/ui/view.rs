//! What the runner draws during a session: a pure function of the [`App`] and `now`. Nothing
//! here reads the clock or writes to the terminal. Each screen is in its own file under
//! [`crate::ui::screens`]; the regions they share are in [`regions`].

pub mod big_clock;
pub mod big_text;
pub(crate) mod format;
mod redraw;
pub(crate) mod regions;
pub(crate) mod words;

use std::time::Instant;

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
            Phase::Ready => self.render_start(area, buf),
            Phase::Running if app.session.step_kind().is_quiet() && room => {
                self.render_room_quiet(area, buf)
            }
            Phase::Running if app.session.step_kind().is_quiet() => self.render_quiet(area, buf),
            Phase::Running if room => self.render_room_step(area, buf),
            Phase::Running => self.render_step(area, buf),
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
