//! The projector's screen of a silence or writing step: the step's word (SILENCE, WRITING...)
//! large and calm, every rule and prompt of the step, the minutes left, a thick slow bar. No
//! ticking seconds.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::method::StepKind;
use crate::ui::screens::room::{Big, Place, ROOM_MIN_ROWS, shrink, total};
use crate::ui::theme::ROOM_THEME;
use crate::ui::view::Screen;
use crate::ui::view::big_text::{Letters, fits, wrap_plain};
use crate::ui::view::words;

/// The widest the rules and prompts are set, in columns: longer lines are hard to read.
const TEXT_WIDTH: u16 = 110;

impl Screen<'_> {
    /// The projector's screen of a silence or writing step.
    pub(crate) fn render_room_quiet(&self, area: Rect, buf: &mut Buffer) {
        let theme = &ROOM_THEME;
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let step = session.step();
        let tall = area.height >= ROOM_MIN_ROWS;
        let [header, below] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(header, buf, Some(self.step_title()));
        let rest = self.render_extras(below, buf);
        let width = rest.width.saturating_sub(4);
        let calm = Style::new().fg(theme.quiet).add_modifier(Modifier::BOLD);
        let countdown = session.step_countdown(self.now);
        let word = if step.kind == StepKind::Writing {
            words::WRITING
        } else {
            words::SILENCE
        };
        let left = crate::ui::view::format::quiet_time_left(countdown, lang);
        let large = [Letters::Full, Letters::Square, Letters::Narrow];
        let medium = [Letters::Square, Letters::Narrow];
        // The step's name, unless it is the word itself ("Silence").
        let name = step.name.get(lang);
        let name_ways = if name.to_uppercase() == word.get(lang).to_uppercase() {
            Vec::new()
        } else {
            fits(name, &medium, width, 1, 1)
        };
        let mut bigs = vec![
            Big::new(
                Place::Name,
                name_ways,
                1,
                Style::new().fg(theme.text).add_modifier(Modifier::BOLD),
            ),
            Big::new(
                Place::Word,
                fits(&word.get(lang).to_uppercase(), &large, width, 2, 1),
                3,
                calm,
            ),
        ];
        if session.is_paused() {
            bigs.push(Big::new(
                Place::Paused,
                fits(words::PAUSED.get(lang), &large, width, 1, 1),
                5,
                Style::new().fg(theme.warning).add_modifier(Modifier::BOLD),
            ));
        }
        bigs.push(Big::new(
            Place::Left,
            fits(&left, &medium, width, 1, 1),
            2,
            calm,
        ));
        // What comes after the silence, calmly: "Next: Mirroring · 10:00".
        if let Some(next) = self.next_step_line() {
            bigs.push(Big::new(
                Place::Next,
                fits(&next, &[Letters::Narrow], width, 1, 1),
                0,
                Style::new().fg(theme.text),
            ));
        }
        // Every rule, then every prompt, wrapped.
        let text_width = width.min(TEXT_WIDTH);
        let mut text: Vec<Line> = Vec::new();
        for rule in &step.rules {
            for line in wrap_plain(rule.get(lang), text_width, usize::MAX) {
                text.push(
                    Line::from(line)
                        .style(Style::new().fg(theme.text).add_modifier(Modifier::BOLD)),
                );
            }
        }
        for prompt in &step.prompts {
            for line in wrap_plain(prompt.get(lang), text_width, usize::MAX) {
                text.push(
                    Line::from(line)
                        .style(Style::new().fg(theme.text).add_modifier(Modifier::ITALIC)),
                );
            }
        }
        let gap = u16::from(tall);
        let bar_height = if tall { 3 } else { 1 };
        let blank = u16::from(!text.is_empty());
        // Gaps: after the name, around the text, before the bar.
        let fixed = bar_height + gap * 4 + blank;
        shrink(
            &mut bigs,
            rest.height.saturating_sub(fixed + text.len() as u16),
        );
        let text_room = rest.height.saturating_sub(fixed + total(&bigs));
        if text.len() > usize::from(text_room) {
            // What does not fit is cut, and the last line says so.
            text.truncate(usize::from(text_room));
            if let Some(last) = text.last_mut() {
                let content: String = last
                    .spans
                    .iter()
                    .map(|span| span.content.as_ref())
                    .collect();
                let style = last.style;
                let cut = wrap_plain(&format!("{content} …"), text_width, 1);
                let mut ended = cut.into_iter().next().unwrap_or_default();
                if !ended.ends_with('…') {
                    ended.push('…');
                }
                *last = Line::from(ended).style(style);
            }
        }
        let text_height = text.len() as u16;
        let name_ways_empty = bigs[0].height() == 0;
        let at = |place: Place| bigs.iter().position(|big| big.place == place);
        let mut rows: Vec<(Option<usize>, &str, u16)> = vec![
            (at(Place::Name), "", 0),
            (None, "", if name_ways_empty { 0 } else { gap }),
            (at(Place::Word), "", 0),
        ];
        if let Some(index) = at(Place::Paused) {
            rows.push((Some(index), "", 0));
        }
        rows.push((None, "", blank));
        rows.push((None, "text", text_height));
        rows.push((None, "", gap));
        rows.push((at(Place::Left), "", 0));
        rows.push((None, "", gap));
        rows.push((None, "bar", bar_height));
        if let Some(index) = at(Place::Next) {
            rows.push((None, "", gap));
            rows.push((Some(index), "", 0));
        }
        let constraints: Vec<Constraint> = rows
            .iter()
            .map(|(big, _, height)| Constraint::Length(big.map_or(*height, |i| bigs[i].height())))
            .collect();
        let areas = Layout::vertical(constraints).flex(Flex::Center).split(rest);
        for ((big, what, _), row) in rows.iter().zip(areas.iter()) {
            match (big, *what) {
                (Some(index), _) => bigs[*index].render(*row, buf, Alignment::Center),
                (None, "text") => Paragraph::new(text.clone())
                    .alignment(Alignment::Center)
                    .render(*row, buf),
                (None, "bar") => {
                    // A slow bar: it moves one cell at a time, nothing blinks.
                    let bar_width = row.width / 2;
                    let bar = Rect {
                        x: row.x + (row.width - bar_width) / 2,
                        width: bar_width,
                        ..*row
                    };
                    let planned = session.planned()[session.step_index()];
                    let fraction = crate::ui::view::format::done_fraction(countdown, planned);
                    self.render_thick_bar(bar, buf, fraction, theme.quiet);
                }
                _ => {}
            }
        }
    }
}
