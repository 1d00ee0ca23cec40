//! A clock reading (`12:34`, `1:02:03`, `+01:23`, `-0:05`) drawn in big block digits, scaled
//! to fill the area it is given so it can be read from the back of a meeting room.
//!
//! Glyphs come from small bitmap fonts (5×7 pixels for digits, 3×5 for cramped layouts) and are
//! drawn with Unicode half blocks (`█`, `▀`, `▄`), so each terminal cell holds two pixels stacked
//! vertically. A terminal cell is about twice as tall as it is wide, which makes such a half-cell
//! pixel roughly square. A font pixel is drawn `hs` cells wide and `vs` half-cells tall; the
//! widget picks the largest `vs` that fits, with `hs == vs` (square pixels) when the width allows
//! and digits condensed down to `hs / vs = 3/4` otherwise.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

/// Draws a clock reading in large block digits, as large as the area allows.
///
/// Supported characters are the digits `0`-`9`, `:`, `+`, `-` and space; the text is drawn as
/// given (spaces included) and centred in the area. When the text holds any other character, or
/// when even the smallest scale does not fit the area, the widget draws the plain text instead,
/// centred on the middle row of the area.
///
/// ```ignore
/// frame.render_widget(BigClock::new("12:34").style(Style::new().fg(Color::Yellow)), area);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BigClock<'a> {
    text: &'a str,
    style: Style,
}

impl<'a> BigClock<'a> {
    /// A clock showing `text`, such as `"12:34"`, `"1:02:03"`, `"+01:23"` or `"-0:05"`, in the
    /// default style.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            style: Style::new(),
        }
    }

    /// Sets the style patched onto every cell of the clock (blank cells inside its bounding box
    /// included, so a background colour makes a clean rectangle). Lit pixels use the foreground
    /// colour, unlit ones the background colour.
    #[must_use]
    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// The size `(width, height)` in cells the clock takes at the largest scale that fits in a
    /// `width` × `height` area, or `None` when even the smallest scale does not fit (or the text
    /// holds an unsupported character), in which case rendering falls back to plain text.
    ///
    /// An empty text takes `Some((0, 0))`.
    #[must_use]
    pub fn size_in(&self, width: u16, height: u16) -> Option<(u16, u16)> {
        if self.text.is_empty() {
            return Some((0, 0));
        }
        layout(self.text, width, height).map(|l| (l.width, l.height))
    }
}

impl Widget for BigClock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() || self.text.is_empty() {
            return;
        }
        match layout(self.text, area.width, area.height) {
            Some(layout) => self.render_big(&layout, area, buf),
            None => self.render_plain(area, buf),
        }
    }
}

impl BigClock<'_> {
    /// Draws the text in block digits following `layout`, centred in `area`.
    fn render_big(&self, layout: &Layout, area: Rect, buf: &mut Buffer) {
        let font = layout.font;
        let hs = layout.hs;
        let top = area.y + (area.height - layout.height) / 2;
        let mut x = area.x + (area.width - layout.width) / 2;
        for (index, glyph) in self.text.chars().filter_map(|c| font.glyph(c)).enumerate() {
            if index > 0 {
                // One blank font column between glyphs.
                for _ in 0..hs {
                    for y in 0..layout.height {
                        self.put(buf, x, top + y, " ");
                    }
                    x += 1;
                }
            }
            for column in 0..glyph.width {
                for y in 0..layout.height {
                    let symbol = glyph.symbol(column, y, layout.vs, font.height);
                    for dx in 0..layout.hs {
                        self.put(buf, x + dx, top + y, symbol);
                    }
                }
                x += layout.hs;
            }
        }
        debug_assert!(x <= area.right());
    }

    /// Writes `symbol` with the clock's style at (`x`, `y`), if that cell is in the buffer.
    fn put(&self, buf: &mut Buffer, x: u16, y: u16, symbol: &str) {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(symbol).set_style(self.style);
        }
    }

    /// Draws the text as is, centred on the middle row of `area` (truncated if too wide).
    fn render_plain(&self, area: Rect, buf: &mut Buffer) {
        let span = Span::styled(self.text, self.style);
        let width = u16::try_from(span.width())
            .unwrap_or(u16::MAX)
            .min(area.width);
        let x = area.x + (area.width - width) / 2;
        let y = area.y + (area.height - 1) / 2;
        span.render(Rect::new(x, y, width, 1), buf);
    }
}

/// How the text is drawn: which font, at which scale, and the resulting size in cells.
#[derive(Debug, Clone, Copy)]
struct Layout {
    font: &'static Font,
    /// Cells per font pixel, horizontally.
    hs: u16,
    /// Half-cells per font pixel, vertically.
    vs: u16,
    /// Width in cells.
    width: u16,
    /// Height in cells.
    height: u16,
}

/// The largest layout of `text` fitting in `width` × `height` cells, or `None` when nothing fits
/// or the text holds an unsupported character. The text must not be empty.
fn layout(text: &str, width: u16, height: u16) -> Option<Layout> {
    let big = layout_with(&FONT_5X7, u32::MAX, text, width, height);
    // The small font only serves cramped layouts: beyond twice its size the 5×7 font reads better.
    let small = layout_with(&FONT_3X5, 2, text, width, height);
    match (big, small) {
        (Some(big), Some(small)) if small.height > big.height => Some(small),
        (None, small) => small,
        (big, _) => big,
    }
}

/// The largest layout of `text` in `font` fitting in `width` × `height` cells, with a vertical
/// scale of at most `max_vs`.
fn layout_with(
    font: &'static Font,
    max_vs: u32,
    text: &str,
    width: u16,
    height: u16,
) -> Option<Layout> {
    // Width of the text in font pixels, one blank pixel column between glyphs.
    let mut pixels_wide = 0u32;
    for (index, c) in text.chars().enumerate() {
        pixels_wide += u32::from(font.glyph(c)?.width) + u32::from(index > 0);
    }
    let font_height = u32::from(font.height);
    // Largest scales allowed by the height (vs) and by the width (hs).
    let vs_by_height = 2 * u32::from(height) / font_height;
    let hs_by_width = u32::from(width) / pixels_wide.max(1);
    // Pixels may be condensed to hs / vs = 3/4, never widened.
    let vs = vs_by_height.min(4 * hs_by_width / 3).min(max_vs);
    let hs = hs_by_width.min(vs);
    if vs == 0 || hs == 0 {
        return None;
    }
    Some(Layout {
        font,
        hs: u16::try_from(hs).ok()?,
        vs: u16::try_from(vs).ok()?,
        width: u16::try_from(pixels_wide * hs).ok()?,
        height: u16::try_from((font_height * vs).div_ceil(2)).ok()?,
    })
}

/// A bitmap glyph: one byte per pixel row, the leftmost pixel in bit `width - 1`.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    width: u16,
    rows: &'static [u8],
}

impl Glyph {
    /// Whether the pixel at `row`, `column` is lit.
    fn lit(self, row: usize, column: u16) -> bool {
        self.rows[row] >> (self.width - 1 - column) & 1 == 1
    }

    /// The half-block symbol of the cell at `column` (in font pixels) and row `y` (in cells) of
    /// this glyph drawn `vs` half-cells per pixel, in a font `font_height` pixels tall.
    fn symbol(self, column: u16, y: u16, vs: u16, font_height: u8) -> &'static str {
        let (vs, font_height) = (u32::from(vs), u32::from(font_height));
        let upper = 2 * u32::from(y) / vs;
        let lower = (2 * u32::from(y) + 1) / vs;
        let lit = |row: u32| row < font_height && self.lit(row as usize, column);
        match (lit(upper), lit(lower)) {
            (true, true) => "█",
            (true, false) => "▀",
            (false, true) => "▄",
            (false, false) => " ",
        }
    }
}

/// The cells whose symbol changes when a clock drawn in `area` goes from `old` to `new`, or
/// `None` when its glyphs do not keep their places (another length, scale or glyph width):
/// then the clock must be drawn again whole. Every cell of the clock keeps its style.
///
/// A second of countdown changes one or two digits: this finds their cells from the font's
/// pixels, without drawing the clock, so it costs what the floor of a countdown costs.
pub(crate) fn changed_cells(
    old: &str,
    new: &str,
    area: Rect,
    changes: &mut Vec<(u16, u16, &'static str)>,
) -> Option<()> {
    let (before, after) = (
        layout(old, area.width, area.height)?,
        layout(new, area.width, area.height)?,
    );
    let same_layout = std::ptr::eq(before.font, after.font)
        && (before.hs, before.vs, before.width, before.height)
            == (after.hs, after.vs, after.width, after.height);
    if !same_layout || old.chars().count() != new.chars().count() {
        return None;
    }
    let layout = after;
    let font = layout.font;
    let top = area.y + (area.height - layout.height) / 2;
    // Each changed glyph: its left column on screen, what it was and what it is.
    let mut changed = Vec::new();
    let mut x = area.x + (area.width - layout.width) / 2;
    for (index, (was, is)) in old.chars().zip(new.chars()).enumerate() {
        let (was_glyph, glyph) = (font.glyph(was)?, font.glyph(is)?);
        if was_glyph.width != glyph.width {
            return None;
        }
        if index > 0 {
            x += layout.hs;
        }
        if was != is {
            changed.push((x, was_glyph, glyph));
        }
        x += glyph.width * layout.hs;
    }
    // Row by row, so that the cells of a row follow each other on the wire.
    for y in 0..layout.height {
        for &(left, was_glyph, glyph) in &changed {
            for column in 0..glyph.width {
                let symbol = glyph.symbol(column, y, layout.vs, font.height);
                if symbol != was_glyph.symbol(column, y, layout.vs, font.height) {
                    let x = left + column * layout.hs;
                    changes.extend((0..layout.hs).map(|dx| (x + dx, top + y, symbol)));
                }
            }
        }
    }
    Some(())
}

/// A bitmap font for the characters of a clock reading.
#[derive(Debug)]
struct Font {
    /// Height of every glyph in pixels.
    height: u8,
    /// Pixel rows of the digits `0` to `9`.
    digits: [&'static [u8]; 10],
    /// Width of every digit.
    digit_width: u16,
    /// Pixel rows of `:`, one pixel wide.
    colon: &'static [u8],
    plus: &'static [u8],
    minus: &'static [u8],
    /// Width of `+` and `-`.
    sign_width: u16,
    space: &'static [u8],
    space_width: u16,
}

impl Font {
    /// The glyph for `c`, or `None` when the font has none.
    fn glyph(&self, c: char) -> Option<Glyph> {
        let (width, rows) = match c {
            '0'..='9' => (self.digit_width, self.digits[c as usize - '0' as usize]),
            ':' => (1, self.colon),
            '+' => (self.sign_width, self.plus),
            '-' => (self.sign_width, self.minus),
            ' ' => (self.space_width, self.space),
            _ => return None,
        };
        Some(Glyph { width, rows })
    }
}

/// 5×7 font, the main one.
static FONT_5X7: Font = Font {
    height: 7,
    digit_width: 5,
    digits: [
        &[
            0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110,
        ],
        &[
            0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110,
        ],
        &[
            0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111,
        ],
        &[
            0b01110, 0b10001, 0b00001, 0b00110, 0b00001, 0b10001, 0b01110,
        ],
        &[
            0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010,
        ],
        &[
            0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110,
        ],
        &[
            0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110,
        ],
        &[
            0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000,
        ],
        &[
            0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110,
        ],
        &[
            0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100,
        ],
    ],
    colon: &[0, 0, 1, 0, 1, 0, 0],
    sign_width: 5,
    plus: &[
        0b00000, 0b00100, 0b00100, 0b11111, 0b00100, 0b00100, 0b00000,
    ],
    minus: &[
        0b00000, 0b00000, 0b00000, 0b11111, 0b00000, 0b00000, 0b00000,
    ],
    space_width: 3,
    space: &[0; 7],
};

/// 3×5 font, for areas too small for the 5×7 one (3 rows tall at the smallest scale).
static FONT_3X5: Font = Font {
    height: 5,
    digit_width: 3,
    digits: [
        &[0b111, 0b101, 0b101, 0b101, 0b111],
        &[0b010, 0b110, 0b010, 0b010, 0b111],
        &[0b111, 0b001, 0b111, 0b100, 0b111],
        &[0b111, 0b001, 0b011, 0b001, 0b111],
        &[0b101, 0b101, 0b111, 0b001, 0b001],
        &[0b111, 0b100, 0b111, 0b001, 0b111],
        &[0b111, 0b100, 0b111, 0b101, 0b111],
        &[0b111, 0b001, 0b001, 0b001, 0b001],
        &[0b111, 0b101, 0b111, 0b101, 0b111],
        &[0b111, 0b101, 0b111, 0b001, 0b111],
    ],
    colon: &[0, 1, 0, 1, 0],
    sign_width: 3,
    plus: &[0b000, 0b010, 0b111, 0b010, 0b000],
    minus: &[0b000, 0b000, 0b111, 0b000, 0b000],
    space_width: 2,
    space: &[0; 5],
};

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    /// Renders `text` into a fresh `width` × `height` buffer.
    fn render(text: &str, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        BigClock::new(text)
            .style(Style::new().fg(Color::Yellow))
            .render(buf.area, &mut buf);
        buf
    }

    /// The rows of `buf` as strings.
    fn lines(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    /// Number of rows holding a non-space cell.
    fn rows_used(buf: &Buffer) -> u16 {
        let used = lines(buf)
            .iter()
            .filter(|line| line.chars().any(|c| c != ' '))
            .count();
        u16::try_from(used).unwrap()
    }

    /// Number of columns holding a non-space cell.
    fn columns_used(buf: &Buffer) -> u16 {
        let used = (0..buf.area.width)
            .filter(|&x| (0..buf.area.height).any(|y| buf[(x, y)].symbol() != " "))
            .count();
        u16::try_from(used).unwrap()
    }

    /// The bounding box of the cells the clock styled.
    fn styled_box(buf: &Buffer) -> Option<Rect> {
        let area = buf.area;
        let cells = area
            .positions()
            .filter(|&p| buf[p].fg == Color::Yellow)
            .collect::<Vec<_>>();
        let left = cells.iter().map(|p| p.x).min()?;
        let right = cells.iter().map(|p| p.x).max()?;
        let top = cells.iter().map(|p| p.y).min()?;
        let bottom = cells.iter().map(|p| p.y).max()?;
        Some(Rect::new(left, top, right - left + 1, bottom - top + 1))
    }

    #[test]
    fn fills_a_large_projected_screen() {
        for text in ["12:34", "+01:23", "-0:05", "1:02:03"] {
            let buf = render(text, 200, 40);
            assert!(rows_used(&buf) >= 20, "{text}: {} rows", rows_used(&buf));
            let (width, height) = BigClock::new(text).size_in(200, 40).unwrap();
            assert!(width <= 200 && height <= 40);
            assert!(height >= 20, "{text}: {height} rows");
        }
        assert_eq!(rows_used(&render("12:34", 200, 40)), 35);
        assert_eq!(rows_used(&render("+01:23", 200, 40)), 28);
    }

    #[test]
    fn heights_at_various_sizes() {
        assert_eq!(rows_used(&render("12:34", 100, 12)), 11);
        assert_eq!(rows_used(&render("12:34", 80, 10)), 7);
        assert_eq!(rows_used(&render("12:34", 80, 6)), 5);
        assert_eq!(rows_used(&render("12:34", 80, 4)), 4);
        assert_eq!(rows_used(&render("12:34", 80, 3)), 3);
        assert_eq!(rows_used(&render("12:34", 20, 2)), 1);
    }

    #[test]
    fn big_digits_at_80_by_10() {
        let buf = render("12:34", 80, 10);
        assert!(rows_used(&buf) >= 4);
        assert!(lines(&buf).concat().contains('█'));
    }

    #[test]
    fn falls_back_to_plain_text_when_tiny() {
        let buf = render("12:34", 20, 2);
        assert_eq!(BigClock::new("12:34").size_in(20, 2), None);
        assert_eq!(lines(&buf), ["       12:34        ", &" ".repeat(20)]);
        // Truncated, not overflowing, when even the plain text is too wide.
        assert_eq!(lines(&render("12:34", 3, 1)), ["12:"]);
    }

    #[test]
    fn falls_back_to_plain_text_for_unsupported_characters() {
        assert_eq!(BigClock::new("12h34").size_in(200, 40), None);
        let buf = render("12h34", 9, 3);
        assert_eq!(lines(&buf), ["         ", "  12h34  ", "         "]);
    }

    #[test]
    fn different_digits_draw_differently() {
        for (width, height) in [(200, 40), (80, 6), (30, 3)] {
            let ones = lines(&render("11:11", width, height));
            let eights = lines(&render("88:88", width, height));
            assert_ne!(ones, eights, "{width}x{height}");
        }
        let all: Vec<_> = (0..10)
            .map(|d| lines(&render(&d.to_string(), 5, 4)))
            .collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn size_in_agrees_with_render() {
        for text in ["12:34", "+01:23", "-0:05", "1:02:03", "88:88"] {
            for (width, height) in [(200, 40), (100, 12), (80, 10), (80, 6), (40, 3), (20, 2)] {
                let buf = render(text, width, height);
                match BigClock::new(text).size_in(width, height) {
                    Some((w, h)) => {
                        let bounds = styled_box(&buf).unwrap();
                        assert_eq!(
                            (bounds.width, bounds.height),
                            (w, h),
                            "{text} {width}x{height}"
                        );
                        // Centred.
                        assert_eq!(bounds.x, (width - w) / 2);
                        assert_eq!(bounds.y, (height - h) / 2);
                        assert_eq!(rows_used(&buf), h, "{text} {width}x{height}");
                        assert!(columns_used(&buf) <= w);
                    }
                    None => assert_eq!(rows_used(&buf), 1, "{text} {width}x{height}"),
                }
            }
        }
    }

    #[test]
    fn draws_the_expected_glyphs() {
        // 3×5 font at scale 1: the fifth pixel row lands in the upper halves of the third row.
        assert_eq!(
            lines(&render("1:0", 9, 3)),
            ["▄█  ▄ █▀█", " █  ▄ █ █", "▀▀▀   ▀▀▀"]
        );
        // 5×7 font at scale 1.
        assert_eq!(
            lines(&render("8", 5, 4)),
            ["▄▀▀▀▄", "▀▄▄▄▀", "█   █", " ▀▀▀ "]
        );
        // 5×7 font at scale 2: a font pixel is 2 cells wide and 1 cell tall.
        assert_eq!(
            lines(&render("-1", 22, 7)),
            [
                "                ██    ",
                "              ████    ",
                "                ██    ",
                "██████████      ██    ",
                "                ██    ",
                "                ██    ",
                "              ██████  ",
            ]
        );
    }

    #[test]
    fn respects_an_offset_area() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 20));
        let area = Rect::new(10, 5, 40, 10);
        BigClock::new("-0:05").render(area, &mut buf);
        let outside = buf
            .area
            .positions()
            .filter(|&p| !area.contains(p))
            .all(|p| buf[p].symbol() == " ");
        assert!(outside);
        assert!(rows_used(&buf) >= 4);
    }

    #[test]
    fn empty_text_draws_nothing() {
        assert_eq!(BigClock::new("").size_in(10, 10), Some((0, 0)));
        assert_eq!(rows_used(&render("", 10, 10)), 0);
    }
}
