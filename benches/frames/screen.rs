//! What every frame benchmark shares: the terminal size, a test terminal and the timing
//! of full repaints.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

/// Columns of the benchmarked terminal.
pub const WIDTH: u16 = 200;

/// Rows of the benchmarked terminal.
pub const HEIGHT: u16 = 60;

/// The whole benchmarked screen.
pub fn area() -> Rect {
    Rect::new(0, 0, WIDTH, HEIGHT)
}

/// A blank 200x60 terminal.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal never fails")
}

/// Times `iters` full repaints on one warm 200x60 terminal. Before each frame the
/// terminal forgets what it showed (untimed), so every frame lays the screen out, diffs
/// it against a blank one and writes every cell to the backend, as the first frame
/// after a resize does: the upper bound of a redraw.
pub fn full_repaints(iters: u64, mut render: impl FnMut(&mut Frame)) -> Duration {
    let mut terminal = terminal();
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        terminal.clear().expect("a test terminal never fails");
        let start = Instant::now();
        let frame = terminal.draw(&mut render);
        black_box(frame.expect("a test terminal never fails").area);
        total += start.elapsed();
    }
    total
}

/// The screen's text, row by row, without styles (to check what a benchmark draws).
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
