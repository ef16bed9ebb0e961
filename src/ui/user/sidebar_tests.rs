//! Unit tests of the sidebar's presence marks.

use ratatui::style::Color;
use time::UtcOffset;

use super::entry;
use crate::app::user::{Event, UserApp};
use crate::domain::{ConversationId, PresenceState, UserName};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

#[test]
fn someone_away_is_marked_with_a_hollow_dot() {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    let bob = ConversationId::Direct(name("bob"));
    app.update(Event::Open(bob.clone()));
    let row = |app: &UserApp, away: Option<&str>| {
        let mut app = app.clone();
        app.update(Event::Presence {
            from: name("bob"),
            state: PresenceState::Here,
            topics: Vec::new(),
            answer: None,
            again: false,
            away: away.map(Into::into),
        });
        let index = app.position(&bob).unwrap();
        entry(&app, &app.conversations[index], false, 16)
    };
    let here = row(&app, None);
    assert_eq!(here.spans[1].content, "● ");
    assert_eq!(here.spans[1].style.fg, Some(Color::Green));
    let away = row(&app, Some("lunch"));
    assert_eq!(away.spans[1].content, "◌ ");
    assert_eq!(away.spans[1].style.fg, Some(Color::Yellow));
}
