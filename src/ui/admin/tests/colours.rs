//! What colours say: stale data greyed, the selected row and the current tab highlighted.

use ratatui::style::Color;

use super::*;
use crate::app::admin::Pane;

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
