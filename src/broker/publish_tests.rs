use super::*;
use crate::domain::wire::APP_ID;
use crate::domain::{TopicName, UserName};

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid user")
}

#[test]
fn a_dm_goes_to_chat_direct_keyed_by_recipient_and_is_mandatory() {
    let env = Envelope::direct(user("admin"), user("bob"), "hi".into());
    let r = route(&env);
    assert_eq!(r.exchange, "chat.direct");
    assert_eq!(r.routing_key, "bob");
    assert!(r.mandatory);
}

#[test]
fn a_post_goes_to_its_topic_exchange_and_is_mandatory() {
    let topic = TopicName::parse("news").expect("valid topic");
    let env = Envelope::topic(user("admin"), topic, "hello".into());
    let r = route(&env);
    assert_eq!(r.exchange, "chat.topic.news");
    assert_eq!(r.routing_key, "");
    assert!(r.mandatory);
}

#[test]
fn properties_follow_the_wire_contract() {
    let env = Envelope::direct(user("admin"), user("bob"), "hi".into());
    let p = properties(&env, "admin");
    assert_eq!(
        p.content_type().as_ref().map(|s| s.as_str()),
        Some("application/json")
    );
    assert_eq!(*p.delivery_mode(), Some(2));
    assert_eq!(
        p.message_id().as_ref().map(|s| s.as_str()),
        Some(env.id.as_str())
    );
    assert_eq!(p.app_id().as_ref().map(|s| s.as_str()), Some(APP_ID));
    assert_eq!(p.user_id().as_ref().map(|s| s.as_str()), Some("admin"));
}

#[test]
fn presence_answers_and_announcements_have_their_own_exchanges() {
    let answer = answer_route("amq.gen-abc");
    assert_eq!(
        (answer.exchange.as_str(), answer.routing_key.as_str()),
        ("chat.presence.answers", "amq.gen-abc")
    );
    assert!(!answer.mandatory);
    let everyone = route(&Envelope::announce(user("admin"), "noon".into()));
    assert_eq!(
        (everyone.exchange.as_str(), everyone.routing_key.as_str()),
        ("chat.announce", "all")
    );
    assert!(everyone.mandatory);
    assert_eq!(announce_route("bob").routing_key, "bob");
}

#[test]
fn a_typing_notice_is_transient_and_goes_to_the_person_or_the_topics_readers() {
    use crate::domain::{ConversationId, Envelope, UserName};
    let alice = UserName::parse("alice").unwrap();
    let to = ConversationId::Direct(UserName::parse("bob").unwrap());
    let typing = Envelope::typing(alice.clone(), to);
    let props = properties(&typing, "alice");
    assert_eq!(props.delivery_mode(), &Some(1));
    assert_eq!(
        props.expiration().as_ref().map(|e| e.as_str()),
        Some(TYPING_EXPIRES_MS)
    );
    let to_bob = route(&typing);
    assert_eq!(
        to_bob.exchange,
        crate::domain::wire::PRESENCE_ANSWERS_EXCHANGE
    );
    assert_eq!(to_bob.routing_key, "@bob", "bob's presence feeds alone");
    assert!(!to_bob.mandatory);
    let news = crate::domain::TopicName::parse("news").unwrap();
    let in_news = route(&Envelope::typing(
        alice.clone(),
        ConversationId::Topic(news),
    ));
    assert_eq!(
        in_news.exchange,
        crate::domain::wire::PRESENCE_ANSWERS_EXCHANGE
    );
    assert_eq!(
        in_news.routing_key, "#news",
        "the members' presence feeds alone"
    );
    assert!(!in_news.mandatory);
    let dm = Envelope::direct(alice, UserName::parse("bob").unwrap(), "hi".into());
    let props = properties(&dm, "alice");
    assert_eq!(props.delivery_mode(), &Some(2));
    assert_eq!(props.expiration(), &None);
}
