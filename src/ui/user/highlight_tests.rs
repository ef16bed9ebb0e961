//! Screen tests of highlights: the message that names you, the sidebar's separate
//! count, and the window title's unread count.

use insta::assert_snapshot;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use time::UtcOffset;
use time::macros::datetime;

use super::title::window_title;
use super::*;
use crate::app::user::Event;
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, TopicName, UserName,
};
use crate::ui::widgets::colour::HIGHLIGHT;

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn topic(t: &str) -> ConversationId {
    ConversationId::Topic(TopicName::parse(t).unwrap())
}

fn received(id: &str, conversation: ConversationId, from: &str, minute: u8, body: &str) -> Event {
    Event::Received(ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation,
        from: Some(name(from)),
        sent_at: datetime!(2026-11-21 10:00 UTC) + time::Duration::minutes(minute.into()),
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.into()),
        marks: Default::default(),
    })
}

/// alice in #news with a mention on screen; #ops has 3 unread, 1 naming her; bob
/// wrote twice.
fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::Open(topic("news")));
    app.update(received("n1", topic("news"), "carol", 1, "morning all"));
    app.update(received(
        "n2",
        topic("news"),
        "carol",
        2,
        "@alice can you review the deploy?",
    ));
    app.update(received(
        "n3",
        topic("news"),
        "carol",
        3,
        "thanks, malice is not a name",
    ));
    app.update(received("o1", topic("ops"), "dave", 4, "disk at 80%"));
    app.update(received("o2", topic("ops"), "dave", 5, "Alice: yours?"));
    app.update(received("o3", topic("ops"), "dave", 6, "never mind"));
    let bob = ConversationId::Direct(name("bob"));
    app.update(received("d1", bob.clone(), "bob", 7, "lunch?"));
    app.update(received("d2", bob, "bob", 8, "at noon"));
    app
}

fn draw_buffer(app: &UserApp, width: u16, height: u16) -> Buffer {
    crate::ui::user::test_draw::draw_screen(app, width, height)
}

/// Where `needle` starts on screen (column, row).
fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    let text = crate::ui::widgets::screen_text::screen_text(buffer);
    text.lines()
        .enumerate()
        .find_map(|(y, line)| {
            let start = line.find(needle)?;
            let x = crate::ui::widgets::wrap::columns(&line[1..start]);
            Some((x as u16, y as u16))
        })
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
}

#[test]
fn highlights_wide() {
    assert_snapshot!(crate::ui::widgets::screen_text::screen_text(&draw_buffer(
        &app(),
        80,
        12
    )));
}

#[test]
fn the_message_naming_me_is_drawn_highlighted_the_others_not() {
    let buffer = draw_buffer(&app(), 80, 12);
    let (x, y) = find(&buffer, "carol: @alice");
    let badge = &buffer[(x, y)];
    assert_eq!((badge.fg, badge.bg), (Color::Black, HIGHLIGHT));
    assert!(badge.modifier.contains(Modifier::BOLD));
    let (x, y) = find(&buffer, "@alice can");
    assert_eq!(buffer[(x, y)].fg, HIGHLIGHT);
    let (x, y) = find(&buffer, "carol: thanks");
    assert_ne!(buffer[(x, y)].bg, HIGHLIGHT);
    let (x, y) = find(&buffer, "thanks, malice");
    assert_ne!(buffer[(x, y)].fg, HIGHLIGHT);
}

#[test]
fn the_sidebar_counts_highlights_apart_in_their_colour() {
    let buffer = draw_buffer(&app(), 80, 12);
    let (x, y) = find(&buffer, "3 1!");
    assert_eq!(buffer[(x + 2, y)].fg, HIGHLIGHT);
    assert_ne!(buffer[(x, y)].fg, HIGHLIGHT);
    // bob's two messages are both highlights: only `2!`.
    let (x, y) = find(&buffer, "2!");
    assert_eq!(buffer[(x, y)].fg, HIGHLIGHT);
}

#[test]
fn the_window_title_shows_the_unread_count() {
    let mut app = app();
    assert_eq!(window_title(&app), "chat-tui (5) — alice");
    app.update(Event::Input("/readall".into()));
    assert_eq!(window_title(&app), "chat-tui — alice");
}
