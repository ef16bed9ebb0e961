//! Filtering, sorting, and the selection following its item across refreshes.

use std::time::{Duration, Instant};

use super::*;

#[test]
fn the_filter_edits_live_enter_keeps_it_esc_clears_it() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('/'));
    assert!(app.filter_focused());
    type_text(&mut app, "OR");
    assert_eq!(shown(&app), ["orders"], "any case matches");
    press(&mut app, Key::Backspace);
    assert_eq!(shown(&app), ["audit.log", "chat.user.bob", "orders"]);
    press(&mut app, Key::Enter);
    assert!(!app.filter_focused());
    assert_eq!(app.table(Pane::Queues).filter(), "O");
    assert_eq!(shown(&app).len(), 3, "Enter keeps the filter");
    press(&mut app, Key::Char('/'));
    press(&mut app, Key::Esc);
    assert!(!app.filter_focused());
    assert_eq!(app.table(Pane::Queues).filter(), "");
    assert_eq!(shown(&app).len(), 5);
}

#[test]
fn esc_clears_a_kept_filter_and_filters_are_per_pane() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('/'));
    type_text(&mut app, "bill");
    press(&mut app, Key::Enter);
    press(&mut app, Key::Char('3'));
    assert_eq!(
        shown(&app),
        ["alice", "bob"],
        "the Users pane is not filtered"
    );
    press(&mut app, Key::Char('1'));
    assert_eq!(shown(&app), ["billing"]);
    press(&mut app, Key::Esc);
    assert_eq!(shown(&app).len(), 5);
}

#[test]
fn a_filter_matching_nothing_leaves_nothing_selected() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('/'));
    type_text(&mut app, "zzz");
    assert!(app.table(Pane::Queues).is_empty());
    assert_eq!(app.selected_name(Pane::Queues), None);
    press(&mut app, Key::Enter);
    press(&mut app, Key::Char('d'));
    assert_eq!(app.overlay(), None, "nothing to delete");
    assert_eq!(
        app.notice().map(|n| n.text.as_str()),
        Some("no queues selected")
    );
}

#[test]
fn arrows_move_while_the_filter_has_focus() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('/'));
    type_text(&mut app, "d");
    press(&mut app, Key::Down);
    assert!(app.filter_focused());
    assert_eq!(app.selected_name(Pane::Queues).as_deref(), Some("orders"));
}

#[test]
fn s_cycles_the_sort_column_and_shift_s_reverses_it() {
    let mut app = app_with(&sample_fake(), Instant::now());
    assert_eq!(app.table(Pane::Queues).sort(), Sort::BY_NAME);
    assert_eq!(
        shown(&app),
        [
            "audit.log",
            "billing",
            "chat.user.alice",
            "chat.user.bob",
            "orders"
        ]
    );
    press(&mut app, Key::Char('s'));
    let sort = app.table(Pane::Queues).sort();
    assert_eq!((sort.column, sort.descending), (SortColumn::Ready, true));
    assert_eq!(sort.label(), "ready ↓");
    assert_eq!(
        shown(&app),
        [
            "audit.log",
            "orders",
            "billing",
            "chat.user.bob",
            "chat.user.alice"
        ]
    );
    press(&mut app, Key::Char('S'));
    assert_eq!(app.table(Pane::Queues).sort().label(), "ready ↑");
    assert_eq!(
        shown(&app),
        [
            "chat.user.alice",
            "chat.user.bob",
            "billing",
            "orders",
            "audit.log"
        ],
        "smallest first"
    );
    for _ in 0..6 {
        press(&mut app, Key::Char('s'));
    }
    assert_eq!(
        app.table(Pane::Queues).sort(),
        Sort::BY_NAME,
        "cycles back to name"
    );
    press(&mut app, Key::Char('S'));
    assert_eq!(shown(&app)[0], "orders", "name, Z to A");
}

#[test]
fn sort_ties_break_by_name() {
    let fake = FakeConsole::new()
        .with_queue("c", 1, 0)
        .with_queue("a", 1, 0)
        .with_queue("b", 2, 0);
    let mut app = app_with(&fake, Instant::now());
    press(&mut app, Key::Char('s'));
    assert_eq!(shown(&app), ["b", "a", "c"]);
}

#[test]
fn other_panes_sort_by_their_own_columns() {
    let mut app = app_with(&sample_fake(), Instant::now());
    press(&mut app, Key::Char('3'));
    press(&mut app, Key::Char('s'));
    assert_eq!(app.table(Pane::Users).sort().column, SortColumn::Online);
    assert_eq!(shown(&app), ["alice", "bob"]);
    press(&mut app, Key::Char('s'));
    assert_eq!(app.table(Pane::Users).sort().column, SortColumn::Waiting);
    assert_eq!(shown(&app), ["bob", "alice"]);
    press(&mut app, Key::Char('2'));
    press(&mut app, Key::Char('s'));
    assert_eq!(
        app.table(Pane::Topics).sort().column,
        SortColumn::Subscribers
    );
    assert_eq!(shown(&app), ["news", "random"]);
    assert_eq!(app.table(Pane::Queues).sort(), Sort::BY_NAME, "untouched");
}

#[test]
fn the_selection_follows_its_item_across_refreshes() {
    let t0 = Instant::now();
    let fake = sample_fake();
    let mut app = app_with(&fake, t0);
    press(&mut app, Key::Char('s'));
    press(&mut app, Key::Down);
    assert_eq!(app.selected_name(Pane::Queues).as_deref(), Some("orders"));
    // New messages move orders to the top of the ready sort; it stays selected.
    fake.publish("orders", 100_000).expect("orders exists");
    refresh(&mut app, &fake, t0 + Duration::from_secs(1));
    assert_eq!(shown(&app)[0], "orders");
    assert_eq!(app.selected_name(Pane::Queues).as_deref(), Some("orders"));
    assert_eq!(app.table(Pane::Queues).selected_position(), 0);
}

#[test]
fn a_vanished_selection_keeps_its_place() {
    let t0 = Instant::now();
    let fake = sample_fake();
    let mut app = app_with(&fake, t0);
    press(&mut app, Key::End);
    assert_eq!(app.selected_name(Pane::Queues).as_deref(), Some("orders"));
    let gone = FakeConsole::new()
        .with_queue("audit.log", 1, 0)
        .with_queue("billing", 1, 0);
    refresh(&mut app, &gone, t0 + Duration::from_secs(1));
    assert_eq!(
        app.selected_name(Pane::Queues).as_deref(),
        Some("billing"),
        "clamped"
    );
    let empty = FakeConsole::new();
    refresh(&mut app, &empty, t0 + Duration::from_secs(2));
    assert_eq!(app.selected_name(Pane::Queues), None);
    assert_eq!(app.table(Pane::Queues).selected_position(), 0);
}

#[test]
fn ten_thousand_queues_page_without_trouble() {
    let fake = FakeConsole::new().with_queues(10_000);
    let mut app = app_with(&fake, Instant::now());
    app.update(Event::Viewport { rows: 30 });
    press(&mut app, Key::End);
    let table = app.table(Pane::Queues);
    assert_eq!(table.len(), 10_000);
    assert_eq!(table.window(30), 9_970..10_000);
    press(&mut app, Key::Char('/'));
    type_text(&mut app, "queue-0999");
    assert_eq!(shown(&app).len(), 10);
    assert_eq!(
        app.selected_name(Pane::Queues).as_deref(),
        Some("queue-09999")
    );
}
