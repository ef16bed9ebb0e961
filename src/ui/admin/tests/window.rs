//! The table's window: how many rows fit, and only those rows are built, even with
//! 10,000 queues.

use super::*;

#[test]
fn table_rows_is_what_the_table_shows() {
    assert_eq!(table_rows(Rect::new(0, 0, 80, 24)), 18);
    assert_eq!(table_rows(Rect::new(0, 0, 120, 35)), 29);
    assert_eq!(table_rows(Rect::new(0, 0, 80, 3)), 0);
    assert_eq!(table_rows(Rect::new(0, 0, 1, 1)), 0);
    // The last visible row of a 24-row screen is the 18th queue.
    let fake = FakeConsole::new().with_queues(100);
    let mut app = AdminApp::new(info(), Instant::now());
    app.update(Event::Refreshed {
        snapshot: snapshot_of(&fake, &[]),
        at: Instant::now(),
        took: Duration::ZERO,
    });
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("queue-00017") && !shown.contains("queue-00018"),
        "{shown}"
    );
}

/// The `queue-NNNNN` names on screen, in order.
fn queue_names(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|line| {
            let at = line.find("queue-")?;
            Some(line[at..at + 11].to_owned())
        })
        .collect()
}

#[test]
fn ten_thousand_queues_render_only_the_window() {
    let fake = FakeConsole::new().with_queues(10_000);
    let mut app = AdminApp::new(info(), Instant::now());
    let rows = table_rows(Rect::new(0, 0, 120, 35));
    app.update(Event::Viewport { rows });
    app.update(Event::Refreshed {
        snapshot: snapshot_of(&fake, &[]),
        at: Instant::now(),
        took: Duration::ZERO,
    });
    let expected = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("queue-{i:05}")).collect()
    };
    assert_eq!(queue_names(&screen(&app, 120, 35)), expected(0..29));
    keys(&mut app, &[Key::End]);
    assert_eq!(queue_names(&screen(&app, 120, 35)), expected(9_971..10_000));
    keys(&mut app, &[Key::PageUp]);
    let names = queue_names(&screen(&app, 120, 35));
    assert_eq!(names.len(), 29);
    assert!(names.contains(&"queue-09971".to_owned()));
    assert!(screen(&app, 120, 35).contains("Queues 10,000"));
}
