//! Unit tests of `/who`: the compact block, away marks, and the wait after connecting.

use crate::app::user::test_fixtures::{last_notice, notices};
use time::UtcOffset;

use super::super::*;
use crate::domain::{PresenceState, TopicName, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn connected() -> (UserApp, Vec<Effect>) {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    let fx = app.update(Event::Connected { waiting: 0 });
    (app, fx)
}

fn here(app: &mut UserApp, who: &str, topics: &[&str], away: Option<&str>) {
    app.update(Event::Presence {
        from: name(who),
        state: PresenceState::Here,
        topics: topics
            .iter()
            .map(|t| TopicName::parse(t).unwrap())
            .collect(),
        answer: None,
        again: false,
        away: away.map(Into::into),
    });
}

#[test]
fn who_right_after_connecting_is_answered_once_the_join_answers_are_in() {
    let (mut app, fx) = connected();
    assert!(fx.contains(&Effect::SettlePresence));
    app.update(Event::Input("/who".into()));
    app.update(Event::Input("/who #news".into()));
    assert_eq!(last_notice(&app), "still gathering who is online…");
    here(&mut app, "bob", &["news"], None);
    app.update(Event::PresenceSettled);
    let notices = notices(&app);
    assert_eq!(
        notices[notices.len() - 2..],
        ["online: 2\n● alice  ● bob", "online in #news: 1\n● bob"]
    );
    // Later questions are answered at once; a reconnection does not wait again.
    app.update(Event::Input("/who".into()));
    assert_eq!(last_notice(&app), "online: 2\n● alice  ● bob");
    app.update(Event::Reconnecting {
        reason: "lost".into(),
        retry_in_secs: 1,
    });
    let fx = app.update(Event::Connected { waiting: 0 });
    assert!(!fx.contains(&Effect::SettlePresence));
}

#[test]
fn who_is_a_block_of_columns_as_wide_as_the_pane_sorted_naturally_with_the_away_marked() {
    let (mut app, _) = connected();
    app.update(Event::PresenceSettled);
    for who in ["bob10", "bob2", "carol", "dave", "erin", "frank"] {
        here(&mut app, who, &[], None);
    }
    here(&mut app, "dave", &[], Some("lunch"));
    here(&mut app, "erin", &[], Some(""));
    app.update(Event::PaneResized {
        width: 40,
        height: 10,
    });
    assert_eq!(
        app.who_block(None),
        "online: 7, 2 away\n\
         ● alice  ● bob2   ● bob10\n\
         ● carol  ◌ dave   ◌ erin\n\
         ● frank\n\
         ◌ away: dave: lunch"
    );
    app.update(Event::Input("/away".into()));
    assert!(
        app.who_block(None)
            .starts_with("online: 7, 3 away\n◌ alice")
    );
}
