//! The projector's layout ("room"): the session's screens built to be read from the back of a
//! meeting room. Who speaks now, the rule of the moment, PAUSED and, in a round, the next person
//! are drawn in large letters; the digits keep more than a third of the height; the progress bar
//! is several rows thick; nothing is dark grey ([`ROOM_THEME`]); the key bar is hidden.
//!
//! Which layout a window gets is [`LayoutMode::is_room`]: the projector's on a window of
//! [`ROOM_MIN_ROWS`] rows or more, unless forced (`--layout room|laptop`). Anyone can draw it
//! from an [`App`](crate::ui::app::App) and an instant: `Screen { app, now }` with
//! `app.layout = LayoutMode::Room`, and `app.audience = true` to leave out everything of the
//! operator's (key bar, help, quit dialog, note field).
//!
//! Large texts shrink (larger letters first, then smaller, then plain text) and wrap; plain text
//! that still does not fit ends with `…`. When the window is short, what matters least shrinks
//! first: the step's name, then the next person, the rules, and last who speaks.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::method::{Clock, Speaker};
use crate::domain::session::Countdown;
use crate::ui::theme::{ROOM_THEME, for_room};
use crate::ui::view::big_clock::BigClock;
use crate::ui::view::big_text::{BigLines, Fit, Letters, fits};
use crate::ui::view::format::{clock_text, colon, countdown_color};
use crate::ui::view::words;
use crate::ui::view::{ClockFace, Screen};

/// The fewest rows of a window that gets the projector's layout by itself.
pub const ROOM_MIN_ROWS: u16 = 45;

/// The share of the height the digits keep in the projector's layout, in percent.
pub const CLOCK_SHARE: u16 = 35;

/// Which layout the session's screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutMode {
    /// The projector's layout on a window of [`ROOM_MIN_ROWS`] rows or more, else the laptop's.
    #[default]
    Auto,
    /// The projector's layout, whatever the window.
    Room,
    /// The laptop's layout, whatever the window.
    Laptop,
}

impl LayoutMode {
    /// Whether a window of `area` gets the projector's layout.
    #[must_use]
    pub fn is_room(self, area: Rect) -> bool {
        match self {
            LayoutMode::Auto => area.height >= ROOM_MIN_ROWS,
            LayoutMode::Room => true,
            LayoutMode::Laptop => false,
        }
    }
}

/// Recolours what a screen drew in `area` for a projector: see [`for_room`].
pub(crate) fn recolor(area: Rect, buf: &mut Buffer) {
    let recolor_cell = |cell: &mut ratatui::buffer::Cell| {
        cell.fg = for_room(cell.fg);
        cell.bg = for_room(cell.bg);
    };
    if area == buf.area {
        buf.content.iter_mut().for_each(recolor_cell);
    } else {
        for position in area.intersection(buf.area).positions() {
            recolor_cell(&mut buf[position]);
        }
    }
}

/// Where a large text goes on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Name,
    Speaker,
    Rule,
    Paused,
    Next,
    Word,
    Left,
}

/// A text to draw large, the ways it can be drawn, and the one chosen.
pub(crate) struct Big {
    pub(crate) place: Place,
    ways: Vec<Fit>,
    chosen: usize,
    /// What shrinks first has the lowest.
    priority: u8,
    style: Style,
    /// A background filling the rows across (a banner).
    band: Option<Color>,
}

impl Big {
    pub(crate) fn new(place: Place, ways: Vec<Fit>, priority: u8, style: Style) -> Big {
        Big {
            place,
            ways,
            chosen: 0,
            priority,
            style,
            band: None,
        }
    }

    pub(crate) fn height(&self) -> u16 {
        self.ways.get(self.chosen).map_or(0, Fit::height)
    }

    fn can_shrink(&self) -> bool {
        self.chosen + 1 < self.ways.len()
    }

    pub(crate) fn render(&self, area: Rect, buf: &mut Buffer, alignment: Alignment) {
        let Some(fit) = self.ways.get(self.chosen) else {
            return;
        };
        if let Some(band) = self.band {
            buf.set_style(area, Style::new().bg(band));
        }
        let inner = Rect {
            x: area.x + 2.min(area.width),
            width: area.width.saturating_sub(4),
            ..area
        };
        BigLines {
            fit,
            style: self.style,
            alignment,
        }
        .render(inner, buf);
    }
}

/// Total rows the large texts take.
pub(crate) fn total(bigs: &[Big]) -> u16 {
    bigs.iter().map(Big::height).sum()
}

/// Shrinks the large texts until they take at most `budget` rows (or cannot shrink further):
/// the 8-row letters first, then what matters least.
pub(crate) fn shrink(bigs: &mut [Big], budget: u16) {
    while total(bigs) > budget {
        let luxury = bigs
            .iter()
            .position(|big| big.can_shrink() && big.ways[big.chosen].letters == Letters::Full);
        let index = luxury.or_else(|| {
            (0..bigs.len())
                .filter(|&index| bigs[index].can_shrink())
                .min_by_key(|&index| bigs[index].priority)
        });
        match index {
            Some(index) => bigs[index].chosen += 1,
            None => break,
        }
    }
}

/// The rows the digits need to fill `CLOCK_SHARE` % of a window `height` rows tall, when the
/// width allows it.
fn clock_rows(width: u16, height: u16) -> u16 {
    let need = (height * CLOCK_SHARE).div_ceil(100);
    // The widest reading of minutes and seconds, so the layout does not move as it counts.
    let clock = BigClock::new("88:88");
    (need..=height)
        .take(12)
        .find(|&rows| clock.size_in(width, rows).is_some_and(|(_, h)| h >= need))
        .unwrap_or(need)
}

/// `s` with its first letter in capitals.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Screen<'_> {
    /// Who speaks now, for the projector: a small line above (`Speaks:` and the roles, or the
    /// turn), the names (or the role when there are none) to draw large, and in a round the next
    /// person.
    /// What comes after this step, for the projector: "Next: Silence · 3:00"; none after the
    /// last step.
    pub(crate) fn next_step_line(&self) -> Option<String> {
        let lang = self.app.lang;
        let session = &self.app.session;
        let following = session.step_index() + 1;
        (following < session.step_count()).then(|| {
            format!(
                "{}{}{} · {}",
                capitalized(words::NEXT.get(lang)),
                colon(lang),
                session.step_name(following, lang),
                Clock(session.planned()[following])
            )
        })
    }

    fn room_speaker(&self) -> (String, String, Option<String>) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let method = session.method();
        let cast = session.cast_at(session.step_index());
        if let Some(turn_index) = session.turn_index() {
            let turns = session.turns(session.step_index());
            let turn = turns[turn_index];
            let mut label = crate::ui::view::format::turn_label(session, lang).unwrap_or_default();
            let role = cast.role_names(method, turn.person, lang);
            if cast.people[turn.person].name.is_some() && !role.is_empty() {
                if !label.is_empty() {
                    label.push_str("  ·  ");
                }
                label.push_str(&role);
            }
            let next = match turns.get(turn_index + 1) {
                Some(next) => format!(
                    "{}{}{}",
                    capitalized(words::NEXT.get(lang)),
                    colon(lang),
                    cast.label(method, next.person, lang)
                ),
                None => capitalized(words::LAST_TURN.get(lang)),
            };
            return (label, cast.label(method, turn.person, lang), Some(next));
        }
        let speaks = format!("{}{}", words::SPEAKS.get(lang), colon(lang).trim_end());
        let step = session.step();
        // Out of a round, what comes after this step.
        let next_step = self.next_step_line();
        match &step.speaker {
            Speaker::All => (speaks, words::EVERYONE.get(lang).to_owned(), next_step),
            Speaker::Nobody => (speaks, words::NOBODY.get(lang).to_owned(), next_step),
            Speaker::Roles(ids) => {
                let mut roles = Vec::new();
                let mut who = Vec::new();
                for id in ids {
                    let holders = cast.holders(id);
                    let role = method
                        .role(id)
                        .map_or(id.as_str(), |role| role.name.get(lang));
                    // Several people speak: the role's name in the plural ("Consultants").
                    let role = if holders.len() > 1 {
                        crate::ui::view::format::plural(role, lang)
                    } else {
                        role.to_owned()
                    };
                    let names: Vec<String> = holders
                        .into_iter()
                        .filter_map(|i| cast.people[i].name.clone())
                        .collect();
                    if names.is_empty() {
                        who.push(role);
                    } else {
                        roles.push(role);
                        who.push(names.join(", "));
                    }
                }
                let label = if roles.is_empty() {
                    speaks
                } else {
                    format!("{speaks} {}", roles.join("  +  "))
                };
                (label, who.join(" + "), next_step)
            }
        }
    }

    /// The projector's screen of a talk or round step.
    pub(crate) fn render_room_step(&self, area: Rect, buf: &mut Buffer) {
        let theme = &ROOM_THEME;
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let tall = area.height >= ROOM_MIN_ROWS;
        let width = area.width.saturating_sub(4);
        let large = [Letters::Full, Letters::Square, Letters::Narrow];
        let medium = [Letters::Square, Letters::Narrow];
        let strong = Style::new().add_modifier(Modifier::BOLD);
        let (label, who, next) = self.room_speaker();
        let planned_text = format!("{}", Clock(session.planned()[session.step_index()]));
        let name = session.step_name(session.step_index(), lang).to_uppercase();
        let name_width = width.saturating_sub(planned_text.len() as u16 + 2);
        let mut bigs = vec![Big::new(
            Place::Name,
            fits(&name, &medium, name_width, 1, 1),
            0,
            strong.fg(theme.text),
        )];
        bigs.push(Big::new(
            Place::Speaker,
            fits(&who, &large, width, 2, 2),
            4,
            strong.fg(theme.text),
        ));
        for rule in self.rules_now() {
            let mut big = Big::new(
                Place::Rule,
                fits(rule.get(lang), &medium, width, 2, 3),
                2,
                strong.fg(theme.banner_fg).bg(theme.banner_bg),
            );
            big.band = Some(theme.banner_bg);
            bigs.push(big);
        }
        if session.is_paused() {
            bigs.push(Big::new(
                Place::Paused,
                fits(words::PAUSED.get(lang), &large, width, 1, 1),
                5,
                strong.fg(theme.warning),
            ));
        }
        if let Some(next) = &next {
            bigs.push(Big::new(
                Place::Next,
                fits(next, &medium, width, 1, 1),
                1,
                strong.fg(theme.dim),
            ));
        }
        let gap = u16::from(tall);
        let gauge_height = if tall { 3 } else { 1 };
        // Header, label, gauge, and gaps after the header, before the clock and after the gauge.
        let fixed = 1 + 1 + gauge_height + 3 * gap;
        let body_min = if tall { 4 } else { 2 };
        let clock_target = clock_rows(width, area.height);
        shrink(
            &mut bigs,
            area.height.saturating_sub(fixed + clock_target + body_min),
        );
        let rest = area.height.saturating_sub(fixed + total(&bigs));
        let clock_height = clock_target
            .min(rest.saturating_sub(body_min))
            .max(rest.min(3));

        // The rows, top to bottom.
        let mut rows: Vec<(Option<usize>, &str, u16)> = vec![(None, "header", 1), (None, "", gap)];
        let at = |place: Place| bigs.iter().position(|big| big.place == place);
        rows.push((at(Place::Name), "name", 0));
        rows.push((None, "label", 1));
        rows.push((at(Place::Speaker), "speaker", 0));
        for (index, big) in bigs.iter().enumerate() {
            if matches!(big.place, Place::Rule | Place::Paused) {
                rows.push((Some(index), "big", 0));
            }
        }
        rows.push((None, "", gap));
        rows.push((None, "clock", clock_height));
        rows.push((None, "gauge", gauge_height));
        rows.push((None, "", gap));
        if let Some(index) = at(Place::Next) {
            rows.push((Some(index), "next", 0));
        }
        let constraints: Vec<Constraint> = rows
            .iter()
            .map(|(big, _, height)| Constraint::Length(big.map_or(*height, |i| bigs[i].height())))
            .chain([Constraint::Min(0)])
            .collect();
        let areas = Layout::vertical(constraints).split(area);
        let body = areas[rows.len()];

        for ((big, what, _), row) in rows.iter().zip(areas.iter()) {
            match (big, *what) {
                (_, "header") => self.ticking(*row, buf, |screen, area, buf| {
                    screen.render_step_header(area, buf)
                }),
                (Some(index), "name") => {
                    bigs[*index].render(*row, buf, Alignment::Left);
                    let bottom = Rect {
                        y: row.bottom().saturating_sub(1),
                        height: 1.min(row.height),
                        x: row.x + 2.min(row.width),
                        width: row.width.saturating_sub(4),
                    };
                    Paragraph::new(planned_text.as_str())
                        .alignment(Alignment::Right)
                        .style(Style::new().fg(theme.dim))
                        .render(bottom, buf);
                }
                (_, "label") => {
                    Paragraph::new(label.as_str())
                        .alignment(Alignment::Center)
                        .style(Style::new().fg(theme.text))
                        .render(*row, buf);
                }
                (Some(index), _) => bigs[*index].render(*row, buf, Alignment::Center),
                (None, "clock") => {
                    self.ticking_clock(*row, buf, |screen| screen.room_clock_face());
                }
                (None, "gauge") => self.ticking(*row, buf, |screen, area, buf| {
                    screen.render_room_gauge(area, buf)
                }),
                _ => {}
            }
        }
        self.render_body(body, area.width, buf);
    }

    /// The colour of the projector's countdown: by its time left, dimmed while paused.
    fn room_countdown(&self) -> (Countdown, Duration, Color) {
        let (countdown, planned) = self.shown_countdown();
        let color = if self.app.session.is_paused() {
            ROOM_THEME.dim
        } else {
            countdown_color(countdown, planned)
        };
        (countdown, planned, color)
    }

    /// What the projector's big clock shows: the reading, in the countdown's colour.
    fn room_clock_face(&self) -> ClockFace {
        let (countdown, _, color) = self.room_countdown();
        ClockFace {
            text: clock_text(countdown),
            style: Style::new().fg(color),
        }
    }

    /// The thick bar under the big clock, with the step's time left during a round.
    fn render_room_gauge(&self, area: Rect, buf: &mut Buffer) {
        let (countdown, planned, color) = self.room_countdown();
        let theme = &ROOM_THEME;
        let lang = self.app.lang;
        let session = &self.app.session;
        let label = crate::ui::view::format::bar_label(session, countdown, self.now, lang);
        let label_width = label.chars().count() as u16;
        let [bar, text] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(label_width)]).areas(area);
        let bar = Rect {
            x: bar.x + 2.min(bar.width),
            width: bar.width.saturating_sub(4),
            ..bar
        };
        let fraction = crate::ui::view::format::done_fraction(countdown, planned);
        self.render_thick_bar(bar, buf, fraction, color);
        Paragraph::new(label)
            .style(Style::new().fg(theme.text).add_modifier(Modifier::BOLD))
            .render(
                Rect {
                    y: text.y + text.height / 2,
                    height: 1.min(text.height),
                    ..text
                },
                buf,
            );
    }

    /// A bar `fraction` full, as tall as `area`: full blocks done, light shade to come.
    pub(crate) fn render_thick_bar(
        &self,
        bar: Rect,
        buf: &mut Buffer,
        fraction: f64,
        color: Color,
    ) {
        let filled = ((bar.width as f64) * fraction.clamp(0.0, 1.0)).floor() as u16;
        for y in bar.top()..bar.bottom() {
            for x in 0..bar.width {
                let (symbol, style) = if x < filled {
                    ("█", Style::new().fg(color))
                } else {
                    ("░", Style::new().fg(ROOM_THEME.dim))
                };
                if let Some(cell) = buf.cell_mut((bar.x + x, y)) {
                    cell.set_symbol(symbol).set_style(style);
                }
            }
        }
    }
}
