//! The admin runtime without a terminal: the driver and the poller around the in-memory
//! console, so the wiring of effects (actions on tasks, refresh now, the live-count
//! window) is tested end to end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, mpsc, watch};

use super::*;
use crate::app::admin::{ConsoleInfo, Key};
use crate::broker::console::FakeConsole;
use crate::runtime::admin::poll;

struct Harness {
    driver: Driver<FakeConsole>,
    events: mpsc::Receiver<AdminEvent>,
    watched: watch::Receiver<Vec<String>>,
}

/// A driver and a poller around `fake`, refreshing on their own every `interval`.
fn start(fake: &Arc<FakeConsole>, interval: Duration) -> Harness {
    let (tx, events) = mpsc::channel(64);
    let refresh_now = Arc::new(Notify::new());
    let (watched_tx, watched) = watch::channel(Vec::new());
    tokio::spawn(poll(
        Arc::clone(fake),
        watched.clone(),
        Arc::clone(&refresh_now),
        interval,
        tx.clone(),
    ));
    let info = ConsoleInfo {
        api_url: "http://fake".into(),
        vhost: "/".into(),
        refresh: interval,
    };
    let app = AdminApp::new(info, Instant::now());
    let driver = Driver::new(app, Arc::clone(fake), tx, refresh_now, watched_tx);
    Harness {
        driver,
        events,
        watched,
    }
}

impl Harness {
    /// Feeds events from the runtime to the driver until `done` holds (5 s at most).
    async fn until(&mut self, what: &str, done: impl Fn(&AdminApp) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while !done(self.driver.app()) {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(AdminEvent::App(event))) => self.driver.feed(*event),
                Ok(Some(other)) => panic!("unexpected {other:?}"),
                Ok(None) | Err(_) => panic!("gave up waiting for {what}"),
            }
        }
    }

    fn keys(&mut self, keys: impl IntoIterator<Item = Key>) {
        for key in keys {
            self.driver.feed(Event::Key(key));
        }
    }

    fn type_text(&mut self, text: &str) {
        self.keys(text.chars().map(Key::Char));
    }
}

fn has_user(app: &AdminApp, name: &str) -> bool {
    app.snapshot().users.iter().any(|u| u.name.as_str() == name)
}

#[tokio::test]
async fn a_user_created_from_the_keyboard_shows_after_the_refresh_it_triggers() {
    let fake = Arc::new(FakeConsole::new().with_user("alice", true, 0));
    // The poller would wait an hour: only the action's own refresh can show the change.
    let mut h = start(&fake, Duration::from_secs(3600));
    h.until("the first refresh", |app| has_user(app, "alice"))
        .await;
    h.keys([Key::Char('3'), Key::Char('n')]);
    h.type_text("carol");
    // The name, then a generated password (the fake's is fixed).
    h.keys([Key::Enter, Key::Enter]);
    h.until("carol in the users pane", |app| has_user(app, "carol"))
        .await;
    assert!(fake.bindings("chat.user.carol").is_some(), "inbox created");
}

#[tokio::test]
async fn a_broker_that_goes_away_greys_the_data_and_comes_back_by_itself() {
    let fake = Arc::new(FakeConsole::new().with_queue("orders", 3, 0));
    let mut h = start(&fake, Duration::from_millis(200));
    h.until("the first refresh", |app| !app.snapshot().queues.is_empty())
        .await;
    fake.set_unreachable(true);
    h.until("disconnected", AdminApp::is_stale).await;
    assert_eq!(h.driver.app().snapshot().queues.len(), 1, "last data kept");
    fake.set_unreachable(false);
    h.until("reconnected", |app| !app.is_stale()).await;
}

#[tokio::test]
async fn the_poller_is_told_which_queues_are_on_screen() {
    let fake = Arc::new(FakeConsole::new().with_queues(50));
    let mut h = start(&fake, Duration::from_secs(3600));
    h.driver.feed(Event::Viewport { rows: 5 });
    h.until("the first refresh", |app| app.snapshot().queues.len() == 50)
        .await;
    let on_screen = h.watched.borrow().clone();
    assert_eq!(on_screen.len(), 5, "{on_screen:?}");
    h.keys([Key::End]);
    let after = h.watched.borrow().clone();
    assert_eq!(after.len(), 5);
    assert_ne!(after, on_screen, "the window moved with the selection");
}

#[tokio::test]
async fn quitting_is_reported_to_the_loop() {
    let fake = Arc::new(FakeConsole::new());
    let mut h = start(&fake, Duration::from_secs(3600));
    assert!(!h.driver.quitting());
    h.keys([Key::Char('q')]);
    assert!(h.driver.quitting());
}
