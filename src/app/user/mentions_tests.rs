//! Unit tests of `mentions`.

use super::*;
use crate::domain::{Direction, Envelope, TopicName};

fn alice() -> UserName {
    UserName::parse("alice").unwrap()
}

fn topic_post(from: &str, body: &str) -> ChatMessage {
    let env = Envelope::topic(
        UserName::parse(from).unwrap(),
        TopicName::parse("news").unwrap(),
        body.into(),
    );
    let direction = if from == "alice" {
        Direction::Outgoing
    } else {
        Direction::Incoming
    };
    ChatMessage::from_envelope(&env, &alice(), direction).unwrap()
}

fn dm(from: &str, to: &str, body: &str) -> ChatMessage {
    let env = Envelope::direct(
        UserName::parse(from).unwrap(),
        UserName::parse(to).unwrap(),
        body.into(),
    );
    ChatMessage::from_envelope(&env, &alice(), Direction::Incoming).unwrap()
}

#[test]
fn the_name_as_a_whole_word_in_any_case_is_a_mention() {
    for text in [
        "alice",
        "hi alice",
        "Alice, look",
        "ALICE!",
        "ask alice.",
        "(alice)",
        "alice: ping",
        "je pense à alice",
        "malice and alice",
    ] {
        assert!(mentions(text, &alice()), "{text:?}");
    }
}

#[test]
fn at_name_is_a_mention() {
    assert!(mentions("@alice can you look", &alice()));
    assert!(mentions("cc @ALICE", &alice()));
    assert!(mentions("thanks,@alice", &alice()));
}

#[test]
fn the_name_inside_another_word_or_name_is_not() {
    for text in [
        "malice",
        "alices",
        "alice_bot says hi",
        "alice-2 is here",
        "x-alice",
        "éalice",
        "alice1",
        "",
        "ali ce",
        "bob",
    ] {
        assert!(!mentions(text, &alice()), "{text:?}");
    }
}

#[test]
fn multibyte_text_around_a_near_miss_does_not_confuse_the_search() {
    assert!(!mentions("ééaliceé", &alice()));
    assert!(mentions("ééalice aliceé 🎉 alice 🎉", &alice()));
    assert!(mentions("日本 alice 日本", &alice()));
}

#[test]
fn a_topic_post_naming_me_is_a_highlight_my_own_is_not() {
    assert!(is_highlight(&topic_post("bob", "alice: ready?"), &alice()));
    assert!(!is_highlight(
        &topic_post("bob", "ready, malice?"),
        &alice()
    ));
    assert!(!is_highlight(&topic_post("alice", "alice here"), &alice()));
    assert!(is_drawn_highlighted(&topic_post("bob", "@alice"), &alice()));
    assert!(!is_drawn_highlighted(
        &topic_post("alice", "@alice"),
        &alice()
    ));
}

#[test]
fn every_direct_message_from_someone_else_is_a_highlight() {
    assert!(is_highlight(&dm("bob", "alice", "lunch?"), &alice()));
    // Written by me (a copy from another client of mine): not.
    assert!(!is_highlight(&dm("alice", "bob", "lunch?"), &alice()));
    // Counted, but only drawn highlighted when it names me.
    assert!(!is_drawn_highlighted(
        &dm("bob", "alice", "lunch?"),
        &alice()
    ));
    assert!(is_drawn_highlighted(
        &dm("bob", "alice", "lunch, alice?"),
        &alice()
    ));
}

#[test]
fn unreadable_and_status_lines_are_never_highlights() {
    let unreadable = ChatMessage::unreadable(
        crate::domain::MessageId::from_string("x".into()),
        "bad".into(),
        b"alice",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    assert!(!is_highlight(&unreadable, &alice()));
    assert!(!is_drawn_highlighted(&unreadable, &alice()));
}
