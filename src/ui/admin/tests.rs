//! Screen tests of the admin console: `TestBackend` buffers as `insta` snapshots, with
//! data from the in-memory `FakeConsole`, and no panic at any size.

use std::time::{Duration, Instant};

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::*;
use crate::app::admin::{AdminApp, ConsoleInfo, Event, Key};
use crate::broker::console::{Console, FakeConsole};
use crate::domain::TopicName;
use crate::domain::console::{Details, Snapshot, Target};

fn info() -> ConsoleInfo {
    ConsoleInfo {
        api_url: "http://127.0.0.1:15672".to_owned(),
        vhost: "/".to_owned(),
        refresh: Duration::from_secs(1),
    }
}

fn snapshot_of(fake: &FakeConsole, live: &[String]) -> Snapshot {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(fake.snapshot(live))
        .expect("the fake is reachable")
}

fn fake() -> FakeConsole {
    FakeConsole::new()
        .with_queue("orders", 1234, 10)
        .with_rates("orders", 12.5, 11.0, 2)
        .with_queue("billing", 5, 0)
        .with_queue("audit.log", 40_000, 3)
        .with_rates("audit.log", 1520.0, 0.0, 0)
        .with_queue(
            "a-very-long-queue-name-that-goes-on-and-on-and-on.with.dots",
            7,
            0,
        )
        .with_topic("news")
        .with_topic("random")
        .with_user("alice", true, 0)
        .with_user("bob", false, 3)
        .with_subscription("alice", "news")
        .with_subscription("bob", "news")
        .with_connection("10.0.0.9:41000 -> 127.0.0.1:5672", "monitor", "prometheus")
}

/// A console after five refreshes of a broker whose queues fill up, 400 ms after the
/// last one, with the inboxes and the first queues read live.
fn busy() -> (AdminApp, Instant) {
    let t0 = Instant::now();
    let fake = fake();
    let mut app = AdminApp::new(info(), t0);
    for s in 0..5u64 {
        fake.publish("orders", s * s * 100).expect("orders exists");
        fake.publish("billing", 5 - s).expect("billing exists");
        let live = app.watched_queues();
        app.update(Event::Refreshed {
            snapshot: snapshot_of(&fake, &live[..live.len().min(3)]),
            at: t0 + Duration::from_secs(s),
            took: Duration::from_millis(40),
        });
    }
    app.update(Event::Tick(t0 + Duration::from_millis(4400)));
    (app, t0)
}

fn busy_app() -> AdminApp {
    busy().0
}

fn keys(app: &mut AdminApp, keys: &[Key]) {
    for key in keys {
        app.update(Event::Key(*key));
    }
}

fn text_keys(app: &mut AdminApp, text: &str) {
    for c in text.chars() {
        app.update(Event::Key(Key::Char(c)));
    }
}

/// The screen as text, one quoted row per line (the shared view-test helper).
fn text(buffer: &Buffer) -> String {
    crate::ui::widgets::screen_text::screen_text(buffer)
}

fn draw_buffer(app: &AdminApp, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|frame| draw(frame, app)).expect("drawn");
    terminal.backend().buffer().clone()
}

fn screen(app: &AdminApp, width: u16, height: u16) -> String {
    text(&draw_buffer(app, width, height))
}

/// Snapshots the app at 120x35 and 80x24.
macro_rules! both_sizes {
    ($app:expr) => {{
        let app = $app;
        insta::with_settings!({ snapshot_suffix => "wide" }, {
            assert_snapshot!(screen(&app, 120, 35));
        });
        insta::with_settings!({ snapshot_suffix => "narrow" }, {
            assert_snapshot!(screen(&app, 80, 24));
        });
    }};
}

#[test]
fn queues_pane() {
    both_sizes!(busy_app());
}

#[test]
fn queues_sorted_and_filtered() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('s'), Key::Char('/')]);
    text_keys(&mut app, "o");
    both_sizes!(app);
}

#[test]
fn topics_pane() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('2')]);
    both_sizes!(app);
}

#[test]
fn users_pane() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('3'), Key::Down]);
    both_sizes!(app);
}

#[test]
fn broker_pane() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('4')]);
    both_sizes!(app);
}

#[test]
fn form_with_an_error() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('3'), Key::Char('n')]);
    text_keys(&mut app, "Bad Name!");
    keys(&mut app, &[Key::Enter]);
    both_sizes!(app);
}

#[test]
fn confirmation() {
    let mut app = busy_app();
    keys(&mut app, &[Key::End, Key::Char('d')]);
    both_sizes!(app);
}

#[test]
fn help_overlay() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('?')]);
    both_sizes!(app);
}

#[test]
fn details_of_a_topic() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('2'), Key::Enter]);
    let news = TopicName::parse("news").expect("valid");
    app.update(Event::Details {
        target: Target::Topic(news),
        result: Ok(Details {
            title: "topic #news".to_owned(),
            fields: vec![("subscribers".to_owned(), "2".to_owned())],
            items_title: "subscribers".to_owned(),
            items: vec!["alice".to_owned(), "bob".to_owned()],
        }),
    });
    both_sizes!(app);
}

#[test]
fn details_loading() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Enter]);
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn disconnected() {
    let (mut app, t0) = busy();
    let at = t0 + Duration::from_secs(20);
    app.update(Event::RefreshFailed {
        error: "cannot reach the management API at http://127.0.0.1:15672: connection refused"
            .to_owned(),
        unreachable: true,
        at,
    });
    both_sizes!(app);
}

#[test]
fn action_in_flight_and_failed() {
    let mut app = busy_app();
    keys(&mut app, &[Key::Char('n')]);
    text_keys(&mut app, "orders");
    keys(&mut app, &[Key::Enter]);
    assert_snapshot!("in_flight", screen(&app, 80, 24));
    let action = app.in_flight()[0].clone();
    app.update(Event::ActionFailed {
        action,
        error: "queue orders already exists".to_owned(),
    });
    assert_snapshot!("failed", screen(&app, 80, 24));
}

#[test]
fn before_the_first_refresh() {
    let app = AdminApp::new(info(), Instant::now());
    assert_snapshot!(screen(&app, 80, 24));
}

mod accounts;
mod colours;
mod hostile;
mod sizes;
mod window;
