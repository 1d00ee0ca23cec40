//! The help overlay: every key of the key map and what it does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use crate::domain::lang::Lang;
use crate::ui::keymap::{KEY_MAP, help_line};
use crate::ui::view::format::centered;
use crate::ui::view::words;

/// The list of keys, drawn over the middle of the screen.
pub struct HelpOverlay {
    /// The language to list them in.
    pub lang: Lang,
}

impl Widget for HelpOverlay {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
        let lines: Vec<Line> = KEY_MAP
            .iter()
            .map(|binding| {
                let (keys, help) = help_line(binding, lang);
                Line::from(vec![
                    Span::styled(keys, Style::new().add_modifier(Modifier::BOLD)),
                    Span::raw(help),
                ])
            })
            .collect();
        // At least 76 columns, and wide enough for the longest line (French ones are longer).
        let longest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let popup = centered(
            area,
            longest.saturating_add(2).max(76),
            KEY_MAP.len() as u16 + 4,
        );
        // A blank margin around the box, so that no digit of the big clock touches its border.
        Clear.render(crate::ui::view::format::with_margin(popup, area), buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .title(format!(" {} ", words::HELP_TITLE.get(lang)))
                    .title_bottom(
                        Line::from(format!(" {} ", words::HELP_CLOSE.get(lang))).right_aligned(),
                    ),
            )
            .render(popup, buf);
    }
}
