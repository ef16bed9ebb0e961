//! Screen tests of links: underlined, OSC 8 hyperlinks when the message is shown whole,
//! the text on screen unchanged.

use ratatui::Terminal;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Modifier;
use time::UtcOffset;
use time::macros::datetime;

use super::*;
use crate::app::user::{Event, UserApp};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName,
};
use crate::ui::user::{draw, line_rows};
use crate::ui::widgets::hyperlink::{CLOSE, open};
use crate::ui::widgets::screen_text::screen_text;

const LONG: &str = "https://example.com/a/very/long/path/that/wraps/over/two/rows?q=1";

fn app(bodies: &[&str]) -> UserApp {
    let me = UserName::parse("alice").unwrap();
    let mut app = UserApp::new(me, "127.0.0.1:5672".into(), UtcOffset::UTC);
    let bob = ConversationId::Direct(UserName::parse("bob").unwrap());
    app.update(Event::Open(bob.clone()));
    for (i, body) in bodies.iter().enumerate() {
        app.update(Event::Received(ChatMessage {
            id: MessageId::from_string(format!("m{i}")),
            conversation: bob.clone(),
            from: UserName::parse("bob").ok(),
            sent_at: datetime!(2026-11-21 10:00 UTC),
            direction: Direction::Incoming,
            status: DeliveryStatus::Delivered,
            content: Content::Text((*body).into()),
            marks: Default::default(),
        }));
    }
    app.set_layout(line_rows);
    app
}

fn draw_buffer(app: &UserApp, width: u16, height: u16) -> Buffer {
    crate::ui::user::test_draw::draw_screen(app, width, height)
}

/// The symbols that open a link and the URLs they open, in screen order.
fn opened(buffer: &Buffer) -> Vec<String> {
    buffer
        .content()
        .iter()
        .filter_map(|cell| {
            let rest = cell.symbol().strip_prefix("\x1b]8;;")?;
            Some(rest[..rest.find("\x1b\\")?].to_owned())
        })
        .collect()
}

fn closes(buffer: &Buffer) -> usize {
    buffer
        .content()
        .iter()
        .filter(|cell| cell.symbol().ends_with(CLOSE))
        .count()
}

#[test]
fn a_link_is_underlined_and_a_hyperlink_the_text_unchanged() {
    let app = app(&["see https://x.org/a, then"]);
    let buffer = draw_buffer(&app, 80, 10);
    assert_eq!(opened(&buffer), vec!["https://x.org/a"]);
    assert_eq!(closes(&buffer), 1);
    let text = screen_text(&buffer);
    assert!(text.contains("bob: see https://x.org/a, then"), "{text}");
    let first = buffer
        .content()
        .iter()
        .find(|c| c.symbol().starts_with(&open("https://x.org/a")))
        .unwrap();
    assert!(first.modifier.contains(Modifier::UNDERLINED));
    assert_eq!(
        first.diff_option,
        CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN)
    );
    // The comma after the URL is not part of it.
    let comma = buffer
        .content()
        .iter()
        .position(|c| c.symbol().ends_with(CLOSE))
        .unwrap();
    assert_eq!(buffer.content()[comma + 1].symbol(), ",");
    assert!(
        !buffer.content()[comma + 1]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn a_wrapped_link_is_one_hyperlink_per_row_to_the_whole_url() {
    let app = app(&[LONG]);
    // A 40-column pane: 29 columns beside `10:00 bob: `, so the URL takes 3 rows.
    let buffer = draw_buffer(&app, 60, 10);
    assert_eq!(opened(&buffer), vec![LONG, LONG, LONG]);
    assert_eq!(closes(&buffer), 3);
}

#[test]
fn a_message_cut_at_the_top_keeps_its_underline_but_no_hyperlink() {
    let mut bodies = vec![LONG];
    bodies.extend(["filler"; 6]);
    let app = app(&bodies);
    // The pane holds 1 to 4 rows: the six fillers and the separator, not the whole
    // long message, which is cut or not shown.
    for height in 5..9 {
        let buffer = draw_buffer(&app, 60, height);
        assert!(opened(&buffer).is_empty(), "{height}");
        assert_eq!(closes(&buffer), 0, "{height}");
    }
    // At 12 rows (8 in the pane) the long message is shown cut: underlined, no link.
    let buffer = draw_buffer(&app, 60, 12);
    let text = screen_text(&buffer);
    assert!(text.contains("ows?q=1"), "{text}");
    assert!(opened(&buffer).is_empty(), "{text}");
    let buffer = draw_buffer(&app, 60, 14);
    let text = screen_text(&buffer);
    assert!(text.contains("bob: https://"), "{text}");
    assert_eq!(opened(&buffer).len(), 3, "{text}");
}

#[test]
fn several_links_each_get_their_url() {
    let app = app(&["a https://a.org b http://b.org/x c", "no link"]);
    let buffer = draw_buffer(&app, 80, 10);
    assert_eq!(opened(&buffer), vec!["https://a.org", "http://b.org/x"]);
}

#[test]
fn split_at_links_splits_a_row_at_its_links() {
    let text = "xx https://a.org yy";
    let links = crate::app::user::find_links(text);
    let spans = split_at_links(&text[3..], 3, &links, Style::new());
    let parts: Vec<(&str, bool)> = spans
        .iter()
        .map(|s| {
            (
                s.content.as_ref(),
                s.style.add_modifier.contains(Modifier::UNDERLINED),
            )
        })
        .collect();
    assert_eq!(parts, vec![("https://a.org", true), (" yy", false)]);
    let plain = split_at_links("plain", 0, &[], Style::new());
    assert_eq!(plain.len(), 1);
}

/// What the backend writes, kept where the test can read it.
#[derive(Clone, Default)]
struct Written(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draws through the real crossterm backend: the bytes a terminal would get, and the
/// buffer the frame was drawn into.
fn terminal_bytes(app: &UserApp, width: u16, height: u16) -> (Vec<u8>, Buffer) {
    use ratatui::backend::CrosstermBackend;
    use ratatui::{TerminalOptions, Viewport};
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let written = Written::default();
    let backend = CrosstermBackend::new(written.clone());
    let options = TerminalOptions {
        viewport: Viewport::Fixed(area),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    let input = crate::ui::user::input_box::InputBox::new();
    let drawn = terminal
        .draw(|frame| draw(frame, app, &input, &mut 0))
        .unwrap()
        .buffer
        .clone();
    drop(terminal);
    let bytes = written.0.borrow().clone();
    (bytes, drawn)
}

#[test]
fn a_terminal_shows_every_character_where_the_buffer_has_it() {
    // A terminal emulator reads what the backend writes, hyperlinks included: the screen
    // it ends with must be the buffer's, cell for cell (the escapes shift nothing).
    let app = app(&[LONG, "and https://a.org, then 日本 https://b.org/x"]);
    for width in [40, 60, 80] {
        let (bytes, buffer) = terminal_bytes(&app, width, 12);
        assert!(!opened(&buffer).is_empty(), "{width}");
        let mut parser = vt100::Parser::new(12, width, 0);
        parser.process(&bytes);
        let shown = parser.screen().contents();
        let expected: String = screen_text(&buffer)
            .lines()
            .map(|line| line.trim_matches('"').trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let shown: String = shown
            .lines()
            .map(|line| line.trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(shown.trim_end(), expected.trim_end(), "{width}");
    }
}

#[test]
fn no_link_is_left_open_under_the_more_hint_or_the_help() {
    use crate::app::user::{Action, Anchor, View};
    // A link on the bottom row, whose end the "↓ more" hint covers once scrolled back.
    let mut bodies = vec!["first"; 12];
    bodies.push("x https://example.com/under/the/hint/at/the/end");
    let app = app(&bodies);
    let mut scrolled = app.clone();
    let last = scrolled.current_conversation().lines.len() - 1;
    let current = scrolled.current;
    scrolled.conversations[current].view = View::Anchored(Anchor {
        line: last,
        below: 0,
    });
    let buffer = draw_buffer(&scrolled, 80, 10);
    let text = screen_text(&buffer);
    assert!(text.contains("↓ more"), "{text}");
    assert!(
        text.contains("x https://example.com/under/the/hint"),
        "{text}"
    );
    assert_eq!(opened(&buffer).len(), closes(&buffer), "{text}");
    let mut help = app.clone();
    help.update(Event::Key(Action::ToggleHelp));
    let buffer = draw_buffer(&help, 80, 10);
    assert!(opened(&buffer).is_empty());
    assert_eq!(closes(&buffer), 0);
    // Without either, the link is there.
    assert_eq!(opened(&draw_buffer(&app, 80, 10)).len(), 1);
}
