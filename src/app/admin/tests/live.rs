//! Refreshes, disconnection, freshness, trends and the queues watched live.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn a_new_console_is_connecting_with_no_data() {
    let t0 = Instant::now();
    let app = AdminApp::new(info(), t0);
    assert_eq!(app.link(), &Link::Connecting);
    assert_eq!(app.data_age(), None);
    assert!(app.watched_queues().is_empty());
    assert!(!app.is_stale());
}

#[test]
fn unreachable_greys_the_last_data_and_a_refresh_recovers() {
    let t0 = Instant::now();
    let fake = sample_fake();
    let mut app = app_with(&fake, t0);
    assert_eq!(app.link(), &Link::Connected);
    let before = app.snapshot().clone();
    for s in 1..=3 {
        app.update(Event::RefreshFailed {
            error: "connection refused".to_owned(),
            unreachable: true,
            at: t0 + Duration::from_secs(s),
        });
    }
    assert!(app.is_stale());
    assert_eq!(
        app.link(),
        &Link::Disconnected {
            error: "connection refused".to_owned(),
            since: t0 + Duration::from_secs(1),
        },
        "since the first failure"
    );
    assert_eq!(app.snapshot(), &before, "the last data is kept");
    assert_eq!(app.data_age(), Some(Duration::from_secs(3)));
    refresh(&mut app, &fake, t0 + Duration::from_secs(4));
    assert_eq!(app.link(), &Link::Connected);
    assert!(!app.is_stale());
    assert_eq!(app.data_age(), Some(Duration::ZERO));
}

#[test]
fn a_refused_refresh_is_an_error_notice_not_a_disconnection() {
    let t0 = Instant::now();
    let mut app = app_with(&sample_fake(), t0);
    app.update(Event::RefreshFailed {
        error: "500 internal error".to_owned(),
        unreachable: false,
        at: t0,
    });
    assert_eq!(app.link(), &Link::Connected);
    let notice = app.notice().expect("said");
    assert_eq!(notice.level, NoticeLevel::Error);
    assert!(notice.text.contains("500 internal error"));
}

#[test]
fn ticks_age_the_data_and_the_clock_never_runs_back() {
    let t0 = Instant::now();
    let mut app = app_with(&sample_fake(), t0);
    app.update(Event::Tick(t0 + Duration::from_millis(1400)));
    assert_eq!(app.data_age(), Some(Duration::from_millis(1400)));
    app.update(Event::Tick(t0));
    assert_eq!(app.data_age(), Some(Duration::from_millis(1400)));
}

#[test]
fn trends_are_bounded_and_forget_deleted_queues() {
    let t0 = Instant::now();
    let fake = FakeConsole::new()
        .with_queue("a", 0, 0)
        .with_queue("b", 0, 0);
    let mut app = app_with(&fake, t0);
    for s in 1..=40u64 {
        fake.publish("a", 1).expect("a exists");
        refresh(&mut app, &fake, t0 + Duration::from_secs(s));
    }
    let trend = app.trends().queue_trend("a").expect("a trend");
    assert_eq!(trend.len(), QUEUE_TREND_POINTS);
    assert_eq!(trend.back(), Some(&40));
    assert_eq!(trend.front(), Some(&11));
    let fewer = FakeConsole::new().with_queue("a", 5, 0);
    refresh(&mut app, &fewer, t0 + Duration::from_secs(50));
    assert_eq!(app.trends().queues_tracked(), 1);
    assert!(app.trends().queue_trend("b").is_none());
}

#[test]
fn rate_history_is_bounded() {
    let t0 = Instant::now();
    let fake = FakeConsole::new()
        .with_queue("a", 0, 0)
        .with_rates("a", 3.0, 2.0, 1);
    let mut app = app_with(&fake, t0);
    for s in 1..=130u64 {
        refresh(&mut app, &fake, t0 + Duration::from_secs(s));
    }
    let rates = app.trends().rates();
    assert_eq!(rates.len(), RATE_POINTS);
    let last = rates.back().expect("a point");
    assert_eq!((last.publish, last.deliver), (3.0, 2.0));
}

#[test]
fn watched_queues_are_the_visible_rows_and_the_open_details() {
    let t0 = Instant::now();
    let fake = FakeConsole::new()
        .with_queues(500)
        .with_user("alice", true, 0)
        .with_user("bob", false, 2);
    let mut app = app_with(&fake, t0);
    app.update(Event::Viewport { rows: 5 });
    let watched = app.watched_queues();
    assert_eq!(
        watched,
        [
            "chat.user.alice",
            "chat.user.bob",
            "queue-00000",
            "queue-00001",
            "queue-00002",
        ],
        "queue rows first (the inboxes sort first), then the Users pane's inboxes, deduplicated"
    );
    press(&mut app, Key::End);
    let watched = app.watched_queues();
    assert_eq!(watched[0], "queue-00495");
    assert!(watched.contains(&"queue-00499".to_owned()));
    assert!(
        watched.contains(&"chat.user.alice".to_owned()),
        "Users pane rows too"
    );
    assert!(!watched.contains(&"queue-00000".to_owned()), "off screen");
    press(&mut app, Key::Enter);
    assert_eq!(
        app.watched_queues()[0],
        "queue-00499",
        "the open details first"
    );
    app.update(Event::Viewport { rows: 400 });
    assert_eq!(app.watched_queues().len(), MAX_WATCHED);
    refresh(&mut app, &fake, t0 + Duration::from_secs(1));
    assert_eq!(app.snapshot().live_queues, MAX_WATCHED);
    let live = app.snapshot().queues.iter().filter(|q| q.live).count();
    assert_eq!(live, MAX_WATCHED);
}

#[test]
fn users_pane_watches_its_inboxes_first() {
    let fake = FakeConsole::new()
        .with_queues(200)
        .with_user("zed", false, 0);
    let mut app = app_with(&fake, Instant::now());
    app.update(Event::Viewport { rows: 3 });
    press(&mut app, Key::End);
    assert_eq!(app.watched_queues()[0], "queue-00197");
    press(&mut app, Key::Char('3'));
    assert_eq!(app.watched_queues()[0], "chat.user.zed");
    press(&mut app, Key::Char('2'));
    assert_eq!(app.watched_queues()[0], "queue-00197");
}
