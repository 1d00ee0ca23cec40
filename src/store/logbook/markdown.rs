//! The Markdown summary of a session: what a person reads, prints, or pastes into minutes.

use std::fmt::Write as _;
use std::time::Duration;

use super::{SessionLog, Status, StepLog};
use crate::domain::lang::{Lang, Tr};
use crate::domain::method::{Clock, Record, capture_label};

/// The key of the capture shown under the learnings, with the notes of the last step.
const LEARNINGS: &str = "learnings";

const DATE: Tr = Tr {
    en: "Date",
    fr: "Date",
};
const STATUS: Tr = Tr {
    en: "Status",
    fr: "État",
};
const RECORDED: Tr = Tr {
    en: "Recorded",
    fr: "Enregistré",
};
const REHEARSAL: Tr = Tr {
    en: "Rehearsal",
    fr: "Répétition",
};
const PEOPLE: Tr = Tr {
    en: "People",
    fr: "Participants",
};
const FOLLOW_UP: Tr = Tr {
    en: "Follow-up from the previous session",
    fr: "Suivi de la séance précédente",
};
const STEPS: Tr = Tr {
    en: "Steps",
    fr: "Étapes",
};
const HEADER: Tr = Tr {
    en: "| # | Step | Planned | Actual | Difference |",
    fr: "| # | Étape | Prévu | Réel | Écart |",
};
const TOTAL: Tr = Tr {
    en: "Total",
    fr: "Total",
};
const NOTES: Tr = Tr {
    en: "Notes",
    fr: "Notes",
};
const ACTIVE: Tr = Tr {
    en: "Active time",
    fr: "Temps actif",
};
const PAUSES: Tr = Tr {
    en: "Pauses",
    fr: "Pauses",
};
const PLANNED_AT_START: Tr = Tr {
    en: "Planned at the start",
    fr: "Prévu au départ",
};
const CLOSING: Tr = Tr {
    en: "*Private: this summary comes from the session’s journal and stays on this machine. \
         Share it only with the group’s agreement.*",
    fr: "*Privé : ce compte rendu vient du journal de la séance et reste sur cet ordinateur. \
         Ne le partagez qu’avec l’accord du groupe.*",
};

/// A label followed by a colon, French typography included.
fn label(tr: Tr, lang: Lang) -> String {
    match lang {
        Lang::En => format!("**{}:**", tr.en),
        Lang::Fr => format!("**{} :**", tr.fr),
    }
}

/// The colon between a name and what follows.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ":",
        Lang::Fr => " :",
    }
}

/// The summary of `log` in `lang`: title, date, status, people, follow-up, steps with their
/// times, captures, notes by step, learnings, and a closing line saying the file is private.
pub fn markdown(log: &SessionLog, lang: Lang) -> String {
    let mut out = String::new();
    title(&mut out, log);
    facts(&mut out, log, lang);
    people(&mut out, log, lang);
    follow_up(&mut out, log, lang);
    steps(&mut out, log, lang);
    captures(&mut out, log, lang);
    notes(&mut out, log, lang);
    learnings(&mut out, log, lang);
    out.push_str("---\n\n");
    out.push_str(CLOSING.get(lang));
    out.push('\n');
    out
}

fn title(out: &mut String, log: &SessionLog) {
    let _ = write!(out, "# {}", inline(&log.method_name));
    if let Some(group) = log
        .group
        .as_deref()
        .filter(|group| !group.trim().is_empty())
    {
        let _ = write!(out, " — {}", inline(group));
    }
    out.push_str("\n\n");
}

fn facts(out: &mut String, log: &SessionLog, lang: Lang) {
    let _ = writeln!(
        out,
        "- {} {}",
        label(DATE, lang),
        when(&log.started, &log.last_time, lang)
    );
    let status = match log.status {
        Status::Completed => Tr {
            en: "completed",
            fr: "terminée",
        },
        Status::Stopped => Tr {
            en: "stopped before the end",
            fr: "arrêtée avant la fin",
        },
        Status::Interrupted => Tr {
            en: "interrupted: the program stopped before the end of the session",
            fr: "interrompue : le programme s’est arrêté avant la fin de la séance",
        },
    };
    let _ = writeln!(out, "- {} {}", label(STATUS, lang), status.get(lang));
    let record = match log.record {
        Record::All => Tr {
            en: "everything (timings, notes and captures)",
            fr: "tout (temps, notes et captures)",
        },
        Record::Timings => Tr {
            en: "timings only (no notes, no captures)",
            fr: "les temps seulement (ni notes ni captures)",
        },
        Record::None => Tr {
            en: "nothing",
            fr: "rien",
        },
    };
    let _ = writeln!(out, "- {} {}", label(RECORDED, lang), record.get(lang));
    if log.speed > 1 {
        let speed = log.speed;
        let text = match lang {
            Lang::En => {
                format!("clock sped up ×{speed}; the step times are those of the sped-up clock")
            }
            Lang::Fr => {
                format!(
                    "horloge accélérée ×{speed} ; les durées des étapes sont celles de l’horloge accélérée"
                )
            }
        };
        let _ = writeln!(out, "- {} {text}", label(REHEARSAL, lang));
    }
    let mut warnings = Vec::new();
    if log.resumed > 0 {
        let count = log.resumed;
        warnings.push(match lang {
            Lang::En => {
                let times = match count {
                    1 => "once".to_owned(),
                    2 => "twice".to_owned(),
                    _ => format!("{count} times"),
                };
                format!("The session was resumed {times} after the program stopped.")
            }
            Lang::Fr => format!("La séance a repris {count} fois après un arrêt du programme."),
        });
    }
    let torn = log.torn_lines.max(u32::from(log.torn_last_line));
    if torn > 0 {
        warnings.push(match (lang, torn) {
            (Lang::En, 1) => {
                "A line of the journal was cut off when the program stopped; it is left out."
                    .to_owned()
            }
            (Lang::Fr, 1) => "Une ligne du journal a été coupée à l’arrêt du programme ; \
                 elle est laissée de côté."
                .to_owned(),
            (Lang::En, count) => format!(
                "{count} lines of the journal were cut off when the program stopped; \
                 they are left out."
            ),
            (Lang::Fr, count) => format!(
                "{count} lignes du journal ont été coupées à l’arrêt du programme ; \
                 elles sont laissées de côté."
            ),
        });
    }
    if !warnings.is_empty() {
        out.push('\n');
        let _ = writeln!(out, "> {}", warnings.join("\\\n> "));
    }
    out.push('\n');
}

fn people(out: &mut String, log: &SessionLog, lang: Lang) {
    if log.people.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", PEOPLE.get(lang));
    for person in &log.people {
        let _ = write!(out, "- **{}**", inline(person.display_name()));
        // A person shown by their role (“Case giver”) need not have it repeated.
        let shown_by_role = person.name.is_none() && person.role_names == [person.label.as_str()];
        if !person.role_names.is_empty() && !shown_by_role {
            let roles: Vec<String> = person.role_names.iter().map(|role| inline(role)).collect();
            let _ = write!(out, "{} {}", colon(lang), roles.join(", "));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn follow_up(out: &mut String, log: &SessionLog, lang: Lang) {
    let Some(follow_up) = &log.follow_up else {
        return;
    };
    let _ = writeln!(out, "## {}\n", FOLLOW_UP.get(lang));
    let _ = writeln!(
        out,
        "**{}**{} {}",
        inline(&follow_up.person),
        colon(lang),
        block(&follow_up.text, "")
    );
    if let Some(from) = &follow_up.from {
        let from = inline(from);
        let _ = match lang {
            Lang::En => writeln!(out, "\n*From the session {from}.*"),
            Lang::Fr => writeln!(out, "\n*Séance {from}.*"),
        };
    }
    out.push('\n');
}

fn steps(out: &mut String, log: &SessionLog, lang: Lang) {
    if log.steps.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", STEPS.get(lang));
    let _ = writeln!(out, "{}", HEADER.get(lang));
    out.push_str("|--:|:--|--:|--:|--:|\n");
    for (index, step) in log.steps.iter().enumerate() {
        let mut name = inline(&step.name);
        if step.times_entered > 1 {
            let _ = write!(name, " (×{})", step.times_entered);
        }
        let mut planned = clock(step.planned_s as f64);
        if step.planned_s != step.initial_s {
            let initially = clock(step.initial_s as f64);
            let _ = match lang {
                Lang::En => write!(planned, " (initially {initially})"),
                Lang::Fr => write!(planned, " (initialement {initially})"),
            };
        }
        let (actual, difference) = if step.visited {
            let mut actual = clock(step.actual_s);
            if step.unfinished {
                actual.push('…');
            }
            (
                actual,
                difference(step.planned_s as f64, step.actual_s, step.overrun),
            )
        } else {
            ("—".to_owned(), "—".to_owned())
        };
        let _ = writeln!(
            out,
            "| {} | {name} | {planned} | {actual} | {difference} |",
            index + 1
        );
    }
    let (planned, actual) = (log.planned_total_s() as f64, log.actual_total_s());
    let over = actual.round() > planned;
    let _ = writeln!(
        out,
        "|  | **{}** | **{}** | **{}** | {} |",
        TOTAL.get(lang),
        clock(planned),
        clock(actual),
        difference(planned, actual, over)
    );
    out.push('\n');
    legend(out, &log.steps, lang);
    let mut times = format!("{} {}", label(ACTIVE, lang), clock(log.active_s));
    let _ = match (lang, log.pauses) {
        (Lang::En, 0) => write!(times, ". {} none.", label(PAUSES, lang)),
        (Lang::Fr, 0) => write!(times, ". {} aucune.", label(PAUSES, lang)),
        (Lang::En, count) => write!(
            times,
            ". {} {count}, {} in all, not counted above.",
            label(PAUSES, lang),
            clock(log.paused_s)
        ),
        (Lang::Fr, count) => write!(
            times,
            ". {} {count}, {} en tout, non comptées ci-dessus.",
            label(PAUSES, lang),
            clock(log.paused_s)
        ),
    };
    if log.planned_s != log.planned_total_s() {
        let _ = write!(
            times,
            " {} {}.",
            label(PLANNED_AT_START, lang),
            clock(log.planned_s as f64)
        );
    }
    let _ = writeln!(out, "{times}\n");
}

/// What the marks of the table mean, for the marks it uses.
fn legend(out: &mut String, steps: &[StepLog], lang: Lang) {
    let mut lines = Vec::new();
    if steps.iter().any(|step| step.overrun) {
        lines.push(Tr {
            en: "⚠ ran over its planned time.",
            fr: "⚠ : a dépassé le temps prévu.",
        });
    }
    if steps.iter().any(|step| step.times_entered > 1) {
        lines.push(Tr {
            en: "(×2): the group came back to the step; its times add up.",
            fr: "(×2) : le groupe est revenu à l’étape ; ses temps s’additionnent.",
        });
    }
    if steps.iter().any(|step| step.unfinished) {
        lines.push(Tr {
            en: "…: the step had not ended when the journal stops.",
            fr: "… : l’étape n’était pas terminée quand le journal s’arrête.",
        });
    }
    if steps.iter().any(|step| !step.visited) {
        lines.push(Tr {
            en: "—: step not reached.",
            fr: "— : étape non atteinte.",
        });
    }
    if !lines.is_empty() {
        let lines: Vec<&str> = lines.into_iter().map(|line| line.get(lang)).collect();
        let _ = writeln!(out, "*{}*\n", lines.join("*\\\n*"));
    }
}

/// The label of a capture in `lang`: the known ones are translated, the others shown as the
/// journal names them.
fn capture_name(key: &str, journal_label: &str, lang: Lang) -> String {
    let known = capture_label(key, Lang::En) != capture_label(key, Lang::Fr);
    if known || journal_label.trim().is_empty() {
        capture_label(key, lang)
    } else {
        journal_label.to_owned()
    }
}

fn captures(out: &mut String, log: &SessionLog, lang: Lang) {
    for capture in log
        .captures
        .iter()
        .filter(|capture| capture.key != LEARNINGS)
    {
        let name = capture_name(&capture.key, &capture.label, lang);
        let _ = writeln!(out, "## {}\n", inline(&name));
        let _ = writeln!(out, "{}\n", block(&capture.text, ""));
    }
}

fn note_item(out: &mut String, at_s: f64, text: &str) {
    let _ = writeln!(out, "- [{}] {}", stamp(at_s), block(text, "  "));
}

fn notes(out: &mut String, log: &SessionLog, lang: Lang) {
    let last = log.steps.len().saturating_sub(1);
    let steps: Vec<usize> = (0..last)
        .filter(|&step| log.notes.iter().any(|note| note.step == step))
        .collect();
    if steps.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", NOTES.get(lang));
    for step in steps {
        let _ = writeln!(out, "### {}. {}\n", step + 1, inline(&log.steps[step].name));
        for note in log.notes.iter().filter(|note| note.step == step) {
            note_item(out, note.at_s, &note.text);
        }
        out.push('\n');
    }
}

fn learnings(out: &mut String, log: &SessionLog, lang: Lang) {
    let last = log.steps.len().saturating_sub(1);
    let capture = log.captures.iter().find(|capture| capture.key == LEARNINGS);
    let notes: Vec<_> = log.notes.iter().filter(|note| note.step == last).collect();
    if capture.is_none() && notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", capture_label(LEARNINGS, lang));
    if let Some(capture) = capture {
        let _ = writeln!(out, "{}\n", block(&capture.text, ""));
    }
    if !notes.is_empty() {
        for note in notes {
            note_item(out, note.at_s, &note.text);
        }
        out.push('\n');
    }
}

/// A length in seconds as a clock reading, to the nearest second: `4:05`, `1:02:03`.
fn clock(seconds: f64) -> String {
    Clock(Duration::from_secs(seconds.max(0.0).round() as u64)).to_string()
}

/// The time into the session, as in `[12:30]` or `[1:02:03]`.
fn stamp(seconds: f64) -> String {
    let seconds = seconds.max(0.0).round() as u64;
    let (hours, minutes, secs) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{secs:02}")
    } else {
        format!("{minutes:02}:{secs:02}")
    }
}

/// The actual time minus the planned one, signed; in bold with ⚠ when it ran over.
fn difference(planned: f64, actual: f64, over: bool) -> String {
    let delta = actual.round() - planned.round();
    let text = if delta > 0.0 {
        format!("+{}", clock(delta))
    } else if delta < 0.0 {
        format!("-{}", clock(-delta))
    } else {
        clock(0.0)
    };
    if over {
        format!("**{text}** ⚠")
    } else {
        text
    }
}

const WEEKDAYS: [Tr; 7] = [
    Tr {
        en: "Monday",
        fr: "lundi",
    },
    Tr {
        en: "Tuesday",
        fr: "mardi",
    },
    Tr {
        en: "Wednesday",
        fr: "mercredi",
    },
    Tr {
        en: "Thursday",
        fr: "jeudi",
    },
    Tr {
        en: "Friday",
        fr: "vendredi",
    },
    Tr {
        en: "Saturday",
        fr: "samedi",
    },
    Tr {
        en: "Sunday",
        fr: "dimanche",
    },
];

const MONTHS: [Tr; 12] = [
    Tr {
        en: "January",
        fr: "janvier",
    },
    Tr {
        en: "February",
        fr: "février",
    },
    Tr {
        en: "March",
        fr: "mars",
    },
    Tr {
        en: "April",
        fr: "avril",
    },
    Tr {
        en: "May",
        fr: "mai",
    },
    Tr {
        en: "June",
        fr: "juin",
    },
    Tr {
        en: "July",
        fr: "juillet",
    },
    Tr {
        en: "August",
        fr: "août",
    },
    Tr {
        en: "September",
        fr: "septembre",
    },
    Tr {
        en: "October",
        fr: "octobre",
    },
    Tr {
        en: "November",
        fr: "novembre",
    },
    Tr {
        en: "December",
        fr: "décembre",
    },
];

/// The wall-clock date and time a journal gives, as written (in the offset it was written in).
fn civil(time: &str) -> Option<jiff::civil::DateTime> {
    let timestamp: jiff::Timestamp = time.parse().ok()?;
    let offset = jiff::fmt::temporal::Pieces::parse(time)
        .ok()
        .and_then(|pieces| pieces.to_numeric_offset())
        .unwrap_or(jiff::tz::Offset::UTC);
    Some(offset.to_datetime(timestamp))
}

fn date(datetime: jiff::civil::DateTime, lang: Lang) -> String {
    let weekday = WEEKDAYS[usize::from(datetime.weekday().to_monday_zero_offset() as u8)].get(lang);
    let month = MONTHS[usize::from(datetime.month().unsigned_abs() - 1)].get(lang);
    let (day, year) = (datetime.day(), datetime.year());
    match lang {
        Lang::En => format!("{weekday} {day} {month} {year}"),
        Lang::Fr if day == 1 => format!("{weekday} 1er {month} {year}"),
        Lang::Fr => format!("{weekday} {day} {month} {year}"),
    }
}

fn hour(datetime: jiff::civil::DateTime, lang: Lang) -> String {
    let (hour, minute) = (datetime.hour(), datetime.minute());
    match lang {
        Lang::En => format!("{hour:02}:{minute:02}"),
        Lang::Fr => format!("{hour} h {minute:02}"),
    }
}

/// When the session took place: `Monday 23 November 2026, 14:00–15:23`.
fn when(started: &str, last: &str, lang: Lang) -> String {
    let Some(start) = civil(started) else {
        return inline(started);
    };
    let mut text = format!("{}, {}", date(start, lang), hour(start, lang));
    if let Some(end) = civil(last).filter(|end| end > &start) {
        if end.date() == start.date() {
            let _ = write!(text, " – {}", hour(end, lang));
        } else {
            let _ = write!(text, " – {}, {}", date(end, lang), hour(end, lang));
        }
    }
    text
}

/// User text on one line (a title, a name, a table cell): line breaks become spaces, and
/// characters Markdown would act on are escaped.
fn inline(text: &str) -> String {
    let joined = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut escaped = escape(&joined);
    if escaped.ends_with('#') {
        escaped.insert(escaped.len() - 1, '\\');
    }
    if escaped.starts_with('#') {
        escaped.insert(0, '\\');
    }
    escaped
}

/// User text over several lines (a note, a capture): each line break is kept as a hard break,
/// blank lines separate paragraphs, and what Markdown would act on is escaped, line starts
/// included. Lines after the first are indented by `indent` (to stay inside a list item).
fn block(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\\\n" });
            out.push_str(indent);
        }
        blank = false;
        out.push_str(&line_start(escape(line)));
    }
    out
}

/// Escapes what would make a line a heading, a quote, a list item, a rule or a setext underline.
fn line_start(line: String) -> String {
    let mut chars = line.chars();
    let first = chars.next();
    let rest = chars.as_str();
    match first {
        Some('#' | '>') => format!("\\{line}"),
        Some('-' | '+' | '=')
            if rest.is_empty()
                || rest.starts_with([' ', '\t'])
                || line.chars().all(|c| c == first.unwrap_or(' ') || c == ' ') =>
        {
            format!("\\{line}")
        }
        Some('0'..='9') => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let after = &line[digits..];
            let marker = after.starts_with(['.', ')']);
            let then = after.get(1..).unwrap_or("");
            if digits <= 9 && marker && (then.is_empty() || then.starts_with([' ', '\t'])) {
                format!("{}\\{after}", &line[..digits])
            } else {
                line
            }
        }
        _ => line,
    }
}

/// Escapes the characters Markdown acts on inside a line: backslashes, code, emphasis, links,
/// HTML, table cells; `_` only at word edges, `~` only when there are two, `&` only before
/// something that reads as an entity.
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(text.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let before = index.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(index + 1).copied();
        let escaped = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' => true,
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            '~' => tildes > 1,
            '&' => is_entity(&chars[index + 1..]),
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after an `&` reads as an HTML entity (`amp;`, `#38;`).
fn is_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_escapes_what_markdown_acts_on() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(
            inline("*bold* and [link](x)"),
            "\\*bold\\* and \\[link\\](x)"
        );
        assert_eq!(inline("snake_case _em_"), "snake_case \\_em\\_");
        assert_eq!(inline("~2 000 €"), "~2 000 €");
        assert_eq!(inline("~~gone~~"), "\\~\\~gone\\~\\~");
        assert_eq!(inline("<b> &amp; & co"), "\\<b> \\&amp; & co");
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(inline("Group #"), "Group \\#");
        assert_eq!(inline("back\\slash `code`"), "back\\\\slash \\`code\\`");
    }

    #[test]
    fn blocks_keep_line_breaks_and_escape_line_starts() {
        assert_eq!(block("one\ntwo", "  "), "one\\\n  two");
        assert_eq!(block("one\n\n\ntwo\n", ""), "one\n\ntwo");
        assert_eq!(block("# title\n> quote", ""), "\\# title\\\n\\> quote");
        assert_eq!(
            block("- item\n+ item\n---\n===", ""),
            "\\- item\\\n\\+ item\\\n\\---\\\n\\==="
        );
        assert_eq!(
            block("1. first\n2) second\n2026 was", ""),
            "1\\. first\\\n2\\) second\\\n2026 was"
        );
        assert_eq!(block("-3 degrees\n12.5 km", ""), "-3 degrees\\\n12.5 km");
        assert_eq!(block("  indented  \r\nnext", ""), "indented\\\nnext");
    }

    #[test]
    fn times_and_differences() {
        assert_eq!(clock(612.5), "10:13");
        assert_eq!(clock(4707.5), "1:18:28");
        assert_eq!(stamp(135.4), "02:15");
        assert_eq!(stamp(3725.0), "1:02:05");
        assert_eq!(difference(600.0, 612.5, true), "**+0:13** ⚠");
        assert_eq!(difference(1500.0, 1440.0, false), "-1:00");
        assert_eq!(difference(600.0, 600.2, false), "0:00");
    }

    #[test]
    fn dates_read_in_the_offset_they_were_written_in() {
        assert_eq!(
            when(
                "2026-11-23T14:00:00+01:00",
                "2026-11-23T15:23:27.5+01:00",
                Lang::En
            ),
            "Monday 23 November 2026, 14:00 – 15:23"
        );
        assert_eq!(
            when(
                "2026-11-01T23:30:00-05:00",
                "2026-11-02T00:10:00-05:00",
                Lang::Fr
            ),
            "dimanche 1er novembre 2026, 23 h 30 – lundi 2 novembre 2026, 0 h 10"
        );
        assert_eq!(when("yesterday", "today", Lang::En), "yesterday");
    }
}
