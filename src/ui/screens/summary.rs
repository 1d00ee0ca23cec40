//! The screen after the session: planned against actual time for each step.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::domain::method::Clock;
use crate::ui::keymap::{self, Action};
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::format::signed;
use crate::ui::view::words;

impl Screen<'_> {
    /// The screen after the session.
    pub(crate) fn render_summary(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let title = if session.completed() {
            words::OVER
        } else {
            words::STOPPED
        };
        let [header, _, table, _, notice, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf, Some(title.get(lang).to_owned()));
        let records = session.records(self.now);
        let names: Vec<String> = (0..session.step_count())
            .map(|position| session.step_name(position, lang))
            .collect();
        let name_width = names
            .iter()
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(10)
            .min(40);
        let mut lines = vec![
            Line::from(format!(
                "   {:<name_width$}  {:>8}  {:>8}  {:>8}",
                "",
                words::PLANNED.get(lang),
                words::ACTUAL.get(lang),
                "±"
            ))
            .style(Style::new().fg(THEME.dim)),
        ];
        let (mut planned_total, mut actual_total) = (Duration::ZERO, Duration::ZERO);
        for (index, (name, record)) in names.iter().zip(&records).enumerate() {
            planned_total += record.planned;
            actual_total += record.actual;
            let name: String = name.chars().take(name_width).collect();
            let (actual, diff, style) = if record.visited {
                let over = record.actual.as_secs() > record.planned.as_secs();
                let diff = signed(record.actual, record.planned);
                let style = if over {
                    Style::new().fg(THEME.overtime).add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                (Clock(record.actual).to_string(), diff, style)
            } else {
                (
                    words::SKIPPED.get(lang).to_owned(),
                    String::new(),
                    Style::new().fg(THEME.dim),
                )
            };
            lines.push(
                Line::from(format!(
                    "{:>2} {name:<name_width$}  {:>8}  {actual:>8}  {diff:>8}",
                    index + 1,
                    Clock(record.planned).to_string()
                ))
                .style(style),
            );
        }
        lines.push(Line::from(""));
        let over = actual_total > planned_total;
        lines.push(
            Line::from(format!(
                "   {:<name_width$}  {:>8}  {:>8}  {:>8}",
                words::TOTAL.get(lang),
                Clock(planned_total).to_string(),
                Clock(actual_total).to_string(),
                signed(actual_total, planned_total)
            ))
            .style(Style::new().add_modifier(Modifier::BOLD).fg(if over {
                THEME.overtime
            } else {
                THEME.text
            })),
        );
        Paragraph::new(lines).render(
            Rect {
                x: table.x + 1,
                width: table.width.saturating_sub(2),
                ..table
            },
            buf,
        );
        if let Some(text) = &app.notice {
            Paragraph::new(format!(" {text}"))
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.dim))
                .render(notice, buf);
        }
        let quit = keymap::binding(Action::Quit);
        let footer_label = quit.footer.map_or(quit.help, |item| item.label);
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {} ", quit.keys.get(lang)),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            Span::styled(
                format!(" {}", footer_label.get(lang)),
                Style::new().fg(THEME.dim),
            ),
        ]))
        .render(footer, buf);
    }
}
