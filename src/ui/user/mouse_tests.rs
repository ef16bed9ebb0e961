//! Unit tests of `mouse`: positions read with the draw's own layout.

use ratatui::crossterm::event::KeyModifiers;
use time::UtcOffset;

use super::*;
use crate::domain::{ConversationId, TopicName, UserName};
use crate::ui::user::input_box::InputBox;
use crate::ui::user::{SIDEBAR_MIN_TERMINAL_WIDTH, SIDEBAR_WIDTH};

fn app_with(conversations: &[&str]) -> UserApp {
    let mut app = UserApp::new(
        UserName::parse("alice").unwrap(),
        "127.0.0.1:5672".into(),
        UtcOffset::UTC,
    );
    for name in conversations {
        app.update(Event::Open(ConversationId::parse_target(name).unwrap()));
    }
    app.update(Event::Open(ConversationId::Status));
    app
}

fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

fn click(column: u16, row: u16) -> MouseEvent {
    at(MouseEventKind::Down(MouseButton::Left), column, row)
}

const SCREEN: Rect = Rect {
    x: 0,
    y: 0,
    width: 80,
    height: 24,
};

#[test]
fn a_click_on_a_sidebar_row_opens_that_conversation() {
    let app = app_with(&["bob", "#news"]);
    // Rows: status, bob, #news (sidebar order).
    assert_eq!(
        map_mouse(click(3, 1), SCREEN, &app, &InputBox::new()),
        Some(Event::Open(ConversationId::Direct(
            UserName::parse("bob").unwrap()
        )))
    );
    assert_eq!(
        map_mouse(click(0, 2), SCREEN, &app, &InputBox::new()),
        Some(Event::Open(ConversationId::Topic(
            TopicName::parse("news").unwrap()
        )))
    );
    assert_eq!(
        map_mouse(click(10, 0), SCREEN, &app, &InputBox::new()),
        Some(Event::Open(ConversationId::Status))
    );
    // Below the last conversation, and on the border column: nothing.
    assert_eq!(map_mouse(click(3, 3), SCREEN, &app, &InputBox::new()), None);
    assert_eq!(
        map_mouse(click(SIDEBAR_WIDTH - 1, 1), SCREEN, &app, &InputBox::new()),
        None
    );
}

#[test]
fn a_click_follows_the_sidebar_when_it_scrolls() {
    let names: Vec<String> = (0..30).map(|i| format!("u{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut app = app_with(&refs);
    // The last conversation is current: the sidebar shows the 23 rows that end with it.
    let last = app.conversations.last().unwrap().id.clone();
    app.update(Event::Open(last.clone()));
    assert_eq!(
        map_mouse(click(2, 22), SCREEN, &app, &InputBox::new()),
        Some(Event::Open(last))
    );
    let first_shown = app.conversations.len() - 23;
    assert_eq!(
        map_mouse(click(2, 0), SCREEN, &app, &InputBox::new()),
        Some(Event::Open(app.conversations[first_shown].id.clone()))
    );
}

#[test]
fn the_wheel_over_the_messages_scrolls_them() {
    let app = app_with(&["bob"]);
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollUp, 40, 5),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        Some(Event::Key(Action::ScrollUp(WHEEL_ROWS)))
    );
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollDown, 79, 0),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        Some(Event::Key(Action::ScrollDown(WHEEL_ROWS)))
    );
    // Over the sidebar, the input or the status bar: nothing.
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollUp, 2, 5),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        None
    );
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollUp, 40, 22),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        None
    );
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollUp, 40, 23),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        None
    );
}

#[test]
fn clicks_elsewhere_do_nothing() {
    let app = app_with(&["bob"]);
    for (column, row) in [(40, 22), (40, 21), (40, 23), (40, 5), (79, 23)] {
        assert_eq!(
            map_mouse(click(column, row), SCREEN, &app, &InputBox::new()),
            None,
            "{column},{row}"
        );
    }
    let release = at(MouseEventKind::Up(MouseButton::Left), 3, 1);
    assert_eq!(map_mouse(release, SCREEN, &app, &InputBox::new()), None);
    let drag = at(MouseEventKind::Drag(MouseButton::Left), 3, 1);
    assert_eq!(map_mouse(drag, SCREEN, &app, &InputBox::new()), None);
    let right = at(MouseEventKind::Down(MouseButton::Right), 3, 1);
    assert_eq!(map_mouse(right, SCREEN, &app, &InputBox::new()), None);
}

#[test]
fn without_a_sidebar_or_under_the_help_nothing_is_clicked() {
    let mut app = app_with(&["bob"]);
    let narrow = Rect::new(0, 0, SIDEBAR_MIN_TERMINAL_WIDTH - 1, 20);
    assert_eq!(map_mouse(click(1, 1), narrow, &app, &InputBox::new()), None);
    app.update(Event::Key(Action::ToggleHelp));
    assert_eq!(map_mouse(click(3, 1), SCREEN, &app, &InputBox::new()), None);
    assert_eq!(
        map_mouse(
            at(MouseEventKind::ScrollUp, 40, 5),
            SCREEN,
            &app,
            &InputBox::new()
        ),
        None
    );
}
