//! `user_frame`: one frame of user mode with a long conversation on screen.

use chat_tui::ui::user::input_box::InputBox;
use criterion::{BenchmarkId, Criterion, SamplingMode};

use chat_tui::app::user::{Action, Event, UserApp};
use chat_tui::ui::user::{draw, message_rows};

use crate::conversation::app_with;
use crate::screen::{area, full_repaints, terminal, text};

/// Messages in the conversation, per case.
const SIZES: [u64; 3] = [1_000, 100_000, 1_000_000];

/// PgUp presses before the `scrolled` frame: a few hundred pages back, which takes the
/// view to the top of the conversation's loaded window (nothing answers its requests
/// for older pages here; paging through the store is measured by `scripts/bench.sh`'s
/// start-up workload).
const PAGES_BACK: usize = 300;

/// How a day separator starts: the rule, then the weekday.
const DAY_RULE: &str = "─ ";

/// Benchmarks the bottom and the scrolled-back frame for each size.
pub fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("user_frame");
    // Scrolled frames take tens of milliseconds: the same iterations in every sample
    // keep the run to seconds (criterion's linear sampling would take minutes).
    group.sampling_mode(SamplingMode::Flat);
    let input = InputBox::new();
    for size in SIZES {
        let mut case = Case::new(size);
        for (name, pages_back) in [("bottom", 0), ("scrolled", PAGES_BACK)] {
            group.bench_function(BenchmarkId::new(name, size), |b| {
                let app = case.scrolled_back(pages_back);
                b.iter_custom(|iters| {
                    full_repaints(iters, |frame| draw(frame, app, &input, &mut 0))
                });
            });
        }
    }
    group.finish();
}

/// The app of one size, built when a benchmark first needs it (so that a filtered-out
/// size costs nothing) and scrolled back on demand.
struct Case {
    /// Messages in the conversation.
    size: u64,
    /// The app, once built.
    app: Option<UserApp>,
    /// PgUp presses so far.
    pages_back: usize,
}

impl Case {
    /// A case not built yet.
    fn new(size: u64) -> Self {
        Self {
            size,
            app: None,
            pages_back: 0,
        }
    }

    /// The app, `pages` PgUp presses back from the bottom (presses only accumulate).
    fn scrolled_back(&mut self, pages: usize) -> &UserApp {
        let app = self.app.get_or_insert_with(|| {
            let app = app_with(self.size);
            check(&app, &["carol: ", DAY_RULE]);
            app
        });
        if pages > self.pages_back {
            scroll_back(app, pages - self.pages_back);
            self.pages_back = pages;
            check(app, &["bob: ", "↓ more"]);
        }
        app
    }
}

/// Presses PgUp `pages` times, a page being the message pane's height, as the runtime
/// does.
fn scroll_back(app: &mut UserApp, pages: usize) {
    let page = message_rows(area(), &InputBox::new());
    for _ in 0..pages {
        app.update(Event::Key(Action::ScrollUp(page)));
    }
}

/// Draws `app` once and makes sure each of `needles` is on screen, so that a benchmark
/// never times an empty or unexpected pane by mistake.
fn check(app: &UserApp, needles: &[&str]) {
    let mut terminal = terminal();
    let input = InputBox::new();
    terminal
        .draw(|frame| draw(frame, app, &input, &mut 0))
        .expect("a test terminal never fails");
    let screen = text(terminal.backend().buffer());
    for needle in needles {
        assert!(
            screen.contains(needle),
            "{needle:?} not on screen:\n{screen}"
        );
    }
}
