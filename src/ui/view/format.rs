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
