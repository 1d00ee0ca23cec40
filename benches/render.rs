//! Render time of one frame of the runner's screen, without a terminal.
//!
//! Run with `cargo bench --bench render` (or through `bench/run.sh`). A plain `Instant` loop, no
//! harness: for each screen and size it prints the mean time per frame of
//!
//! - `widget`: `Screen` rendered into a cleared `Buffer` (the view alone);
//! - `draw/test`: `Terminal::draw` on a `TestBackend` (view + diff against the previous frame);
//! - `draw/ansi`: `Terminal::draw` on a `CrosstermBackend` writing into memory (view + diff +
//!   escape sequences), with the bytes each frame writes.
//!
//! Each frame shows the next second of the countdown, as the runner draws once a second.
//! Without `--bench` (as under `cargo test --benches`) it runs a few frames only, as a smoke test.

use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::{Terminal, TerminalOptions, Viewport};

use intervision::domain::lang::Lang;
use intervision::domain::method::Method;
use intervision::domain::plan::{Cast, People};
use intervision::domain::session::{Command, Session};
use intervision::store::library::{BUILT_INS, load_builtin};
use intervision::ui::app::App;
use intervision::ui::paint::{Drawn, Painter};
use intervision::ui::view::Screen;

/// The same 60-second countdown as `bench/run.sh` uses.
const BENCH_METHOD: &str = r#"
name = "Bench"
[[steps]]
name = "Countdown"
duration = "60s"
[[steps]]
name = "After"
duration = "10m"
"#;

/// A laptop's window, and a 1080p projector's at two font sizes (the projector's layout).
const SIZES: [(u16, u16); 3] = [(100, 30), (240, 67), (320, 90)];

/// An app whose session started at `start`, showing its first step.
fn running_app(method: Method, start: Instant) -> App {
    let cast = Cast::assign(&method, &People::Count(5)).expect("5 people fit the method");
    let mut session = Session::new(method, cast, false);
    let _ = session.update(Command::Start, start);
    let mut app = App::new(session, "bench", Lang::En, start, jiff::Zoned::now());
    app.quiet = true;
    app
}

/// The instant of frame `i`: one second later each frame, within the first 50 s of the step.
fn frame_time(start: Instant, i: u64) -> Instant {
    start + Duration::from_millis(500) + Duration::from_secs(i % 50)
}

fn report(screen: &str, size: (u16, u16), what: &str, frames: u64, elapsed: Duration, extra: &str) {
    let micros = elapsed.as_secs_f64() * 1e6 / frames as f64;
    println!(
        "render\t{screen}\t{}x{}\t{what}\t{micros:.1}\t{frames}\t{extra}",
        size.0, size.1
    );
}

fn bench(screen: &str, app: &App, start: Instant, size: (u16, u16), frames: u64) {
    let area = Rect::new(0, 0, size.0, size.1);
    let warmup = frames / 10 + 1;

    // The view alone.
    if wanted("widget") {
        let mut buffer = Buffer::empty(area);
        for i in 0..warmup {
            buffer.reset();
            Screen::new(app, frame_time(start, i)).render(area, &mut buffer);
        }
        let begin = Instant::now();
        for i in 0..frames {
            buffer.reset();
            Screen::new(app, frame_time(start, i)).render(area, &mut buffer);
            black_box(&buffer);
        }
        report(screen, size, "widget", frames, begin.elapsed(), "");
    }

    // View and diff, on the test backend.
    if wanted("draw/test") {
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("test backend");
        for i in 0..warmup {
            let now = frame_time(start, i);
            terminal
                .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
                .expect("draw");
        }
        let begin = Instant::now();
        for i in 0..frames {
            let now = frame_time(start, i);
            terminal
                .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
                .expect("draw");
        }
        report(screen, size, "draw/test", frames, begin.elapsed(), "");
    }

    // View, diff and escape sequences, into a sink that counts the bytes.
    if wanted("draw/ansi") {
        let written = Rc::new(Cell::new(0u64));
        let sink = Counter(Rc::clone(&written));
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let mut terminal =
            Terminal::with_options(CrosstermBackend::new(sink), options).expect("ansi");
        let now = frame_time(start, 0);
        terminal
            .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
            .expect("draw");
        let first_frame_bytes = written.get();
        for i in 1..warmup {
            let now = frame_time(start, i);
            terminal
                .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
                .expect("draw");
        }
        written.set(0);
        let begin = Instant::now();
        for i in 0..frames {
            let now = frame_time(start, warmup + i);
            terminal
                .draw(|frame| frame.render_widget(Screen::new(app, now), frame.area()))
                .expect("draw");
        }
        let elapsed = begin.elapsed();
        let tick_bytes = written.get() / frames;
        report(
            screen,
            size,
            "draw/ansi",
            frames,
            elapsed,
            &format!("first_frame_bytes={first_frame_bytes} tick_bytes={tick_bytes}"),
        );
    }

    // What the runner does at a second of countdown: only the parts that change with time,
    // after one whole frame, with the escape sequences.
    if wanted("tick/ansi") {
        let written = Rc::new(Cell::new(0u64));
        let mut backend = CrosstermBackend::new(Counter(Rc::clone(&written)));
        let mut painter = Painter::new();
        let mut parts = 0;
        let whole_at = frame_time(start, 0);
        painter
            .draw_session(&mut backend, area, app, whole_at, false)
            .expect("whole frame");
        for i in 1..warmup {
            let now = whole_at + Duration::from_secs(i % 50);
            painter
                .draw_session(&mut backend, area, app, now, true)
                .expect("tick");
        }
        written.set(0);
        let begin = Instant::now();
        for i in 0..frames {
            // Within the same minute of the countdown, as the runner's seconds are.
            let now = whole_at + Duration::from_secs((warmup + i) % 50);
            let drawn = painter
                .draw_session(&mut backend, area, app, now, true)
                .expect("tick");
            parts += u64::from(drawn == Drawn::Parts);
        }
        let elapsed = begin.elapsed();
        report(
            screen,
            size,
            "tick/ansi",
            frames,
            elapsed,
            &format!(
                "tick_bytes={} by_parts={parts}/{frames}",
                written.get() / frames
            ),
        );
    }
}

/// Whether the figure `what` is asked for: all of them, unless `RENDER_ONLY` names one (to
/// profile it alone).
fn wanted(what: &str) -> bool {
    std::env::var("RENDER_ONLY").map_or(true, |only| only == what)
}

/// A terminal that only counts what it is sent.
struct Counter(Rc<Cell<u64>>);

impl Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + bytes.len() as u64);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only a smoke run.
    let full = std::env::args().any(|arg| arg == "--bench");
    let frames: u64 = match std::env::var("RENDER_FRAMES") {
        Ok(text) => text.parse().expect("RENDER_FRAMES is a number"),
        Err(_) if full => 2000,
        Err(_) => 3,
    };
    let start = Instant::now();
    let bench_method = Method::from_str("bench", BENCH_METHOD).expect("the bench method parses");
    let clinic = BUILT_INS
        .iter()
        .find(|builtin| builtin.id == "case-clinic")
        .expect("case-clinic is built in");
    let clinic = load_builtin(clinic).expect("case-clinic loads");
    let screens = [
        ("bench-countdown", running_app(bench_method, start)),
        ("case-clinic", running_app(clinic, start)),
    ];
    println!("# screen\tsize\twhat\tmean_us_per_frame\tframes\textra");
    for (name, app) in &screens {
        for size in SIZES {
            bench(name, app, start, size, frames);
        }
    }
}
