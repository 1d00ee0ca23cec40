//! The screen before the start: people and roles, agenda, totals, when it would end.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::domain::method::Clock;
use crate::domain::plan::short_turns;
use crate::ui::screens::names::{NAMES_HEIGHT, NamesView};
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::format::follow_up_line;
use crate::ui::view::words;

impl Screen<'_> {
    /// The header's words before the start: "Ready", and whether a facilitator is needed.
    pub(crate) fn ready_title(&self) -> String {
        let lang = self.app.lang;
        match self.app.session.method().facilitation {
            crate::domain::method::Facilitation::SelfManaged => words::READY.get(lang).to_owned(),
            crate::domain::method::Facilitation::Recommended => format!(
                "{}  ·  {}",
                words::READY.get(lang),
                words::FACILITATOR_RECOMMENDED.get(lang)
            ),
            crate::domain::method::Facilitation::Required => format!(
                "{}  ·  {}",
                words::READY.get(lang),
                words::FACILITATOR_REQUIRED.get(lang)
            ),
        }
    }

    /// The screen before the start.
    pub(crate) fn render_start(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let method = session.method();
        let cast = session.cast();
        let follow_up_height = if app.follow_up.is_some() { 2 } else { 0 };
        // Rounds whose turns are too short to speak in, as `show` warns, for this cast.
        let short: Vec<Line> = short_turns(method, session.timetable())
            .iter()
            .map(|short| Line::from(format!("⚠ {}", words::short_turns(short, lang))))
            .collect();
        let names_height = if app.names.is_some() && !app.audience {
            NAMES_HEIGHT
        } else {
            0
        };
        let wrap_width = usize::from(area.width.saturating_sub(2).max(1));
        let short_height = short
            .iter()
            .map(|line| line.width().div_ceil(wrap_width).max(1) as u16)
            .sum::<u16>()
            .min(area.height / 4);
        let [
            header,
            _,
            summary,
            _,
            columns,
            warnings,
            names,
            follow_up,
            totals,
            start,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(short_height),
            Constraint::Length(names_height),
            Constraint::Length(follow_up_height),
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(short)
            .wrap(Wrap { trim: true })
            .style(Style::new().fg(THEME.warning).add_modifier(Modifier::BOLD))
            .render(
                Rect {
                    x: warnings.x + 1,
                    width: warnings.width.saturating_sub(2),
                    ..warnings
                },
                buf,
            );
        let ready = self.ready_title();
        self.render_header(header, buf, Some(ready));
        if let Some(text) = &method.summary {
            Paragraph::new(text.get(lang).to_owned())
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.dim))
                .render(
                    Rect {
                        x: summary.x + 1,
                        width: summary.width.saturating_sub(2),
                        ..summary
                    },
                    buf,
                );
        }
        let [people_area, agenda_area] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(columns);
        let mut people: Vec<Line> = (0..cast.people.len())
            .map(|index| {
                let roles = cast.role_names(method, index, lang);
                let label = cast.label(method, index, lang);
                if cast.people[index].name.is_some() {
                    Line::from(vec![
                        Span::styled(label, Style::new().add_modifier(Modifier::BOLD)),
                        Span::styled(format!("  {roles}"), Style::new().fg(THEME.dim)),
                    ])
                } else {
                    Line::from(label)
                }
            })
            .collect();
        // More people than rows: the last row says how many are not shown.
        let rows = usize::from(people_area.height.saturating_sub(1));
        if people.len() > rows && rows > 0 {
            let hidden = people.len() - (rows - 1);
            people.truncate(rows - 1);
            people
                .push(Line::from(words::and_more(hidden, lang)).style(Style::new().fg(THEME.dim)));
        }
        Paragraph::new(people)
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(format!(
                        " {} ({}) ",
                        words::PEOPLE.get(lang),
                        cast.people.len()
                    ))
                    .border_style(Style::new().fg(THEME.dim)),
            )
            .render(
                Rect {
                    x: people_area.x + 1,
                    width: people_area.width.saturating_sub(2),
                    ..people_area
                },
                buf,
            );
        self.render_agenda(agenda_area, buf);
        if let Some(text) = &app.follow_up {
            Paragraph::new(follow_up_line(text, lang))
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.calm))
                .render(follow_up, buf);
        }
        let total = session.remaining(self.now);
        let mut line = format!(" {} {}", words::TOTAL.get(lang), Clock(total));
        if let Some(slot) = method.slot {
            line.push_str(&format!("  ·  {} {}", words::SLOT.get(lang), Clock(slot)));
        }
        line.push_str(&format!(
            "  ·  {} {}",
            words::IF_NOW.get(lang),
            self.wall_clock(self.now + total)
        ));
        Paragraph::new(line).render(totals, buf);
        // While the names are typed, space is a space: the keys to start wait for the field.
        let mut press = Vec::new();
        if app.names.is_none() || app.audience {
            press.push(
                Line::from(words::PRESS_START.get(lang))
                    .style(Style::new().fg(THEME.calm).add_modifier(Modifier::BOLD)),
            );
            // The names are typed here, unless they come from a group's file.
            if app.group.is_none() && !app.audience {
                press.push(Line::from(words::PRESS_N.get(lang)).style(Style::new().fg(THEME.dim)));
            }
        }
        Paragraph::new(press)
            .alignment(Alignment::Center)
            .render(start, buf);
        if let (Some(field), false) = (&app.names, app.audience) {
            NamesView { names: field, lang }.render(
                Rect {
                    x: names.x + 1,
                    width: names.width.saturating_sub(2),
                    ..names
                },
                buf,
            );
        }
        self.render_footer(footer, buf);
    }
}
