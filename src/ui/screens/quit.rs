//! The quit dialog: "Quit the session?"

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::domain::lang::Lang;
use crate::ui::view::format::centered;
use crate::ui::view::words;

/// The dialog asking whether to quit, drawn over the middle of the screen.
pub struct QuitDialog {
    /// The language to ask in.
    pub lang: Lang,
}

impl Widget for QuitDialog {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let popup = centered(area, 56, 5);
        Clear.render(popup, buf);
        Paragraph::new(words::QUIT_BODY.get(lang))
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center)
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .title(format!(" {} ", words::QUIT_TITLE.get(lang))),
            )
            .render(popup, buf);
    }
}
