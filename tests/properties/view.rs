//! The user-mode screen drawn from hostile messages, notices and input (TestBackend):
//! it never panics, at any size and local offset, and no cell holds anything that could
//! act on the terminal.

use chat_tui::app::user::{Action, Event, UserApp};
use chat_tui::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, SearchHits,
    TopicName, UserName,
};
use chat_tui::ui::user::input_box::InputBox;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::{OffsetDateTime, UtcOffset};

use super::sanitize::acts_on_terminal;
use super::strategies::{any_text, hostile_text, topic_name, user_name};

/// A message as the inbox pump hands it over: text from anyone, or unreadable bytes;
/// its time anywhere in the calendar.
fn message() -> impl Strategy<Value = ChatMessage> {
    let sent_at = (-377_705_116_800i64..=253_402_300_799i64)
        .prop_filter_map("in range", |s| OffsetDateTime::from_unix_timestamp(s).ok());
    let place = prop_oneof![
        user_name().prop_map(|n| ConversationId::Direct(UserName::parse(&n).expect("valid"))),
        topic_name().prop_map(|t| ConversationId::Topic(TopicName::parse(&t).expect("valid"))),
    ];
    let text = (user_name(), place, any_text())
        .prop_map(|(from, conversation, body)| (conversation, Some(from), Content::Text(body)));
    let unreadable =
        (hostile_text(), prop::collection::vec(any::<u8>(), 0..300)).prop_map(|(reason, raw)| {
            let junk = ChatMessage::unreadable(
                MessageId::generate(),
                reason,
                &raw,
                OffsetDateTime::UNIX_EPOCH,
            );
            (ConversationId::Status, None, junk.content)
        });
    (
        prop_oneof![3 => text, 1 => unreadable],
        sent_at,
        hostile_text(),
    )
        .prop_map(|((conversation, from, content), sent_at, id)| ChatMessage {
            id: MessageId::from_string(format!("{id}{}", MessageId::generate())),
            conversation,
            from: from.map(|f| UserName::parse(&f).expect("valid")),
            sent_at,
            direction: Direction::Incoming,
            status: DeliveryStatus::Delivered,
            content,
            marks: Default::default(),
        })
}

/// Draws the whole screen at `width` x `height` and fails on any unsafe cell.
fn check_screen(
    app: &UserApp,
    input: &InputBox,
    width: u16,
    height: u16,
) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| chat_tui::ui::user::draw(frame, app, input, &mut 0))
        .expect("drawing on a test backend");
    for cell in terminal.backend().buffer().content() {
        // The client's own hyperlinks (OSC 8 around a printable-ASCII URL) are the one
        // escape a cell may hold; what is left must be inert.
        let shown = chat_tui::ui::widgets::hyperlink::strip(cell.symbol());
        prop_assert!(
            !shown.chars().any(acts_on_terminal),
            "a cell holds {:?}",
            cell.symbol()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_messages_draw_safely(
        messages in prop::collection::vec(message(), 1..12),
        notices in prop::collection::vec(hostile_text(), 0..4),
        offset in -86_399i32..=86_399,
        pasted in any_text(),
        width in 1u16..140,
        height in 1u16..45,
    ) {
        let me = UserName::parse("me").expect("valid");
        let local = UtcOffset::from_whole_seconds(offset).expect("in range");
        let mut app = UserApp::new(me, "127.0.0.1:5672".into(), local);
        app.update(Event::Connected { waiting: 3 });
        for text in &notices {
            app.update(Event::CommandFailed(text.clone()));
            app.update(Event::Input(format!("/{text}")));
        }
        for msg in &messages {
            app.update(Event::Received(msg.clone()));
        }
        app.update(Event::SearchResults {
            query: pasted.clone(),
            hits: SearchHits { total: messages.len(), newest: messages.clone() },
        });
        if let Some(text) = notices.first() {
            app.update(Event::Disconnected(text.clone()));
        }
        let mut input = InputBox::new();
        input.paste(&pasted);
        check_screen(&app, &input, width, height)?;
        // Every conversation the messages opened, scrolled and not.
        let places: Vec<ConversationId> =
            app.conversations.iter().map(|c| c.id.clone()).collect();
        for place in places {
            app.update(Event::Open(place));
            check_screen(&app, &input, width, height)?;
            app.update(Event::Key(Action::ScrollUp(5)));
            check_screen(&app, &input, width, height)?;
        }
    }
}

/// A 1 MB paste: the input box takes it and draws it, and the app refuses to send it.
#[test]
fn a_one_megabyte_paste_is_drawn_and_refused() {
    let started = std::time::Instant::now();
    let me = UserName::parse("me").expect("valid");
    let mut app = UserApp::new(me, "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::Open(ConversationId::Direct(
        UserName::parse("bob").expect("valid"),
    )));
    let chunk = "\u{1b}[2J\u{1b}]0;owned\u{7}x\u{202e}y\tz\r\n日本🎉 ";
    let paste = chunk.repeat(1024 * 1024 / chunk.len() + 1);
    let mut input = InputBox::new();
    input.paste(&paste);
    check_screen(&app, &input, 120, 40).expect("a safe screen");
    let text = input.take();
    let effects = app.update(Event::Input(text));
    assert!(
        effects
            .iter()
            .all(|e| !matches!(e, chat_tui::app::user::Effect::Publish(_)))
    );
    let status = &app.conversations[app.current];
    assert!(
        status
            .lines
            .iter()
            .any(|l| format!("{l:?}").contains("over the limit")),
        "the refusal is shown"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}
