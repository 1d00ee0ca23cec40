//! The projector's screen after the session, read from the back of the room: "Session over" (or
//! stopped) in large letters; each step with its planned and actual time and the difference,
//! steps over their time in the overtime colour, skipped steps said so; the total. For the
//! operator alone, where the journal was saved and one discreet line saying how to leave.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::domain::method::Clock;
use crate::ui::keymap::{self, Action};
use crate::ui::screens::room::ROOM_MIN_ROWS;
use crate::ui::screens::room_parts::{BigTable, Part, TableRow, fit_parts, plain_ways, text_ways};
use crate::ui::screens::room_start::{HINT_SEPARATOR, one_line};
use crate::ui::theme::ROOM_THEME;
use crate::ui::view::Screen;
use crate::ui::view::big_text::{Letters, fits};
use crate::ui::view::format::{colon, signed};
use crate::ui::view::words;

/// The widest plain paragraphs are set, in columns.
const TEXT_WIDTH: u16 = 120;

impl Screen<'_> {
    /// The projector's screen after the session.
    pub(crate) fn render_room_summary(&self, area: Rect, buf: &mut Buffer) {
        let theme = &ROOM_THEME;
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let tall = area.height >= ROOM_MIN_ROWS;
        let width = area.width.saturating_sub(4);
        let strong = Style::new().add_modifier(Modifier::BOLD);
        let operator = !app.audience;
        let (title, title_color) = if session.completed() {
            (words::OVER, theme.done)
        } else {
            (words::STOPPED, theme.warning)
        };
        let [header, body, hint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(u16::from(operator)),
        ])
        .areas(area);
        self.render_header(header, buf, Some(title.get(lang).to_owned()));

        let large = [Letters::Full, Letters::Square, Letters::Narrow];
        let mut parts = vec![
            Part::new(
                text_ways(
                    fits(&title.get(lang).to_uppercase(), &large, width, 2, 2),
                    strong.fg(title_color),
                ),
                1,
            ),
            Part::new(
                self.summary_table()
                    .ways(&[Letters::Square, Letters::Narrow], width),
                2,
            ),
        ];
        let notice = app.notice.as_ref().filter(|_| operator).map(|notice| {
            parts.push(Part::new(
                plain_ways(
                    notice,
                    width.min(TEXT_WIDTH),
                    3,
                    Style::new().fg(theme.dim),
                    true,
                ),
                0,
            ));
            parts.len() - 1
        });
        let gap = u16::from(tall);
        // The title, the table and the notice, with gaps between them.
        let mut rows: Vec<(Option<usize>, u16)> =
            vec![(None, 1), (Some(0), 0), (None, gap), (Some(1), 0)];
        if let Some(index) = notice {
            rows.push((None, gap));
            rows.push((Some(index), 0));
        }
        let fixed: u16 = rows.iter().map(|(_, height)| height).sum();
        fit_parts(&mut parts, body.height.saturating_sub(fixed));
        let constraints: Vec<Constraint> = rows
            .iter()
            .map(|(part, height)| {
                Constraint::Length(part.map_or(*height, |index| parts[index].height()))
            })
            .collect();
        let areas = Layout::vertical(constraints).flex(Flex::Center).split(body);
        for ((part, _), place) in rows.iter().zip(areas.iter()) {
            if let Some(index) = part {
                let inner = Rect {
                    x: place.x + 2.min(place.width),
                    width: place.width.saturating_sub(4),
                    ..*place
                };
                parts[*index].render(inner, buf);
            }
        }
        if operator {
            let quit = keymap::binding(Action::Quit);
            let label = quit.footer.map_or(quit.help, |item| item.label);
            let quit = format!("{}{}{}", quit.keys.get(lang), colon(lang), label.get(lang));
            let mut said = vec![quit.as_str(), words::ALL_KEYS.get(lang)];
            if said.join(HINT_SEPARATOR).width() > usize::from(hint.width) {
                said.pop();
            }
            Paragraph::new(one_line(&said.join(HINT_SEPARATOR), hint.width))
                .alignment(Alignment::Center)
                .style(Style::new().fg(theme.dim))
                .render(hint, buf);
        }
    }

    /// Each step's planned and actual time and the difference, then the total.
    fn summary_table(&self) -> BigTable {
        let theme = &ROOM_THEME;
        let lang = self.app.lang;
        let session = &self.app.session;
        let strong = Style::new().add_modifier(Modifier::BOLD);
        let records = session.records(self.now);
        let (mut planned_total, mut actual_total) = (Duration::ZERO, Duration::ZERO);
        let mut rows = Vec::new();
        for (index, record) in records.iter().enumerate() {
            planned_total += record.planned;
            actual_total += record.actual;
            let (actual, diff, style) = if record.visited {
                let over = record.actual.as_secs() > record.planned.as_secs();
                let color = if over { theme.overtime } else { theme.text };
                (
                    Clock(record.actual).to_string(),
                    signed(record.actual, record.planned),
                    strong.fg(color),
                )
            } else {
                (
                    words::SKIPPED.get(lang).to_owned(),
                    String::new(),
                    strong.fg(theme.dim),
                )
            };
            rows.push(TableRow {
                cells: vec![
                    (index + 1).to_string(),
                    session.step_name(index, lang),
                    Clock(record.planned).to_string(),
                    actual,
                    diff,
                ],
                style,
                gap_before: false,
            });
        }
        let over = actual_total > planned_total;
        rows.push(TableRow {
            cells: vec![
                String::new(),
                words::TOTAL.get(lang).to_owned(),
                Clock(planned_total).to_string(),
                Clock(actual_total).to_string(),
                signed(actual_total, planned_total),
            ],
            style: strong.fg(if over { theme.overtime } else { theme.text }),
            gap_before: true,
        });
        let labels = vec![
            String::new(),
            String::new(),
            words::PLANNED.get(lang).to_owned(),
            words::ACTUAL.get(lang).to_owned(),
            "±".to_owned(),
        ];
        BigTable {
            columns: vec![
                Alignment::Right,
                Alignment::Left,
                Alignment::Right,
                Alignment::Right,
                Alignment::Right,
            ],
            labels: Some((labels, strong.fg(theme.dim))),
            rows,
            elastic: 1,
            keep_last: 1,
        }
    }
}
