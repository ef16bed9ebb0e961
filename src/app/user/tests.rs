//! Unit tests of the user-mode state machine: events in, state and effects checked.

use time::UtcOffset;

use super::*;
use crate::domain::envelope::MAX_BODY_BYTES;
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, Envelope, Payload,
    PresenceState, TopicName, UserName,
};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn topic(t: &str) -> TopicName {
    TopicName::parse(t).unwrap()
}

fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::PresenceSettled);
    app
}

fn incoming_dm(from: &str, body: &str) -> ChatMessage {
    let env = Envelope::direct(name(from), name("alice"), body.into());
    ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap()
}

fn published(fx: &[Effect]) -> Vec<&Envelope> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Publish(env) => Some(env),
            _ => None,
        })
        .collect()
}

/// Types `line`, and answers each message it publishes as the outbox would once it is
/// stored ([`Event::Queued`]); returns every effect.
fn write(app: &mut UserApp, line: &str) -> Vec<Effect> {
    let mut fx = app.update(Event::Input(line.into()));
    let stored: Vec<ChatMessage> = published(&fx)
        .into_iter()
        .filter_map(|env| ChatMessage::from_envelope(env, &app.me, Direction::Outgoing))
        .collect();
    for msg in stored {
        fx.extend(app.update(Event::Queued(msg)));
    }
    fx
}

fn notices(app: &UserApp) -> Vec<String> {
    app.current_conversation()
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Notice(n) => Some(n.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn msg_opens_the_conversation_and_publishes_a_pending_line() {
    let mut app = app();
    let fx = write(&mut app, "/msg bob hi there");
    let sent = published(&fx);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].payload,
        Payload::Direct {
            to: name("bob"),
            body: "hi there".into()
        }
    );
    assert_eq!(
        app.current_conversation().id,
        ConversationId::Direct(name("bob"))
    );
    let Line::Message(line) = &app.current_conversation().lines[0] else {
        panic!()
    };
    assert_eq!(line.status, DeliveryStatus::Pending);

    app.update(Event::SendConfirmed(sent[0].id.clone()));
    let Line::Message(line) = &app.current_conversation().lines[0] else {
        panic!()
    };
    assert_eq!(line.status, DeliveryStatus::Delivered);
}

#[test]
fn plain_text_goes_to_the_current_conversation() {
    let mut app = app();
    app.update(Event::Open(ConversationId::Topic(topic("news"))));
    let fx = app.update(Event::Input("hello all".into()));
    assert_eq!(
        published(&fx)[0].payload,
        Payload::Topic {
            to: topic("news"),
            body: "hello all".into()
        }
    );
}

#[test]
fn plain_text_in_the_status_buffer_is_refused_with_help() {
    let mut app = app();
    let fx = app.update(Event::Input("hello".into()));
    assert!(published(&fx).is_empty());
    assert!(notices(&app).last().unwrap().contains("/msg"));
}

#[test]
fn failed_send_marks_the_line_and_says_why() {
    let mut app = app();
    let fx = write(&mut app, "/msg ghost boo");
    let id = published(&fx)[0].id.clone();
    app.update(Event::SendFailed(id, "no such user ghost".into()));
    let Line::Message(line) = &app.current_conversation().lines[0] else {
        panic!()
    };
    assert_eq!(
        line.status,
        DeliveryStatus::Failed("no such user ghost".into())
    );
    assert!(
        notices(&app)
            .iter()
            .any(|n| n.contains("no such user ghost"))
    );
}

#[test]
fn over_long_messages_are_refused_before_sending() {
    let mut app = app();
    app.update(Event::Input("/query bob".into()));
    let long = "x".repeat(MAX_BODY_BYTES + 1);
    let fx = app.update(Event::Input(long.clone()));
    assert!(published(&fx).is_empty());
    assert!(notices(&app).last().unwrap().contains("over the limit"));
    assert!(
        fx.contains(&Effect::GiveBack(long)),
        "the text goes back to the input box"
    );
    let typo = app.update(Event::Input("/mgs bob hi".into()));
    assert!(typo.contains(&Effect::GiveBack("/mgs bob hi".into())));
    let conversation = app.current_conversation();
    assert!(
        !conversation
            .lines
            .iter()
            .any(|l| matches!(l, Line::Message(_))),
        "notices only"
    );
}

#[test]
fn received_messages_count_as_unread_elsewhere_only() {
    let mut app = app();
    app.update(Event::Received(incoming_dm("bob", "one")));
    app.update(Event::Received(incoming_dm("bob", "two")));
    let bob = app.position(&ConversationId::Direct(name("bob"))).unwrap();
    assert_eq!(app.conversations[bob].unread, 2);
    assert_eq!(app.total_unread(), 2);

    let fx = app.update(Event::Key(Action::NextConversation));
    assert_eq!(app.current, bob);
    assert_eq!(app.conversations[bob].unread, 0);
    assert!(fx.contains(&Effect::MarkRead(ConversationId::Direct(name("bob")))));

    app.update(Event::Received(incoming_dm("bob", "three")));
    assert_eq!(app.conversations[bob].unread, 0);
}

#[test]
fn backlog_gets_an_away_separator_and_a_notice() {
    let mut app = UserApp::new(name("alice"), String::new(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 2 });
    assert!(
        notices(&app)
            .iter()
            .any(|n| n == "2 messages while you were away")
    );
    app.update(Event::Received(incoming_dm("bob", "one")));
    app.update(Event::Received(incoming_dm("bob", "two")));
    app.update(Event::Received(incoming_dm("bob", "live")));
    let bob = &app.conversations[app.position(&ConversationId::Direct(name("bob"))).unwrap()];
    assert_eq!(bob.lines[0], Line::AwaySeparator(2));
    assert_eq!(bob.lines.len(), 4);
}

#[test]
fn own_topic_posts_show_once() {
    // The runtime drops the echo through the binding (same id, already stored), so the
    // app only ever sees the pending line it made itself.
    let mut app = app();
    app.update(Event::Open(ConversationId::Topic(topic("news"))));
    write(&mut app, "mine");
    let lines = &app.current_conversation().lines;
    assert_eq!(
        lines
            .iter()
            .filter(|l| matches!(l, Line::Message(_)))
            .count(),
        1
    );
}

#[test]
fn presence_join_and_leave_are_announced_and_answered() {
    let mut app = app();
    let fx = app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Join,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert!(app.is_online(&name("bob")));
    assert!(notices(&app).contains(&"bob joined".to_string()));
    assert!(matches!(
        published(&fx)[0].payload,
        Payload::Presence {
            state: PresenceState::Here,
            ..
        }
    ));

    app.update(Event::Presence {
        from: name("carol"),
        state: PresenceState::Here,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert!(app.is_online(&name("carol")));
    assert!(!notices(&app).iter().any(|n| n.contains("carol")));

    app.update(Event::Input("/who".into()));
    assert_eq!(
        notices(&app).last().unwrap(),
        "online: 3\n● alice  ● bob    ● carol"
    );

    app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Leave,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert!(!app.is_online(&name("bob")));
    assert!(notices(&app).contains(&"bob left".to_string()));

    let fx = app.update(Event::Presence {
        from: name("alice"),
        state: PresenceState::Join,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert!(fx.is_empty(), "our own presence is ignored");
}

#[test]
fn roster_tick_prints_who_is_online() {
    let mut app = app();
    app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Here,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    app.update(Event::RosterTick);
    assert_eq!(notices(&app).last().unwrap(), "online: alice, bob");
}

#[test]
fn join_leave_and_topics() {
    let mut app = app();
    assert_eq!(
        app.update(Event::Input("/join #news".into())),
        vec![Effect::Join(topic("news"))]
    );
    app.update(Event::Joined(topic("news")));
    assert!(app.subscriptions.contains(&topic("news")));
    assert_eq!(
        app.current_conversation().id,
        ConversationId::Topic(topic("news"))
    );

    app.update(Event::TopicsListed(Ok(vec![
        topic("news"),
        topic("random"),
    ])));
    assert_eq!(
        notices(&app).last().unwrap(),
        "topics: #news (joined), #random"
    );

    assert_eq!(
        app.update(Event::Input("/leave news".into())),
        vec![Effect::Leave(topic("news"))]
    );
    app.update(Event::Left(topic("news")));
    assert!(!app.subscriptions.contains(&topic("news")));

    let fx = app.update(Event::Input("/leave #news".into()));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Leave(_))));
    assert!(notices(&app).last().unwrap().contains("not joined"));

    app.update(Event::CommandFailed("there is no topic #nope".into()));
    assert!(notices(&app).last().unwrap().contains("#nope"));
}

#[test]
fn unknown_commands_and_bad_names_get_errors() {
    let mut app = app();
    let fx = app.update(Event::Input("/dance".into()));
    assert!(published(&fx).is_empty());
    assert!(notices(&app).last().unwrap().contains("/help"));
    app.update(Event::Input("/msg B@d hi".into()));
    assert!(notices(&app).last().unwrap().contains("invalid user name"));
}

#[test]
fn help_lists_every_command() {
    let mut app = app();
    app.update(Event::Input("/help".into()));
    let all = notices(&app).join("\n");
    for cmd in [
        "/msg", "/join", "/leave", "/topics", "/who", "/switch", "/search", "/help", "/quit",
    ] {
        assert!(all.contains(cmd), "{cmd}");
    }
}

#[test]
fn quit_announces_leave_once() {
    let mut app = app();
    let fx = app.update(Event::Input("/quit".into()));
    assert!(fx.contains(&Effect::Quit));
    assert!(matches!(
        published(&fx)[0].payload,
        Payload::Presence {
            state: PresenceState::Leave,
            ..
        }
    ));
    assert!(app.quitting);
    let mut again = Vec::new();
    app.quit(&mut again);
    assert!(again.is_empty());
}

#[test]
fn navigation_wraps_and_scrolling_stops_at_both_ends() {
    let mut app = app();
    app.update(Event::Input("/query bob".into()));
    app.update(Event::Open(ConversationId::Topic(topic("news"))));
    assert_eq!(app.conversations.len(), 3);
    app.update(Event::Key(Action::NextConversation));
    assert_eq!(app.current_conversation().id, ConversationId::Status);
    app.update(Event::Key(Action::PrevConversation));
    assert_eq!(
        app.current_conversation().id,
        ConversationId::Topic(topic("news"))
    );
    for i in 0..30 {
        let env = Envelope::topic(name("bob"), topic("news"), format!("post {i}"));
        let msg = ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap();
        app.update(Event::Received(msg));
    }
    // One row per line (no layout lent), a pane of 20 rows: line 29 is the newest.
    app.update(Event::Key(Action::ScrollUp(10)));
    app.update(Event::Key(Action::ScrollDown(3)));
    assert_eq!(
        app.current_conversation().view,
        View::Anchored(Anchor { line: 22, below: 0 })
    );
    app.update(Event::Key(Action::ScrollDown(30)));
    assert_eq!(app.current_conversation().view, View::Following);
    app.update(Event::Key(Action::ScrollUp(1_000)));
    assert_eq!(
        app.current_conversation().view,
        View::Anchored(Anchor { line: 19, below: 0 }),
        "clamped where the oldest line is at the top of the pane"
    );
    app.update(Event::Key(Action::ToggleHelp));
    assert!(app.help_open);
}

#[test]
fn the_app_decides_what_page_up_escape_and_ctrl_c_mean() {
    let mut app = app();
    app.update(Event::Input("/query bob".into()));
    for i in 0..30 {
        app.update(Event::Received(incoming_dm("bob", &format!("dm {i}"))));
    }
    app.update(Event::PaneResized {
        width: 80,
        height: 10,
    });
    // A page is the pane less one row of overlap: line 29 at the bottom, 9 rows up.
    app.update(Event::Key(Action::PageUp));
    assert_eq!(
        app.current_conversation().view,
        View::Anchored(Anchor { line: 20, below: 0 })
    );
    app.update(Event::Key(Action::PageDown));
    assert_eq!(app.current_conversation().view, View::Following);
    // Even a pane of one row moves a row at a time.
    app.update(Event::PaneResized {
        width: 80,
        height: 0,
    });
    app.update(Event::Key(Action::PageUp));
    assert_eq!(
        app.current_conversation().view,
        View::Anchored(Anchor { line: 28, below: 0 })
    );
    // Esc closes the help, and does nothing more when it is closed.
    app.update(Event::Key(Action::ToggleHelp));
    assert!(app.help_open);
    assert!(app.update(Event::Key(Action::Escape)).is_empty());
    assert!(!app.help_open);
    app.update(Event::Key(Action::Escape));
    assert!(!app.help_open);
    let fx = app.update(Event::Key(Action::Quit));
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn history_loads_with_unread_and_subscriptions() {
    let mut app = UserApp::new(name("alice"), String::new(), UtcOffset::UTC);
    let bob = ConversationId::Direct(name("bob"));
    app.load_history(
        vec![(bob.clone(), vec![incoming_dm("bob", "old")])],
        vec![(bob.clone(), 1)],
        vec![topic("news")],
    );
    assert_eq!(app.current_conversation().id, bob);
    assert_eq!(app.current_conversation().unread, 0);
    assert!(
        app.position(&ConversationId::Topic(topic("news")))
            .is_some()
    );
    assert!(app.subscriptions.contains(&topic("news")));
}

#[test]
fn unreadable_messages_land_in_status() {
    let mut app = app();
    let msg = ChatMessage::unreadable(
        crate::domain::MessageId::generate(),
        "not UTF-8".into(),
        b"\xff\xfe",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    app.update(Event::Received(msg));
    let Line::Message(line) = app.conversations[0].lines.back().unwrap() else {
        panic!()
    };
    assert!(matches!(line.content, Content::Unreadable { .. }));
}

#[test]
fn disconnect_is_shown() {
    let mut app = app();
    app.update(Event::Disconnected("connection reset".into()));
    assert_eq!(
        app.connection,
        ConnectionState::Disconnected("connection reset".into())
    );
    assert!(notices(&app).last().unwrap().contains("connection reset"));
}

#[test]
fn removal_by_an_administrator_is_said_plainly() {
    let mut app = app();
    let effects = app.update(Event::RemovedByAdmin);
    assert_eq!(
        app.connection,
        ConnectionState::Disconnected(REMOVED.into())
    );
    let last = notices(&app).last().cloned().unwrap();
    assert!(last.contains("removed by an administrator"), "{last}");
    assert!(last.contains("alice"), "{last}");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Show(_))),
        "line mode prints the notice: {effects:?}"
    );
    assert!(!app.quitting, "the TUI stays open until the user quits");
}

fn reconnecting(reason: &str, secs: u64) -> Event {
    Event::Reconnecting {
        reason: reason.into(),
        retry_in_secs: secs,
    }
}

#[test]
fn a_lost_connection_is_said_once_while_the_countdown_runs() {
    let mut app = app();
    app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Join,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    let before = notices(&app).len();
    app.update(reconnecting("connection reset", 1));
    app.update(reconnecting("connection reset", 0));
    app.update(reconnecting("connection reset", 2));
    let said = &notices(&app)[before..];
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("connection lost: connection reset"),
        "{said:?}"
    );
    assert_eq!(
        app.connection,
        ConnectionState::Reconnecting {
            reason: "connection reset".into(),
            retry_in_secs: 2
        }
    );
    // The roster is kept for the rejoin (those who list us do not answer it), but
    // nobody is shown online while the connection is down.
    assert!(app.online.contains(&name("bob")), "the roster is kept");
    assert!(
        !app.is_online(&name("bob")),
        "nobody is shown online meanwhile"
    );

    app.update(reconnecting("connection refused", 4));
    let last = notices(&app).last().cloned().unwrap();
    assert!(
        last.contains("still not connected: connection refused"),
        "{last}"
    );
}

#[test]
fn what_is_written_while_reconnecting_is_published_and_shown_pending() {
    let mut app = app();
    app.update(reconnecting("connection reset", 3));
    write(&mut app, "/msg bob are you there");
    let fx = write(&mut app, "still here");
    assert_eq!(
        published(&fx).len(),
        1,
        "the outbox keeps it until connected"
    );
    let Line::Message(line) = app.current_conversation().lines.back().unwrap() else {
        panic!("the line is shown")
    };
    assert_eq!(line.status, DeliveryStatus::Pending);
}

#[test]
fn reconnected_says_so_and_answers_presence_again() {
    let mut app = app();
    app.update(reconnecting("connection reset", 0));
    let fx = app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Join,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert!(
        published(&fx).is_empty(),
        "no presence answer while offline"
    );
    app.update(Event::Connected { waiting: 40 });
    assert_eq!(app.connection, ConnectionState::Connected);
    assert!(app.online.contains(&name("alice")));
    let last = notices(&app).last().cloned().unwrap();
    assert!(last.starts_with("reconnected"), "{last}");
    assert!(
        !app.conversations
            .iter()
            .any(|c| c.lines.iter().any(|l| matches!(l, Line::AwaySeparator(_)))),
        "a reconnection is not an absence"
    );
    let fx = app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Join,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    assert_eq!(published(&fx).len(), 1, "here is answered again");
}

#[test]
fn quitting_while_reconnecting_announces_nothing() {
    let mut app = app();
    app.update(reconnecting("connection reset", 5));
    let mut fx = Vec::new();
    app.quit(&mut fx);
    assert!(published(&fx).is_empty());
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn a_second_confirm_of_a_resent_message_is_not_news() {
    let mut app = app();
    let fx = write(&mut app, "/msg bob once");
    let id = published(&fx)[0].id.clone();
    let first = app.update(Event::SendConfirmed(id.clone()));
    assert!(
        first
            .iter()
            .any(|e| matches!(e, Effect::Show(Shown::Status(_))))
    );
    let again = app.update(Event::SendConfirmed(id));
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn a_message_that_left_its_window_is_still_answered_once() {
    let mut app = app();
    let first = write(&mut app, "/msg bob number 0");
    let id = published(&first)[0].id.clone();
    // A scripted burst pushes the first message out of the conversation's window.
    for n in 1..=crate::app::user::WINDOW_LINES + 10 {
        write(&mut app, &format!("number {n}"));
    }
    let answered = app.update(Event::SendConfirmed(id.clone()));
    let shown: Vec<_> = answered
        .iter()
        .filter_map(|e| match e {
            Effect::Show(Shown::Status(msg)) => Some(msg),
            _ => None,
        })
        .collect();
    assert_eq!(shown.len(), 1, "{answered:?}");
    assert_eq!(shown[0].id, id);
    assert_eq!(shown[0].status, DeliveryStatus::Delivered);
    assert!(app.update(Event::SendConfirmed(id)).is_empty());
}
