//! The regions several session screens share: the header and footer bars, the agenda, and
//! the lines above the footer (flash, warning, follow-up, pinned captures, the text field).

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::domain::method::Clock;
use crate::domain::session::Phase;
use crate::ui::keymap;
use crate::ui::theme::THEME;
use crate::ui::view::Screen;
use crate::ui::view::format::{colon, follow_up_line, round_up};
use crate::ui::view::words;

impl Screen<'_> {
    /// The wall-clock time (`15:42`) at an instant of the session's clock.
    pub(crate) fn wall_clock(&self, instant: Instant) -> String {
        let offset = instant.saturating_duration_since(self.app.origin);
        let speedless = jiff::SignedDuration::try_from(offset).unwrap_or_default();
        match self.app.origin_wall.checked_add(speedless) {
            Ok(time) => time.strftime("%H:%M").to_string(),
            Err(_) => "--:--".into(),
        }
    }

    /// The top bar: the method, `centre` (the step, or the state), rehearsal, bell, pause; the
    /// time left and the end on the right.
    pub(crate) fn render_header(&self, area: Rect, buf: &mut Buffer, centre: Option<String>) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let mut left = vec![Span::styled(
            format!(" {}", session.method().name.get(lang)),
            Style::new().add_modifier(Modifier::BOLD),
        )];
        if let Some(centre) = centre {
            left.push(Span::raw(format!("  ·  {centre}")));
        }
        if app.speed > 1 {
            left.push(Span::styled(
                format!("  ·  {} ×{}", words::REHEARSAL.get(lang), app.speed),
                Style::new().fg(THEME.warning),
            ));
        }
        if app.quiet {
            left.push(Span::styled(
                format!("  ·  {}", words::MUTED.get(lang)),
                Style::new().fg(THEME.dim),
            ));
        }
        if session.is_paused() {
            left.push(Span::styled(
                format!("  {}  ", words::PAUSED.get(lang)),
                Style::new()
                    .fg(THEME.banner_fg)
                    .bg(THEME.warning)
                    .add_modifier(Modifier::BOLD),
            ));
        }
        let right = if session.phase() == Phase::Running {
            let remaining = session.remaining(self.now);
            // Quiet steps show no ticking seconds anywhere: the session's time is in minutes.
            let left = if session.step_kind().is_quiet() {
                format!("{} min", remaining.as_secs().div_ceil(60))
            } else {
                Clock(round_up(remaining)).to_string()
            };
            format!(
                "  {}  ·  {} {} ",
                words::time_left(&left, lang),
                words::ENDS.get(lang),
                self.wall_clock(self.now + remaining)
            )
        } else {
            String::new()
        };
        let right_width = right.chars().count() as u16;
        // When everything does not fit, the method's name goes first: the step and the time stay.
        let left_width: usize = left.iter().map(|span| span.content.chars().count()).sum();
        if left_width + right_width as usize > area.width as usize && left.len() > 1 {
            left.remove(0);
            if let Some(first) = left.first_mut() {
                first.content = first.content.trim_start_matches("  ·  ").to_owned().into();
                first.content = format!(" {}", first.content).into();
            }
        }
        let [left_area, right_area] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
        Paragraph::new(Line::from(left)).render(left_area, buf);
        Paragraph::new(right)
            .alignment(Alignment::Right)
            .render(right_area, buf);
        buf.set_style(area, Style::new().add_modifier(Modifier::REVERSED));
    }

    /// The footer: the keys marked for it in the key map, the least needed dropped first when
    /// the screen is narrow.
    pub(crate) fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        // The projector's layout hides the key bar (`?` still shows the keys), as does an
        // audience's view; the footer is the last row of the whole screen, which is `buf`.
        if self.app.audience || self.app.layout.is_room(buf.area) {
            return;
        }
        let lang = self.app.lang;
        let ready = self.app.session.phase() == Phase::Ready;
        let paused = self.app.session.is_paused();
        let mut items: Vec<(&str, &str, Option<u8>)> = keymap::footer_items()
            .map(|item| {
                let label = match (item.ready_label, item.paused_label) {
                    (Some(label), _) if ready => label,
                    (_, Some(label)) if paused => label,
                    _ => item.label,
                };
                (item.key.get(lang), label.get(lang), item.drop_rank)
            })
            .collect();
        let width = |items: &[(&str, &str, Option<u8>)]| {
            items
                .iter()
                .map(|(key, what, _)| key.chars().count() + what.chars().count() + 5)
                .sum::<usize>()
        };
        let mut ranks: Vec<u8> = items.iter().filter_map(|item| item.2).collect();
        ranks.sort_unstable();
        for drop in ranks {
            if width(&items) <= area.width as usize {
                break;
            }
            items.retain(|item| item.2 != Some(drop));
        }
        let mut spans = Vec::new();
        for (key, what, _) in items {
            spans.push(Span::styled(
                format!(" {key} "),
                Style::new().add_modifier(Modifier::REVERSED),
            ));
            spans.push(Span::styled(
                format!(" {what}  "),
                Style::new().fg(THEME.dim),
            ));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    /// "Step 3 of 7".
    pub(crate) fn step_title(&self) -> String {
        let session = &self.app.session;
        let lang = self.app.lang;
        format!(
            "{} {} {} {}",
            words::STEP_OF.get(lang),
            session.step_index() + 1,
            words::OF.get(lang),
            session.planned().len()
        )
    }

    /// Draws, at the bottom of `area`, the text field being typed in, the captured sentences
    /// and (in the first step) last session's follow-up; returns what is left above them.
    pub(crate) fn render_extras(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let app = self.app;
        let lang = app.lang;
        let mut lines: Vec<Line> = Vec::new();
        if let Some(flash) = &app.flash {
            lines.push(
                Line::from(format!(" {flash}"))
                    .style(Style::new().fg(THEME.warning).add_modifier(Modifier::BOLD)),
            );
        }
        if let Some(warning) = &app.warning {
            lines.push(
                Line::from(format!(" ⚠ {warning}"))
                    .style(Style::new().fg(THEME.overtime).add_modifier(Modifier::BOLD)),
            );
        }
        let assign = &app.session.step().assign;
        // The key to press is the operator's: the audience's view does not show it.
        if !assign.is_empty()
            && !app.audience
            && app.session.phase() == crate::domain::session::Phase::Running
        {
            let method = app.session.method();
            let roles: Vec<&str> = assign
                .iter()
                .map(|id| {
                    method
                        .role(id)
                        .map_or(id.as_str(), |role| role.name.get(lang))
                })
                .collect();
            lines.push(
                Line::from(format!(
                    " {} ({}){}{}",
                    words::CHOOSE_ROLES.get(lang),
                    roles.join(", "),
                    colon(lang),
                    words::PRESS_R.get(lang)
                ))
                .style(Style::new().fg(THEME.warning).add_modifier(Modifier::BOLD)),
            );
        }
        if let (Some(follow_up), true) = (&app.follow_up, app.session.step_index() == 0) {
            lines.push(follow_up_line(follow_up, lang));
        }
        for pinned in &app.pinned {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {}{}",
                        crate::domain::method::capture_label(&pinned.key, lang),
                        colon(lang)
                    ),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(pinned.text.replace('\n', " ")),
            ]));
        }
        // An audience never sees what the note-taker types.
        let input = app.input.as_ref().filter(|_| !app.audience);
        let input_height = if input.is_some() {
            6.min(area.height.saturating_sub(lines.len() as u16))
        } else {
            0
        };
        let pinned_height = (lines.len() as u16).min(area.height.saturating_sub(input_height));
        let [rest, pinned_area, input_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(pinned_height),
            Constraint::Length(input_height),
        ])
        .areas(area);
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|line| crate::ui::view::format::fit_line(line, usize::from(pinned_area.width)))
            .collect();
        Paragraph::new(lines)
            .style(Style::new().fg(THEME.calm))
            .render(pinned_area, buf);
        if let Some(open) = input {
            self.render_input(open, input_area, buf);
        }
        rest
    }

    /// The agenda: every step with its start and planned time, the current one marked.
    pub(crate) fn render_agenda(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let current = session.step_index();
        let records = session.records(self.now);
        let names: Vec<String> = (0..session.step_count())
            .map(|position| session.step_name(position, lang))
            .collect();
        let name_width = names
            .iter()
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(0)
            .min((area.width as usize).saturating_sub(20));
        let mut start = Duration::ZERO;
        let mut lines = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let planned = session.planned()[index];
            let (mark, style) = if session.phase() == Phase::Running && index == current {
                ("▶", Style::new().add_modifier(Modifier::BOLD))
            } else if records[index].visited {
                ("✓", Style::new().fg(THEME.done))
            } else {
                (" ", Style::new())
            };
            let name: String = name.chars().take(name_width).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} {:>7}  ", Clock(start).to_string()), style),
                Span::styled(format!("{name:<name_width$}"), style),
                Span::styled(
                    format!("  {:>5}", Clock(planned).to_string()),
                    Style::new().fg(THEME.dim),
                ),
            ]));
            start += planned;
        }
        // Keep the current step in view on short screens.
        let visible = area.height.saturating_sub(1) as usize;
        let skip = current
            .saturating_sub(visible.saturating_sub(3))
            .min(lines.len().saturating_sub(visible));
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>())
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(format!(" {} ", words::AGENDA.get(lang)))
                    .border_style(Style::new().fg(THEME.dim)),
            )
            .render(area, buf);
    }
}
