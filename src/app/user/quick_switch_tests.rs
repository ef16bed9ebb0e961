//! Unit tests of `quick_switch`.

use time::UtcOffset;

use super::*;
use crate::domain::{ConversationId, TopicName, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

/// status, bob (2 unread), carol, #bobcats, #news (1 unread).
fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    let bob = ConversationId::Direct(name("bob"));
    let news = ConversationId::Topic(TopicName::parse("news").unwrap());
    app.load_history(
        vec![(ConversationId::Direct(name("carol")), vec![])],
        vec![],
        vec![
            TopicName::parse("bobcats").unwrap(),
            TopicName::parse("news").unwrap(),
        ],
    );
    let bob = app.ensure_conversation(bob);
    app.conversations[bob].unread = 2;
    let news = app.position(&news).unwrap();
    app.conversations[news].unread = 1;
    app
}

fn listed(app: &UserApp, query: &str) -> Vec<String> {
    switcher_matches(app, query)
        .into_iter()
        .map(|i| app.conversations[i].id.to_string())
        .collect()
}

#[test]
fn unread_conversations_come_first_then_the_sidebar_order() {
    let app = app();
    assert_eq!(
        listed(&app, ""),
        ["bob", "#news", "status", "carol", "#bobcats"]
    );
}

#[test]
fn the_filter_is_a_substring_ignoring_case() {
    let app = app();
    assert_eq!(listed(&app, "BOB"), ["bob", "#bobcats"]);
    assert_eq!(listed(&app, "cat"), ["#bobcats"]);
    assert_eq!(listed(&app, "#n"), ["#news"]);
    assert!(listed(&app, "zzz").is_empty());
}
