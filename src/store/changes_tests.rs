//! Unit tests of actions, replies, edits and deletes in the history (schema version 4).

use time::macros::datetime;

use super::{History, schema};
use crate::domain::marks::{ChangeKind, WireChange, WireMarks, WireReply};
use crate::domain::receive::read_delivery;
use crate::domain::{
    ChatMessage, Content, DeliveryStatus, Direction, Envelope, MessageId, Provenance, TopicName,
    Trust, UserName,
};

fn user(name: &str) -> UserName {
    UserName::parse(name).unwrap()
}

fn news() -> TopicName {
    TopicName::parse("news").unwrap()
}

/// alice's history, as everything below is seen by her.
fn me() -> UserName {
    user("alice")
}

/// A post in #news from `from` with wire id `id`, sent at second `at`.
fn post(from: &str, id: &str, body: &str, at: u8, marks: WireMarks) -> Envelope {
    let mut env = Envelope::topic(user(from), news(), body.into()).with_marks(marks);
    env.id = MessageId::from_string(id.into());
    env.sent_at = datetime!(2026-11-21 10:00:00 UTC) + time::Duration::seconds(at.into());
    env
}

/// What alice's inbox makes of it (open mode: `from` is taken as written).
fn received(env: &Envelope) -> ChatMessage {
    let provenance = Provenance {
        message_id: Some(env.id.as_str()),
        exchange: "chat.topic.news",
        user_id: None,
    };
    read_delivery(&env.encode(), &provenance, &me(), Trust::Open, env.sent_at).unwrap()
}

fn edit(target: &str) -> WireMarks {
    WireMarks {
        change: Some(WireChange {
            kind: ChangeKind::Edit,
            target: MessageId::from_string(target.into()),
        }),
        ..WireMarks::default()
    }
}

fn delete(target: &str) -> WireMarks {
    WireMarks {
        change: Some(WireChange {
            kind: ChangeKind::Delete,
            target: MessageId::from_string(target.into()),
        }),
        ..WireMarks::default()
    }
}

fn stored(h: &History) -> Vec<ChatMessage> {
    h.all(None).unwrap()
}

fn body(msg: &ChatMessage) -> &str {
    match &msg.content {
        Content::Text(text) => text,
        Content::Unreadable { .. } => panic!("not text"),
    }
}

#[test]
fn actions_and_replies_round_trip_with_the_quote_read_from_the_original() {
    let mut h = History::open_in_memory().unwrap();
    let original = received(&post(
        "bob",
        "b1",
        "lunch at noon?\nor later",
        0,
        WireMarks::default(),
    ));
    let reply = WireMarks {
        reply: Some(WireReply {
            id: MessageId::from_string("b1".into()),
            author: user("bob"),
        }),
        ..WireMarks::default()
    };
    let answer = received(&post("carol", "c1", "noon works", 1, reply));
    let action = received(&post(
        "carol",
        "c2",
        "waves",
        2,
        WireMarks {
            action: true,
            ..WireMarks::default()
        },
    ));
    assert_eq!(
        h.insert_unsynced(&[original, answer, action]).unwrap(),
        [true; 3]
    );
    let all = stored(&h);
    let reply = all[1].marks.reply.as_ref().unwrap();
    assert_eq!(reply.to.as_str(), "bob/b1");
    assert_eq!(reply.author, user("bob"));
    assert_eq!(reply.quote.as_deref(), Some("lunch at noon?…"));
    assert!(all[2].marks.action);
    assert!(!all[1].marks.action);
}

#[test]
fn an_edit_from_the_sender_is_applied_once_and_never_backwards() {
    let mut h = History::open_in_memory().unwrap();
    h.insert_unsynced(&[received(&post(
        "bob",
        "b1",
        "helo",
        0,
        WireMarks::default(),
    ))])
    .unwrap();
    let first = received(&post("bob", "e1", "hello", 5, edit("b1")));
    let second = received(&post("bob", "e2", "hello!", 9, edit("b1")));
    assert_eq!(
        h.insert_unsynced(&[first.clone(), second]).unwrap(),
        [true, true]
    );
    // The first edit again (a redelivery), or late: not applied.
    assert_eq!(h.insert_unsynced(&[first]).unwrap(), [false]);
    let all = stored(&h);
    assert_eq!(all.len(), 1, "a change is no line of its own");
    assert_eq!(body(&all[0]), "hello!");
    assert!(all[0].marks.edited);
}

#[test]
fn a_change_from_anyone_else_or_in_another_conversation_is_refused() {
    let mut h = History::open_in_memory().unwrap();
    h.insert_unsynced(&[received(&post(
        "bob",
        "b1",
        "mine",
        0,
        WireMarks::default(),
    ))])
    .unwrap();
    // carol names bob's wire id: her change can only reach carol's messages.
    let forged = received(&post("carol", "x1", "pwned", 1, edit("b1")));
    let forged_delete = received(&post("carol", "x2", "", 2, delete("b1")));
    // bob's own change, but sent as a DM: not the conversation of the message.
    let mut elsewhere = Envelope::direct(user("bob"), me(), "moved".into()).with_marks(edit("b1"));
    elsewhere.sent_at = datetime!(2026-11-21 10:00:03 UTC);
    let elsewhere = ChatMessage::from_envelope(&elsewhere, &me(), Direction::Incoming).unwrap();
    assert_eq!(
        h.insert_unsynced(&[forged, forged_delete, elsewhere])
            .unwrap(),
        [false, false, false]
    );
    let all = stored(&h);
    assert_eq!(body(&all[0]), "mine");
    assert!(!all[0].marks.edited && !all[0].marks.deleted);
}

#[test]
fn a_delete_is_final_and_clears_the_text_everywhere() {
    let mut h = History::open_in_memory().unwrap();
    let reply = WireMarks {
        reply: Some(WireReply {
            id: MessageId::from_string("b1".into()),
            author: user("bob"),
        }),
        ..WireMarks::default()
    };
    h.insert_unsynced(&[
        received(&post("bob", "b1", "secret", 0, WireMarks::default())),
        received(&post("carol", "c1", "ok", 1, reply)),
    ])
    .unwrap();
    let gone = received(&post("bob", "d1", "(deleted a message)", 2, delete("b1")));
    let later_edit = received(&post("bob", "e1", "back", 9, edit("b1")));
    assert_eq!(
        h.insert_unsynced(&[gone, later_edit]).unwrap(),
        [true, false]
    );
    let all = stored(&h);
    assert!(all[0].marks.deleted);
    assert_eq!(body(&all[0]), "", "the text is gone from the history");
    assert_eq!(
        all[1].marks.reply.as_ref().unwrap().quote.as_deref(),
        Some("(deleted)")
    );
    assert_eq!(h.search("secret", 10).unwrap().total, 0);
}

#[test]
fn my_changes_wait_in_the_outbox_until_confirmed() {
    let mut h = History::open_in_memory().unwrap();
    let mine = Envelope::topic(me(), news(), "teh plan".into());
    let original = ChatMessage::from_envelope(&mine, &me(), Direction::Outgoing).unwrap();
    h.insert_unsynced(std::slice::from_ref(&original)).unwrap();
    h.set_status(&original.id, &DeliveryStatus::Delivered)
        .unwrap();
    let fix = Envelope::topic(me(), news(), "the plan".into()).with_marks(edit(mine.id.as_str()));
    let change = ChatMessage::from_envelope(&fix, &me(), Direction::Outgoing).unwrap();
    assert_eq!(
        h.insert_unsynced(std::slice::from_ref(&change)).unwrap(),
        [true]
    );
    let pending = h.pending_outgoing().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].id, change.id);
    // What is sent again is the same change, with the same id.
    let again = pending[0].to_envelope().unwrap();
    assert_eq!(again.marks, fix.marks);
    assert_eq!(again.id, fix.id);
    h.set_statuses(&[(change.id.clone(), DeliveryStatus::Delivered)])
        .unwrap();
    assert!(h.pending_outgoing().unwrap().is_empty());
    assert_eq!(body(&stored(&h)[0]), "the plan");
}

#[test]
fn a_version_3_file_is_migrated_and_read_without_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_version(&conn, 3).unwrap();
        conn.execute(
            "INSERT INTO messages (id, conversation, sender, sent_at, direction, status,
                 kind, body) VALUES ('bob/m1', '#news', 'bob', '2026-11-21T10:00:00Z', 'in',
                 'delivered', 'text', 'hi')",
            [],
        )
        .unwrap();
    }
    // `chat-tui history` reads it before any client migrated it.
    let reader = super::HistoryReader::open(&path).unwrap().unwrap();
    let mut seen = Vec::new();
    reader
        .for_each(None, |row| {
            seen.push(row);
            std::ops::ControlFlow::<()>::Continue(())
        })
        .unwrap();
    assert_eq!(seen.len(), 1);
    let mut h = History::open(&path).unwrap();
    let edit = received(&post("bob", "e1", "hi all", 1, edit("m1")));
    assert_eq!(h.insert_unsynced(&[edit]).unwrap(), [true]);
    let all = stored(&h);
    assert_eq!(body(&all[0]), "hi all");
    assert!(all[0].marks.edited);
}
