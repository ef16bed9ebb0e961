//! Screen tests of the input box's modes: completion candidates on its border, the quick
//! switcher, the input growing with its lines, the cursor, and the prompts it shows.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use time::UtcOffset;

use super::input_box::InputBox;
use super::keys::read_terminal;
use super::*;
use crate::app::user::Event;
use crate::domain::{ConversationId, TopicName, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

/// alice with bob, bobby, carol (3 unread), #news and #bobcats; status on screen.
fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    for who in ["bob", "bobby", "carol"] {
        app.update(Event::Open(ConversationId::Direct(name(who))));
    }
    for topic in ["news", "bobcats"] {
        app.update(Event::Open(ConversationId::Topic(
            TopicName::parse(topic).unwrap(),
        )));
    }
    app.update(Event::Open(ConversationId::Status));
    let carol = app
        .position(&ConversationId::Direct(name("carol")))
        .unwrap();
    app.conversations[carol].unread = 3;
    app.online.insert(name("dave"));
    app
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> TermEvent {
    TermEvent::Key(KeyEvent::new(code, modifiers))
}

fn type_text(input: &mut InputBox, app: &UserApp, text: &str) {
    for c in text.chars() {
        read_terminal(key(KeyCode::Char(c), KeyModifiers::NONE), input, app);
    }
}

fn draw_with(app: &UserApp, input: &InputBox, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame, app, input, &mut 0))
        .unwrap();
    terminal
}

fn screen(buffer: &Buffer) -> String {
    crate::ui::widgets::screen_text::screen_text(buffer)
}

#[test]
fn completion_candidates_are_on_the_border_with_the_current_one_highlighted() {
    let app = app();
    let mut input = InputBox::new();
    type_text(&mut input, &app, "b");
    read_terminal(key(KeyCode::Tab, KeyModifiers::NONE), &mut input, &app);
    read_terminal(key(KeyCode::Tab, KeyModifiers::NONE), &mut input, &app);
    let terminal = draw_with(&app, &input, 60, 8);
    let buffer = terminal.backend().buffer();
    assert_snapshot!("completion_cycling", screen(buffer));
    let rows = screen(buffer);
    let border = rows.lines().nth(4).unwrap();
    let column_of = |needle: &str| border[..border.find(needle).unwrap()].chars().count() - 1;
    let column = column_of("bobby");
    let cell = &buffer[(column as u16, 4)];
    assert_eq!(cell.bg, Color::Cyan, "the current candidate is highlighted");
    let other = column_of("bob ");
    assert_ne!(buffer[(other as u16, 4)].bg, Color::Cyan);
}

#[test]
fn the_switcher_lists_unread_first_and_filters() {
    let app = app();
    let mut input = InputBox::new();
    read_terminal(
        key(KeyCode::Char('g'), KeyModifiers::CONTROL),
        &mut input,
        &app,
    );
    let terminal = draw_with(&app, &input, 60, 14);
    assert_snapshot!("switcher_open", screen(terminal.backend().buffer()));
    type_text(&mut input, &app, "bob");
    read_terminal(key(KeyCode::Down, KeyModifiers::NONE), &mut input, &app);
    let terminal = draw_with(&app, &input, 60, 14);
    assert_snapshot!("switcher_filtered", screen(terminal.backend().buffer()));
    type_text(&mut input, &app, "zzz");
    let terminal = draw_with(&app, &input, 60, 14);
    assert!(screen(terminal.backend().buffer()).contains("no conversation matches"));
}
