use std::cell::RefCell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use std::time::{Duration, Instant};

use super::*;
use crate::app::admin::{AdminApp, ConsoleInfo, Event, Pane};

#[test]
fn columns_that_do_not_fit_whole_are_left_out() {
    let cols = [
        Column::text("name", 0, None),
        Column::number("a", 5, None),
        Column::number("b", 5, None),
    ];
    assert_eq!(
        layout(&cols, 40),
        vec![Some((0, 28)), Some((29, 5)), Some((35, 5))]
    );
    assert_eq!(layout(&cols, 26), vec![Some((0, 20)), Some((21, 5)), None]);
    assert_eq!(layout(&cols, 12), vec![Some((0, 12)), None, None]);
    assert_eq!(layout(&cols, 0), vec![None, None, None]);
    let fixed = [Column::number("a", 5, None), Column::number("b", 5, None)];
    assert_eq!(layout(&fixed, 8), vec![Some((0, 5)), None]);
}

#[test]
fn only_visible_rows_are_asked_for() {
    let fake = crate::broker::console::FakeConsole::new().with_queues(1000);
    let snapshot = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(crate::broker::console::Console::snapshot(&fake, &[]))
        .expect("reachable");
    let mut app = AdminApp::new(
        ConsoleInfo {
            api_url: String::new(),
            vhost: "/".to_owned(),
            refresh: Duration::from_secs(1),
        },
        Instant::now(),
    );
    app.update(Event::Refreshed {
        snapshot,
        at: Instant::now(),
        took: Duration::ZERO,
    });
    let table = app.table(Pane::Queues);
    let asked = RefCell::new(Vec::new());
    let area = Rect::new(0, 0, 30, 6);
    let mut buf = Buffer::empty(area);
    let cols = [Column::text("name", 0, None), Column::number("n", 6, None)];
    render(area, &mut buf, &cols, table, false, |i| {
        asked.borrow_mut().push(i);
        vec![
            (format!("row{i}"), Style::new()),
            (i.to_string(), Style::new()),
        ]
    });
    assert_eq!(asked.into_inner(), [0, 1, 2, 3, 4]);
    let line: String = (0..30).map(|x| buf[(x, 1)].symbol().to_owned()).collect();
    assert_eq!(line, "row0                         0");
}
