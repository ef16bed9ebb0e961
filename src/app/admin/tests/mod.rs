//! Unit tests of the admin state machine, with data from the in-memory `FakeConsole`.

mod accounts;
mod actions;
mod created;
mod keys;
mod live;
mod tables;

use std::time::{Duration, Instant};

use crate::broker::console::{Console, FakeConsole};
use crate::domain::console::Snapshot;

use super::*;

/// Where the test console points.
pub(crate) fn info() -> ConsoleInfo {
    ConsoleInfo {
        api_url: "http://127.0.0.1:15672".to_owned(),
        vhost: "/".to_owned(),
        refresh: Duration::from_secs(1),
    }
}

/// Reads the fake's snapshot (its futures never wait, one small runtime suffices).
pub(crate) fn snapshot_of(fake: &FakeConsole, live: &[String]) -> Snapshot {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(fake.snapshot(live))
        .expect("the fake is reachable")
}

/// Three plain queues, two users (alice online), two topics, one monitoring client.
pub(crate) fn sample_fake() -> FakeConsole {
    FakeConsole::new()
        .with_queue("orders", 1234, 10)
        .with_rates("orders", 12.5, 11.0, 2)
        .with_queue("billing", 5, 0)
        .with_queue("audit.log", 40_000, 3)
        .with_topic("news")
        .with_topic("random")
        .with_user("alice", true, 0)
        .with_user("bob", false, 3)
        .with_subscription("alice", "news")
        .with_subscription("bob", "news")
        .with_connection("10.0.0.9:41000 -> 127.0.0.1:5672", "monitor", "prometheus")
}

/// A console that has received one refresh of `fake` at `at`.
pub(crate) fn app_with(fake: &FakeConsole, at: Instant) -> AdminApp {
    let mut app = AdminApp::new(info(), at);
    let effects = app.update(Event::Refreshed {
        snapshot: snapshot_of(fake, &[]),
        at,
        took: Duration::from_millis(30),
    });
    assert!(effects.is_empty());
    app
}

/// Feeds a refresh of `fake`.
pub(crate) fn refresh(app: &mut AdminApp, fake: &FakeConsole, at: Instant) {
    let live = app.watched_queues();
    app.update(Event::Refreshed {
        snapshot: snapshot_of(fake, &live),
        at,
        took: Duration::from_millis(30),
    });
}

/// Presses one key.
pub(crate) fn press(app: &mut AdminApp, key: Key) -> Vec<Effect> {
    app.update(Event::Key(key))
}

/// Types each character as a key; returns the effects of the last one.
pub(crate) fn type_text(app: &mut AdminApp, text: &str) -> Vec<Effect> {
    let mut last = Vec::new();
    for c in text.chars() {
        last = press(app, Key::Char(c));
    }
    last
}

/// The names of the current pane's rows in display order.
pub(crate) fn shown(app: &AdminApp) -> Vec<String> {
    let pane = app.pane();
    let s = app.snapshot();
    app.table(pane)
        .order()
        .iter()
        .map(|&i| match pane {
            Pane::Queues => s.queues[i].name.clone(),
            Pane::Topics => s.topics[i].name.to_string(),
            Pane::Users => s.users[i].name.to_string(),
            Pane::Broker => s.connections[i].name.clone(),
        })
        .collect()
}
