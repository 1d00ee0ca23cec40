//! Durations as method files write them: `90s`, `2m`, `1m30s`, `1h30m`.

use std::fmt;
use std::time::Duration;

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
}
