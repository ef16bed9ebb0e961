use time::macros::datetime;

use super::*;
use crate::domain::TopicName;

fn user(name: &str) -> UserName {
    UserName::parse(name).unwrap()
}

fn news() -> TopicName {
    TopicName::parse("news").unwrap()
}

const AT: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

fn by<'a>(exchange: &'a str, user_id: Option<&'a str>) -> Provenance<'a> {
    Provenance {
        message_id: None,
        exchange,
        user_id,
    }
}

fn read(env: &Envelope, provenance: Provenance<'_>, trust: Trust) -> ChatMessage {
    read_delivery(&env.encode(), &provenance, &user("bob"), trust, AT).unwrap()
}

fn reason(msg: &ChatMessage) -> &str {
    match &msg.content {
        Content::Unreadable { reason, .. } => reason,
        Content::Text(text) => panic!("shown as text: {text}"),
    }
}

#[test]
fn a_dm_whose_account_is_its_sender_is_shown_as_theirs() {
    let env = Envelope::direct(user("alice"), user("bob"), "hi".into());
    let msg = read(&env, by("chat.direct", Some("alice")), Trust::Accounts);
    assert_eq!(msg.conversation, ConversationId::Direct(user("alice")));
    assert_eq!(msg.from, Some(user("alice")));
    assert_eq!(msg.content, Content::Text("hi".into()));
}

#[test]
fn a_forged_sender_is_unverified_and_kept_out_of_the_claimed_conversation() {
    let env = Envelope::direct(user("admin"), user("bob"), "reset your password".into());
    for user_id in [Some("mallory"), Some("guest"), None] {
        let msg = read(&env, by("chat.direct", user_id), Trust::Accounts);
        assert_eq!(msg.conversation, ConversationId::Status, "{user_id:?}");
        assert_eq!(msg.from, None);
        assert!(reason(&msg).starts_with("unverified: "), "{}", reason(&msg));
        assert!(reason(&msg).contains("admin"), "{}", reason(&msg));
        match &msg.content {
            Content::Unreadable { preview, .. } => assert_eq!(preview, "reset your password"),
            Content::Text(_) => unreachable!(),
        }
    }
}

#[test]
fn a_dm_to_someone_else_or_not_through_chat_direct_is_unverified() {
    let to_carol = Envelope::direct(user("alice"), user("carol"), "hi".into());
    let msg = read(&to_carol, by("chat.direct", Some("alice")), Trust::Accounts);
    assert!(
        reason(&msg).contains("to carol, not to you"),
        "{}",
        reason(&msg)
    );
    let sideways = Envelope::direct(user("alice"), user("bob"), "hi".into());
    let msg = read(
        &sideways,
        by("chat.topic.news", Some("alice")),
        Trust::Accounts,
    );
    assert!(reason(&msg).contains("did not come through chat.direct"));
}

#[test]
fn a_post_counts_only_through_its_own_topic() {
    let env = Envelope::topic(user("alice"), news(), "hello".into());
    let msg = read(&env, by("chat.topic.news", Some("alice")), Trust::Accounts);
    assert_eq!(msg.conversation, ConversationId::Topic(news()));
    let msg = read(&env, by("chat.topic.other", Some("alice")), Trust::Accounts);
    assert_eq!(msg.conversation, ConversationId::Status);
    assert!(reason(&msg).contains("did not come through #news"));
}

#[test]
fn open_mode_takes_names_as_written() {
    let env = Envelope::direct(user("admin"), user("bob"), "hi".into());
    let msg = read(&env, by("chat.direct", Some("guest")), Trust::Open);
    assert_eq!(msg.from, Some(user("admin")));
    assert_eq!(msg.conversation, ConversationId::Direct(user("admin")));
}

#[test]
fn the_same_id_from_two_senders_is_two_messages() {
    let real = Envelope::direct(user("alice"), user("bob"), "the real one".into());
    let mut copy = Envelope::direct(user("mallory"), user("bob"), "first!".into());
    copy.id = real.id.clone();
    let a = read(&real, by("chat.direct", Some("alice")), Trust::Accounts);
    let m = read(&copy, by("chat.direct", Some("mallory")), Trust::Accounts);
    assert_ne!(a.id, m.id);
    assert_eq!(a.id.as_str(), format!("alice/{}", real.id));
}

#[test]
fn my_own_post_coming_back_keeps_its_id() {
    let env = Envelope::topic(user("bob"), news(), "mine".into());
    let msg = read(&env, by("chat.topic.news", Some("bob")), Trust::Accounts);
    assert_eq!(msg.id, env.id);
}

#[test]
fn an_announcement_counts_only_through_chat_announce_and_names_the_account() {
    let env = Envelope::announce(user("admin"), "maintenance at noon".into());
    let msg = read(&env, by("chat.announce", Some("ops")), Trust::Accounts);
    assert_eq!(msg.conversation, ConversationId::Status);
    assert_eq!(msg.from, Some(user("ops")), "the account, not the claim");
    assert_eq!(msg.content, Content::Text("maintenance at noon".into()));
    for trust in [Trust::Accounts, Trust::Open] {
        let msg = read(&env, by("chat.direct", Some("admin")), trust);
        assert!(reason(&msg).contains("did not come through chat.announce"));
    }
}

#[test]
fn presence_is_believed_only_from_its_own_account() {
    assert!(presence_is_trusted(
        &user("alice"),
        Some("alice"),
        Trust::Accounts
    ));
    assert!(!presence_is_trusted(
        &user("alice"),
        Some("mallory"),
        Trust::Accounts
    ));
    assert!(!presence_is_trusted(&user("alice"), None, Trust::Accounts));
    assert!(presence_is_trusted(&user("alice"), None, Trust::Open));
}

#[test]
fn unreadable_bytes_and_presence_are_as_before() {
    let junk = read_delivery(
        b"\xff",
        &by("chat.direct", None),
        &user("bob"),
        Trust::Accounts,
        AT,
    )
    .unwrap();
    assert!(matches!(junk.content, Content::Unreadable { .. }));
    let presence = Envelope::presence(user("alice"), crate::domain::PresenceState::Join);
    assert!(
        read_delivery(
            &presence.encode(),
            &by("chat.direct", Some("alice")),
            &user("bob"),
            Trust::Accounts,
            AT
        )
        .is_none()
    );
}
