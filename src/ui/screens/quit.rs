//! The quit dialog: "Quit the session?"

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::domain::lang::Lang;
use crate::domain::method::Record;
use crate::ui::view::format::centered;
use crate::ui::view::words;

/// The dialog asking whether to quit, drawn over the middle of the screen.
pub struct QuitDialog {
    /// The language to ask in.
    pub lang: Lang,
    /// What the session's log keeps: the dialog says what quitting leaves.
    pub record: Record,
}

impl Widget for QuitDialog {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let kept = match self.record {
            Record::All => words::QUIT_KEEPS_ALL,
            Record::Timings => words::QUIT_KEEPS_TIMINGS,
            Record::None => words::QUIT_KEEPS_NOTHING,
        };
        let body = vec![
            ratatui::text::Line::from(kept.get(lang)),
            ratatui::text::Line::from(""),
            ratatui::text::Line::from(words::QUIT_KEYS.get(lang)),
        ];
        let popup = centered(area, 60, 7);
        // A blank margin around the box, so that no digit of the big clock touches its border.
        Clear.render(crate::ui::view::format::with_margin(popup, area), buf);
        Paragraph::new(body)
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
