//! The screen of a talk or round step: name, speaker, rules, big clock, gauge, prompts, agenda.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget, Wrap};

use crate::domain::method::{Clock, Speaker};
use crate::domain::session::Countdown;
use crate::ui::theme::THEME;
use crate::ui::view::format::{
    big_name_size, clock_text, colon, countdown_color, plural, turn_label, turn_place,
};
use crate::ui::view::words;
use crate::ui::view::{ClockFace, Screen};

impl Screen<'_> {
    /// Who speaks now, as a line: role and name, or the turn in a round.
    pub(crate) fn speaker_line(&self) -> Line<'static> {
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
            let place = turn_place(session, lang);
            let who = cast.label(method, turn.person, lang);
            let role = cast.role_names(method, turn.person, lang);
            let named = cast.people[turn.person].name.is_some();
            // Without names, a round of one role reads "Coach 2 of 4" (and its pass, when it
            // goes round more than once: "Member 2 of 5 · pass 3"); any other round counts its
            // turns ("Turn 2 of 5 · Peer 1").
            let own_role = cast.people[turn.person].roles.first();
            let by_role = !named
                && place.as_ref().is_some_and(|place| {
                    own_role.is_some_and(|role| {
                        let holders = cast.holders(role);
                        holders.len() > 1
                            && holders.len() == place.of
                            && turns
                                .iter()
                                .filter(|turn| !turn.is_tail)
                                .all(|turn| cast.people[turn.person].roles.first() == Some(role))
                    })
                });
            let position = match &place {
                Some(_) if by_role => String::new(),
                Some(_) => format!("{}  ·  ", turn_label(session, lang).unwrap_or_default()),
                None => String::new(),
            };
            let mut spans = vec![
                Span::raw(format!(" {position}")),
                Span::styled(who.clone(), strong),
            ];
            if named && !role.is_empty() {
                spans.push(Span::raw(format!(" ({role})")));
            } else if let (true, Some(place)) = (by_role, &place) {
                let mut count = format!(" {} {}", words::OF.get(lang), place.of);
                if let Some(pass) = &place.pass {
                    count.push_str(&format!(" · {pass}"));
                }
                spans.push(Span::raw(count));
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
                    match names.len() {
                        0 => role,
                        1 => format!("{role} · {}", names[0]),
                        _ => format!("{} · {}", plural(&role, lang), names.join(", ")),
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

    /// The screen of a talk or round step.
    pub(crate) fn render_step(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let lang = app.lang;
        let session = &app.session;
        let step = session.step();
        let all_rules = self.rules_now();
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
        self.ticking(header, buf, |screen, area, buf| {
            screen.render_step_header(area, buf)
        });
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
                    // The font has no typographic apostrophe nor readable accented capitals:
                    // the nearest letters it has stand in.
                    .lines(vec![Line::from(crate::ui::view::big_text::for_font(
                        &step_name.to_uppercase(),
                    ))])
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
        self.ticking_clock(clock, buf, |screen| screen.step_clock_face());
        self.ticking(gauge, buf, |screen, area, buf| {
            screen.render_step_gauge(area, buf)
        });
        self.render_body(body, area.width, buf);
        self.render_footer(footer, buf);
    }

    /// The rules of the moment: the step's, and the chosen module's when the step follows it.
    /// A round's closing turn (its `tail`, such as the case giver's last word) is not held to
    /// the rules of the round's speakers, so none is shown then.
    pub(crate) fn rules_now(&self) -> Vec<&crate::domain::method::Text> {
        let session = &self.app.session;
        let step = session.step();
        let in_tail = session
            .turn_index()
            .is_some_and(|turn| session.turns(session.step_index())[turn].is_tail);
        if in_tail {
            return Vec::new();
        }
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
        step.rules.iter().chain(module_rules).collect()
    }

    /// The header of a step's screen: the step, and the session's time left.
    pub(crate) fn render_step_header(&self, area: Rect, buf: &mut Buffer) {
        self.render_header(area, buf, Some(self.step_title()));
    }

    /// What the big clock counts, and the time planned for it: the turn in a round, the step
    /// otherwise.
    pub(crate) fn shown_countdown(&self) -> (Countdown, Duration) {
        let session = &self.app.session;
        match (session.turn_countdown(self.now), session.turn_index()) {
            (Some(countdown), Some(turn)) => (
                countdown,
                session.turns(session.step_index())[turn].duration,
            ),
            _ => (
                session.step_countdown(self.now),
                session.planned()[session.step_index()],
            ),
        }
    }

    /// What the laptop's big clock shows: the reading, coloured by the time left, dimmed while
    /// paused.
    fn step_clock_face(&self) -> ClockFace {
        let (countdown, planned) = self.shown_countdown();
        let mut style = Style::new().fg(countdown_color(countdown, planned));
        if self.app.session.is_paused() {
            style = style.fg(THEME.dim);
        }
        ClockFace {
            text: clock_text(countdown),
            style,
        }
    }

    /// The thin bar under the laptop's big clock.
    fn render_step_gauge(&self, area: Rect, buf: &mut Buffer) {
        let (countdown, planned) = self.shown_countdown();
        let color = countdown_color(countdown, planned);
        self.render_gauge(area, buf, countdown, planned, color);
    }

    /// Under the clock, in both layouts: the lines above the prompts, then the prompts beside
    /// the agenda on a wide window (`width`), or above the next step on a narrow one.
    pub(crate) fn render_body(&self, body: Rect, width: u16, buf: &mut Buffer) {
        let body = self.render_extras(body, buf);
        if width >= 100 {
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
    }

    /// On narrow screens, in place of the agenda: the next step and its planned time.
    pub(crate) fn render_next_step(&self, area: Rect, buf: &mut Buffer) {
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

    /// The thin bar under the big clock, with the step's time left during a round.
    pub(crate) fn render_gauge(
        &self,
        area: Rect,
        buf: &mut Buffer,
        countdown: Countdown,
        planned: Duration,
        color: Color,
    ) {
        let lang = self.app.lang;
        let session = &self.app.session;
        let label = crate::ui::view::format::bar_label(session, countdown, self.now, lang);
        let label_width = label.chars().count() as u16;
        let [bar, text] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(label_width)]).areas(area);
        let bar = Rect {
            x: bar.x + 1,
            width: bar.width.saturating_sub(2),
            ..bar
        };
        let fraction = crate::ui::view::format::done_fraction(countdown, planned);
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

    /// The prompts of the step, and the modules to choose from when it offers them.
    pub(crate) fn render_prompts(&self, area: Rect, buf: &mut Buffer) {
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
}
