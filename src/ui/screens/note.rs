//! The note field: the text being typed, in a bordered box above the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::domain::method::Clock;
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::words;

impl Screen<'_> {
    pub(crate) fn render_input(
        &self,
        open: &crate::ui::app::OpenInput,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let lang = self.app.lang;
        let step_name = self.app.session.step_name(open.step, lang);
        let title = match &open.purpose {
            crate::ui::app::Purpose::Note => format!(
                " {} · {} · {} ",
                words::NOTE.get(lang),
                step_name,
                Clock(open.opened_at)
            ),
            crate::ui::app::Purpose::Capture(key) => {
                format!(" {} ", crate::domain::method::capture_label(key, lang))
            }
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(THEME.calm))
            .title(title)
            .title_bottom(Line::from(format!(" {} ", words::INPUT_KEYS.get(lang))).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let (line, column) = open.field.cursor_position();
        // Keep the cursor's line in view.
        let scroll = (line as u16).saturating_sub(inner.height.saturating_sub(1));
        Paragraph::new(open.field.text().to_owned())
            .scroll((scroll, 0))
            .render(inner, buf);
        let cursor = (
            inner.x + (column as u16).min(inner.width.saturating_sub(1)),
            inner.y + line as u16 - scroll,
        );
        if inner.contains(cursor.into()) {
            buf[cursor].set_style(Style::new().add_modifier(Modifier::REVERSED));
        }
    }
}
