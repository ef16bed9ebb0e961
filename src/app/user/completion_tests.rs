//! Unit tests of `completion`: the sources, their order, and cycling.

use time::UtcOffset;
use time::macros::datetime;

use super::*;
use crate::app::user::Event;
use crate::domain::{
    ChatMessage, Content, DeliveryStatus, Direction, MessageId, PresenceState, TopicName,
};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn topic(t: &str) -> TopicName {
    TopicName::parse(t).unwrap()
}

fn message(id: &str, conversation: ConversationId, from: &str, at: OffsetDateTime) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation,
        from: Some(name(from)),
        sent_at: at,
        direction: if from == "alice" {
            Direction::Outgoing
        } else {
            Direction::Incoming
        },
        status: DeliveryStatus::Delivered,
        content: Content::Text("hi".into()),
        marks: Default::default(),
    }
}

const START: WordPlace = WordPlace {
    line_start: true,
    draft_start: true,
};

const MIDDLE: WordPlace = WordPlace {
    line_start: false,
    draft_start: false,
};

/// alice, who talked with bob at 10:00 and carol at 11:00, read dave in #news at 10:30;
/// erin is online without a message, and #rust is a topic erin announced.
fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    let bob = ConversationId::Direct(name("bob"));
    let carol = ConversationId::Direct(name("carol"));
    let news = ConversationId::Topic(topic("news"));
    app.load_history(
        vec![
            (
                carol.clone(),
                vec![message(
                    "c1",
                    carol,
                    "alice",
                    datetime!(2026-01-01 11:00 UTC),
                )],
            ),
            (
                news.clone(),
                vec![message("n1", news, "dave", datetime!(2026-01-01 10:30 UTC))],
            ),
            (
                bob.clone(),
                vec![message("b1", bob, "bob", datetime!(2026-01-01 10:00 UTC))],
            ),
        ],
        vec![],
        vec![topic("news")],
    );
    app.update(Event::Presence {
        from: name("erin"),
        state: PresenceState::Join,
        topics: vec![topic("rust")],
        answer: None,
        again: false,
        away: None,
    });
    app
}

#[test]
fn people_come_most_recently_active_first_and_never_include_us() {
    let people: Vec<String> = people_by_activity(&app())
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(people, ["carol", "dave", "bob", "erin"]);
}

#[test]
fn a_name_starting_the_line_gets_a_colon_elsewhere_a_space() {
    let app = app();
    assert_eq!(candidates(&app, "b", START), ["bob: "]);
    assert_eq!(candidates(&app, "B", MIDDLE), ["bob "], "case is ignored");
    assert_eq!(
        candidates(&app, "", START),
        ["carol: ", "dave: ", "bob: ", "erin: "]
    );
    assert!(candidates(&app, "zed", START).is_empty());
}

#[test]
fn topics_come_from_subscriptions_presence_and_the_sidebar() {
    let app = app();
    assert_eq!(known_topics(&app), ["news", "rust"]);
    assert_eq!(candidates(&app, "#", MIDDLE), ["#news ", "#rust "]);
    assert_eq!(candidates(&app, "#R", START), ["#rust "]);
}

#[test]
fn commands_complete_only_at_the_start_of_the_draft() {
    let app = app();
    assert_eq!(candidates(&app, "/qu", START), ["/query ", "/quit "]);
    assert_eq!(candidates(&app, "/q", START), ["/query ", "/quit ", "/q "]);
    assert!(candidates(&app, "/qu", MIDDLE).is_empty());
    let all = candidates(&app, "/", START);
    assert_eq!(all.first().map(String::as_str), Some("/msg "));
    assert!(all.contains(&"/buffer ".to_string()));
}

#[test]
fn every_command_word_offered_is_one_the_parser_knows() {
    for word in command_words() {
        let parsed = crate::domain::command::parse(word);
        assert!(
            !matches!(
                parsed,
                Err(crate::domain::command::CommandError::Unknown(_))
            ),
            "{word} is offered but unknown"
        );
    }
}

#[test]
fn a_cycle_goes_round_both_ways() {
    assert_eq!(Cycle::new(Vec::new()), None);
    let mut cycle = Cycle::new(vec!["a".into(), "b".into(), "c".into()]).unwrap();
    assert_eq!(cycle.current(), "a");
    assert_eq!(cycle.forward(), "b");
    assert_eq!(cycle.forward(), "c");
    assert_eq!(cycle.forward(), "a", "after the last comes the first");
    assert_eq!(cycle.back(), "c", "before the first comes the last");
    assert_eq!(cycle.position(), 2);
    assert_eq!(cycle.candidates().len(), 3);
}
