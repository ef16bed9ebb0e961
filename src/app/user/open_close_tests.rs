//! Unit tests of `/switch`, `/query` and `/close`.

use crate::app::user::test_fixtures::{app, last_notice, name};
use crate::app::user::{Effect, Event, Shown, UserApp};
use crate::domain::ChatMessage;
use crate::domain::{ConversationId, Direction, Envelope, PageAt, TopicName};

fn dm(n: &str) -> ConversationId {
    ConversationId::Direct(name(n))
}

fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

fn listed(app: &UserApp) -> Vec<String> {
    app.conversations.iter().map(|c| c.id.to_string()).collect()
}

fn closed_effects(fx: &[Effect]) -> Vec<(ConversationId, bool)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SetClosed {
                conversation,
                closed,
            } => Some((conversation.clone(), *closed)),
            _ => None,
        })
        .collect()
}

#[test]
fn switch_goes_only_to_a_conversation_that_exists() {
    let mut app = app();
    app.update(Event::Input("/switch nobody".into()));
    assert_eq!(listed(&app), ["status"], "no empty conversation is made");
    let said = last_notice(&app);
    assert!(said.contains("no conversation with nobody"), "{said}");
    assert!(said.contains("/query nobody"), "{said}");
    app.update(Event::Input("/switch #news".into()));
    assert!(last_notice(&app).contains("/join #news"));
    assert_eq!(listed(&app), ["status"]);
}

#[test]
fn switch_takes_a_unique_start_of_a_name() {
    let mut app = app();
    for who in ["carol", "carl", "bob"] {
        app.update(Event::Input(format!("/query {who}")));
    }
    app.update(Event::Joined(TopicName::parse("news").unwrap()));
    app.update(Event::Input("/s bo".into()));
    assert_eq!(app.current_conversation().id, dm("bob"));
    app.update(Event::Input("/s car".into()));
    assert_eq!(app.current_conversation().id, dm("bob"), "ambiguous: stays");
    let said = last_notice(&app);
    assert!(said.contains("which one? carl, carol"), "{said}");
    app.update(Event::Input("/s #ne".into()));
    assert_eq!(app.current_conversation().id, news());
    app.update(Event::Input("/s carol".into()));
    assert_eq!(app.current_conversation().id, dm("carol"), "exact wins");
}

#[test]
fn query_opens_a_conversation_with_anyone_but_a_topic_must_be_joined() {
    let mut app = app();
    app.update(Event::Input("/q bob".into()));
    assert!(!app.quitting, "/q is /query, not /quit");
    assert_eq!(app.current_conversation().id, dm("bob"));
    app.update(Event::Input("/query #news".into()));
    assert_eq!(app.current_conversation().id, dm("bob"));
    assert!(last_notice(&app).contains("/join #news first"));
}

#[test]
fn close_takes_a_conversation_off_the_sidebar_and_remembers_it() {
    let mut app = app();
    app.update(Event::Input("/query bob".into()));
    app.update(Event::Input("/query carol".into()));
    app.update(Event::Input("/switch bob".into()));
    let fx = app.update(Event::Input("/close".into()));
    assert_eq!(listed(&app), ["status", "carol"]);
    assert_eq!(
        app.current_conversation().id,
        dm("carol"),
        "the next one is shown"
    );
    assert_eq!(closed_effects(&fx), [(dm("bob"), true)]);
    assert!(fx.contains(&Effect::MarkRead(dm("bob"))));
    assert!(fx.contains(&Effect::Show(Shown::Switched(dm("carol")))));
    assert!(last_notice(&app).contains("closed bob, its history kept"));
}

#[test]
fn closing_the_last_conversation_or_another_keeps_the_screen_sensible() {
    let mut app = app();
    app.update(Event::Input("/query bob".into()));
    app.update(Event::Input("/query carol".into()));
    app.update(Event::Input("/close bob".into()));
    assert_eq!(
        app.current_conversation().id,
        dm("carol"),
        "not the one closed"
    );
    app.update(Event::Input("/close".into()));
    assert_eq!(app.current_conversation().id, ConversationId::Status);
    app.update(Event::Input("/close".into()));
    assert!(last_notice(&app).contains("status buffer cannot be closed"));
    app.update(Event::Input("/close dave".into()));
    assert!(last_notice(&app).contains("dave is not open"));
}

#[test]
fn closing_a_joined_topic_leaves_it() {
    let mut app = app();
    app.update(Event::Joined(TopicName::parse("news").unwrap()));
    let fx = app.update(Event::Input("/close #news".into()));
    assert!(fx.contains(&Effect::Leave(TopicName::parse("news").unwrap())));
    assert!(last_notice(&app).contains("/join #news to come back"));
}

#[test]
fn a_new_message_opens_a_closed_conversation_with_its_history() {
    let mut app = app();
    app.set_closed([dm("bob")]);
    let env = Envelope::direct(name("bob"), name("alice"), "back?".into());
    let msg = ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap();
    let fx = app.update(Event::Received(msg));
    assert_eq!(listed(&app), ["status", "bob"]);
    assert_eq!(closed_effects(&fx), [(dm("bob"), false)]);
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::LoadPage { conversation, at: PageAt::Newest, .. } if *conversation == dm("bob")
    )));
    assert_eq!(app.conversations[1].unread, 1);
    assert!(app.closed.is_empty());
}

#[test]
fn switch_and_query_open_a_closed_conversation_again() {
    let mut app = app();
    app.set_closed([dm("bob"), news()]);
    let fx = app.update(Event::Input("/switch bo".into()));
    assert_eq!(app.current_conversation().id, dm("bob"));
    assert_eq!(closed_effects(&fx), [(dm("bob"), false)]);
    let fx = app.update(Event::Input("/query #news".into()));
    assert_eq!(app.current_conversation().id, news());
    assert_eq!(closed_effects(&fx), [(news(), false)]);
}
