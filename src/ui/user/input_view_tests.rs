//! Screen tests of the input box's modes: completion candidates on its border, the quick
//! switcher, the input growing with its lines, the cursor, and the prompts it shows.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
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
    let (y, border) = rows
        .lines()
        .enumerate()
        .find(|(_, row)| row.contains(" bob  bobby  "))
        .unwrap();
    let y = y as u16;
    let column_of = |needle: &str| border[..border.find(needle).unwrap()].chars().count() - 1;
    let column = column_of("bobby");
    let cell = &buffer[(column as u16, y)];
    assert_eq!(cell.bg, Color::Cyan, "the current candidate is highlighted");
    let other = column_of("bob ");
    assert_ne!(buffer[(other as u16, y)].bg, Color::Cyan);
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

/// A draft of `lines` lines, typed with Alt-Enter between them.
fn draft(app: &UserApp, lines: usize) -> InputBox {
    let mut input = InputBox::new();
    for n in 1..=lines {
        if n > 1 {
            read_terminal(key(KeyCode::Enter, KeyModifiers::ALT), &mut input, app);
        }
        type_text(&mut input, app, &format!("line {n}"));
    }
    input
}

#[test]
fn the_input_grows_with_its_lines_and_the_message_pane_gives_the_rows() {
    let app = app();
    let area = Rect::new(0, 0, 60, 16);
    let one = InputBox::new();
    let three = draft(&app, 3);
    assert_eq!(message_rows(area, &one), 13, "one text row and the border");
    assert_eq!(message_rows(area, &three), 11);
    let terminal = draw_with(&app, &three, 60, 16);
    assert_snapshot!("input_three_lines", screen(terminal.backend().buffer()));
    let mut terminal = terminal;
    terminal.backend_mut().assert_cursor_position((26, 14));
}

#[test]
fn eight_lines_take_six_rows_with_the_cursor_line_in_view() {
    let app = app();
    let eight = draft(&app, 8);
    assert_eq!(message_rows(Rect::new(0, 0, 60, 16), &eight), 8);
    let mut terminal = draw_with(&app, &eight, 60, 16);
    let text = screen(terminal.backend().buffer());
    assert_snapshot!("input_eight_lines", text);
    assert!(text.contains("line 8") && !text.contains("line 2"));
    terminal.backend_mut().assert_cursor_position((26, 14));
}

#[test]
fn a_long_line_wraps_instead_of_scrolling_sideways() {
    let app = app();
    let mut input = InputBox::new();
    type_text(&mut input, &app, &"word ".repeat(20));
    assert_eq!(input.text_rows(40), 3);
    let terminal = draw_with(&app, &input, 60, 16);
    let text = screen(terminal.backend().buffer());
    assert_eq!(
        text.matches("word").count(),
        20,
        "every word is on screen:\n{text}"
    );
}

/// Whether the terminal shows its cursor (the test backend says so only in `Debug`).
fn cursor_shown(terminal: &Terminal<TestBackend>) -> bool {
    format!("{:?}", terminal.backend()).contains("cursor: true")
}

#[test]
fn the_cursor_is_shown_where_you_type_and_hidden_under_the_switcher_and_the_help() {
    let mut app = app();
    let mut input = InputBox::new();
    type_text(&mut input, &app, "hi");
    let mut terminal = draw_with(&app, &input, 60, 16);
    assert!(cursor_shown(&terminal));
    terminal.backend_mut().assert_cursor_position((22, 14));
    read_terminal(
        key(KeyCode::Char('g'), KeyModifiers::CONTROL),
        &mut input,
        &app,
    );
    let terminal = draw_with(&app, &input, 60, 16);
    assert!(!cursor_shown(&terminal), "hidden under the switcher");
    input.escape();
    app.help_open = true;
    let terminal = draw_with(&app, &input, 60, 16);
    assert!(!cursor_shown(&terminal), "hidden under the help");
}

#[test]
fn a_held_paste_is_asked_about_on_the_border() {
    let app = app();
    let mut input = InputBox::new();
    read_terminal(TermEvent::Paste("x\n".repeat(700)), &mut input, &app);
    let terminal = draw_with(&app, &input, 60, 8);
    let text = screen(terminal.backend().buffer());
    assert!(
        text.contains("paste 700 lines? Enter: yes  Esc: no"),
        "{text}"
    );
}

#[test]
fn a_reverse_search_is_shown_on_the_border() {
    let app = app();
    let mut input = InputBox::new();
    type_text(&mut input, &app, "where is the queue");
    read_terminal(key(KeyCode::Enter, KeyModifiers::NONE), &mut input, &app);
    read_terminal(
        key(KeyCode::Char('r'), KeyModifiers::CONTROL),
        &mut input,
        &app,
    );
    type_text(&mut input, &app, "que");
    let terminal = draw_with(&app, &input, 90, 8);
    let text = screen(terminal.backend().buffer());
    assert!(
        text.contains("(reverse-i-search) 'que': where is the queue"),
        "{text}"
    );
}
