//! `admin_frame` and `admin_refresh`: the admin console with 10,000 queues.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};

use chat_tui::app::admin::{AdminApp, ConsoleInfo, Event};
use chat_tui::domain::console::Snapshot;
use chat_tui::ui::admin::{draw, table_rows};

use crate::queues::snapshot;
use crate::screen::{area, full_repaints, terminal, text};

/// Queues in the vhost.
const QUEUES: usize = 10_000;

/// Refreshes before the benchmarks, so that each queue has a trend to draw.
const WARM_REFRESHES: u64 = 5;

/// How long a refresh is said to have taken.
const TOOK: Duration = Duration::from_millis(40);

/// Benchmarks full repaints of the Queues pane (see [`full_repaints`]).
pub fn frames(c: &mut Criterion) {
    let app = warm_app(Instant::now());
    check(&app);
    c.bench_function("admin_frame/queues/10000", |b| {
        b.iter_custom(|iters| full_repaints(iters, |frame| draw(frame, &app)));
    });
}

/// Benchmarks the app absorbing one more refresh of every queue (the snapshot is
/// cloned outside the timing; dropping the previous one is part of the cost).
pub fn refresh(c: &mut Criterion) {
    let t0 = Instant::now();
    let mut app = warm_app(t0);
    let next = snapshot(QUEUES, WARM_REFRESHES);
    let at = t0 + Duration::from_secs(WARM_REFRESHES);
    c.bench_function("admin_refresh/queues/10000", |b| {
        b.iter_batched(
            || next.clone(),
            |snapshot| black_box(app.update(refreshed(snapshot, at))),
            BatchSize::LargeInput,
        );
    });
}

/// A console that has seen [`WARM_REFRESHES`] refreshes of [`QUEUES`] queues, one a
/// second from `t0`, on a 200x60 terminal, looking at the Queues pane.
fn warm_app(t0: Instant) -> AdminApp {
    let info = ConsoleInfo {
        api_url: "http://127.0.0.1:15672".to_owned(),
        vhost: "/".to_owned(),
        refresh: Duration::from_secs(1),
    };
    let mut app = AdminApp::new(info, t0);
    app.update(Event::Viewport {
        rows: table_rows(area()),
    });
    for round in 0..WARM_REFRESHES {
        let at = t0 + Duration::from_secs(round);
        app.update(refreshed(snapshot(QUEUES, round), at));
    }
    app.update(Event::Tick(t0 + Duration::from_millis(4_400)));
    app
}

/// The event of a refresh that finished at `at`.
fn refreshed(snapshot: Snapshot, at: Instant) -> Event {
    Event::Refreshed {
        snapshot,
        at,
        took: TOOK,
    }
}

/// Draws the console once and makes sure the queue table is there, full.
fn check(app: &AdminApp) {
    let mut terminal = terminal();
    terminal
        .draw(|frame| draw(frame, app))
        .expect("a test terminal never fails");
    let screen = text(terminal.backend().buffer());
    for needle in ["Queues 10,000", "amq.gen-00005", "▄"] {
        assert!(
            screen.contains(needle),
            "{needle:?} not on screen:\n{screen}"
        );
    }
}
