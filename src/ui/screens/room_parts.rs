//! The parts of the projector's plan screens (the start and the summary): each part can be
//! drawn in several ways, largest first, and shrinks as the large texts of [`room`] do until the
//! screen holds it all. A part is a large text, a table in large letters (the agenda, the times
//! of the summary) or plain lines; what still does not fit is cut, and says so with `…`.
//!
//! [`room`]: crate::ui::screens::room

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::ui::view::big_text::{BigLines, Fit, Letters, fit, wrap_plain};

/// How a way is drawn into its area.
type Draw = Box<dyn Fn(Rect, &mut Buffer)>;

/// One way of drawing a part: the rows it takes, whether it is a luxury (the 8-row letters),
/// and how it is drawn.
pub(crate) struct Way {
    height: u16,
    luxury: bool,
    /// Whether it leaves words out (and says so with `…`).
    lossy: bool,
    draw: Draw,
}

impl Way {
    /// A way `height` rows tall drawn by `draw`.
    pub(crate) fn new(height: u16, draw: impl Fn(Rect, &mut Buffer) + 'static) -> Way {
        Way {
            height,
            luxury: false,
            lossy: false,
            draw: Box::new(draw),
        }
    }

    /// The same way, marked as a luxury: it gives way before anything else.
    pub(crate) fn luxury(mut self) -> Way {
        self.luxury = true;
        self
    }

    /// The same way, marked as leaving words out: it is chosen only when nothing else can
    /// shrink.
    pub(crate) fn lossy(mut self) -> Way {
        self.lossy = true;
        self
    }

    /// A text fitted in letters (see [`fit`]), in `style`, its lines aligned by `alignment`.
    pub(crate) fn text(fitted: Fit, style: Style, alignment: Alignment) -> Way {
        let luxury = fitted.letters == Letters::Full;
        let height = fitted.height();
        let lossy = fitted.lines.last().is_some_and(|line| line.ends_with('…'));
        Way {
            height,
            luxury,
            lossy,
            draw: Box::new(move |area, buf| {
                BigLines {
                    fit: &fitted,
                    style,
                    alignment,
                }
                .render(area, buf);
            }),
        }
    }

    /// Plain lines, each already styled, aligned by `alignment`.
    pub(crate) fn lines(lines: Vec<Line<'static>>, alignment: Alignment) -> Way {
        let height = lines.len() as u16;
        Way::new(height, move |area, buf| {
            Paragraph::new(lines.clone())
                .alignment(alignment)
                .render(area, buf);
        })
    }
}

/// The ways of drawing a text within `width`, largest first (see
/// [`fits`](crate::ui::view::big_text::fits)), in `style`, centred.
pub(crate) fn text_ways(fits: Vec<Fit>, style: Style) -> Vec<Way> {
    fits.into_iter()
        .map(|fitted| Way::text(fitted, style, Alignment::Center))
        .collect()
}

/// The ways of drawing plain `text` wrapped within `width` in `style`, centred: on as many lines
/// as it takes (at most `max_lines`), then on fewer, down to one, cut with `…` (ways that leave
/// words out, when `cuts_lose`: see [`Way::lossy`]).
pub(crate) fn plain_ways(
    text: &str,
    width: u16,
    max_lines: usize,
    style: Style,
    cuts_lose: bool,
) -> Vec<Way> {
    let all = wrap_plain(text, width, max_lines).len();
    (1..=all)
        .rev()
        .map(|lines| {
            let wrapped = wrap_plain(text, width, lines);
            let way = Way::lines(
                wrapped
                    .into_iter()
                    .map(|line| Line::from(line).style(style))
                    .collect(),
                Alignment::Center,
            );
            if lines < all && cuts_lose {
                way.lossy()
            } else {
                way
            }
        })
        .collect()
}

/// A part of a screen: its ways, largest first, and the one chosen.
pub(crate) struct Part {
    ways: Vec<Way>,
    chosen: usize,
    /// What shrinks first has the lowest.
    priority: u8,
}

impl Part {
    /// A part drawn in one of `ways` (largest first; each shorter than the one before is kept).
    pub(crate) fn new(ways: Vec<Way>, priority: u8) -> Part {
        let mut kept: Vec<Way> = Vec::new();
        for way in ways {
            if kept.last().is_none_or(|last| way.height < last.height) {
                kept.push(way);
            }
        }
        Part {
            ways: kept,
            chosen: 0,
            priority,
        }
    }

    /// Draws the chosen way in `area`.
    pub(crate) fn render(&self, area: Rect, buf: &mut Buffer) {
        if let Some(way) = self.ways.get(self.chosen) {
            (way.draw)(area.intersection(buf.area), buf);
        }
    }
}

impl Part {
    /// Rows the chosen way takes.
    pub(crate) fn height(&self) -> u16 {
        self.ways.get(self.chosen).map_or(0, |way| way.height)
    }

    /// The next smaller way, if any.
    fn next(&self) -> Option<&Way> {
        self.ways.get(self.chosen + 1)
    }
}

/// Total rows the parts take.
pub(crate) fn total(parts: &[Part]) -> u16 {
    parts.iter().map(Part::height).sum()
}

/// Shrinks `parts` until they take at most `budget` rows (or cannot shrink further), then gives
/// back larger ways where rows are left, what matters most first. As the large texts of
/// [`room`](crate::ui::screens::room) do, the 8-row letters give way first (in the parts'
/// order), then what matters least (the lowest priority); but no part loses words (a way that
/// cuts) while another can still shrink without.
pub(crate) fn fit_parts(parts: &mut [Part], budget: u16) {
    while total(parts) > budget {
        let luxury = parts
            .iter()
            .position(|part| part.next().is_some() && part.ways[part.chosen].luxury);
        let lowest = |lossy: bool| {
            (0..parts.len())
                .filter(|&index| parts[index].next().is_some_and(|next| lossy || !next.lossy))
                .min_by_key(|&index| parts[index].priority)
        };
        match luxury.or_else(|| lowest(false)).or_else(|| lowest(true)) {
            Some(index) => parts[index].chosen += 1,
            None => break,
        }
    }
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(parts[index].priority));
    for index in order {
        while parts[index].chosen > 0 {
            let larger = parts[index].ways[parts[index].chosen - 1].height;
            let taken = total(parts) - parts[index].height() + larger;
            if taken > budget {
                break;
            }
            parts[index].chosen -= 1;
        }
    }
}

/// A table whose cells are drawn in large letters, each column aligned (the agenda, the
/// summary's times), with plain labels above the columns.
#[derive(Clone)]
pub(crate) struct BigTable {
    /// How each column's cells are aligned.
    pub(crate) columns: Vec<Alignment>,
    /// The labels over the columns, plain (none: no row of labels).
    pub(crate) labels: Option<(Vec<String>, Style)>,
    /// The rows.
    pub(crate) rows: Vec<TableRow>,
    /// The column whose text is cut (with `…`) when plain text is too wide.
    pub(crate) elastic: usize,
    /// How many rows at the end stay when rows are left out (a total).
    pub(crate) keep_last: usize,
}

/// A row of a [`BigTable`].
#[derive(Clone)]
pub(crate) struct TableRow {
    /// One text a column.
    pub(crate) cells: Vec<String>,
    /// The style of its letters.
    pub(crate) style: Style,
    /// An empty row above it (before a total).
    pub(crate) gap_before: bool,
}

/// Columns between two columns, in letters.
const COLUMN_GAP: u16 = 2;

impl BigTable {
    /// The ways of drawing the table within `width`: in each size of `letters` that fits (one
    /// line a cell), its rows apart (a luxury) then together, then in plain text, then in plain text with the last rows left out and a
    /// line saying how many.
    pub(crate) fn ways(&self, letters: &[Letters], width: u16) -> Vec<Way> {
        let mut ways: Vec<Way> = letters
            .iter()
            .flat_map(|&size| {
                [
                    self.big_way(size, width, true),
                    self.big_way(size, width, false),
                ]
            })
            .flatten()
            .collect();
        ways.extend(self.plain_ways(width));
        ways
    }

    /// Rows the labels and the gaps before rows take.
    fn extra_rows(&self) -> u16 {
        u16::from(self.labels.is_some())
            + self.rows.iter().filter(|row| row.gap_before).count() as u16
    }

    /// The table in `letters`, when every cell fits on one line and the table within `width`;
    /// `spaced`: an empty row between two rows.
    fn big_way(&self, letters: Letters, width: u16, spaced: bool) -> Option<Way> {
        let mut fitted: Vec<Vec<Fit>> = Vec::new();
        for row in &self.rows {
            let mut cells = Vec::new();
            for cell in &row.cells {
                cells.push(fit(cell, letters, u16::MAX, 1)?);
            }
            fitted.push(cells);
        }
        let mut widths = vec![0u16; self.columns.len()];
        for row in &fitted {
            for (column, cell) in row.iter().enumerate() {
                let cell_width = cell.lines[0].chars().count() as u16 * letters.columns();
                widths[column] = widths[column].max(cell_width);
            }
        }
        if let Some((labels, _)) = &self.labels {
            for (column, label) in labels.iter().enumerate() {
                widths[column] = widths[column].max(label.width() as u16);
            }
        }
        let gap = COLUMN_GAP * letters.columns();
        let total: u16 = widths.iter().sum::<u16>() + gap * (widths.len() as u16 - 1);
        if total > width {
            return None;
        }
        let space = u16::from(spaced);
        let height = (self.rows.len() as u16 * (letters.rows() + space)).saturating_sub(space)
            + self.extra_rows();
        let table = self.clone();
        Some(Way {
            height,
            luxury: letters == Letters::Full || spaced,
            lossy: false,
            draw: Box::new(move |area, buf| {
                let left = area.x + area.width.saturating_sub(total) / 2;
                let column_areas = |y: u16, height: u16| {
                    let mut x = left;
                    widths
                        .iter()
                        .map(|&column_width| {
                            let cell = Rect::new(x, y, column_width, height);
                            x += column_width + gap;
                            cell.intersection(area)
                        })
                        .collect::<Vec<Rect>>()
                };
                let mut y = area.y;
                if let Some((labels, style)) = &table.labels {
                    for ((label, cell), alignment) in
                        labels.iter().zip(column_areas(y, 1)).zip(&table.columns)
                    {
                        Paragraph::new(label.as_str())
                            .style(*style)
                            .alignment(*alignment)
                            .render(cell, buf);
                    }
                    y += 1;
                }
                for (index, (row, cells)) in table.rows.iter().zip(&fitted).enumerate() {
                    if index > 0 {
                        y += space;
                    }
                    y += u16::from(row.gap_before);
                    for ((cell, place), alignment) in cells
                        .iter()
                        .zip(column_areas(y, letters.rows()))
                        .zip(&table.columns)
                    {
                        BigLines {
                            fit: cell,
                            style: row.style,
                            alignment: *alignment,
                        }
                        .render(place, buf);
                    }
                    y += letters.rows();
                }
            }),
        })
    }

    /// The table in plain text (the elastic column cut with `…` when too wide), then with fewer
    /// and fewer rows, the last line saying how many are left out.
    fn plain_ways(&self, width: u16) -> Vec<Way> {
        let count = self.columns.len();
        let mut widths = vec![0usize; count];
        let labels = self.labels.as_ref().map(|(labels, _)| labels);
        for cells in self.rows.iter().map(|row| &row.cells).chain(labels) {
            for (column, cell) in cells.iter().enumerate() {
                widths[column] = widths[column].max(cell.width());
            }
        }
        let gap = usize::from(COLUMN_GAP);
        let others: usize = widths
            .iter()
            .enumerate()
            .filter(|(column, _)| *column != self.elastic)
            .map(|(_, width)| width + gap)
            .sum();
        let natural = widths[self.elastic];
        widths[self.elastic] = natural
            .min(usize::from(width).saturating_sub(others))
            .max(1);
        let cut = widths[self.elastic] < natural;
        let line_of = |cells: &[String]| -> String {
            let mut out = String::new();
            for (column, cell) in cells.iter().enumerate() {
                let cell = if column == self.elastic {
                    wrap_plain(cell, widths[column] as u16, 1)
                        .into_iter()
                        .next()
                        .unwrap_or_default()
                } else {
                    cell.clone()
                };
                let pad = widths[column].saturating_sub(cell.width());
                match self.columns[column] {
                    Alignment::Right => out.push_str(&format!("{}{cell}", " ".repeat(pad))),
                    _ => out.push_str(&format!("{cell}{}", " ".repeat(pad))),
                }
                if column + 1 < count {
                    out.push_str(&" ".repeat(gap));
                }
            }
            out
        };
        let mut head: Vec<Line<'static>> = Vec::new();
        if let Some((labels, style)) = &self.labels {
            head.push(Line::from(line_of(labels)).style(*style));
        }
        let mut body: Vec<Vec<Line<'static>>> = Vec::new();
        for row in &self.rows {
            let mut lines = Vec::new();
            if row.gap_before {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(line_of(&row.cells)).style(row.style));
            body.push(lines);
        }
        let line_width = widths.iter().sum::<usize>() + gap * count.saturating_sub(1);
        let block = move |lines: Vec<Line<'static>>| {
            Way::new(lines.len() as u16, move |area: Rect, buf: &mut Buffer| {
                let block_width = (line_width as u16).min(area.width);
                let inner = Rect {
                    x: area.x + (area.width - block_width) / 2,
                    width: block_width,
                    ..area
                };
                Paragraph::new(lines.clone()).render(inner, buf);
            })
        };
        let mut ways = Vec::new();
        let pinned = body.len().saturating_sub(self.keep_last);
        for kept in (1..=pinned).rev() {
            let mut lines = head.clone();
            for row in &body[..kept] {
                lines.extend(row.iter().cloned());
            }
            if kept < pinned {
                let left_out = pinned - kept;
                lines.push(Line::from(format!("… (+{left_out})")).style(self.rows[kept].style));
            }
            for row in &body[pinned..] {
                lines.extend(row.iter().cloned());
            }
            let way = block(lines);
            ways.push(if kept < pinned || cut {
                way.lossy()
            } else {
                way
            });
        }
        ways
    }
}
