//! Unit tests of `conversation`.

use super::*;

#[test]
fn parses_targets() {
    assert_eq!(
        ConversationId::parse_target("#News").unwrap(),
        ConversationId::Topic(TopicName::parse("news").unwrap())
    );
    assert_eq!(
        ConversationId::parse_target("Bob").unwrap(),
        ConversationId::Direct(UserName::parse("bob").unwrap())
    );
    assert!(ConversationId::parse_target("#").is_err());
    assert!(ConversationId::parse_target("b b").is_err());
}

#[test]
fn storage_keys_round_trip() {
    for id in [
        ConversationId::Status,
        ConversationId::parse_target("bob").unwrap(),
        ConversationId::parse_target("#news").unwrap(),
    ] {
        assert_eq!(
            ConversationId::from_storage_key(&id.storage_key()),
            Some(id)
        );
    }
    assert_eq!(ConversationId::from_storage_key("garbage"), None);
}

#[test]
fn displays_topics_with_a_hash() {
    assert_eq!(
        ConversationId::parse_target("#news").unwrap().to_string(),
        "#news"
    );
    assert_eq!(
        ConversationId::parse_target("bob").unwrap().to_string(),
        "bob"
    );
}
