//! Unit tests of `reader`, on temporary files.

use std::ops::ControlFlow;
use std::path::Path;

use time::macros::datetime;

use super::{HistoryReader, StoredRow};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName,
};
use crate::store::{History, StoreError};

fn conv(target: &str) -> ConversationId {
    ConversationId::parse_target(target).unwrap()
}

/// An incoming text message `id` from bob in conversation `target`.
fn msg(id: &str, target: &str) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: conv(target),
        from: Some(UserName::parse("bob").unwrap()),
        sent_at: datetime!(2026-11-21 10:00:00 UTC),
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Text(format!("body of {id}")),
        marks: Default::default(),
    }
}

/// Every row the reader hands over, as ids (or `!reason` for damaged rows).
fn read_all(reader: &HistoryReader, with: Option<&ConversationId>) -> Vec<String> {
    let mut seen = Vec::new();
    let stopped = reader
        .for_each(with, |row: StoredRow| {
            seen.push(match row {
                Ok(m) => m.id.as_str().to_owned(),
                Err(problem) => format!("!{problem}"),
            });
            ControlFlow::<()>::Continue(())
        })
        .unwrap();
    assert_eq!(stopped, None);
    seen
}

fn filled(dir: &Path, msgs: &[ChatMessage]) -> std::path::PathBuf {
    let path = dir.join("alice").join("history.sqlite3");
    let mut history = History::open(&path).unwrap();
    for m in msgs {
        assert!(history.insert(m).unwrap());
    }
    path
}

#[test]
fn a_missing_file_is_none_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nobody").join("history.sqlite3");
    assert!(HistoryReader::open(&path).unwrap().is_none());
    assert!(!path.exists());
    assert!(!dir.path().join("nobody").exists());
}

#[test]
fn conversations_come_grouped_in_domain_order_each_in_stored_order() {
    let dir = tempfile::tempdir().unwrap();
    let unreadable = ChatMessage::unreadable(
        MessageId::from_string("u1".into()),
        "not JSON".into(),
        b"junk",
        datetime!(2026-11-21 09:00:00 UTC),
    );
    let path = filled(
        dir.path(),
        &[
            msg("n1", "#news"),
            msg("z1", "zed"),
            msg("b1", "bob"),
            unreadable,
            msg("a1", "#alpha"),
            msg("b2", "bob"),
            msg("n2", "#news"),
            msg("z2", "zed"),
        ],
    );
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    assert_eq!(reader.path(), path);
    assert_eq!(
        read_all(&reader, None),
        ["u1", "b1", "b2", "z1", "z2", "a1", "n1", "n2"]
    );
    assert_eq!(read_all(&reader, Some(&conv("#news"))), ["n1", "n2"]);
    assert_eq!(read_all(&reader, Some(&conv("bob"))), ["b1", "b2"]);
    assert!(read_all(&reader, Some(&conv("carol"))).is_empty());
}

#[test]
fn break_stops_early_and_returns_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &[msg("m1", "bob"), msg("m2", "bob")]);
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    let mut visits = 0;
    let stopped = reader
        .for_each(None, |_| {
            visits += 1;
            ControlFlow::Break("enough")
        })
        .unwrap();
    assert_eq!((stopped, visits), (Some("enough"), 1));
}

#[test]
fn reads_while_a_writer_has_the_file_open_and_sees_committed_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &[msg("m1", "bob")]);
    let mut writer = History::open(&path).unwrap();
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    assert!(writer.insert(&msg("m2", "bob")).unwrap());
    assert_eq!(read_all(&reader, None), ["m1", "m2"]);
    // The reader writes nothing: the writer goes on undisturbed.
    assert!(writer.insert(&msg("m3", "bob")).unwrap());
    assert_eq!(read_all(&reader, None), ["m1", "m2", "m3"]);
}

#[test]
fn never_writes_even_to_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    assert!(read_all(&reader, None).is_empty());
    drop(reader);
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        0,
        "no schema written"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    let err = HistoryReader::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("history.sqlite3"), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path(), &[msg("m1", "bob")]);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = HistoryReader::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found: 99, .. }),
        "{err:?}"
    );
}

#[test]
fn damaged_rows_are_handed_over_as_errors_and_the_rest_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(
        dir.path(),
        &[msg("m1", "bob"), msg("m2", "bob"), msg("m3", "bob")],
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    // A value of the wrong type, and a value of the right type that is not a message.
    conn.execute("UPDATE messages SET body = x'00ff' WHERE id = 'm1'", [])
        .unwrap();
    conn.execute(
        "UPDATE messages SET sender = 'Not Valid!' WHERE id = 'm2'",
        [],
    )
    .unwrap();
    drop(conn);
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    let seen = read_all(&reader, Some(&conv("bob")));
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[0].starts_with("!row 1:"), "{seen:?}");
    assert!(seen[1].starts_with("!row 2:"), "{seen:?}");
    assert_eq!(seen[2], "m3");
}

/// Environment variable that turns [`killed_writer`] into the writer of
/// [`reads_what_a_killed_writer_committed`].
const WRITER_ENV: &str = "CHAT_TUI_READER_KILLED_WRITER";
/// After how many stored messages the writer is killed (it goes on storing until then).
const KILL_AFTER: usize = 200;

/// Not a test on its own: the child process of [`reads_what_a_killed_writer_committed`].
/// It stores messages one by one, says so after each, and is killed while storing.
#[test]
#[ignore = "helper process for reads_what_a_killed_writer_committed"]
fn killed_writer() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let mut history = History::open(Path::new(&path)).unwrap();
    for i in 0..100_000 {
        history.insert(&msg(&format!("m{i:06}"), "bob")).unwrap();
        println!("stored {i}");
    }
}

/// The reader is the first to open the file after its writer died with `kill -9` (the
/// write-ahead log still holds the messages, nothing was checkpointed or closed): it
/// sees every message the writer had stored, in order, and changes nothing.
#[test]
fn reads_what_a_killed_writer_committed() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store::reader::tests::killed_writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(WRITER_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let wanted = format!("stored {}", KILL_AFTER - 1);
    let reached = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .any(|line| line == wanted);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(reached, "the writer did not store {KILL_AFTER} messages");
    let wal = dir.path().join("history.sqlite3-wal");
    assert!(wal.exists(), "the log was left behind, as after a crash");

    let files = || (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    let before = files();

    let reader = HistoryReader::open(&path).unwrap().unwrap();
    let seen = read_all(&reader, None);
    assert!(seen.len() >= KILL_AFTER, "only {} read", seen.len());
    for (i, id) in seen.iter().enumerate() {
        assert_eq!(id, &format!("m{i:06}"));
    }
    drop(reader);
    assert!(files() == before, "the database and its log are unchanged");
}
