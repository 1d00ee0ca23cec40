//! The projector's screen before the start, read from the back of the room: the method's name,
//! who is here and their roles, the agenda and the total with the end time if started now, each
//! as large as the window allows; the short-turn warnings; and for the operator alone one
//! discreet line saying how to start (the key bar is hidden; `?` still shows the keys).
//!
//! When the window is short, what matters least shrinks first (see [`Part`]): the 8-row letters,
//! then the method's summary, the people, the name, the total, and last the agenda.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::domain::method::Clock;
use crate::domain::plan::short_turns;
use crate::ui::screens::names::{NAMES_HEIGHT, NamesView};
use crate::ui::screens::room::ROOM_MIN_ROWS;
use crate::ui::screens::room_parts::{
    BigTable, Part, TableRow, Way, fit_parts, plain_ways, text_ways, total,
};
use crate::ui::theme::ROOM_THEME;
use crate::ui::view::Screen;
use crate::ui::view::big_text::{Fit, Letters, fit, fits, wrap_plain};
use crate::ui::view::words;

/// The widest plain paragraphs are set, in columns: longer lines are hard to read.
const TEXT_WIDTH: u16 = 120;

/// Between the items of the operator's line.
pub(crate) const HINT_SEPARATOR: &str = "   ·   ";

/// `text` on one line of `width` columns, cut with `…` when longer.
pub(crate) fn one_line(text: &str, width: u16) -> String {
    if text.width() <= usize::from(width) {
        return text.to_owned();
    }
    wrap_plain(text, width, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Columns between two people's cards.
const CARD_GAP: u16 = 4;

/// A person on the start screen: how they are called (their name, or their role when there
/// are no names) and their roles when they are named.
struct Card {
    label: String,
    roles: String,
}

/// A row of the screen, top to bottom: a part, or a line (cut with `…` when too wide) or gap of
/// fixed height.
enum Row {
    Part(usize),
    Fixed(u16, Option<(String, Style)>),
}

impl Screen<'_> {
    /// The projector's screen before the start.
    pub(crate) fn render_room_start(&self, area: Rect, buf: &mut Buffer) {
        let theme = &ROOM_THEME;
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let method = session.method();
        let cast = session.cast();
        let tall = area.height >= ROOM_MIN_ROWS;
        let width = area.width.saturating_sub(4);
        let text_width = width.min(TEXT_WIDTH);
        let strong = Style::new().add_modifier(Modifier::BOLD);
        let operator = !app.audience;
        let names_open = app.names.is_some() && operator;
        let hint_height = u16::from(operator);
        let names_height = if names_open { NAMES_HEIGHT } else { 0 };
        let [header, body, names, hint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(names_height),
            Constraint::Length(hint_height),
        ])
        .areas(area);
        self.render_header(header, buf, Some(self.ready_title()));

        let large = [Letters::Full, Letters::Square, Letters::Narrow];
        let cards: Vec<Card> = (0..cast.people.len())
            .map(|index| Card {
                label: cast.label(method, index, lang),
                roles: if cast.people[index].name.is_some() {
                    cast.role_names(method, index, lang)
                } else {
                    String::new()
                },
            })
            .collect();
        let left = session.remaining(self.now);
        let total_text = format!(
            "{} {} · {} {}",
            words::TOTAL.get(lang),
            Clock(left),
            words::ENDS_AT.get(lang),
            self.wall_clock(self.now + left)
        );
        let mut under_total = words::IF_STARTED_NOW.get(lang).to_owned();
        if let Some(slot) = method.slot {
            under_total.push_str(&format!("  ·  {} {}", words::SLOT.get(lang), Clock(slot)));
        }
        let warnings: Vec<String> = short_turns(method, session.timetable())
            .iter()
            .map(|short| format!("⚠ {}", words::short_turns(short, lang)))
            .collect();

        // The parts, in the order the 8-row letters give way: the people's, the total's, the
        // name's.
        let mut parts = vec![
            Part::new(people_ways(&cards, width), 1),
            Part::new(
                text_ways(
                    fits(&total_text, &large, width, 2, 2),
                    strong.fg(theme.text),
                ),
                3,
            ),
            Part::new(
                text_ways(
                    fits(method.name.get(lang), &large, width, 2, 2),
                    strong.fg(theme.text),
                ),
                2,
            ),
            Part::new(
                self.agenda_table()
                    .ways(&[Letters::Square, Letters::Narrow], width),
                4,
            ),
        ];
        let (people, total_part, name, agenda) = (0, 1, 2, 3);
        let mut optional = |text: Option<String>, style: Style, priority: u8, cuts_lose: bool| {
            text.map(|text| {
                parts.push(Part::new(
                    plain_ways(&text, text_width, usize::MAX, style, cuts_lose),
                    priority,
                ));
                parts.len() - 1
            })
        };
        let summary = optional(
            method
                .summary
                .as_ref()
                .map(|text| text.get(lang).to_owned()),
            Style::new().fg(theme.dim),
            0,
            false,
        );
        let warned = optional(
            (!warnings.is_empty()).then(|| warnings.join("\n")),
            strong.fg(theme.warning),
            6,
            true,
        );
        let follow_up = optional(
            app.follow_up.as_ref().map(|text| {
                let line = crate::ui::view::format::follow_up_line(text, lang);
                line.spans
                    .iter()
                    .map(|span| span.content.as_ref())
                    .collect::<String>()
                    .trim()
                    .to_owned()
            }),
            Style::new().fg(theme.calm),
            5,
            true,
        );

        let gap = u16::from(tall);
        let title = |text: String| Some((text, strong.fg(theme.text)));
        let mut rows = vec![
            // The row of a one-off notice (see the screen's widget).
            Row::Fixed(1, None),
            Row::Part(name),
        ];
        rows.extend(summary.map(Row::Part));
        rows.push(Row::Fixed(gap, None));
        rows.push(Row::Fixed(
            1,
            title(format!("{} ({})", words::PEOPLE.get(lang), cards.len())),
        ));
        rows.push(Row::Part(people));
        rows.push(Row::Fixed(gap, None));
        rows.push(Row::Fixed(1, title(words::AGENDA.get(lang).to_owned())));
        rows.push(Row::Part(agenda));
        rows.push(Row::Fixed(gap, None));
        rows.push(Row::Part(total_part));
        rows.push(Row::Fixed(
            1,
            Some((under_total, Style::new().fg(theme.dim))),
        ));
        if let Some(index) = warned {
            rows.push(Row::Fixed(gap, None));
            rows.push(Row::Part(index));
        }
        if let Some(index) = follow_up {
            rows.push(Row::Fixed(gap, None));
            rows.push(Row::Part(index));
        }
        let fixed: u16 = rows
            .iter()
            .map(|row| match row {
                Row::Fixed(height, _) => *height,
                Row::Part(_) => 0,
            })
            .sum();
        fit_parts(&mut parts, body.height.saturating_sub(fixed));
        // Whatever still does not fit leaves out the gaps, then is cut at the bottom.
        let rows: Vec<Row> = if fixed + total(&parts) > body.height {
            rows.into_iter()
                .filter(|row| !matches!(row, Row::Fixed(_, None)) || gap == 0)
                .collect()
        } else {
            rows
        };
        let constraints: Vec<Constraint> = rows
            .iter()
            .map(|row| match row {
                Row::Fixed(height, _) => Constraint::Length(*height),
                Row::Part(index) => Constraint::Length(parts[*index].height()),
            })
            .collect();
        let areas = Layout::vertical(constraints).flex(Flex::Center).split(body);
        for (row, place) in rows.iter().zip(areas.iter()) {
            let inner = Rect {
                x: place.x + 2.min(place.width),
                width: place.width.saturating_sub(4),
                ..*place
            };
            match row {
                Row::Part(index) => parts[*index].render(inner, buf),
                Row::Fixed(_, Some((text, style))) => Paragraph::new(one_line(text, inner.width))
                    .alignment(Alignment::Center)
                    .style(*style)
                    .render(inner, buf),
                Row::Fixed(_, None) => {}
            }
        }

        if let (Some(field), true) = (&app.names, names_open) {
            NamesView { names: field, lang }.render(
                Rect {
                    x: names.x + 1,
                    width: names.width.saturating_sub(2),
                    ..names
                },
                buf,
            );
        }
        // The operator's one line (while the names are typed, space is a space): what does not
        // fit is left out, the last first.
        if operator && !names_open {
            let mut said = vec![words::PRESS_START.get(lang)];
            if app.group.is_none() {
                said.push(words::PRESS_N.get(lang));
            }
            said.push(words::ALL_KEYS.get(lang));
            while said.len() > 1 && said.join(HINT_SEPARATOR).width() > usize::from(hint.width) {
                said.pop();
            }
            Paragraph::new(one_line(&said.join(HINT_SEPARATOR), hint.width))
                .alignment(Alignment::Center)
                .style(Style::new().fg(theme.dim))
                .render(hint, buf);
        }
    }

    /// The agenda as a table: each step's start, name and length.
    fn agenda_table(&self) -> BigTable {
        let lang = self.app.lang;
        let session = &self.app.session;
        let style = Style::new()
            .fg(ROOM_THEME.text)
            .add_modifier(Modifier::BOLD);
        let mut start = Duration::ZERO;
        let mut rows = Vec::new();
        for (index, planned) in session.planned().into_iter().enumerate() {
            rows.push(TableRow {
                cells: vec![
                    Clock(start).to_string(),
                    session.step_name(index, lang),
                    Clock(planned).to_string(),
                ],
                style,
                gap_before: false,
            });
            start += planned;
        }
        // What each column is: the times alone do not say which is the start and which the length.
        let labels = [words::STARTS, words::STEP_LEFT, words::LASTS]
            .iter()
            .map(|label| label.get(lang).to_owned())
            .collect();
        BigTable {
            columns: vec![Alignment::Right, Alignment::Left, Alignment::Right],
            labels: Some((labels, Style::new().fg(ROOM_THEME.text))),
            rows,
            elastic: 1,
            keep_last: 0,
        }
    }
}

/// The ways of drawing the people within `width`, largest first: cards side by side (on as few
/// rows as fit), the name in large letters and the roles under it (in large letters on up to
/// three lines, else plain);
/// then plain entries in columns; then the names on one line.
fn people_ways(cards: &[Card], width: u16) -> Vec<Way> {
    let theme = &ROOM_THEME;
    let name_style = Style::new().fg(theme.text).add_modifier(Modifier::BOLD);
    let role_style = Style::new().fg(theme.calm).add_modifier(Modifier::BOLD);
    let count = cards.len() as u16;
    let mut ways = Vec::new();
    if count == 0 {
        return ways;
    }
    // The roles large rather than the names larger.
    let sizes = [
        (Letters::Full, Letters::Narrow),
        (Letters::Square, Letters::Narrow),
        (Letters::Full, Letters::Plain),
        (Letters::Square, Letters::Plain),
        (Letters::Narrow, Letters::Narrow),
        (Letters::Narrow, Letters::Plain),
    ];
    for (name_letters, role_letters) in sizes {
        // The fewest rows of cards that hold every name on one line.
        let found = (1..=count).find_map(|card_rows| {
            let per_row = count.div_ceil(card_rows);
            let card_rows = count.div_ceil(per_row);
            let card_width = width.saturating_sub(CARD_GAP * (per_row - 1)) / per_row;
            let names: Vec<Fit> = cards
                .iter()
                .map(|card| fit(&card.label, name_letters, card_width, 1))
                .collect::<Option<_>>()?;
            let roles: Vec<Option<Fit>> = cards
                .iter()
                .map(|card| {
                    if card.roles.is_empty() {
                        Some(None)
                    } else {
                        fit(&card.roles, role_letters, card_width, 3).map(Some)
                    }
                })
                .collect::<Option<_>>()?;
            Some((card_rows, per_row, card_width, names, roles))
        });
        let Some((card_rows, per_row, card_width, names, roles)) = found else {
            continue;
        };
        let role_height = roles.iter().flatten().map(Fit::height).max().unwrap_or(0);
        let card_height = name_letters.rows() + role_height;
        let height = card_rows * card_height + (card_rows - 1);
        let luxury = name_letters == Letters::Full;
        let mut way = Way::new(height, move |area, buf| {
            for (row, (names, roles)) in names
                .chunks(usize::from(per_row))
                .zip(roles.chunks(usize::from(per_row)))
                .enumerate()
            {
                let in_row = names.len() as u16;
                let row_width = in_row * card_width + CARD_GAP * (in_row - 1);
                let mut x = area.x + area.width.saturating_sub(row_width) / 2;
                let y = area.y + row as u16 * (card_height + 1);
                for (name, role) in names.iter().zip(roles) {
                    let card = Rect::new(x, y, card_width, card_height).intersection(area);
                    let [name_area, role_area] =
                        Layout::vertical([Constraint::Length(name.height()), Constraint::Min(0)])
                            .areas(card);
                    crate::ui::view::big_text::BigLines {
                        fit: name,
                        style: name_style,
                        alignment: Alignment::Center,
                    }
                    .render(name_area, buf);
                    if let Some(role) = role {
                        crate::ui::view::big_text::BigLines {
                            fit: role,
                            style: role_style,
                            alignment: Alignment::Center,
                        }
                        .render(role_area, buf);
                    }
                    x += card_width + CARD_GAP;
                }
            }
        });
        if luxury {
            way = way.luxury();
        }
        ways.push(way);
    }
    ways.push(plain_people(cards, width, name_style, role_style));
    let names: Vec<&str> = cards.iter().map(|card| card.label.as_str()).collect();
    // The names alone, on one line: the roles are left out.
    ways.extend(
        plain_ways(&names.join(", "), width, 1, name_style, true)
            .into_iter()
            .map(Way::lossy),
    );
    ways
}

/// The people in plain text: "Ana  Case giver" entries in as many columns as hold them whole
/// (one column at least, each entry cut with `…` when even that is too narrow).
fn plain_people(cards: &[Card], width: u16, name_style: Style, role_style: Style) -> Way {
    let entry_width = |card: &Card| {
        card.label.width()
            + if card.roles.is_empty() {
                0
            } else {
                2 + card.roles.width()
            }
    };
    let widest = cards.iter().map(entry_width).max().unwrap_or(1) as u16;
    let gap = CARD_GAP;
    let per_row = ((width + gap) / (widest + gap)).clamp(1, cards.len().max(1) as u16);
    let column_width = if per_row == 1 {
        widest.min(width)
    } else {
        widest
    };
    let lines: Vec<Line<'static>> = cards
        .chunks(usize::from(per_row))
        .map(|chunk| {
            let mut spans = Vec::new();
            for (index, card) in chunk.iter().enumerate() {
                let whole = if card.roles.is_empty() {
                    card.label.clone()
                } else {
                    format!("{}  {}", card.label, card.roles)
                };
                let shown = if whole.width() <= usize::from(column_width) {
                    whole
                } else {
                    wrap_plain(&whole, column_width, 1)
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                };
                let name_part: String = shown.chars().take(card.label.chars().count()).collect();
                let rest: String = shown.chars().skip(card.label.chars().count()).collect();
                let pad = usize::from(column_width).saturating_sub(shown.width());
                spans.push(Span::styled(name_part, name_style));
                spans.push(Span::styled(rest, role_style));
                if index + 1 < chunk.len() {
                    spans.push(Span::raw(" ".repeat(pad + usize::from(gap))));
                }
            }
            Line::from(spans)
        })
        .collect();
    // The columns line up: the block is centred, its lines start at its left.
    let block_width = per_row * column_width + gap * (per_row - 1);
    let way = Way::new(lines.len() as u16, move |area, buf| {
        let block_width = block_width.min(area.width);
        let block = Rect {
            x: area.x + (area.width - block_width) / 2,
            width: block_width,
            ..area
        };
        Paragraph::new(lines.clone()).render(block, buf);
    });
    if column_width < widest {
        way.lossy()
    } else {
        way
    }
}
