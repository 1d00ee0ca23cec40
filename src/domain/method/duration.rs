//! Durations as method files write them (`90s`, `2m`, `1m30s`, `1h30m`), as people type them on
//! the command line (`1h30`, `90min`, `1 h 30`), and as each language writes them for people to
//! read (`1 h 30` and `90 min` in French, never `90m`).

use std::fmt;
use std::time::Duration;

use crate::domain::lang::Lang;

/// The longest duration a method file may give: a day.
pub const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);

/// Why a duration string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// The string is empty.
    Empty,
    /// The string is not made of `<number><unit>` parts.
    Malformed,
    /// The duration is zero.
    Zero,
    /// The duration is longer than [`MAX_DURATION`].
    TooLong,
}

/// Parses a duration: one or more `<whole number><unit>` parts, units `h`, `m`, `s` in that order.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let mut total: u64 = 0;
    let mut rest = text;
    // Units must come in decreasing order, each at most once.
    let mut allowed = ['h', 'm', 's'].as_slice();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return Err(DurationError::Malformed);
        }
        let number: u64 = rest[..digits]
            .parse()
            .map_err(|_| DurationError::Malformed)?;
        let unit = rest[digits..]
            .chars()
            .next()
            .ok_or(DurationError::Malformed)?;
        let position = allowed
            .iter()
            .position(|candidate| *candidate == unit)
            .ok_or(DurationError::Malformed)?;
        allowed = &allowed[position + 1..];
        total += number
            * match unit {
                'h' => 3600,
                'm' => 60,
                _ => 1,
            };
        rest = &rest[digits + unit.len_utf8()..];
    }
    if total == 0 {
        return Err(DurationError::Zero);
    }
    let duration = Duration::from_secs(total);
    if duration > MAX_DURATION {
        return Err(DurationError::TooLong);
    }
    Ok(duration)
}

/// Writes a duration the way method files do (`1h30m`, `2m`, `1m30s`, `45s`).
pub fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    let (hours, minutes, secs) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if hours > 0 {
        out.push_str(&format!("{hours}h"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}m"));
    }
    if secs > 0 || out.is_empty() {
        out.push_str(&format!("{secs}s"));
    }
    out
}

/// Parses a duration typed by a person (on the command line): every form [`parse_duration`]
/// takes, and the ones French and English readers write: `1h30`, `1 h 30`, `90min`, `90 min`,
/// `2 h`, `45 s`, `2min30` (a number after `h` counts minutes, after `min` seconds). Spaces
/// (no-break ones too) may separate the parts; units are `h`, `min`/`mn`/`m`, `s`/`sec`, in that
/// order, each at most once. A bare number (`90`) is refused: minutes or seconds cannot be told.
pub fn parse_typed_duration(text: &str) -> Result<Duration, DurationError> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect::<String>()
        .to_lowercase();
    if compact.is_empty() {
        return Err(DurationError::Empty);
    }
    // The units, largest first, with their length in seconds and the words that name them.
    const UNITS: [(u64, &[&str]); 3] = [
        (3600, &["h"]),
        (60, &["min", "mn", "m"]),
        (1, &["sec", "s"]),
    ];
    let mut total: u64 = 0;
    let mut rest = compact.as_str();
    let mut next_unit = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return Err(DurationError::Malformed);
        }
        let number: u64 = rest[..digits]
            .parse()
            .map_err(|_| DurationError::Malformed)?;
        rest = &rest[digits..];
        let found = UNITS
            .iter()
            .enumerate()
            .skip(next_unit)
            .find_map(|(index, (_, words))| {
                words
                    .iter()
                    .find(|word| rest.starts_with(**word))
                    .map(|word| (index, word.len()))
            });
        let (index, word_len) = match found {
            Some(found) => found,
            // A bare number ends the text and counts in the unit after the last one (`1h30`).
            None if rest.is_empty() && next_unit > 0 && next_unit < UNITS.len() => (next_unit, 0),
            None => return Err(DurationError::Malformed),
        };
        total += number * UNITS[index].0;
        next_unit = index + 1;
        rest = &rest[word_len..];
    }
    if total == 0 {
        return Err(DurationError::Zero);
    }
    let duration = Duration::from_secs(total);
    if duration > MAX_DURATION {
        return Err(DurationError::TooLong);
    }
    Ok(duration)
}

/// Writes a duration for people to read, in `lang`. French writes `1 h 30`, `2 h`, `1 h 05`,
/// `90 min` only below an hour (`45 min`), `2 min 30 s`, `45 s`; English keeps the method
/// files' compact form (`1h30m`, `45m`, `2m30s`).
pub fn written_duration(duration: Duration, lang: Lang) -> String {
    match lang {
        Lang::En => format_duration(duration),
        Lang::Fr => {
            let seconds = duration.as_secs();
            let (hours, minutes, secs) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
            match (hours, minutes, secs) {
                (0, 0, secs) => format!("{secs} s"),
                (0, minutes, 0) => format!("{minutes} min"),
                (0, minutes, secs) => format!("{minutes} min {secs:02} s"),
                (hours, 0, 0) => format!("{hours} h"),
                (hours, minutes, 0) => format!("{hours} h {minutes:02}"),
                (hours, minutes, secs) => format!("{hours} h {minutes:02} min {secs:02} s"),
            }
        }
    }
}

/// A duration shown as a clock reading: `4:05`, `1:02:03`.
pub struct Clock(pub Duration);

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.as_secs();
        let (hours, minutes, secs) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        if hours > 0 {
            write!(f, "{hours}:{minutes:02}:{secs:02}")
        } else {
            write!(f, "{minutes}:{secs:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        let cases = [
            ("90s", 90),
            ("2m", 120),
            ("1m30s", 90),
            ("1h30m", 5400),
            ("1h", 3600),
            ("1h0m5s", 3605),
            ("24h", 86400),
        ];
        for (text, seconds) in cases {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(seconds)),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_everything_else() {
        let cases = [
            ("", DurationError::Empty),
            ("15 minutes", DurationError::Malformed),
            ("15", DurationError::Malformed),
            ("-2m", DurationError::Malformed),
            ("2.5m", DurationError::Malformed),
            ("m", DurationError::Malformed),
            ("30s2m", DurationError::Malformed),
            ("2m2m", DurationError::Malformed),
            ("2M", DurationError::Malformed),
            (" 2m", DurationError::Malformed),
            ("2min", DurationError::Malformed),
            ("0s", DurationError::Zero),
            ("0h0m", DurationError::Zero),
            ("25h", DurationError::TooLong),
            ("99999999999m", DurationError::Malformed),
        ];
        for (text, error) in cases {
            assert_eq!(parse_duration(text), Err(error), "{text}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for seconds in [1, 45, 60, 90, 3600, 5400, 3605] {
            let duration = Duration::from_secs(seconds);
            assert_eq!(parse_duration(&format_duration(duration)), Ok(duration));
        }
        assert_eq!(Clock(Duration::from_secs(245)).to_string(), "4:05");
        assert_eq!(Clock(Duration::from_secs(3723)).to_string(), "1:02:03");
    }

    #[test]
    fn typed_durations_take_what_people_write() {
        let cases = [
            ("1h30", 5400),
            ("1 h 30", 5400),
            ("1\u{a0}h\u{a0}30", 5400),
            ("1h30m", 5400),
            ("1h30min", 5400),
            ("90min", 5400),
            ("90 min", 5400),
            ("90m", 5400),
            ("90mn", 5400),
            ("2 h", 7200),
            ("2H", 7200),
            ("45 s", 45),
            ("45sec", 45),
            ("2min30", 150),
            ("2 min 30 s", 150),
            ("1h0m5s", 3605),
        ];
        for (text, seconds) in cases {
            assert_eq!(
                parse_typed_duration(text),
                Ok(Duration::from_secs(seconds)),
                "{text}"
            );
        }
        let refused = [
            ("", DurationError::Empty),
            ("  ", DurationError::Empty),
            ("90", DurationError::Malformed),
            ("1h30h", DurationError::Malformed),
            ("30s2m", DurationError::Malformed),
            ("1.5h", DurationError::Malformed),
            ("1h30x", DurationError::Malformed),
            ("2 minutes", DurationError::Malformed),
            ("45s10", DurationError::Malformed),
            ("0 min", DurationError::Zero),
            ("25 h", DurationError::TooLong),
        ];
        for (text, error) in refused {
            assert_eq!(parse_typed_duration(text), Err(error), "{text}");
        }
    }

    #[test]
    fn french_writes_hours_and_minutes_apart() {
        let cases = [
            (5400, "1 h 30"),
            (4200, "1 h 10"),
            (3900, "1 h 05"),
            (7200, "2 h"),
            (2700, "45 min"),
            (150, "2 min 30 s"),
            (45, "45 s"),
            (3605, "1 h 00 min 05 s"),
        ];
        for (seconds, text) in cases {
            let duration = Duration::from_secs(seconds);
            assert_eq!(written_duration(duration, Lang::Fr), text);
            assert_eq!(parse_typed_duration(text), Ok(duration), "{text}");
        }
        assert_eq!(
            written_duration(Duration::from_secs(5400), Lang::En),
            "1h30m"
        );
    }
}
