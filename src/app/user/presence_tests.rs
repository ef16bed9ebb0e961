//! Unit tests of presence: answers to joins, where changes are shown, collapsing, /who.

use time::UtcOffset;

use super::*;
use crate::app::user::{Event, Line};
use crate::domain::Payload;
use crate::domain::wire::AnswerTo;

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn topic(t: &str) -> TopicName {
    TopicName::parse(t).unwrap()
}

fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "test".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app
}

fn join(app: &mut UserApp, who: &str, topics: &[&str], reply_to: Option<&str>) -> Vec<Effect> {
    app.update(Event::Presence {
        from: name(who),
        state: PresenceState::Join,
        topics: topics.iter().map(|t| topic(t)).collect(),
        answer: reply_to.map(|queue| AnswerTo::AnswersExchange(queue.to_owned())),
        again: false,
        away: None,
    })
}

fn presence_lines(app: &UserApp, id: &ConversationId) -> Vec<String> {
    let index = app.position(id).unwrap();
    app.conversations[index]
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Notice(n) if n.level == NoticeLevel::Presence => Some(n.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_join_is_answered_straight_to_the_joiner_or_on_the_fanout_for_an_old_client() {
    let mut app = app();
    app.update(Event::Joined(topic("news")));
    let fx = join(&mut app, "bob", &[], Some("amq.gen-bob"));
    let answer = fx
        .iter()
        .find_map(|e| match e {
            Effect::AnswerPresence {
                envelope,
                to: AnswerTo::AnswersExchange(queue),
            } => Some((envelope, queue)),
            _ => None,
        })
        .expect("an answer to bob's queue");
    assert_eq!(answer.1, "amq.gen-bob");
    assert_eq!(
        answer.0.payload,
        Payload::Presence {
            state: PresenceState::Here,
            topics: vec![topic("news")],
            again: false,
            away: None,
        },
        "the answer says which topics we are in"
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Publish(_))),
        "nothing on the fanout"
    );
    let fx = join(&mut app, "carol", &[], None);
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Publish(env) if matches!(env.payload, Payload::Presence { state: PresenceState::Here, .. }))),
        "a version-1 join is answered on the fanout"
    );
}

#[test]
fn changes_show_only_where_they_matter() {
    let mut app = app();
    app.update(Event::Joined(topic("news")));
    app.update(Event::Input("/query dave".into()));
    app.update(Event::Open(ConversationId::Topic(topic("news"))));
    join(&mut app, "stranger", &["other"], Some("q1"));
    join(&mut app, "carol", &["news"], Some("q2"));
    join(&mut app, "dave", &[], Some("q3"));
    let news = ConversationId::Topic(topic("news"));
    let dave = ConversationId::Direct(name("dave"));
    assert_eq!(presence_lines(&app, &news), ["carol joined"]);
    assert_eq!(presence_lines(&app, &dave), ["dave joined"]);
    assert_eq!(
        presence_lines(&app, &ConversationId::Status),
        ["stranger, carol and dave joined"],
        "everything in the status buffer, collapsed"
    );
}

#[test]
fn a_burst_is_one_line_and_a_quick_leave_cancels_a_join() {
    let mut app = app();
    let mut fx = Vec::new();
    for i in 0..12 {
        fx.extend(join(&mut app, &format!("user{i}"), &[], Some("q")));
    }
    assert_eq!(
        presence_lines(&app, &ConversationId::Status),
        ["user0, user1, user2 and 9 others joined"]
    );
    // Line mode still prints each change on its own line.
    let printed = fx
        .iter()
        .filter(|e| matches!(e, Effect::Show(Shown::Notice(n)) if n.level == NoticeLevel::Presence))
        .count();
    assert_eq!(printed, 12);
    app.update(Event::Presence {
        from: name("user0"),
        state: PresenceState::Leave,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert_eq!(
        presence_lines(&app, &ConversationId::Status),
        ["user1, user2, user3 and 8 others joined"]
    );
}

#[test]
fn who_is_sorted_as_a_person_reads_and_who_topic_lists_its_members() {
    let mut app = app();
    app.update(Event::Joined(topic("news")));
    for (who, topics) in [
        ("bob10", vec!["news"]),
        ("bob2", vec![]),
        ("carol", vec!["news"]),
    ] {
        join(&mut app, who, &topics, Some("q"));
    }
    assert_eq!(app.roster_text(), "online: alice, bob2, bob10, carol");
    assert_eq!(
        app.who_block(Some(&topic("news"))),
        "online in #news: 3\n● alice  ● bob10  ● carol"
    );
    assert_eq!(
        app.who_block(Some(&topic("other"))),
        "online in #other: nobody"
    );
}

#[test]
fn joining_a_topic_tells_everyone_online() {
    let mut app = app();
    let fx = app.update(Event::Joined(topic("news")));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Publish(env) if env.payload == Payload::Presence { state: PresenceState::Here, topics: vec![topic("news")], again: false, away: None }
    )));
}

#[test]
fn a_join_again_is_answered_only_by_those_who_do_not_list_the_sender() {
    let rejoin = |app: &mut UserApp, who: &str| {
        app.update(Event::Presence {
            from: name(who),
            state: PresenceState::Join,
            topics: Vec::new(),
            answer: Some(AnswerTo::AnswersExchange(format!("amq.gen-{who}"))),
            again: true,
            away: None,
        })
    };
    let answers = |fx: &[Effect]| {
        fx.iter()
            .filter(|e| matches!(e, Effect::AnswerPresence { .. }))
            .count()
    };
    let mut app = app();
    join(&mut app, "bob", &[], Some("amq.gen-bob"));
    // The broker restarts: we lose the connection and come back before bob does.
    app.update(Event::Reconnecting {
        reason: "connection reset".into(),
        retry_in_secs: 1,
    });
    app.update(Event::Connected { waiting: 0 });
    let notices_before = app.conversations[0].lines.len();
    // bob is back too: he still lists us, we still list him.
    assert_eq!(answers(&rejoin(&mut app, "bob")), 0);
    assert_eq!(
        app.conversations[0].lines.len(),
        notices_before,
        "no second 'bob joined'"
    );
    assert!(app.is_online(&name("bob")));
    // carol started while we were away from her: she must hear from us.
    assert_eq!(answers(&rejoin(&mut app, "carol")), 1);
    assert!(app.online.contains(&name("carol")));
}
