//! Small pieces of text and geometry the session screens share: clock readings, colons,
//! centring, the follow-up line.

use std::time::Duration;

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::domain::lang::Lang;
use crate::domain::method::Clock;
use crate::domain::session::Countdown;
use crate::ui::theme::THEME;

/// A countdown as the big clock shows it: time left rounded up, overtime rounded down with `+`.
pub fn clock_text(countdown: Countdown) -> String {
    match countdown {
        Countdown::Left(left) => {
            let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            minutes_seconds(seconds)
        }
        Countdown::Over(over) => format!("+{}", minutes_seconds(over.as_secs())),
    }
}

fn minutes_seconds(seconds: u64) -> String {
    if seconds >= 3600 {
        format!(
            "{}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    } else {
        format!("{:02}:{:02}", seconds / 60, seconds % 60)
    }
}

/// The colour of a countdown: calm, warning in the last minute (or last fifth of a short one),
/// overtime past zero.
pub(crate) fn countdown_color(countdown: Countdown, planned: Duration) -> Color {
    let warning = if planned < Duration::from_secs(300) {
        planned / 5
    } else {
        Duration::from_secs(60)
    };
    match countdown {
        Countdown::Over(_) => THEME.overtime,
        Countdown::Left(left) if left <= warning => THEME.warning,
        Countdown::Left(_) => THEME.calm,
    }
}

/// `+1:30` or `-0:45`: actual against planned.
pub(crate) fn signed(actual: Duration, planned: Duration) -> String {
    let (a, p) = (actual.as_secs(), planned.as_secs());
    if a == p {
        "·".to_owned()
    } else if a > p {
        format!("+{}", Clock(Duration::from_secs(a - p)))
    } else {
        format!("-{}", Clock(Duration::from_secs(p - a)))
    }
}

/// A duration rounded up to the whole second.
pub(crate) fn round_up(duration: Duration) -> Duration {
    Duration::from_secs(duration.as_secs() + u64::from(duration.subsec_nanos() > 0))
}

/// A `width` by `height` rectangle in the middle of `area`, clipped to it.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The largest letters a step's name can be drawn in within `width` columns: 8 columns a letter,
/// else 4; `None` when even those do not fit.
pub(crate) fn big_name_size(name: &str, width: u16) -> Option<tui_big_text::PixelSize> {
    let letters = name.chars().count() as u16;
    let room = width.saturating_sub(12);
    if letters * 8 <= room {
        Some(tui_big_text::PixelSize::HalfHeight)
    } else if letters * 4 <= room {
        Some(tui_big_text::PixelSize::Quadrant)
    } else {
        None
    }
}

/// A colon as each language writes it: "Speaks: " in English, "Parole : " in French.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Fr => " : ",
    }
}

/// "Last time Ana planned: ... How did it go?"
pub(crate) fn follow_up_line(follow_up: &crate::ui::app::FollowUp, lang: Lang) -> Line<'static> {
    let (before, after) = match lang {
        Lang::En => (
            format!(" Last time {} planned: ", follow_up.person),
            " How did it go?",
        ),
        Lang::Fr => (
            format!(" La dernière fois, {} prévoyait : ", follow_up.person),
            " Qu'en est-il ?",
        ),
    };
    Line::from(vec![
        Span::styled(before, Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(follow_up.text.replace('\n', " ")),
        Span::styled(after, Style::new().add_modifier(Modifier::ITALIC)),
    ])
}

/// A role's name in the plural, for several people holding it ("Consultants · Chloé, David",
/// "Porteurs de cas"). The noun that takes the mark is the one before a complement ("of",
/// "de", "du", "d’"), else the last word.
pub fn plural(name: &str, lang: Lang) -> String {
    let links: &[&str] = match lang {
        Lang::En => &[" of "],
        Lang::Fr => &[" de ", " du ", " des ", " d’", " d'"],
    };
    let split = links.iter().filter_map(|link| name.find(link)).min();
    let (head, tail) = match split {
        Some(at) => name.split_at(at),
        None => (name, ""),
    };
    let (before, word) = match head.rfind([' ', '-']) {
        Some(at) if split.is_none() => head.split_at(at + 1),
        _ if split.is_some() => match head.rfind(' ') {
            Some(at) => head.split_at(at + 1),
            None => ("", head),
        },
        _ => ("", head),
    };
    format!("{before}{}{tail}", plural_word(word, lang))
}

/// One word in the plural, by the common rules of the language.
fn plural_word(word: &str, lang: Lang) -> String {
    let lower = word.to_lowercase();
    match lang {
        Lang::Fr if lower.ends_with(['s', 'x', 'z']) => word.to_owned(),
        Lang::Fr if lower.ends_with("eau") || lower.ends_with("eu") => format!("{word}x"),
        Lang::Fr => format!("{word}s"),
        Lang::En
            if lower.ends_with(['s', 'x', 'z'])
                || lower.ends_with("ch")
                || lower.ends_with("sh") =>
        {
            format!("{word}es")
        }
        Lang::En
            if lower.ends_with('y')
                && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) =>
        {
            format!("{}ies", &word[..word.len() - 1])
        }
        Lang::En => format!("{word}s"),
    }
}

/// What a quiet step's screen says of the time left: "time is up", "last minute", or the
/// minutes left, never ticking seconds.
pub(crate) fn quiet_time_left(countdown: Countdown, lang: Lang) -> String {
    use crate::ui::view::words;
    match countdown {
        Countdown::Over(_) | Countdown::Left(Duration::ZERO) => words::TIME_UP.get(lang).to_owned(),
        Countdown::Left(left) if left < Duration::from_secs(60) => {
            words::LAST_MIN.get(lang).to_owned()
        }
        Countdown::Left(left) => {
            words::time_left(&format!("{} min", left.as_secs().div_ceil(60)), lang)
        }
    }
}

/// Where the current turn of a round stands: its place among the turns of its pass (from 1),
/// how many turns a pass has, and, in a round of several passes, the pass as the round line
/// says it ("pass 3", "pass 2 of 3").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TurnPlace {
    /// The turn's place in its pass, from 1.
    pub number: usize,
    /// How many turns a pass has (the people who speak in it).
    pub of: usize,
    /// The pass, in words, when the round goes round more than once.
    pub pass: Option<String>,
}

/// The place of the current turn of a round, unless it is a final (`tail`) turn or the step is
/// no round. A round of one pass counts its turns; a round of several passes (or one that goes
/// on until its time is up) counts the turns of the current pass and names the pass, so that
/// 15 turns of 5 people read "2 of 5 · pass 3", not "7 of 15".
pub(crate) fn turn_place(
    session: &crate::domain::session::Session,
    lang: Lang,
) -> Option<TurnPlace> {
    let index = session.turn_index()?;
    let turns = session.turns(session.step_index());
    let turn = turns.get(index).filter(|turn| !turn.is_tail)?;
    let passes = session.round_pass().filter(|pass| pass.of > 1);
    let Some(pass) = passes else {
        return Some(TurnPlace {
            number: index + 1,
            of: turns.iter().filter(|turn| !turn.is_tail).count(),
            pass: None,
        });
    };
    let number = turns[..index]
        .iter()
        .filter(|before| !before.is_tail && before.pass == turn.pass)
        .count()
        + 1;
    let of = turns
        .iter()
        .filter(|turn| !turn.is_tail && turn.pass == 0)
        .count();
    let until_time = session.step().until_time.is_some();
    let ordinal = match pass.number {
        1 => "1er".to_owned(),
        n => format!("{n}e"),
    };
    let words = match (lang, until_time) {
        // A round that goes on until its time is up has no last pass to count to.
        (Lang::En, true) => format!("pass {}", pass.number),
        (Lang::En, false) => format!("pass {} of {}", pass.number, pass.of),
        (Lang::Fr, true) => format!("{ordinal} tour de table"),
        (Lang::Fr, false) => format!("{ordinal} tour de table sur {}", pass.of),
    };
    Some(TurnPlace {
        number,
        of,
        pass: Some(words),
    })
}

/// "Turn 2 of 5", with the pass in a round of several ("Turn 2 of 5 · pass 3"): the round
/// line's count of the current turn, none for a final (`tail`) turn.
pub(crate) fn turn_label(session: &crate::domain::session::Session, lang: Lang) -> Option<String> {
    use crate::ui::view::words;
    let place = turn_place(session, lang)?;
    let mut label = format!(
        "{} {} {} {}",
        words::TURN.get(lang),
        place.number,
        words::OF.get(lang),
        place.of
    );
    if let Some(pass) = place.pass {
        label.push_str(&format!(" · {pass}"));
    }
    Some(label)
}

/// The label at the end of the progress bar: the step's time left during a round's turn,
/// "overtime" past the end, nothing otherwise.
pub(crate) fn bar_label(
    session: &crate::domain::session::Session,
    countdown: Countdown,
    now: std::time::Instant,
    lang: Lang,
) -> String {
    use crate::ui::view::words;
    match (session.turn_index(), countdown) {
        (Some(_), _) => format!(
            " {} {} ",
            words::STEP_LEFT.get(lang),
            clock_text(session.step_countdown(now))
        ),
        (None, Countdown::Over(_)) => format!(" {} ", words::OVERTIME.get(lang)),
        (None, Countdown::Left(_)) => String::new(),
    }
}

/// `inner` grown by a margin of two columns and one row on each side, within `outer`.
pub(crate) fn with_margin(inner: Rect, outer: Rect) -> Rect {
    Rect {
        x: inner.x.saturating_sub(2),
        y: inner.y.saturating_sub(1),
        width: inner.width + 4,
        height: inner.height + 2,
    }
    .intersection(outer)
}

/// How much of `planned` a countdown has used, from 0 to 1 (1 once over, or when nothing was
/// planned): how full a progress bar is.
pub(crate) fn done_fraction(countdown: Countdown, planned: Duration) -> f64 {
    match countdown {
        Countdown::Left(left) if !planned.is_zero() => {
            1.0 - left.as_secs_f64() / planned.as_secs_f64()
        }
        Countdown::Left(_) | Countdown::Over(_) => 1.0,
    }
}

/// `line` cut to `width` columns, ending with `…` when it was longer: a line that does not fit
/// is never cut without a mark.
pub(crate) fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    use unicode_width::UnicodeWidthChar;
    if line.width() <= width || width == 0 {
        return line;
    }
    let style = line.style;
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let c_width = c.width().unwrap_or(0);
            if c_width > room {
                room = 0;
                break;
            }
            room -= c_width;
            kept.push(c);
        }
        spans.push(Span::styled(kept, span.style));
        if room == 0 {
            break;
        }
    }
    let last_style = spans
        .last()
        .map(|span: &Span| span.style)
        .unwrap_or_default();
    spans.push(Span::styled("…", last_style));
    Line::from(spans).style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_wide_ends_with_an_ellipsis_and_keeps_its_styles() {
        let line = Line::from(vec![
            Span::raw("Choose the roles: "),
            Span::styled("press R", Style::new().add_modifier(Modifier::BOLD)),
        ]);
        assert_eq!(fit_line(line.clone(), 40), line);
        let cut = fit_line(line, 21);
        assert_eq!(cut.width(), 21);
        assert_eq!(cut.to_string(), "Choose the roles: pr…");
        assert_eq!(
            cut.spans[1].style,
            Style::new().add_modifier(Modifier::BOLD)
        );
    }

    #[test]
    fn role_names_take_the_plural_on_their_noun() {
        for (name, en) in [
            ("Consultant", "Consultants"),
            ("Coach", "Coaches"),
            ("Case giver", "Case givers"),
            ("Secretary", "Secretaries"),
            ("Note-taker", "Note-takers"),
            ("Inner-circle consultant", "Inner-circle consultants"),
        ] {
            assert_eq!(plural(name, Lang::En), en);
        }
        for (name, fr) in [
            ("Consultant", "Consultants"),
            ("Coach", "Coachs"),
            ("Porteur de cas", "Porteurs de cas"),
            ("Gardien du temps", "Gardiens du temps"),
            ("Coach d’action learning", "Coachs d’action learning"),
            (
                "Consultant du cercle intérieur",
                "Consultants du cercle intérieur",
            ),
            ("Pair", "Pairs"),
        ] {
            assert_eq!(plural(name, Lang::Fr), fr);
        }
    }
}
