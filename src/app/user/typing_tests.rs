//! Unit tests of the typing indicator.

use time::macros::datetime;
use time::{Duration, UtcOffset};

use super::super::*;
use crate::domain::{ChatMessage, ConversationId, Direction, Envelope, Payload, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn bob() -> ConversationId {
    ConversationId::Direct(name("bob"))
}

fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::Open(bob()));
    app
}

fn typing_sent(fx: &[Effect]) -> Vec<ConversationId> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Publish(Envelope {
                payload: Payload::Typing { to },
                ..
            }) => Some(to.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn typing_is_told_at_most_once_every_three_seconds_per_conversation() {
    let mut app = app();
    let t0 = datetime!(2026-11-21 10:00 UTC);
    let at = |ms: i64| Event::Typing {
        at: t0 + Duration::milliseconds(ms),
    };
    assert_eq!(typing_sent(&app.update(at(0))), [bob()]);
    assert!(typing_sent(&app.update(at(1_000))).is_empty());
    assert!(typing_sent(&app.update(at(2_999))).is_empty());
    assert_eq!(typing_sent(&app.update(at(3_000))), [bob()]);
    // Another conversation is told at once.
    let news = crate::domain::TopicName::parse("news").unwrap();
    app.update(Event::Joined(news.clone()));
    assert_eq!(
        typing_sent(&app.update(at(3_100))),
        [ConversationId::Topic(news)]
    );
    app.update(Event::Open(ConversationId::Status));
    assert!(
        typing_sent(&app.update(at(9_000))).is_empty(),
        "not in status"
    );
}

#[test]
fn turned_off_nothing_is_sent() {
    let mut app = app();
    app.typing.enabled = false;
    let fx = app.update(Event::Typing {
        at: datetime!(2026-11-21 10:00 UTC),
    });
    assert!(typing_sent(&fx).is_empty());
}

#[test]
fn someone_typing_is_shown_until_their_time_is_up_or_their_message_arrives() {
    let mut app = app();
    let fx = app.update(Event::PeerTyping {
        from: name("bob"),
        to: ConversationId::Direct(name("alice")),
    });
    assert_eq!(app.typing_text().as_deref(), Some("bob is typing…"));
    let Some(Effect::ExpireTyping(first)) = fx.first().cloned() else {
        panic!("no expiry asked: {fx:?}");
    };
    // A newer notice keeps it shown past the first one's time.
    let fx = app.update(Event::PeerTyping {
        from: name("bob"),
        to: ConversationId::Direct(name("alice")),
    });
    app.update(Event::TypingExpired(first));
    assert_eq!(app.typing_text().as_deref(), Some("bob is typing…"));
    let Some(Effect::ExpireTyping(second)) = fx.first().cloned() else {
        panic!("no expiry asked");
    };
    app.update(Event::TypingExpired(second));
    assert_eq!(app.typing_text(), None);
    // The message ends it at once, and is counted as usual (typing is not).
    app.update(Event::PeerTyping {
        from: name("bob"),
        to: ConversationId::Direct(name("alice")),
    });
    let env = Envelope::direct(name("bob"), name("alice"), "hi".into());
    let msg = ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap();
    app.update(Event::Received(msg));
    assert_eq!(app.typing_text(), None);
    assert_eq!(app.total_unread(), 0);
}

#[test]
fn typing_to_someone_else_or_in_a_topic_not_joined_is_not_shown() {
    let mut app = app();
    let fx = app.update(Event::PeerTyping {
        from: name("bob"),
        to: ConversationId::Direct(name("carol")),
    });
    assert!(fx.is_empty());
    let fx = app.update(Event::PeerTyping {
        from: name("bob"),
        to: ConversationId::Topic(crate::domain::TopicName::parse("secret").unwrap()),
    });
    assert!(fx.is_empty());
    assert!(app.typing.others.is_empty());
}
