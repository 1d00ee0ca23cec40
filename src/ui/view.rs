//! What the runner draws: a pure function of the [`App`] and `now`, one `render_*` function per
//! region. Nothing here reads the clock or writes to the terminal.

pub mod big_clock;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget, Wrap};

use crate::domain::lang::{Lang, Tr};
use crate::domain::method::{Clock, Speaker, StepKind};
use crate::domain::session::{Countdown, Phase};
use crate::ui::app::{App, Overlay};
use big_clock::BigClock;

/// The smallest window the runner draws in; below it, a message asks for a larger one.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The colours of the runner, chosen for a projector: calm, then warning, then overtime.
struct Theme {
    calm: Color,
    warning: Color,
    overtime: Color,
    quiet: Color,
    text: Color,
    dim: Color,
    banner_fg: Color,
    banner_bg: Color,
    done: Color,
}

const THEME: Theme = Theme {
    calm: Color::Cyan,
    warning: Color::Yellow,
    overtime: Color::LightRed,
    quiet: Color::DarkGray,
    text: Color::Reset,
    dim: Color::DarkGray,
    banner_fg: Color::Black,
    banner_bg: Color::Yellow,
    done: Color::Green,
};

/// Interface words, in both languages.
mod words {
    use crate::domain::lang::Tr;

    pub const STEP_OF: Tr = Tr {
        en: "Step",
        fr: "Étape",
    };
    pub const OF: Tr = Tr {
        en: "of",
        fr: "sur",
    };
    pub const LEFT: Tr = Tr {
        en: "left",
        fr: "restantes",
    };
    pub const ENDS: Tr = Tr {
        en: "ends",
        fr: "fin",
    };
    pub const PAUSED: Tr = Tr {
        en: "PAUSED",
        fr: "PAUSE",
    };
    pub const REHEARSAL: Tr = Tr {
        en: "rehearsal",
        fr: "répétition",
    };
    pub const SPEAKS: Tr = Tr {
        en: "Speaks",
        fr: "Parole",
    };
    pub const EVERYONE: Tr = Tr {
        en: "Everyone",
        fr: "Tout le monde",
    };
    pub const NOBODY: Tr = Tr {
        en: "Nobody",
        fr: "Personne",
    };
    pub const TURN: Tr = Tr {
        en: "Turn",
        fr: "Tour",
    };
    pub const NEXT: Tr = Tr {
        en: "next",
        fr: "ensuite",
    };
    pub const NEXT_STEP: Tr = Tr {
        en: "Next step:",
        fr: "Étape suivante :",
    };
    pub const LAST_TURN: Tr = Tr {
        en: "last turn",
        fr: "dernier tour",
    };
    pub const OVERTIME: Tr = Tr {
        en: "over time",
        fr: "dépassement",
    };
    pub const STEP_LEFT: Tr = Tr {
        en: "step",
        fr: "étape",
    };
    pub const AGENDA: Tr = Tr {
        en: "Agenda",
        fr: "Programme",
    };
    pub const PROMPTS: Tr = Tr {
        en: "To think about",
        fr: "Pistes",
    };
    pub const SILENCE: Tr = Tr {
        en: "Silence",
        fr: "Silence",
    };
    pub const WRITING: Tr = Tr {
        en: "Writing, in silence",
        fr: "Écriture, en silence",
    };
    pub const ABOUT_MIN: Tr = Tr {
        en: "min left",
        fr: "min restantes",
    };
    pub const LAST_MIN: Tr = Tr {
        en: "less than a minute left",
        fr: "moins d'une minute",
    };
    pub const TIME_UP: Tr = Tr {
        en: "time is up",
        fr: "le temps est écoulé",
    };
    pub const FACILITATOR_RECOMMENDED: Tr = Tr {
        en: "a facilitator is recommended",
        fr: "un animateur est recommandé",
    };
    pub const FACILITATOR_REQUIRED: Tr = Tr {
        en: "a facilitator is part of this method",
        fr: "un animateur fait partie de la méthode",
    };
    pub const READY: Tr = Tr {
        en: "Ready",
        fr: "Prêt",
    };
    pub const PEOPLE: Tr = Tr {
        en: "People",
        fr: "Participants",
    };
    pub const TOTAL: Tr = Tr {
        en: "Total",
        fr: "Total",
    };
    pub const SLOT: Tr = Tr {
        en: "slot",
        fr: "créneau",
    };
    pub const IF_NOW: Tr = Tr {
        en: "if started now, ends",
        fr: "si l'on commence maintenant, fin à",
    };
    pub const PRESS_START: Tr = Tr {
        en: "Press space to start the clock",
        fr: "Appuyez sur espace pour lancer le chrono",
    };
    pub const OVER: Tr = Tr {
        en: "Session over",
        fr: "Séance terminée",
    };
    pub const STOPPED: Tr = Tr {
        en: "Session stopped",
        fr: "Séance interrompue",
    };
    pub const PLANNED: Tr = Tr {
        en: "planned",
        fr: "prévu",
    };
    pub const ACTUAL: Tr = Tr {
        en: "actual",
        fr: "réel",
    };
    pub const SKIPPED: Tr = Tr {
        en: "skipped",
        fr: "sautée",
    };
    pub const TOO_SMALL: Tr = Tr {
        en: "Make the window larger",
        fr: "Agrandissez la fenêtre",
    };
    pub const QUIT_TITLE: Tr = Tr {
        en: "Quit the session?",
        fr: "Quitter la séance ?",
    };
    pub const QUIT_BODY: Tr = Tr {
        en: "The log is kept either way.   y: quit   any other key: stay",
        fr: "Le journal est conservé dans tous les cas.   o : quitter   autre touche : rester",
    };
    pub const HELP_TITLE: Tr = Tr {
        en: "Keys",
        fr: "Touches",
    };
    pub const HELP_CLOSE: Tr = Tr {
        en: "any key closes this help",
        fr: "une touche ferme cette aide",
    };
    pub const NOTE: Tr = Tr {
        en: "Note",
        fr: "Note",
    };
    pub const INPUT_KEYS: Tr = Tr {
        en: "enter: save · alt+enter: new line · the clock keeps running",
        fr: "entrée : enregistrer · alt+entrée : nouvelle ligne · le chrono continue",
    };
    pub const MUTED: Tr = Tr {
        en: "bell off",
        fr: "son coupé",
    };
}

/// The keys, as the help and the footer list them: (keys, what they do).
pub const KEYS: [(&str, Tr); 15] = [
    (
        "space",
        Tr {
            en: "start / pause / resume",
            fr: "lancer / pause / reprendre",
        },
    ),
    (
        "n →",
        Tr {
            en: "next step",
            fr: "étape suivante",
        },
    ),
    (
        "p ←",
        Tr {
            en: "previous step",
            fr: "étape précédente",
        },
    ),
    (
        "s ↓",
        Tr {
            en: "next speaker (round)",
            fr: "personne suivante (tour)",
        },
    ),
    (
        "x",
        Tr {
            en: "the speaker passes",
            fr: "la personne passe son tour",
        },
    ),
    (
        "+ ↑",
        Tr {
            en: "add a minute",
            fr: "ajouter une minute",
        },
    ),
    (
        "-",
        Tr {
            en: "remove a minute",
            fr: "retirer une minute",
        },
    ),
    (
        "r",
        Tr {
            en: "restart the step",
            fr: "reprendre l'étape à zéro",
        },
    ),
    (
        "e",
        Tr {
            en: "write a note (the clock keeps running)",
            fr: "écrire une note (le chrono continue)",
        },
    ),
    (
        "c",
        Tr {
            en: "capture the step's sentence (contract, action plan...)",
            fr: "noter la phrase de l'étape (contrat, plan d'action...)",
        },
    ),
    (
        "1…9",
        Tr {
            en: "choose the consultation module (when the step offers it)",
            fr: "choisir le module de consultation (si l'étape le propose)",
        },
    ),
    (
        "f",
        Tr {
            en: "re-fit the steps left to end on time (protected steps kept)",
            fr: "réajuster la suite pour finir à l'heure (étapes protégées gardées)",
        },
    ),
    (
        "m",
        Tr {
            en: "bell on / off",
            fr: "son oui / non",
        },
    ),
    (
        "?",
        Tr {
            en: "help",
            fr: "aide",
        },
    ),
    (
        "q",
        Tr {
            en: "quit (asks first)",
            fr: "quitter (avec confirmation)",
        },
    ),
];

const FOOTER: [(&str, Tr); 8] = [
    (
        "space",
        Tr {
            en: "pause",
            fr: "pause",
        },
    ),
    (
        "n",
        Tr {
            en: "next",
            fr: "suivante",
        },
    ),
    (
        "s",
        Tr {
            en: "speaker",
            fr: "personne",
        },
    ),
    (
        "+/-",
        Tr {
            en: "minute",
            fr: "minute",
        },
    ),
    (
        "r",
        Tr {
            en: "restart",
            fr: "reprendre",
        },
    ),
    (
        "e",
        Tr {
            en: "note",
            fr: "note",
        },
    ),
    (
        "?",
        Tr {
            en: "help",
            fr: "aide",
        },
    ),
    (
        "q",
        Tr {
            en: "quit",
            fr: "quitter",
        },
    ),
];

/// The runner's screen at one instant.
pub struct Screen<'a> {
    /// What to show.
    pub app: &'a App,
    /// The instant shown.
    pub now: Instant,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
            render_too_small(app.lang, area, buf);
            return;
        }
        match app.session.phase() {
            Phase::Ready => self.render_start(area, buf),
            Phase::Running if app.session.step_kind().is_quiet() => self.render_quiet(area, buf),
            Phase::Running => self.render_step(area, buf),
            Phase::Finished => self.render_summary(area, buf),
        }
        match app.overlay {
            Overlay::None => {}
            Overlay::Help => render_help(app.lang, area, buf),
            Overlay::ConfirmQuit => render_confirm_quit(app.lang, area, buf),
        }
    }
}

fn render_too_small(lang: Lang, area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::from(words::TOO_SMALL.get(lang)).style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from(format!(
            "{}×{} < {}×{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
    ];
    let [middle] = Layout::vertical([Constraint::Length(2)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}

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
fn countdown_color(countdown: Countdown, planned: Duration) -> Color {
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

impl Screen<'_> {
    fn wall_clock(&self, instant: Instant) -> String {
        let offset = instant.saturating_duration_since(self.app.origin);
        let speedless = jiff::SignedDuration::try_from(offset).unwrap_or_default();
        match self.app.origin_wall.checked_add(speedless) {
            Ok(time) => time.strftime("%H:%M").to_string(),
            Err(_) => "--:--".into(),
        }
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer, centre: Option<String>) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let mut left = vec![Span::styled(
            format!(" {}", session.method().name.get(lang)),
            Style::new().add_modifier(Modifier::BOLD),
        )];
        if let Some(centre) = centre {
            left.push(Span::raw(format!("  ·  {centre}")));
        }
        if app.speed > 1 {
            left.push(Span::styled(
                format!("  ·  {} ×{}", words::REHEARSAL.get(lang), app.speed),
                Style::new().fg(THEME.warning),
            ));
        }
        if app.quiet {
            left.push(Span::styled(
                format!("  ·  {}", words::MUTED.get(lang)),
                Style::new().fg(THEME.dim),
            ));
        }
        if session.is_paused() {
            left.push(Span::styled(
                format!("  {}  ", words::PAUSED.get(lang)),
                Style::new()
                    .fg(THEME.banner_fg)
                    .bg(THEME.warning)
                    .add_modifier(Modifier::BOLD),
            ));
        }
        let right = if session.phase() == Phase::Running {
            let remaining = session.remaining(self.now);
            // Quiet steps show no ticking seconds anywhere: the session's time is in minutes.
            let left = if session.step_kind().is_quiet() {
                format!("{} min", remaining.as_secs().div_ceil(60))
            } else {
                Clock(round_up(remaining)).to_string()
            };
            format!(
                "  {left} {}  ·  {} {} ",
                words::LEFT.get(lang),
                words::ENDS.get(lang),
                self.wall_clock(self.now + remaining)
            )
        } else {
            String::new()
        };
        let right_width = right.chars().count() as u16;
        // When everything does not fit, the method's name goes first: the step and the time stay.
        let left_width: usize = left.iter().map(|span| span.content.chars().count()).sum();
        if left_width + right_width as usize > area.width as usize && left.len() > 1 {
            left.remove(0);
            if let Some(first) = left.first_mut() {
                first.content = first.content.trim_start_matches("  ·  ").to_owned().into();
                first.content = format!(" {}", first.content).into();
            }
        }
        let [left_area, right_area] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
        Paragraph::new(Line::from(left)).render(left_area, buf);
        Paragraph::new(right)
            .alignment(Alignment::Right)
            .render(right_area, buf);
        buf.set_style(area, Style::new().add_modifier(Modifier::REVERSED));
    }

    fn render_footer(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let start = Tr {
            en: "start",
            fr: "lancer",
        };
        let mut items: Vec<(&str, &str)> = FOOTER
            .iter()
            .enumerate()
            .map(|(index, (key, what))| {
                let what = if index == 0 && self.app.session.phase() == Phase::Ready {
                    start
                } else {
                    *what
                };
                (key_name(key, lang), what.get(lang))
            })
            .collect();
        let width = |items: &[(&str, &str)]| {
            items
                .iter()
                .map(|(key, what)| key.chars().count() + what.chars().count() + 5)
                .sum::<usize>()
        };
        // On narrow screens, drop the least needed keys; help and quit always stay.
        for drop in ["r", "+/-", "e", "s"] {
            if width(&items) <= area.width as usize {
                break;
            }
            items.retain(|(key, _)| *key != drop);
        }
        let mut spans = Vec::new();
        for (key, what) in items {
            spans.push(Span::styled(
                format!(" {key} "),
                Style::new().add_modifier(Modifier::REVERSED),
            ));
            spans.push(Span::styled(
                format!(" {what}  "),
                Style::new().fg(THEME.dim),
            ));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn step_title(&self) -> String {
        let session = &self.app.session;
        let lang = self.app.lang;
        format!(
            "{} {} {} {}",
            words::STEP_OF.get(lang),
            session.step_index() + 1,
            words::OF.get(lang),
            session.planned().len()
        )
    }

    /// Who speaks now, as a line: role and name, or the turn in a round.
    fn speaker_line(&self) -> Line<'static> {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let method = session.method();
        let cast = session.cast_at(session.step_index());
        let step = session.step();
        let strong = Style::new().add_modifier(Modifier::BOLD);
        if let Some(turn_index) = session.turn_index() {
            let turns = session.turns(session.step_index());
            let turn = turns[turn_index];
            let main_turns = turns.iter().filter(|turn| !turn.is_tail).count();
            let who = cast.label(method, turn.person, lang);
            let role = cast.role_names(method, turn.person, lang);
            let position = if turn.is_tail {
                String::new()
            } else if cast.people[turn.person].name.is_some() {
                format!(
                    "{} {} {} {}  ·  ",
                    words::TURN.get(lang),
                    turn_index + 1,
                    words::OF.get(lang),
                    main_turns
                )
            } else {
                String::new()
            };
            let mut spans = vec![
                Span::raw(format!(" {position}")),
                Span::styled(who.clone(), strong),
            ];
            if cast.people[turn.person].name.is_some() && !role.is_empty() {
                spans.push(Span::raw(format!(" ({role})")));
            } else if !turn.is_tail && cast.people[turn.person].name.is_none() {
                spans.push(Span::raw(format!(" {} {main_turns}", words::OF.get(lang))));
            }
            let next = match turns.get(turn_index + 1) {
                Some(next) => format!(
                    "  ·  {}{}{}",
                    words::NEXT.get(lang),
                    colon(lang),
                    cast.label(method, next.person, lang)
                ),
                None => format!("  ·  {}", words::LAST_TURN.get(lang)),
            };
            spans.push(Span::styled(next, Style::new().fg(THEME.dim)));
            return Line::from(spans);
        }
        let who = match &step.speaker {
            Speaker::All => words::EVERYONE.get(lang).to_owned(),
            Speaker::Nobody => words::NOBODY.get(lang).to_owned(),
            Speaker::Roles(ids) => ids
                .iter()
                .map(|id| {
                    let role = method
                        .role(id)
                        .map_or(id.as_str(), |role| role.name.get(lang))
                        .to_owned();
                    let names: Vec<String> = cast
                        .holders(id)
                        .into_iter()
                        .filter_map(|i| cast.people[i].name.clone())
                        .collect();
                    if names.is_empty() {
                        role
                    } else {
                        format!("{role} · {}", names.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join("  +  "),
        };
        Line::from(vec![
            Span::raw(format!(" {}{}", words::SPEAKS.get(lang), colon(lang))),
            Span::styled(who, strong),
        ])
    }

    fn render_step(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let step = session.step();
        let module_rules: Vec<&crate::domain::method::Text> =
            match (step.use_module, self.app.chosen_module) {
                (true, Some(index)) => session
                    .method()
                    .modules
                    .get(index)
                    .map(|module| module.rules.iter().collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
        let all_rules: Vec<&crate::domain::method::Text> =
            step.rules.iter().chain(module_rules).collect();
        let rules = all_rules.len().min(2) as u16;
        let clock_height = if step.choose_module {
            // The list of modules matters more than the clock while the group chooses.
            (area.height / 4).max(4)
        } else if area.height >= 40 {
            // A projector's window: two fifths, so the digits are a third of its height.
            area.height * 2 / 5
        } else {
            // A laptop's window: a third, so the prompts keep their room.
            (area.height / 3).max(5)
        };
        // On a projector's window the step's name is drawn in large letters too.
        let step_name = session.step_name(session.step_index(), lang);
        let big_name = (area.height >= 40)
            .then(|| big_name_size(&step_name, area.width))
            .flatten();
        let name_height = if big_name.is_some() { 4 } else { 1 };
        let [
            header,
            _,
            name,
            speaker,
            banner,
            clock,
            gauge,
            _,
            body,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(name_height),
            Constraint::Length(1),
            Constraint::Length(rules),
            Constraint::Length(clock_height),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf, Some(self.step_title()));
        let planned = format!("{}", Clock(session.planned()[session.step_index()]));
        match big_name {
            Some(size) => {
                let [text, length] = Layout::horizontal([
                    Constraint::Min(0),
                    Constraint::Length(planned.len() as u16 + 2),
                ])
                .areas(name);
                tui_big_text::BigText::builder()
                    .pixel_size(size)
                    .style(Style::new().add_modifier(Modifier::BOLD))
                    // The font has no typographic apostrophe: a straight one stands in.
                    .lines(vec![Line::from(step_name.to_uppercase().replace('’', "'"))])
                    .build()
                    .render(
                        Rect {
                            x: text.x + 1,
                            width: text.width.saturating_sub(1),
                            ..text
                        },
                        buf,
                    );
                Paragraph::new(planned)
                    .style(Style::new().fg(THEME.dim))
                    .render(
                        Rect {
                            y: length.y + 3,
                            height: 1,
                            ..length
                        },
                        buf,
                    );
            }
            None => Paragraph::new(Line::from(vec![
                Span::styled(
                    format!(" {}", step_name.to_uppercase()),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::styled(format!("   {planned}"), Style::new().fg(THEME.dim)),
            ]))
            .render(name, buf),
        }
        Paragraph::new(self.speaker_line()).render(speaker, buf);
        for (index, rule) in all_rules.iter().take(2).enumerate() {
            let row = Rect {
                y: banner.y + index as u16,
                height: 1,
                ..banner
            };
            Paragraph::new(format!(" {} ", rule.get(lang)))
                .alignment(Alignment::Center)
                .style(
                    Style::new()
                        .fg(THEME.banner_fg)
                        .bg(THEME.banner_bg)
                        .add_modifier(Modifier::BOLD),
                )
                .render(row, buf);
        }
        // The big clock counts the turn in a round, the step otherwise.
        let (countdown, planned) = match (session.turn_countdown(self.now), session.turn_index()) {
            (Some(countdown), Some(turn)) => (
                countdown,
                session.turns(session.step_index())[turn].duration,
            ),
            _ => (
                session.step_countdown(self.now),
                session.planned()[session.step_index()],
            ),
        };
        let color = countdown_color(countdown, planned);
        let mut clock_style = Style::new().fg(color);
        if session.is_paused() {
            clock_style = clock_style.fg(THEME.dim);
        }
        BigClock::new(&clock_text(countdown))
            .style(clock_style)
            .render(clock, buf);
        self.render_gauge(gauge, buf, countdown, planned, color);
        let body = self.render_extras(body, buf);
        if area.width >= 100 {
            let [prompts, agenda] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(body);
            self.render_prompts(prompts, buf);
            self.render_agenda(agenda, buf);
        } else {
            let [prompts, next] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
            self.render_prompts(prompts, buf);
            self.render_next_step(next, buf);
        }
        self.render_footer(footer, buf);
    }

    /// Draws, at the bottom of `area`, the text field being typed in, the captured sentences
    /// and (in the first step) last session's follow-up; returns what is left above them.
    fn render_extras(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let app = self.app;
        let lang = app.lang;
        let mut lines: Vec<Line> = Vec::new();
        if let Some(flash) = &app.flash {
            lines.push(
                Line::from(format!(" {flash}"))
                    .style(Style::new().fg(THEME.warning).add_modifier(Modifier::BOLD)),
            );
        }
        if let Some(warning) = &app.warning {
            lines.push(
                Line::from(format!(" ⚠ {warning}"))
                    .style(Style::new().fg(THEME.overtime).add_modifier(Modifier::BOLD)),
            );
        }
        if let (Some(follow_up), true) = (&app.follow_up, app.session.step_index() == 0) {
            lines.push(follow_up_line(follow_up, lang));
        }
        for pinned in &app.pinned {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {}{}",
                        crate::domain::method::capture_label(&pinned.key, lang),
                        colon(lang)
                    ),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(pinned.text.replace('\n', " ")),
            ]));
        }
        let input_height = if app.input.is_some() {
            6.min(area.height.saturating_sub(lines.len() as u16))
        } else {
            0
        };
        let pinned_height = (lines.len() as u16).min(area.height.saturating_sub(input_height));
        let [rest, pinned_area, input_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(pinned_height),
            Constraint::Length(input_height),
        ])
        .areas(area);
        Paragraph::new(lines)
            .style(Style::new().fg(THEME.calm))
            .render(pinned_area, buf);
        if let Some(open) = &app.input {
            self.render_input(open, input_area, buf);
        }
        rest
    }

    fn render_input(&self, open: &crate::ui::app::OpenInput, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let step_name = self.app.session.step_name(open.step, lang);
        let title = match &open.purpose {
            crate::ui::app::Purpose::Note => format!(
                " {} · {} · {} ",
                words::NOTE.get(lang),
                step_name,
                Clock(open.opened_at)
            ),
            crate::ui::app::Purpose::Capture(key) => {
                format!(" {} ", crate::domain::method::capture_label(key, lang))
            }
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(THEME.calm))
            .title(title)
            .title_bottom(Line::from(format!(" {} ", words::INPUT_KEYS.get(lang))).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let (line, column) = open.field.cursor_position();
        // Keep the cursor's line in view.
        let scroll = (line as u16).saturating_sub(inner.height.saturating_sub(1));
        Paragraph::new(open.field.text().to_owned())
            .scroll((scroll, 0))
            .render(inner, buf);
        let cursor = (
            inner.x + (column as u16).min(inner.width.saturating_sub(1)),
            inner.y + line as u16 - scroll,
        );
        if inner.contains(cursor.into()) {
            buf[cursor].set_style(Style::new().add_modifier(Modifier::REVERSED));
        }
    }

    /// On narrow screens, in place of the agenda: the next step and its planned time.
    fn render_next_step(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let next = session.step_index() + 1;
        if next >= session.step_count() {
            return;
        }
        let line = format!(
            " {} {}  {}",
            words::NEXT_STEP.get(lang),
            session.step_name(next, lang),
            Clock(session.planned()[next])
        );
        Paragraph::new(line)
            .style(Style::new().fg(THEME.dim))
            .render(area, buf);
    }

    fn render_gauge(
        &self,
        area: Rect,
        buf: &mut Buffer,
        countdown: Countdown,
        planned: Duration,
        color: Color,
    ) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let label = match (session.turn_index(), countdown) {
            (Some(_), _) => format!(
                " {} {} ",
                words::STEP_LEFT.get(lang),
                clock_text(session.step_countdown(self.now))
            ),
            (None, Countdown::Over(_)) => format!(" {} ", words::OVERTIME.get(lang)),
            (None, Countdown::Left(_)) => String::new(),
        };
        let label_width = label.chars().count() as u16;
        let [bar, text] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(label_width)]).areas(area);
        let bar = Rect {
            x: bar.x + 1,
            width: bar.width.saturating_sub(2),
            ..bar
        };
        let fraction = match countdown {
            Countdown::Over(_) => 1.0,
            Countdown::Left(left) if !planned.is_zero() => {
                1.0 - left.as_secs_f64() / planned.as_secs_f64()
            }
            Countdown::Left(_) => 1.0,
        };
        let filled = ((bar.width as f64) * fraction).floor() as u16;
        for x in 0..bar.width {
            let (symbol, style) = if x < filled {
                ("━", Style::new().fg(color))
            } else {
                ("─", Style::new().fg(THEME.dim))
            };
            buf[(bar.x + x, bar.y)].set_symbol(symbol).set_style(style);
        }
        Paragraph::new(label)
            .style(Style::new().fg(THEME.dim))
            .render(text, buf);
    }

    fn render_prompts(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let method = session.method();
        let step = session.step();
        let mut lines: Vec<Line> = step
            .prompts
            .iter()
            .map(|prompt| Line::from(format!("• {}", prompt.get(lang))))
            .collect();
        if step.choose_module {
            // The modules to choose from, each with its key, before the prompts; a short hint
            // only where there is room for it.
            let mut choices = Vec::new();
            for (index, module) in method.modules.iter().enumerate() {
                let chosen = self.app.chosen_module == Some(index);
                let style = if chosen {
                    Style::new().fg(THEME.calm).add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                let hint = match module.prompts.first() {
                    Some(prompt) if area.width >= 100 => format!(" — {}", prompt.get(lang)),
                    _ => String::new(),
                };
                choices.push(Line::from(vec![
                    Span::styled(
                        format!(" {} ", index + 1),
                        Style::new().add_modifier(Modifier::REVERSED),
                    ),
                    Span::styled(
                        format!(" {}", module.name.get(lang)),
                        style.add_modifier(Modifier::BOLD),
                    ),
                    Span::styled(hint, style.fg(THEME.dim)),
                ]));
            }
            choices.append(&mut lines);
            lines = choices;
        }
        if step.use_module
            && let Some(module) = self
                .app
                .chosen_module
                .and_then(|index| method.modules.get(index))
        {
            lines.extend(
                module
                    .prompts
                    .iter()
                    .map(|prompt| Line::from(format!("• {}", prompt.get(lang)))),
            );
        }
        if lines.is_empty() {
            return;
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .border_type(BorderType::Plain)
                    .title(format!(" {} ", words::PROMPTS.get(lang)))
                    .border_style(Style::new().fg(THEME.dim)),
            )
            .render(
                Rect {
                    x: area.x + 1,
                    width: area.width.saturating_sub(2),
                    ..area
                },
                buf,
            );
    }

    fn render_agenda(&self, area: Rect, buf: &mut Buffer) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let current = session.step_index();
        let records = session.records(self.now);
        let names: Vec<String> = (0..session.step_count())
            .map(|position| session.step_name(position, lang))
            .collect();
        let name_width = names
            .iter()
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(0)
            .min((area.width as usize).saturating_sub(20));
        let mut start = Duration::ZERO;
        let mut lines = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let planned = session.planned()[index];
            let (mark, style) = if session.phase() == Phase::Running && index == current {
                ("▶", Style::new().add_modifier(Modifier::BOLD))
            } else if records[index].visited {
                ("✓", Style::new().fg(THEME.done))
            } else {
                (" ", Style::new())
            };
            let name: String = name.chars().take(name_width).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} {:>7}  ", Clock(start).to_string()), style),
                Span::styled(format!("{name:<name_width$}"), style),
                Span::styled(
                    format!("  {:>5}", Clock(planned).to_string()),
                    Style::new().fg(THEME.dim),
                ),
            ]));
            start += planned;
        }
        // Keep the current step in view on short screens.
        let visible = area.height.saturating_sub(1) as usize;
        let skip = current
            .saturating_sub(visible.saturating_sub(3))
            .min(lines.len().saturating_sub(visible));
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>())
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(format!(" {} ", words::AGENDA.get(lang)))
                    .border_style(Style::new().fg(THEME.dim)),
            )
            .render(area, buf);
    }

    fn render_quiet(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let step = session.step();
        let calm = Style::new().fg(THEME.quiet);
        let [header, _, middle, footer] = Layout::vertical(
            [
                Constraint::Length(1),
                Constraint::Min(0),
                Constraint::Length(8),
                Constraint::Min(0),
            ]
            .map(|c| c),
        )
        .areas(area);
        let _ = footer;
        self.render_header(header, buf, Some(self.step_title()));
        let countdown = session.step_countdown(self.now);
        let kind_word = if step.kind == StepKind::Writing {
            words::WRITING
        } else {
            words::SILENCE
        };
        let left = match countdown {
            Countdown::Over(_) | Countdown::Left(Duration::ZERO) => {
                words::TIME_UP.get(lang).to_owned()
            }
            Countdown::Left(left) if left < Duration::from_secs(60) => {
                words::LAST_MIN.get(lang).to_owned()
            }
            Countdown::Left(left) => format!(
                "{} {}",
                left.as_secs().div_ceil(60),
                words::ABOUT_MIN.get(lang)
            ),
        };
        let mut lines = vec![
            Line::from(step.name.get(lang).to_owned())
                .style(Style::new().add_modifier(Modifier::BOLD)),
            Line::from(kind_word.get(lang)).style(calm),
            Line::from(""),
        ];
        if let Some(prompt) = step.prompts.first() {
            lines.push(
                Line::from(prompt.get(lang).to_owned()).style(calm.add_modifier(Modifier::ITALIC)),
            );
        }
        lines.push(Line::from(""));
        lines.push(Line::from(left).style(calm));
        let [text, bar] =
            Layout::vertical([Constraint::Length(6), Constraint::Length(1)]).areas(middle);
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .render(text, buf);
        // A slow, thin bar: it moves one cell at a time, nothing blinks.
        let width = bar.width / 2;
        let bar = Rect {
            x: bar.x + (bar.width - width) / 2,
            width,
            ..bar
        };
        let planned = session.planned()[session.step_index()];
        let fraction = 1.0 - countdown.left().as_secs_f64() / planned.as_secs_f64().max(1.0);
        let filled = (width as f64 * fraction).floor() as u16;
        for x in 0..bar.width {
            let symbol = if x < filled { "▬" } else { "─" };
            buf[(bar.x + x, bar.y)].set_symbol(symbol).set_style(calm);
        }
        let footer_area = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let below = Rect {
            y: bar.bottom() + 1,
            height: footer_area.y.saturating_sub(bar.bottom() + 1),
            ..area
        };
        self.render_extras(below, buf);
        self.render_footer(footer_area, buf);
    }

    fn render_start(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let method = session.method();
        let cast = session.cast();
        let follow_up_height = if app.follow_up.is_some() { 2 } else { 0 };
        let [
            header,
            _,
            summary,
            _,
            columns,
            follow_up,
            totals,
            start,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(follow_up_height),
            Constraint::Length(2),
            Constraint::Length(2),
            Constraint::Length(1),
        ])
        .areas(area);
        let ready = match method.facilitation {
            crate::domain::method::Facilitation::SelfManaged => words::READY.get(lang).to_owned(),
            crate::domain::method::Facilitation::Recommended => format!(
                "{}  ·  {}",
                words::READY.get(lang),
                words::FACILITATOR_RECOMMENDED.get(lang)
            ),
            crate::domain::method::Facilitation::Required => format!(
                "{}  ·  {}",
                words::READY.get(lang),
                words::FACILITATOR_REQUIRED.get(lang)
            ),
        };
        self.render_header(header, buf, Some(ready));
        if let Some(text) = &method.summary {
            Paragraph::new(text.get(lang).to_owned())
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.dim))
                .render(
                    Rect {
                        x: summary.x + 1,
                        width: summary.width.saturating_sub(2),
                        ..summary
                    },
                    buf,
                );
        }
        let [people_area, agenda_area] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                .areas(columns);
        let people: Vec<Line> = (0..cast.people.len())
            .map(|index| {
                let roles = cast.role_names(method, index, lang);
                let label = cast.label(method, index, lang);
                if cast.people[index].name.is_some() {
                    Line::from(vec![
                        Span::styled(label, Style::new().add_modifier(Modifier::BOLD)),
                        Span::styled(format!("  {roles}"), Style::new().fg(THEME.dim)),
                    ])
                } else {
                    Line::from(label)
                }
            })
            .collect();
        Paragraph::new(people)
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(format!(
                        " {} ({}) ",
                        words::PEOPLE.get(lang),
                        cast.people.len()
                    ))
                    .border_style(Style::new().fg(THEME.dim)),
            )
            .render(
                Rect {
                    x: people_area.x + 1,
                    width: people_area.width.saturating_sub(2),
                    ..people_area
                },
                buf,
            );
        self.render_agenda(agenda_area, buf);
        if let Some(text) = &app.follow_up {
            Paragraph::new(follow_up_line(text, lang))
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.calm))
                .render(follow_up, buf);
        }
        let total = session.remaining(self.now);
        let mut line = format!(" {} {}", words::TOTAL.get(lang), Clock(total));
        if let Some(slot) = method.slot {
            line.push_str(&format!("  ·  {} {}", words::SLOT.get(lang), Clock(slot)));
        }
        line.push_str(&format!(
            "  ·  {} {}",
            words::IF_NOW.get(lang),
            self.wall_clock(self.now + total)
        ));
        Paragraph::new(line).render(totals, buf);
        Paragraph::new(words::PRESS_START.get(lang))
            .alignment(Alignment::Center)
            .style(Style::new().fg(THEME.calm).add_modifier(Modifier::BOLD))
            .render(start, buf);
        self.render_footer(footer, buf);
    }

    fn render_summary(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let title = if session.completed() {
            words::OVER
        } else {
            words::STOPPED
        };
        let [header, _, table, _, notice, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(1),
        ])
        .areas(area);
        self.render_header(header, buf, Some(title.get(lang).to_owned()));
        let records = session.records(self.now);
        let names: Vec<String> = (0..session.step_count())
            .map(|position| session.step_name(position, lang))
            .collect();
        let name_width = names
            .iter()
            .map(|name| name.chars().count())
            .max()
            .unwrap_or(10)
            .min(40);
        let mut lines = vec![
            Line::from(format!(
                "   {:<name_width$}  {:>8}  {:>8}  {:>8}",
                "",
                words::PLANNED.get(lang),
                words::ACTUAL.get(lang),
                "±"
            ))
            .style(Style::new().fg(THEME.dim)),
        ];
        let (mut planned_total, mut actual_total) = (Duration::ZERO, Duration::ZERO);
        for (index, (name, record)) in names.iter().zip(&records).enumerate() {
            planned_total += record.planned;
            actual_total += record.actual;
            let name: String = name.chars().take(name_width).collect();
            let (actual, diff, style) = if record.visited {
                let over = record.actual.as_secs() > record.planned.as_secs();
                let diff = signed(record.actual, record.planned);
                let style = if over {
                    Style::new().fg(THEME.overtime).add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                (Clock(record.actual).to_string(), diff, style)
            } else {
                (
                    words::SKIPPED.get(lang).to_owned(),
                    String::new(),
                    Style::new().fg(THEME.dim),
                )
            };
            lines.push(
                Line::from(format!(
                    "{:>2} {name:<name_width$}  {:>8}  {actual:>8}  {diff:>8}",
                    index + 1,
                    Clock(record.planned).to_string()
                ))
                .style(style),
            );
        }
        lines.push(Line::from(""));
        let over = actual_total > planned_total;
        lines.push(
            Line::from(format!(
                "   {:<name_width$}  {:>8}  {:>8}  {:>8}",
                words::TOTAL.get(lang),
                Clock(planned_total).to_string(),
                Clock(actual_total).to_string(),
                signed(actual_total, planned_total)
            ))
            .style(Style::new().add_modifier(Modifier::BOLD).fg(if over {
                THEME.overtime
            } else {
                THEME.text
            })),
        );
        Paragraph::new(lines).render(
            Rect {
                x: table.x + 1,
                width: table.width.saturating_sub(2),
                ..table
            },
            buf,
        );
        if let Some(text) = &app.notice {
            Paragraph::new(format!(" {text}"))
                .wrap(Wrap { trim: true })
                .style(Style::new().fg(THEME.dim))
                .render(notice, buf);
        }
        let quit = KEYS[KEYS.len() - 1];
        Paragraph::new(Line::from(vec![
            Span::styled(" q ", Style::new().add_modifier(Modifier::REVERSED)),
            Span::styled(
                format!(
                    " {}",
                    quit.1.get(lang).split(" (").next().unwrap_or_default()
                ),
                Style::new().fg(THEME.dim),
            ),
        ]))
        .render(footer, buf);
    }
}

/// `+1:30` or `-0:45`: actual against planned.
fn signed(actual: Duration, planned: Duration) -> String {
    let (a, p) = (actual.as_secs(), planned.as_secs());
    if a == p {
        "·".to_owned()
    } else if a > p {
        format!("+{}", Clock(Duration::from_secs(a - p)))
    } else {
        format!("-{}", Clock(Duration::from_secs(p - a)))
    }
}

fn round_up(duration: Duration) -> Duration {
    Duration::from_secs(duration.as_secs() + u64::from(duration.subsec_nanos() > 0))
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
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
fn big_name_size(name: &str, width: u16) -> Option<tui_big_text::PixelSize> {
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
fn follow_up_line(follow_up: &crate::ui::app::FollowUp, lang: Lang) -> Line<'static> {
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

/// A key as written for the user: "space" is "espace" in French.
fn key_name(key: &'static str, lang: Lang) -> &'static str {
    match key {
        "space" => Tr {
            en: "space",
            fr: "espace",
        }
        .get(lang),
        other => other,
    }
}

fn render_help(lang: Lang, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {:>6}  ", key_name(key, lang)),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(what.get(lang)),
            ])
        })
        .collect();
    let popup = centered(area, 76, KEYS.len() as u16 + 4);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(format!(" {} ", words::HELP_TITLE.get(lang)))
                .title_bottom(
                    Line::from(format!(" {} ", words::HELP_CLOSE.get(lang))).right_aligned(),
                ),
        )
        .render(popup, buf);
}

fn render_confirm_quit(lang: Lang, area: Rect, buf: &mut Buffer) {
    let popup = centered(area, 56, 5);
    Clear.render(popup, buf);
    Paragraph::new(words::QUIT_BODY.get(lang))
        .wrap(Wrap { trim: true })
        .alignment(Alignment::Center)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(format!(" {} ", words::QUIT_TITLE.get(lang))),
        )
        .render(popup, buf);
}

/// When the screen will next look different, if nothing else happens: the next second of a
/// countdown, a minute of a quiet step, the next minute of the wall clock while waiting.
pub fn next_redraw(app: &App, now: Instant) -> Option<Instant> {
    let session = &app.session;
    // The wall-clock end shown ("ends 15:42") changes when `now + remaining` crosses a minute.
    let next_wall_minute = || {
        let end = now.saturating_duration_since(app.origin) + session.remaining(now);
        let second_of_minute = (app.origin_wall.second() as u64 * 1_000_000_000
            + app.origin_wall.subsec_nanosecond() as u64
            + end.as_nanos() as u64 % 60_000_000_000)
            % 60_000_000_000;
        now + Duration::from_nanos(60_000_000_000 - second_of_minute)
    };
    match session.phase() {
        Phase::Finished => None,
        Phase::Ready => Some(next_wall_minute()),
        Phase::Running if session.is_paused() => Some(next_wall_minute()),
        Phase::Running => {
            let countdown = session
                .turn_countdown(now)
                .unwrap_or_else(|| session.step_countdown(now));
            let unit = if session.step_kind().is_quiet() {
                Duration::from_secs(60)
            } else {
                Duration::from_secs(1)
            };
            let to_next = match countdown {
                // Left: the reading changes when the time left crosses a whole unit.
                Countdown::Left(left) => {
                    let rest = Duration::from_nanos((left.as_nanos() % unit.as_nanos()) as u64);
                    if rest.is_zero() { unit } else { rest }
                }
                Countdown::Over(over) => {
                    unit - Duration::from_nanos((over.as_nanos() % unit.as_nanos()) as u64)
                }
            };
            let mut next = now + to_next;
            if session.step_kind().is_quiet() {
                // The slow bar moves one cell at a time; a cell is at most a few seconds.
                next = next.min(now + Duration::from_secs(5));
            }
            Some(next)
        }
    }
}
