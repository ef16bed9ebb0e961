//! Tests of the history store, on in-memory and temporary-file databases.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use time::macros::datetime;

use super::{History, StoreError, schema};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, TopicName, UserName,
};

fn user(name: &str) -> UserName {
    UserName::parse(name).unwrap()
}

fn conv(target: &str) -> ConversationId {
    ConversationId::parse_target(target).unwrap()
}

/// A text message `id` in conversation `target` (`bob` or `#news`).
fn text(id: &str, target: &str, direction: Direction, body: &str) -> ChatMessage {
    let (from, status) = match direction {
        Direction::Incoming => (user("bob"), DeliveryStatus::Delivered),
        Direction::Outgoing => (user("alice"), DeliveryStatus::Pending),
    };
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: conv(target),
        from: Some(from),
        sent_at: datetime!(2026-11-21 10:00:00.123 UTC),
        direction,
        status,
        content: Content::Text(body.into()),
        marks: Default::default(),
    }
}

fn incoming(id: &str, target: &str, body: &str) -> ChatMessage {
    text(id, target, Direction::Incoming, body)
}

fn outgoing(id: &str, target: &str, body: &str) -> ChatMessage {
    text(id, target, Direction::Outgoing, body)
}

fn ids(msgs: &[ChatMessage]) -> Vec<&str> {
    msgs.iter().map(|m| m.id.as_str()).collect()
}

fn memory() -> History {
    History::open_in_memory().unwrap()
}

#[test]
fn insert_tells_new_from_duplicate_and_keeps_the_first() {
    let mut h = memory();
    let first = incoming("m1", "bob", "hello");
    assert!(h.insert(&first).unwrap());
    let mut again = first.clone();
    again.content = Content::Text("changed".into());
    assert!(!h.insert(&again).unwrap());
    assert_eq!(h.all(None).unwrap(), vec![first]);
    assert!(h.contains(&MessageId::from_string("m1".into())).unwrap());
    assert!(!h.contains(&MessageId::from_string("m2".into())).unwrap());
}

#[test]
fn every_field_round_trips_including_unreadable_lines() {
    let mut h = memory();
    let mut failed = outgoing("o1", "#news", "ünïcødé 🎉\nline 2");
    failed.status = DeliveryStatus::Failed("no such topic".into());
    let unreadable = ChatMessage::unreadable(
        MessageId::from_string("u1".into()),
        "not a chat envelope".into(),
        b"\x1b[2Jjunk",
        datetime!(2026-11-21 11:00:00 +02:00),
    );
    for msg in [&failed, &unreadable] {
        assert!(h.insert(msg).unwrap());
    }
    let back = h.all(None).unwrap();
    assert_eq!(back, vec![failed, unreadable.clone()]);
    assert_eq!(back[1].from, None);
    assert_eq!(back[1].sent_at, datetime!(2026-11-21 09:00:00 UTC));
}

#[test]
fn batch_reports_duplicates_inside_and_against_stored_rows() {
    let mut h = memory();
    h.insert(&incoming("a", "bob", "1")).unwrap();
    let batch = [
        incoming("b", "bob", "2"),
        incoming("a", "bob", "dup of stored"),
        incoming("c", "#news", "3"),
        incoming("b", "bob", "dup inside batch"),
    ];
    assert_eq!(
        h.insert_batch(&batch).unwrap(),
        vec![true, false, true, false]
    );
    let all = h.all(None).unwrap();
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(all[1].content, Content::Text("2".into()));
    assert_eq!(h.insert_batch(&[]).unwrap(), Vec::<bool>::new());
}

#[test]
fn recent_and_all_follow_storage_order_and_recent_keeps_the_newest() {
    let mut h = memory();
    // Storage order, not sent_at, decides: give later rows earlier timestamps.
    for (i, id) in ["m1", "m2", "m3", "m4", "m5"].iter().enumerate() {
        let mut msg = incoming(id, "bob", id);
        msg.sent_at -= time::Duration::minutes(i as i64);
        h.insert(&msg).unwrap();
        h.insert(&incoming(&format!("n{i}"), "#news", "x")).unwrap();
    }
    assert_eq!(ids(&h.recent(&conv("bob"), 3).unwrap()), ["m3", "m4", "m5"]);
    assert_eq!(ids(&h.recent(&conv("bob"), 50).unwrap()).len(), 5);
    assert!(h.recent(&conv("bob"), 0).unwrap().is_empty());
    assert!(h.recent(&conv("carol"), 10).unwrap().is_empty());
    assert_eq!(
        ids(&h.all(Some(&conv("bob"))).unwrap()),
        ["m1", "m2", "m3", "m4", "m5"]
    );
    assert_eq!(ids(&h.all(None).unwrap())[..4], ["m1", "n0", "m2", "n1"]);
}

#[test]
fn conversations_are_listed_most_recently_active_first() {
    let mut h = memory();
    assert!(h.conversations().unwrap().is_empty());
    h.insert(&incoming("1", "bob", "x")).unwrap();
    h.insert(&incoming("2", "#news", "x")).unwrap();
    h.insert(&outgoing("3", "carol", "x")).unwrap();
    h.insert(&incoming("4", "bob", "x")).unwrap();
    assert_eq!(
        h.conversations().unwrap(),
        vec![conv("bob"), conv("carol"), conv("#news")]
    );
}

#[test]
fn search_ignores_case_treats_wildcards_literally_and_returns_newest_first() {
    let mut h = memory();
    let rows = [
        incoming("1", "bob", "Hello World"),
        incoming("2", "#news", "say HELLO"),
        incoming("3", "bob", "100% sure"),
        incoming("4", "bob", "1000 sure"),
        incoming("5", "bob", "snake_case"),
        incoming("6", "bob", "snakeXcase"),
        incoming("7", "bob", "AÇÃO rápida"),
        incoming("8", "bob", r"back\slash"),
        outgoing("9", "bob", "hello from me"),
    ];
    h.insert_batch(&rows).unwrap();
    assert_eq!(ids(&h.search("hello", 10).unwrap().newest), ["9", "2", "1"]);
    let capped = h.search("hello", 2).unwrap();
    assert_eq!(ids(&capped.newest), ["9", "2"]);
    assert_eq!(
        capped.total, 3,
        "every match is counted, not only those returned"
    );
    let counted = h.search("hello", 0).unwrap();
    assert!(counted.newest.is_empty());
    assert_eq!(counted.total, 3);
    assert_eq!(ids(&h.search("0%", 10).unwrap().newest), ["3"]);
    assert_eq!(ids(&h.search("e_c", 10).unwrap().newest), ["5"]);
    assert_eq!(ids(&h.search("ação", 10).unwrap().newest), ["7"]);
    assert_eq!(ids(&h.search("RÁPIDA", 10).unwrap().newest), ["7"]);
    assert_eq!(ids(&h.search(r"k\s", 10).unwrap().newest), ["8"]);
    assert_eq!(h.search("absent", 10).unwrap(), Default::default());
}

#[test]
fn search_never_matches_unreadable_lines() {
    let mut h = memory();
    let junk = ChatMessage::unreadable(
        MessageId::from_string("u".into()),
        "not UTF-8 (hello)".into(),
        b"hello junk",
        datetime!(2026-11-21 10:00 UTC),
    );
    h.insert(&junk).unwrap();
    h.insert(&incoming("t", "bob", "hello")).unwrap();
    assert_eq!(ids(&h.search("hello", 10).unwrap().newest), ["t"]);
    assert_eq!(
        ids(&h.search("junk", 10).unwrap().newest),
        Vec::<&str>::new()
    );
}

#[test]
fn status_updates_round_trip_and_drive_the_outbox() {
    let mut h = memory();
    h.insert_batch(&[
        outgoing("o1", "bob", "first"),
        incoming("i1", "bob", "reply"),
        outgoing("o2", "#news", "second"),
        outgoing("o3", "bob", "third"),
    ])
    .unwrap();
    assert_eq!(ids(&h.pending_outgoing().unwrap()), ["o1", "o2", "o3"]);

    let o1 = MessageId::from_string("o1".into());
    let o2 = MessageId::from_string("o2".into());
    h.set_status(&o1, &DeliveryStatus::Delivered).unwrap();
    h.set_status(&o2, &DeliveryStatus::Failed("no such user bob".into()))
        .unwrap();
    h.set_status(
        &MessageId::from_string("nope".into()),
        &DeliveryStatus::Delivered,
    )
    .unwrap();
    assert_eq!(ids(&h.pending_outgoing().unwrap()), ["o3"]);

    let all = h.all(None).unwrap();
    assert_eq!(all[0].status, DeliveryStatus::Delivered);
    assert_eq!(
        all[2].status,
        DeliveryStatus::Failed("no such user bob".into())
    );
    // Back to pending (a retry) clears the reason.
    h.set_status(&o2, &DeliveryStatus::Pending).unwrap();
    assert_eq!(ids(&h.pending_outgoing().unwrap()), ["o2", "o3"]);
    assert_eq!(all.len(), h.all(None).unwrap().len());
}

#[test]
fn statuses_settle_in_one_batch_and_skip_unknown_ids() {
    let mut h = memory();
    h.insert_batch(&[
        outgoing("o1", "bob", "first"),
        outgoing("o2", "bob", "second"),
        outgoing("o3", "bob", "third"),
    ])
    .unwrap();
    let id = |s: &str| MessageId::from_string(s.into());
    h.set_statuses(&[
        (id("o1"), DeliveryStatus::Delivered),
        (id("nope"), DeliveryStatus::Delivered),
        (id("o3"), DeliveryStatus::Failed("no such user bob".into())),
    ])
    .unwrap();
    assert_eq!(ids(&h.pending_outgoing().unwrap()), ["o2"]);
    let all = h.all(None).unwrap();
    assert_eq!(all[0].status, DeliveryStatus::Delivered);
    assert_eq!(
        all[2].status,
        DeliveryStatus::Failed("no such user bob".into())
    );
}

#[test]
fn outgoing_writes_skip_the_disk_sync_and_leave_it_on_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("h.sqlite3")).unwrap();
    let fresh = h
        .insert_unsynced(&[
            outgoing("o1", "bob", "first"),
            outgoing("o1", "bob", "again"),
        ])
        .unwrap();
    assert_eq!(fresh, [true, false]);
    h.set_statuses(&[(
        MessageId::from_string("o1".into()),
        DeliveryStatus::Delivered,
    )])
    .unwrap();
    let synchronous: i64 = h
        .conn_for_tests()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(synchronous, 2, "FULL again for what is acked to the broker");
    assert_eq!(h.all(None).unwrap()[0].status, DeliveryStatus::Delivered);
    h.disk_sync().sync().unwrap();
    memory().disk_sync().sync().unwrap();
}

#[test]
fn unread_counts_follow_read_markers_and_skip_outgoing() {
    let mut h = memory();
    assert!(h.unread_counts().unwrap().is_empty());
    h.insert_batch(&[
        incoming("1", "bob", "a"),
        incoming("2", "bob", "b"),
        outgoing("3", "bob", "mine"),
        incoming("4", "#news", "c"),
        outgoing("5", "carol", "only mine"),
    ])
    .unwrap();
    assert_eq!(
        h.unread_counts().unwrap(),
        vec![(conv("#news"), 1), (conv("bob"), 2)]
    );
    h.mark_read(&conv("bob")).unwrap();
    assert_eq!(h.unread_counts().unwrap(), vec![(conv("#news"), 1)]);
    h.insert(&incoming("6", "bob", "new")).unwrap();
    assert_eq!(
        h.unread_counts().unwrap(),
        vec![(conv("bob"), 1), (conv("#news"), 1)]
    );
    // Marking twice, or a conversation without messages, is harmless.
    h.mark_read(&conv("bob")).unwrap();
    h.mark_read(&conv("bob")).unwrap();
    h.mark_read(&conv("dave")).unwrap();
    assert_eq!(h.unread_counts().unwrap(), vec![(conv("#news"), 1)]);
    h.insert(&incoming("7", "dave", "hi")).unwrap();
    assert_eq!(
        h.unread_counts().unwrap(),
        vec![(conv("dave"), 1), (conv("#news"), 1)]
    );
}

#[test]
fn subscriptions_are_kept_and_removed() {
    let mut h = memory();
    let news = TopicName::parse("news").unwrap();
    let ops = TopicName::parse("ops").unwrap();
    h.set_subscribed(&ops, true).unwrap();
    h.set_subscribed(&news, true).unwrap();
    h.set_subscribed(&news, true).unwrap();
    assert_eq!(h.subscriptions().unwrap(), vec![news.clone(), ops.clone()]);
    h.set_subscribed(&ops, false).unwrap();
    h.set_subscribed(&ops, false).unwrap();
    assert_eq!(h.subscriptions().unwrap(), vec![news]);
}

#[test]
fn a_reopened_file_has_everything_and_is_durable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("alice").join("history.sqlite3");
    let big = "x".repeat(1024 * 1024);
    {
        let mut h = History::open(&path).unwrap();
        assert_eq!(h.path(), path);
        h.insert(&incoming("big", "bob", &big)).unwrap();
        h.insert(&outgoing("o", "#news", "pending")).unwrap();
        h.mark_read(&conv("bob")).unwrap();
        h.insert(&incoming("later", "bob", "unread")).unwrap();
        h.set_subscribed(&TopicName::parse("news").unwrap(), true)
            .unwrap();
    }
    let h = History::open(&path).unwrap();
    let journal: String = h
        .conn_for_tests()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let synchronous: i64 = h
        .conn_for_tests()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!((journal.as_str(), synchronous), ("wal", 2));
    assert_eq!(ids(&h.all(None).unwrap()), ["big", "o", "later"]);
    assert_eq!(h.all(None).unwrap()[0].content, Content::Text(big));
    assert_eq!(ids(&h.pending_outgoing().unwrap()), ["o"]);
    assert_eq!(h.unread_counts().unwrap(), vec![(conv("bob"), 1)]);
    assert_eq!(
        h.subscriptions().unwrap(),
        vec![TopicName::parse("news").unwrap()]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
}

#[test]
fn a_second_connection_reads_while_the_first_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let mut writer = History::open(&path).unwrap();
    writer.insert(&incoming("1", "bob", "a")).unwrap();
    let reader = History::open(&path).unwrap();
    assert_eq!(ids(&reader.all(None).unwrap()), ["1"]);
    writer.insert(&incoming("2", "bob", "b")).unwrap();
    assert_eq!(ids(&reader.all(None).unwrap()), ["1", "2"]);
}

#[test]
fn damaged_rows_are_skipped_not_fatal() {
    let mut h = memory();
    h.insert_batch(&[
        incoming("good1", "bob", "a"),
        incoming("bad-key", "bob", "b"),
        incoming("bad-time", "bob", "c"),
        incoming("good2", "bob", "d"),
    ])
    .unwrap();
    let conn = h.conn_for_tests();
    conn.execute(
        "UPDATE messages SET conversation = 'garbage' WHERE id = 'bad-key'",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE messages SET sent_at = 'yesterday' WHERE id = 'bad-time'",
        [],
    )
    .unwrap();
    assert_eq!(ids(&h.all(None).unwrap()), ["good1", "good2"]);
    assert_eq!(
        ids(&h.recent(&conv("bob"), 10).unwrap()),
        ["good1", "good2"]
    );
    assert_eq!(h.conversations().unwrap(), vec![conv("bob")]);
    assert_eq!(h.unread_counts().unwrap(), vec![(conv("bob"), 3)]);
    conn.execute("INSERT INTO subscriptions VALUES ('Not Valid!')", [])
        .unwrap();
    assert!(h.subscriptions().unwrap().is_empty());
}

#[test]
fn errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db");
    std::fs::write(&path, b"this is not sqlite, just text that is long enough").unwrap();
    let err = History::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("not-a-db"), "{err}");

    // A directory where the file should be.
    let err = History::open(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains(&*dir.path().to_string_lossy()),
        "{err}"
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    drop(History::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", schema::SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    match History::open(&path).unwrap_err() {
        StoreError::TooNew {
            found, supported, ..
        } => assert_eq!(
            (found, supported),
            (schema::SCHEMA_VERSION + 1, schema::SCHEMA_VERSION)
        ),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn history_can_move_to_a_blocking_thread() {
    fn is_send<T: Send>(_: &T) {}
    let h = memory();
    is_send(&h);
    let handle = std::thread::spawn(move || h.conversations().map(|c| c.len()));
    assert_eq!(handle.join().unwrap().unwrap(), 0);
}

/// Environment variable that turns [`crash_child`] into the writer of the crash test.
const CRASH_CHILD_ENV: &str = "CHAT_TUI_STORE_CRASH_CHILD";
/// How many messages the crash child tries to store.
const CRASH_MESSAGES: usize = 5_000;
/// After how many stored messages the crash test kills the child, likely mid-write.
const CRASH_AFTER: usize = 100;

/// Not a test on its own: run by [`inserts_survive_kill_9`] in a child process. It stores
/// messages one by one and says so after each insert returned, then waits to be killed.
#[test]
#[ignore = "helper process for inserts_survive_kill_9"]
fn crash_child() {
    let Some(path) = std::env::var_os(CRASH_CHILD_ENV) else {
        return;
    };
    let mut h = History::open(Path::new(&path)).unwrap();
    for i in 0..CRASH_MESSAGES {
        h.insert(&incoming(&format!("m{i}"), "bob", "survive"))
            .unwrap();
        println!("stored {i}");
    }
    std::thread::sleep(std::time::Duration::from_secs(60));
}

#[test]
fn inserts_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::tests::crash_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CRASH_CHILD_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let wanted = format!("stored {}", CRASH_AFTER - 1);
    let reached = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line == wanted);
    child.kill().unwrap(); // SIGKILL: no destructor, no checkpoint, no close.
    child.wait().unwrap();
    assert!(reached, "the child did not store {CRASH_AFTER} messages");

    let h = History::open(&path).unwrap();
    let check: String = h
        .conn_for_tests()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let stored = h.all(None).unwrap();
    assert!(
        stored.len() >= CRASH_AFTER,
        "only {} survived",
        stored.len()
    );
    for (i, msg) in stored.iter().enumerate() {
        assert_eq!(msg.id.as_str(), format!("m{i}"));
    }
}

#[test]
fn a_closed_conversation_stays_closed_until_something_new_is_stored() {
    let mut h = memory();
    h.insert(&incoming("m1", "bob", "hi")).unwrap();
    h.set_closed(&conv("bob"), true).unwrap();
    h.set_closed(&conv("bob"), true).unwrap();
    h.set_closed(&conv("#empty"), true).unwrap();
    assert_eq!(h.closed().unwrap(), vec![conv("#empty"), conv("bob")]);
    h.insert(&incoming("m2", "bob", "are you there?")).unwrap();
    assert_eq!(
        h.closed().unwrap(),
        vec![conv("#empty")],
        "a new message opens it"
    );
    assert_eq!(h.all(None).unwrap().len(), 2, "closing keeps the history");
}

#[test]
fn opening_a_conversation_again_forgets_its_close() {
    let mut h = memory();
    h.insert(&outgoing("m1", "#news", "hello")).unwrap();
    h.set_closed(&conv("#news"), true).unwrap();
    assert_eq!(h.closed().unwrap(), vec![conv("#news")]);
    h.set_closed(&conv("#news"), false).unwrap();
    assert!(h.closed().unwrap().is_empty());
}
