//! Unit tests of `message`.

use super::*;
use crate::domain::name::TopicName;

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

#[test]
fn direct_messages_file_under_the_other_person() {
    let env = Envelope::direct(name("alice"), name("bob"), "hi".into());
    let at_bob = ChatMessage::from_envelope(&env, &name("bob"), Direction::Incoming).unwrap();
    assert_eq!(at_bob.conversation, ConversationId::Direct(name("alice")));
    let at_alice = ChatMessage::from_envelope(&env, &name("alice"), Direction::Outgoing).unwrap();
    assert_eq!(at_alice.conversation, ConversationId::Direct(name("bob")));
    assert_eq!(at_alice.status, DeliveryStatus::Pending);
    assert!(at_alice.is_mine(&name("alice")));
}

#[test]
fn topic_posts_file_under_the_topic_and_presence_is_no_line() {
    let env = Envelope::topic(name("alice"), TopicName::parse("news").unwrap(), "x".into());
    let line = ChatMessage::from_envelope(&env, &name("bob"), Direction::Incoming).unwrap();
    assert_eq!(line.conversation.to_string(), "#news");
    let presence = Envelope::presence(name("alice"), crate::domain::envelope::PresenceState::Join);
    assert!(ChatMessage::from_envelope(&presence, &name("bob"), Direction::Incoming).is_none());
}

#[test]
fn outgoing_lines_rebuild_their_envelope() {
    let env = Envelope::direct(name("alice"), name("bob"), "hi".into());
    let line = ChatMessage::from_envelope(&env, &name("alice"), Direction::Outgoing).unwrap();
    assert_eq!(line.to_envelope(), Some(env.clone()));
    let topic = Envelope::topic(name("alice"), TopicName::parse("news").unwrap(), "x".into());
    let line = ChatMessage::from_envelope(&topic, &name("alice"), Direction::Outgoing).unwrap();
    assert_eq!(line.to_envelope(), Some(topic));
    let incoming = ChatMessage::from_envelope(&env, &name("bob"), Direction::Incoming).unwrap();
    assert_eq!(incoming.to_envelope(), None);
}

#[test]
fn previews_escape_control_characters() {
    let preview = printable_preview(b"\x1b[2Jhello\x07", 60);
    assert!(!preview.chars().any(|c| c.is_control()), "{preview:?}");
    assert!(preview.contains("hello"));
    let long = printable_preview(&[b'a'; 1000], 10);
    assert_eq!(long, "aaaaaaaaaa…");
    assert!(printable_preview(&[0xff, 0xfe], 10).contains('\u{fffd}'));
}
