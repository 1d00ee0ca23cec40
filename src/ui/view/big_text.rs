//! Text in large letters that fits where it is put: the projector's layout draws who speaks, the
//! rule and the next person this way, from the largest letters that fit down to plain text.
//!
//! [`fit`] finds how a text is drawn in given letters within a width (wrapped on words, on at most
//! a number of lines); [`BigLines`] draws the result. Large letters come from the 8×8 font of
//! `tui-big-text`; a text holding a character that font has not is never drawn large (a letter
//! would be missing), only plain. Plain text wraps and, when it is still too long, ends with `…`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::PixelSize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The size of the letters a text is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    /// 8 columns by 8 rows a letter.
    Full,
    /// 8 columns by 4 rows a letter (square pixels).
    Square,
    /// 4 columns by 4 rows a letter (condensed).
    Narrow,
    /// Ordinary text, one row a line.
    Plain,
}

impl Letters {
    /// Rows a line of these letters takes.
    #[must_use]
    pub fn rows(self) -> u16 {
        match self {
            Letters::Full => 8,
            Letters::Square | Letters::Narrow => 4,
            Letters::Plain => 1,
        }
    }

    /// Columns a letter takes (plain text: its display width).
    #[must_use]
    pub fn columns(self) -> u16 {
        match self {
            Letters::Full | Letters::Square => 8,
            Letters::Narrow => 4,
            Letters::Plain => 1,
        }
    }

    fn pixel_size(self) -> Option<PixelSize> {
        match self {
            Letters::Full => Some(PixelSize::Full),
            Letters::Square => Some(PixelSize::HalfHeight),
            Letters::Narrow => Some(PixelSize::Quadrant),
            Letters::Plain => None,
        }
    }
}

/// One way of drawing a text: the letters, and the text cut into lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The letters.
    pub letters: Letters,
    /// The lines, each fitting the width it was fitted to.
    pub lines: Vec<String>,
}

impl Fit {
    /// Rows the text takes.
    #[must_use]
    pub fn height(&self) -> u16 {
        self.lines.len() as u16 * self.letters.rows()
    }
}

/// `text` in `letters` within `width` columns, wrapped on words on at most `max_lines` lines.
///
/// Large letters: `None` when the text does not fit so, or holds a character the font has not.
/// Plain text always fits (when `width` and `max_lines` are not zero): what does not is cut, and
/// the last line ends with `…`.
#[must_use]
pub fn fit(text: &str, letters: Letters, width: u16, max_lines: usize) -> Option<Fit> {
    if width == 0 || max_lines == 0 {
        return None;
    }
    // Plain text is the terminal's own font, which has every letter and sign.
    if letters == Letters::Plain {
        return Some(Fit {
            letters,
            lines: wrap_plain(text, width, max_lines),
        });
    }
    let text = for_font(text);
    if !text.chars().all(in_font) {
        return None;
    }
    let per_line = usize::from(width / letters.columns());
    let lines = wrap(&text, per_line, |word| word.chars().count())?;
    (lines.len() <= max_lines).then_some(Fit { letters, lines })
}

/// The ways of drawing `text` within `width`, largest first, each shorter than the one before:
/// the sizes of `letters` on one line, then on two... (at most `max_lines`; the 8-row letters on
/// one line only), then plain text on at most `plain_lines` lines.
#[must_use]
pub fn fits(
    text: &str,
    letters: &[Letters],
    width: u16,
    max_lines: usize,
    plain_lines: usize,
) -> Vec<Fit> {
    let mut out: Vec<Fit> = Vec::new();
    // One line in any letters before two lines; the 8-row letters on one line only.
    for lines in 1..=max_lines {
        for &size in letters {
            if size == Letters::Full && lines > 1 {
                continue;
            }
            if let Some(fitted) = fit(text, size, width, lines)
                && out
                    .last()
                    .is_none_or(|last| fitted.height() < last.height())
                && !out.contains(&fitted)
            {
                out.push(fitted);
            }
        }
    }
    out.extend(fit(text, Letters::Plain, width, plain_lines));
    out
}

/// Plain `text` wrapped within `width` columns on at most `max_lines` lines, the last one ending
/// with `…` when the text goes on.
#[must_use]
pub fn wrap_plain(text: &str, width: u16, max_lines: usize) -> Vec<String> {
    let width = usize::from(width);
    if width == 0 || max_lines == 0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut wrapped = wrap(paragraph, width, UnicodeWidthStr::width).unwrap_or_else(|| {
            // A word longer than the line: cut it where the width ends.
            hard_wrap(paragraph, width)
        });
        lines.append(&mut wrapped);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines is not zero");
        let mut kept = String::new();
        for c in last.chars() {
            if kept.width() + c.width().unwrap_or(0) + 1 > width {
                break;
            }
            kept.push(c);
        }
        *last = format!("{}…", kept.trim_end());
    }
    lines
}

/// Greedy word wrap at `width` (measured by `measure`); `None` when a word is wider.
fn wrap(text: &str, width: usize, measure: impl Fn(&str) -> usize) -> Option<Vec<String>> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if measure(word) > width {
            return None;
        }
        if line.is_empty() {
            line.push_str(word);
        } else if measure(&line) + 1 + measure(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Some(lines)
}

/// Cuts `text` into lines of at most `width` columns, words or not.
fn hard_wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
    {
        let line = lines.last_mut().expect("never empty");
        if line.width() + c.width().unwrap_or(0) > width {
            lines.push(c.to_string());
        } else {
            line.push(c);
        }
    }
    lines
}

/// Typographic characters the 8×8 font has not, replaced by the nearest it has. Its accented
/// capitals are squeezed into the capitals' height (« Ô » reads as an 8, « É » as an « é »), so
/// they are drawn without their accent, as signs in capitals often are: « RÔLES » as « ROLES ».
pub(crate) fn for_font(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => out.push('A'),
            'Ç' => out.push('C'),
            'È' | 'É' | 'Ê' | 'Ë' => out.push('E'),
            'Ì' | 'Í' | 'Î' | 'Ï' => out.push('I'),
            'Ñ' => out.push('N'),
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => out.push('O'),
            'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('U'),
            'Ý' | 'Ÿ' => out.push('Y'),
            '’' | '‘' | 'ʼ' => out.push('\''),
            '“' | '”' | '„' => out.push('"'),
            '–' | '—' | '‑' => out.push('-'),
            '…' => out.push_str("..."),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            '\u{202F}' | '\u{2009}' | '\u{00A0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the 8×8 font draws `c`: printable ASCII and Latin-1 (save two signs it lacks).
fn in_font(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{00A1}'..='\u{00FF}') && !matches!(c, '\u{00B3}' | '\u{00B4}')
}

/// Draws a [`Fit`] centred (or aligned) in its area, in the given style.
pub struct BigLines<'a> {
    /// What to draw.
    pub fit: &'a Fit,
    /// The style of its letters.
    pub style: Style,
    /// Where each line goes across the area.
    pub alignment: Alignment,
}

impl Widget for BigLines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        match self.fit.letters.pixel_size() {
            Some(size) => tui_big_text::BigText::builder()
                .pixel_size(size)
                .style(self.style)
                .alignment(self.alignment)
                .lines(
                    self.fit
                        .lines
                        .iter()
                        .map(|line| Line::from(line.clone()))
                        .collect::<Vec<_>>(),
                )
                .build()
                .render(area, buf),
            None => Paragraph::new(
                self.fit
                    .lines
                    .iter()
                    .map(|line| Line::from(line.clone()))
                    .collect::<Vec<_>>(),
            )
            .style(self.style)
            .alignment(self.alignment)
            .render(area, buf),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_fewest_lines_and_refuses_what_does_not_fit() {
        let fitted = fit("Chloé", Letters::Full, 240, 1).unwrap();
        assert_eq!(fitted.height(), 8);
        assert_eq!(fit("Chloé", Letters::Full, 39, 1), None);
        let two = fit("listen with full attention", Letters::Square, 120, 3).unwrap();
        assert_eq!(two.lines, ["listen with", "full attention"]);
        assert_eq!(
            fit("listen with full attention", Letters::Square, 120, 1),
            None
        );
    }

    #[test]
    fn accented_capitals_lose_their_accent_in_large_letters_only() {
        // The font squeezes them: « Ô » would read as an 8, « É » as a small « é ».
        let title = fit("CHOIX DES RÔLES · ÉCRITURE · ÇA", Letters::Narrow, 240, 1).unwrap();
        assert_eq!(title.lines, ["CHOIX DES ROLES · ECRITURE · CA"]);
        let lower = fit("Chloé, rôle", Letters::Narrow, 240, 1).unwrap();
        assert_eq!(lower.lines, ["Chloé, rôle"]);
        let plain = fit("RÔLES", Letters::Plain, 240, 1).unwrap();
        assert_eq!(plain.lines, ["RÔLES"]);
    }

    #[test]
    fn a_letter_the_font_lacks_is_never_drawn_large() {
        assert_eq!(fit("Łukasz", Letters::Square, 200, 1), None);
        let plain = fit("Łukasz", Letters::Plain, 200, 1).unwrap();
        assert_eq!(plain.lines, ["Łukasz"]);
        // Typographic signs are replaced by the font's own.
        let quote = fit("l’écoute…", Letters::Narrow, 200, 1).unwrap();
        assert_eq!(quote.lines, ["l'écoute..."]);
    }

    #[test]
    fn plain_text_wraps_then_ends_with_an_ellipsis() {
        assert_eq!(
            wrap_plain("one two three four", 9, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap_plain("abcdefghij", 4, 3), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_plain("abcdefghij", 4, 2), ["abcd", "efg…"]);
    }

    #[test]
    fn ways_are_largest_first_and_never_taller() {
        let ways = fits(
            "Coaches: clarifying questions only, no advice",
            &[Letters::Full, Letters::Square, Letters::Narrow],
            240,
            2,
            3,
        );
        let heights: Vec<u16> = ways.iter().map(Fit::height).collect();
        assert!(
            heights.windows(2).all(|pair| pair[0] > pair[1]),
            "{heights:?}"
        );
        // One line of condensed letters rather than two of wide ones.
        assert_eq!(ways[0].letters, Letters::Narrow);
        assert_eq!(ways[0].lines.len(), 1);
        assert_eq!(ways.last().unwrap().letters, Letters::Plain);
    }

    #[test]
    fn draws_within_its_area() {
        let fitted = fit("Ana", Letters::Square, 40, 1).unwrap();
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 6));
        BigLines {
            fit: &fitted,
            style: Style::new(),
            alignment: Alignment::Center,
        }
        .render(Rect::new(0, 1, 40, 4), &mut buf);
        let rows_drawn = (0..6)
            .filter(|&y| (0..40).any(|x| buf[(x, y)].symbol() != " "))
            .count();
        assert!(rows_drawn >= 3, "{rows_drawn}");
        assert!((0..40).all(|x| buf[(x, 0)].symbol() == " "));
        assert!((0..40).all(|x| buf[(x, 5)].symbol() == " "));
    }
}
