//! Unit tests of `wire`.

use super::*;

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid user")
}

#[test]
fn names_follow_the_wire_contract() {
    let alice = UserName::parse("Alice").unwrap();
    let news = TopicName::parse("news").unwrap();
    assert_eq!(inbox_queue(&alice), "chat.user.alice");
    assert_eq!(topic_exchange(&news), "chat.topic.news");
}

#[test]
fn reads_topics_back_from_exchange_names() {
    assert_eq!(
        topic_from_exchange("chat.topic.news"),
        Some(TopicName::parse("news").unwrap())
    );
    for other in [
        "chat.topic.",
        "chat.topic.News",
        "chat.topic.a.b",
        "chat.direct",
        "amq.fanout",
        "",
    ] {
        assert_eq!(topic_from_exchange(other), None, "{other}");
    }
}

#[test]
fn topics_among_exchanges_are_ours_only_sorted_once() {
    let topics = topics_among([
        "chat.topic.news",
        "amq.fanout",
        "chat.topic.Bad",
        "chat.topic.alpha",
        "chat.topic.news",
        "chat.direct",
    ]);
    let names: Vec<&str> = topics.iter().map(|t| t.as_str()).collect();
    assert_eq!(names, ["alpha", "news"]);
}

#[test]
fn only_canonical_inbox_names_are_users() {
    assert_eq!(user_from_inbox("chat.user.alice"), Some(user("alice")));
    assert_eq!(user_from_inbox("chat.user.Alice"), None);
    assert_eq!(user_from_inbox("chat.user."), None);
    assert_eq!(user_from_inbox("chat.user.a b"), None);
    assert_eq!(user_from_inbox("orders"), None);
    assert_eq!(
        user_from_inbox("chat.user.abcdefghijklmnopqrstu"),
        None,
        "21 characters is too long"
    );
}

#[test]
fn a_removal_reason_names_the_user() {
    assert_eq!(
        removal_reason(&user("alice")),
        "chat-tui admin removed user alice"
    );
}

#[test]
fn a_client_names_its_connection_after_its_user() {
    assert_eq!(client_connection_name(&user("alice")), "chat-tui alice");
}
