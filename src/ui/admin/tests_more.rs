//! Screen tests that are not snapshots: sizes, scale, greying, hostile names.

use ratatui::style::Color;

use super::*;
use crate::app::admin::Pane;

#[test]
fn every_size_draws_without_panicking() {
    let mut states = Vec::new();
    for opener in [
        vec![],
        vec![Key::Char('2')],
        vec![Key::Char('3')],
        vec![Key::Char('4')],
        vec![Key::Char('?')],
        vec![Key::Char('n'), Key::Char('!'), Key::Enter],
        vec![Key::Char('d')],
        vec![Key::Enter],
        vec![Key::Char('/'), Key::Char('x')],
    ] {
        let mut app = busy_app();
        keys(&mut app, &opener);
        states.push(app);
    }
    let (mut stale, t0) = busy();
    stale.update(Event::RefreshFailed {
        error: "down".to_owned(),
        unreachable: true,
        at: t0,
    });
    states.push(stale);
    states.push(AdminApp::new(info(), Instant::now()));
    for width in 1..=120u16 {
        for height in 1..=40u16 {
            let app = &states[usize::from(width + height) % states.len()];
            draw_buffer(app, width, height);
        }
    }
    for app in &states {
        for (width, height) in [(1, 1), (2, 3), (10, 5), (300, 2), (2, 100)] {
            draw_buffer(app, width, height);
        }
    }
}

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

#[test]
fn stale_data_is_greyed() {
    let (mut app, t0) = busy();
    let buffer = draw_buffer(&app, 120, 35);
    let (x, y) = find(&buffer, "audit.log").expect("on screen");
    assert_ne!(buffer[(x, y)].fg, grid::GREY);
    app.update(Event::RefreshFailed {
        error: "down".to_owned(),
        unreachable: true,
        at: t0 + Duration::from_secs(9),
    });
    let buffer = draw_buffer(&app, 120, 35);
    let (x, y) = find(&buffer, "billing").expect("still on screen");
    assert_eq!(buffer[(x, y)].fg, grid::GREY);
    assert!(text(&buffer).contains("disconnected, retrying"));
}

#[test]
fn the_selected_row_is_highlighted() {
    let app = busy_app();
    let buffer = draw_buffer(&app, 120, 35);
    let (x, y) = find(&buffer, "a-very-long").expect("first row");
    assert_eq!(buffer[(x, y)].bg, Color::Blue);
    let (x, y) = find(&buffer, "audit.log").expect("second row");
    assert_ne!(buffer[(x, y)].bg, Color::Blue);
}

#[test]
fn hostile_names_cannot_reach_the_terminal() {
    let fake = FakeConsole::new()
        .with_queue("evil\u{1b}[2J\u{1b}]0;pwned\u{7}name", 1, 0)
        .with_queue("rtl\u{202e}txt", 1, 0);
    let mut app = AdminApp::new(info(), Instant::now());
    app.update(Event::Refreshed {
        snapshot: snapshot_of(&fake, &[]),
        at: Instant::now(),
        took: Duration::ZERO,
    });
    app.update(Event::Key(Key::Char('d')));
    for width in [120, 40] {
        let shown = screen(&app, width, 24);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
        assert!(!shown.contains('\u{7}'));
    }
    assert!(screen(&app, 120, 24).contains("evilname"));
}

#[test]
fn the_current_pane_tab_is_highlighted() {
    let mut app = busy_app();
    for pane in Pane::ALL {
        keys(
            &mut app,
            &[Key::Char(char::from(b'1' + pane.index() as u8))],
        );
        let buffer = draw_buffer(&app, 120, 35);
        let (x, y) = find(&buffer, pane.title()).expect("tab shown");
        assert_eq!((y, buffer[(x, y)].bg), (0, Color::Cyan), "{pane:?}");
    }
}

/// Where `needle` starts on screen (column, row), if it is there.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let lines = text(buffer);
    lines.lines().enumerate().find_map(|(y, line)| {
        let start = line.find(needle)?;
        let x = crate::ui::widgets::wrap::columns(&line[1..start]);
        Some((x as u16, y as u16))
    })
}
