//! Unit tests of `/me`, `/reply`, `/edit`, `/delete` and of changes arriving.

use crate::app::user::test_fixtures::last_notice;
use time::UtcOffset;

use super::super::*;
use crate::domain::marks::{ChangeKind, WireChange, WireMarks};
use crate::domain::{
    ChatMessage, Content, ConversationId, Direction, Envelope, MessageId, TopicName, UserName,
};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

/// alice, connected, reading #news with a post of bob's, then hers, then carol's.
fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app.update(Event::Open(news()));
    app.update(Event::Received(post(
        "bob",
        "b1",
        "lunch?",
        WireMarks::default(),
    )));
    write(&mut app, "on my way");
    app.update(Event::Received(post(
        "carol",
        "c1",
        "me too",
        WireMarks::default(),
    )));
    app
}

/// A post in #news from `from`, as alice's inbox stores it.
fn post(from: &str, id: &str, body: &str, marks: WireMarks) -> ChatMessage {
    let topic = TopicName::parse("news").unwrap();
    let mut env = Envelope::topic(name(from), topic, body.into()).with_marks(marks);
    env.id = MessageId::from_string(id.into());
    let mut msg = ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap();
    msg.id = crate::domain::receive::history_id(&env.from, &env.id, &name("alice"));
    msg
}

/// Types `line`; what it publishes is stored and comes back queued, as the outbox does.
/// Returns what was published.
fn write(app: &mut UserApp, line: &str) -> Vec<Envelope> {
    let fx = app.update(Event::Input(line.into()));
    let sent: Vec<Envelope> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Publish(env) => Some(env.clone()),
            _ => None,
        })
        .collect();
    for env in &sent {
        if let Some(msg) = ChatMessage::from_envelope(env, &app.me, Direction::Outgoing) {
            app.update(Event::Queued(msg));
        }
    }
    sent
}

fn messages(app: &UserApp) -> Vec<ChatMessage> {
    app.current_conversation()
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Message(m) => Some(m.clone()),
            _ => None,
        })
        .collect()
}

fn text(msg: &ChatMessage) -> &str {
    match &msg.content {
        Content::Text(t) => t,
        Content::Unreadable { .. } => "",
    }
}

#[test]
fn me_sends_an_action() {
    let mut app = app();
    let sent = write(&mut app, "/me waves");
    assert_eq!(sent.len(), 1);
    assert!(sent[0].marks.action);
    let last = messages(&app).pop().unwrap();
    assert!(last.marks.action);
    assert_eq!(text(&last), "waves");
}

#[test]
fn reply_answers_the_last_message_from_someone_else_with_its_quote() {
    let mut app = app();
    write(&mut app, "one more of mine");
    let sent = write(&mut app, "/reply sure");
    let reply = sent[0].marks.reply.as_ref().unwrap();
    assert_eq!((reply.id.as_str(), reply.author.as_str()), ("c1", "carol"));
    let shown = messages(&app).pop().unwrap();
    let reply = shown.marks.reply.unwrap();
    assert_eq!(reply.to.as_str(), "carol/c1");
    assert_eq!(reply.quote.as_deref(), Some("me too"));
}

#[test]
fn reply_back_n_counts_every_message() {
    let mut app = app();
    let sent = write(&mut app, "/reply -3 yes");
    let reply = sent[0].marks.reply.as_ref().unwrap();
    assert_eq!((reply.id.as_str(), reply.author.as_str()), ("b1", "bob"));
    write(&mut app, "/reply -9 yes");
    assert_eq!(
        last_notice(&app),
        "nothing to reply to: there is no message 9 back here"
    );
}

#[test]
fn edit_and_delete_change_my_own_messages_only() {
    let mut app = app();
    let mine = messages(&app)[1].clone();
    let sent = write(&mut app, "/edit on my way!");
    let change = sent[0].marks.change.as_ref().unwrap();
    assert_eq!((change.kind, &change.target), (ChangeKind::Edit, &mine.id));
    let shown = &messages(&app)[1];
    assert_eq!(text(shown), "on my way!");
    assert!(shown.marks.edited);
    assert_eq!(messages(&app).len(), 3, "a change adds no line");
    write(&mut app, "/delete");
    assert!(messages(&app)[1].marks.deleted);
    assert_eq!(text(&messages(&app)[1]), "");
    // Nothing of mine is left to delete.
    assert!(write(&mut app, "/delete").is_empty());
    assert_eq!(
        last_notice(&app),
        "nothing to delete: you have written nothing here"
    );
}

#[test]
fn a_received_edit_changes_its_senders_message_and_nobody_elses() {
    let mut app = app();
    let edit = |target: &str| WireMarks {
        change: Some(WireChange {
            kind: ChangeKind::Edit,
            target: MessageId::from_string(target.into()),
        }),
        ..WireMarks::default()
    };
    app.update(Event::Received(post(
        "bob",
        "e1",
        "lunch at 1?",
        edit("b1"),
    )));
    // carol naming bob's message reaches only "carol/b1", which does not exist.
    app.update(Event::Received(post("carol", "e2", "pwned", edit("b1"))));
    let all = messages(&app);
    assert_eq!(all.len(), 3);
    assert_eq!(text(&all[0]), "lunch at 1?");
    assert!(all[0].marks.edited);
    assert_eq!(app.current_conversation().unread, 0);
}

#[test]
fn the_status_buffer_takes_no_actions() {
    let mut app = app();
    app.update(Event::Open(ConversationId::Status));
    assert!(write(&mut app, "/me waves").is_empty());
    assert_eq!(
        last_notice(&app),
        "/me works in a conversation: /query <user|#topic> first"
    );
}
