//! Screen test of protocol version 4's marks: an action, a reply with its quote, an
//! edited and a deleted message.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::UtcOffset;
use time::macros::datetime;

use crate::app::user::{Event, UserApp};
use crate::domain::marks::{Marks, Reply};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, TopicName, UserName,
};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn post(id: &str, from: &str, minute: u8, body: &str, marks: Marks) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: ConversationId::Topic(TopicName::parse("news").unwrap()),
        from: Some(name(from)),
        sent_at: datetime!(2026-11-21 10:00 UTC) + time::Duration::minutes(minute.into()),
        direction: if from == "alice" {
            Direction::Outgoing
        } else {
            Direction::Incoming
        },
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.into()),
        marks,
    }
}

#[test]
fn actions_replies_edits_and_deletes() {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    let news = ConversationId::Topic(TopicName::parse("news").unwrap());
    let reply = |to: &str, author: &str, quote: Option<&str>| Marks {
        reply: Some(Box::new(Reply {
            to: MessageId::from_string(to.into()),
            author: name(author),
            quote: quote.map(Into::into),
        })),
        ..Marks::default()
    };
    let history = vec![
        post(
            "bob/b1",
            "bob",
            0,
            "who is up for lunch at the new place on the corner?",
            Marks::default(),
        ),
        post(
            "carol/c1",
            "carol",
            1,
            "waves",
            Marks {
                action: true,
                ..Marks::default()
            },
        ),
        post(
            "a1",
            "alice",
            2,
            "me, at noon",
            reply(
                "bob/b1",
                "bob",
                Some("who is up for lunch at the new place on the…"),
            ),
        ),
        post(
            "bob/b2",
            "bob",
            3,
            "noon it is",
            Marks {
                edited: true,
                ..Marks::default()
            },
        ),
        post(
            "carol/c2",
            "carol",
            4,
            "",
            Marks {
                deleted: true,
                ..Marks::default()
            },
        ),
        post(
            "dave/d1",
            "dave",
            5,
            "count me in",
            reply("erin/e1", "erin", None),
        ),
    ];
    app.load_history(vec![(news.clone(), history)], Vec::new(), Vec::new());
    app.update(Event::Open(news));
    let mut terminal = Terminal::new(TestBackend::new(80, 14)).unwrap();
    let input = super::super::input_box::InputBox::new();
    terminal
        .draw(|frame| super::super::draw(frame, &app, &input, &mut 0))
        .unwrap();
    assert_snapshot!(crate::ui::widgets::screen_text::screen_text(
        terminal.backend().buffer()
    ));
}
