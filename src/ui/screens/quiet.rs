//! The screen of a silence or writing step: calm, minutes only, a slow bar.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::method::StepKind;
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::words;

impl Screen<'_> {
    /// The screen of a silence or writing step.
    pub(crate) fn render_quiet(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let step = session.step();
        let calm = Style::new().fg(THEME.quiet);
        let header = Rect { height: 1, ..area };
        self.render_header(header, buf, Some(self.step_title()));
        let countdown = session.step_countdown(self.now);
        let kind_word = if step.kind == StepKind::Writing {
            words::WRITING
        } else {
            words::SILENCE
        };
        let left = crate::ui::view::format::quiet_time_left(countdown, lang);
        let name = step.name.get(lang);
        let mut lines =
            vec![Line::from(name.to_owned()).style(Style::new().add_modifier(Modifier::BOLD))];
        // The kind's word, unless it is the step's name itself ("Silence").
        if name.to_lowercase() != kind_word.get(lang).to_lowercase() {
            lines.push(Line::from(kind_word.get(lang)).style(calm));
        }
        lines.push(Line::from(""));
        // Every prompt and every rule: the group reads them in silence, so all are shown, calmly.
        for prompt in &step.prompts {
            lines.push(
                Line::from(prompt.get(lang).to_owned()).style(calm.add_modifier(Modifier::ITALIC)),
            );
        }
        if !step.rules.is_empty() {
            lines.push(Line::from(""));
            for rule in &step.rules {
                lines.push(Line::from(format!("· {}", rule.get(lang))).style(calm));
            }
        }
        lines.push(Line::from(""));
        lines.push(Line::from(left).style(calm));
        // Room for the text as it wraps, in the middle of the screen, above the bar.
        let width = usize::from(area.width.saturating_sub(2).max(1));
        let needed: usize = lines
            .iter()
            .map(|line| line.width().div_ceil(width).max(1))
            .sum();
        let room = area.height.saturating_sub(4);
        let text_height = (needed as u16).min(room);
        let top = area.y + 1 + (room - text_height) / 2;
        let text = Rect {
            x: area.x + 1,
            y: top,
            width: area.width.saturating_sub(2),
            height: text_height,
        };
        let bar = Rect {
            y: text.bottom() + 1,
            height: 1,
            ..area
        };
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(text, buf);
        // A slow, thin bar: it moves one cell at a time, nothing blinks.
        let width = bar.width / 2;
        let bar = Rect {
            x: bar.x + (bar.width - width) / 2,
            width,
            ..bar
        };
        let planned = session.planned()[session.step_index()];
        let fraction = crate::ui::view::format::done_fraction(countdown, planned);
        let filled = (width as f64 * fraction).floor() as u16;
        for x in 0..bar.width {
            let symbol = if x < filled { "▬" } else { "─" };
            buf[(bar.x + x, bar.y)].set_symbol(symbol).set_style(calm);
        }
        let footer_area = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let below = Rect {
            y: bar.bottom() + 1,
            height: footer_area.y.saturating_sub(bar.bottom() + 1),
            ..area
        };
        self.render_extras(below, buf);
        self.render_footer(footer_area, buf);
    }
}
