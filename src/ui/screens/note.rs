//! The note field: the text being typed, in a bordered box above the footer, long lines wrapped
//! so that the end of what is typed is always in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};

use crate::domain::lang::Lang;
use crate::domain::method::{Clock, capture_label};
use crate::ui::app::{OpenInput, Purpose};
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::words;

/// An open text field (a note or a capture), with its title and keys.
pub struct NoteField<'a> {
    /// The field and what it is for.
    pub open: &'a OpenInput,
    /// The name of the step it belongs to.
    pub step_name: String,
    /// The language of its title and keys.
    pub lang: Lang,
}

impl Widget for NoteField<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let title = match &self.open.purpose {
            Purpose::Note => format!(
                " {} · {} · {} ",
                words::NOTE.get(lang),
                self.step_name,
                Clock(self.open.opened_at)
            ),
            Purpose::Capture(key) => format!(" {} ", capture_label(key, lang)),
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(THEME.calm))
            .title(title)
            .title_bottom(Line::from(format!(" {} ", words::INPUT_KEYS.get(lang))).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        self.open.field.render(inner, buf);
    }
}

impl Screen<'_> {
    /// The open text field, drawn as a [`NoteField`].
    pub(crate) fn render_input(&self, open: &OpenInput, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        NoteField {
            open,
            step_name: self.app.session.step_name(open.step, lang),
            lang,
        }
        .render(area, buf);
    }
}
