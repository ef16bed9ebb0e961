//! Unit tests of `/away`, `/back` and others' away presence.

use time::UtcOffset;

use super::super::*;
use crate::domain::{Envelope, Payload, PresenceState, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::PresenceSettled);
    app
}

fn presence(from: &str, state: PresenceState, away: Option<&str>) -> Event {
    Event::Presence {
        from: name(from),
        state,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: away.map(Into::into),
    }
}

/// The `away` of the presence announcements published.
fn announced(fx: &[Effect]) -> Vec<Option<String>> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Publish(Envelope {
                payload: Payload::Presence { away, .. },
                ..
            }) => Some(away.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn away_and_back_are_announced_and_away_alone_toggles() {
    let mut app = app();
    let fx = app.update(Event::Input("/away lunch".into()));
    assert_eq!(announced(&fx), [Some("lunch".to_owned())]);
    assert_eq!(app.away_reason(&name("alice")), Some("lunch"));
    let fx = app.update(Event::Input("/away".into()));
    assert_eq!(announced(&fx), [None], "/away alone while away is /back");
    let fx = app.update(Event::Input("/away".into()));
    assert_eq!(announced(&fx), [Some(String::new())], "away, no reason");
    let fx = app.update(Event::Input("/back".into()));
    assert_eq!(announced(&fx), [None]);
    let fx = app.update(Event::Input("/back".into()));
    assert!(announced(&fx).is_empty(), "not away: nothing to say");
}

#[test]
fn the_answer_to_a_join_and_a_new_session_say_we_are_away() {
    let mut app = app();
    app.update(Event::Input("/away meeting".into()));
    let fx = app.update(presence("bob", PresenceState::Join, None));
    let answer = fx.iter().find_map(|e| match e {
        Effect::Publish(env) | Effect::AnswerPresence { envelope: env, .. } => Some(env),
        _ => None,
    });
    assert!(matches!(
        &answer.unwrap().payload,
        Payload::Presence { away: Some(why), .. } if why == "meeting"
    ));
    app.update(Event::Reconnecting {
        reason: "lost".into(),
        retry_in_secs: 1,
    });
    let fx = app.update(Event::Connected { waiting: 0 });
    assert_eq!(announced(&fx), [Some("meeting".to_owned())]);
}

#[test]
fn others_away_come_and_go_with_their_presence() {
    let mut app = app();
    app.update(presence("bob", PresenceState::Join, None));
    assert_eq!(app.away_reason(&name("bob")), None);
    app.update(presence("bob", PresenceState::Here, Some("lunch")));
    assert_eq!(app.away_reason(&name("bob")), Some("lunch"));
    app.update(presence("bob", PresenceState::Here, None));
    assert_eq!(app.away_reason(&name("bob")), None);
    app.update(presence("bob", PresenceState::Here, Some("")));
    app.update(presence("bob", PresenceState::Leave, None));
    assert_eq!(app.away_reason(&name("bob")), None, "gone is not away");
}
