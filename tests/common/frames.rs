//! What the screen tests share: a session of a built-in method as the runner builds it, a frame
//! drawn into a test terminal, and a frame read back as text.

use std::time::Instant;

use intervision::domain::lang::Lang;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::Session;
use intervision::ui::app::App;
use intervision::ui::view::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::widgets::Widget;

/// The wall-clock time every test session starts at, so that end times are stable.
pub const START_WALL: &str = "2026-11-23T14:00:00[Europe/Paris]";

/// A session of the built-in method `id` for `people` (as `--people` gives them), not started,
/// in `lang`, whose clock starts at `t0`.
pub fn app(id: &str, people: &str, lang: Lang, t0: Instant) -> App {
    let method = intervision::store::library::builtin(id)
        .expect("the built-in method loads")
        .expect("the method is built in");
    let cast = Cast::assign(&method, &People::parse(people).expect("people parse"))
        .expect("the people fit the method");
    App::new(
        Session::new(method, cast, false),
        id,
        lang,
        t0,
        START_WALL.parse().expect("a zoned time"),
    )
}

/// `widget` drawn into a test terminal of `width` × `height`.
pub fn draw_widget(widget: impl Widget, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| frame.render_widget(widget, frame.area()))
        .expect("the frame draws");
    terminal.backend().buffer().clone()
}

/// The session's screen at `now`, drawn into a test terminal of `width` × `height`.
pub fn draw(app: &App, now: Instant, size: (u16, u16)) -> Buffer {
    draw_widget(Screen::new(app, now), size)
}

/// The buffer's text, row by row, without trailing blanks.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width).max(1);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The session's screen at `now` in a test terminal of `width` × `height`, as text.
pub fn screen_text(app: &App, now: Instant, size: (u16, u16)) -> String {
    text(&draw(app, now, size))
}
