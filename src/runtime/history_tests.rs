//! Unit tests of `history` (the command), on temporary history files.

use std::io::{self, Write};
use std::path::PathBuf;

use time::macros::datetime;

use super::*;
use crate::domain::{ChatMessage, Content, DeliveryStatus, Direction, MessageId};

fn user(name: &str) -> UserName {
    UserName::parse(name).unwrap()
}

/// A message `id` in conversation `target`, written by `from` (alice's own when
/// `from` is alice).
fn msg(id: &str, target: &str, from: &str, body: &str) -> ChatMessage {
    let direction = if from == "alice" {
        Direction::Outgoing
    } else {
        Direction::Incoming
    };
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: ConversationId::parse_target(target).unwrap(),
        from: Some(user(from)),
        sent_at: datetime!(2026-11-21 10:05:09 UTC),
        direction,
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.into()),
        marks: Default::default(),
    }
}

/// A history for alice in a temporary directory, holding `msgs`.
fn store(msgs: &[ChatMessage]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    let mut history = History::open(&path).unwrap();
    for m in msgs {
        history.insert(m).unwrap();
    }
    (dir, path)
}

/// Prints alice's history at `path` and returns (result, stdout, stderr).
fn printed(
    path: &std::path::Path,
    with: Option<&str>,
    format: LineFormat,
) -> (Result<(), HistoryError>, String, String) {
    let reader = HistoryReader::open(path).unwrap().unwrap();
    let with = with.map(|t| ConversationId::parse_target(t).unwrap());
    let (mut out, mut warn) = (Vec::new(), Vec::new());
    let result = print(
        &reader,
        &user("alice"),
        with.as_ref(),
        format,
        UtcOffset::UTC,
        &mut out,
        &mut warn,
    );
    (
        result,
        String::from_utf8(out).unwrap(),
        String::from_utf8(warn).unwrap(),
    )
}

fn sample() -> Vec<ChatMessage> {
    vec![
        msg("t1", "#news", "carol", "hello all"),
        msg("d1", "bob", "bob", "hi\nthere"),
        msg("d2", "bob", "alice", "hi bob"),
        msg("t2", "#news", "alice", "\u{1b}[2Jyo"),
    ]
}

#[test]
fn text_is_one_dated_line_per_message_grouped_by_conversation() {
    let (_dir, path) = store(&sample());
    let (result, out, warn) = printed(&path, None, LineFormat::Text);
    result.unwrap();
    assert_eq!(warn, "");
    assert_eq!(
        out,
        "[2026-11-21 10:05:09] bob: hi\u{240a}there\n\
         [2026-11-21 10:05:09] you -> bob: hi bob\n\
         [2026-11-21 10:05:09] #news carol: hello all\n\
         [2026-11-21 10:05:09] #news you: yo\n"
    );
}

#[test]
fn with_prints_one_conversation_only() {
    let (_dir, path) = store(&sample());
    let (result, out, _) = printed(&path, Some("#news"), LineFormat::Text);
    result.unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains("#news")), "{out}");
    let (result, out, _) = printed(&path, Some("nobody"), LineFormat::Text);
    result.unwrap();
    assert_eq!(out, "");
}

#[test]
fn json_is_one_message_object_per_line_with_direction() {
    let (_dir, path) = store(&sample());
    let (result, out, _) = printed(&path, Some("bob"), LineFormat::Json);
    result.unwrap();
    let values: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0]["id"], "d1");
    assert_eq!(values[0]["direction"], "in");
    assert_eq!(values[0]["body"], "hi\nthere");
    assert_eq!(values[1]["id"], "d2");
    assert_eq!(values[1]["direction"], "out");
    assert_eq!(values[1]["mine"], true);
    assert_eq!(values[1]["conversation"], "bob");
}

#[test]
fn damaged_rows_are_reported_and_the_rest_is_printed() {
    let (_dir, path) = store(&sample());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE messages SET sender = ?1 WHERE id = 'd1'",
        ["\u{1b}]0;pwned\u{7}"],
    )
    .unwrap();
    drop(conn);
    let (result, out, warn) = printed(&path, None, LineFormat::Text);
    assert!(
        matches!(result, Err(HistoryError::Damaged(1))),
        "{result:?}"
    );
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        warn.contains("cannot read a stored message: row 2"),
        "{warn}"
    );
    assert!(!warn.contains('\u{1b}'), "{warn:?}");
}

/// A writer whose reader went away after `room` bytes.
struct ClosedAfter {
    room: usize,
}

impl Write for ClosedAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A writer that fails with something other than a closed pipe.
struct Full;

impl Write for Full {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_closed_pipe_ends_quietly_other_output_errors_do_not() {
    let (_dir, path) = store(&sample());
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    let me = user("alice");
    let mut out = ClosedAfter { room: 10 };
    let result = print(
        &reader,
        &me,
        None,
        LineFormat::Text,
        UtcOffset::UTC,
        &mut out,
        &mut io::sink(),
    );
    result.unwrap();
    let result = print(
        &reader,
        &me,
        None,
        LineFormat::Json,
        UtcOffset::UTC,
        &mut Full,
        &mut io::sink(),
    );
    let err = result.unwrap_err();
    assert!(matches!(err, HistoryError::Output(_)), "{err:?}");
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn invalid_names_are_refused_with_exit_2_before_any_file_is_read() {
    let options = |name: &str, with: Option<&str>| HistoryOptions {
        recover: false,
        name: name.into(),
        with: with.map(str::to_owned),
        format: LineFormat::Text,
        local_offset: UtcOffset::UTC,
    };
    let mut out = Vec::new();
    let err = run(&options("Not Valid!", None), &mut out, &mut io::sink()).unwrap_err();
    assert!(matches!(err, HistoryError::InvalidName(_)), "{err:?}");
    assert_eq!(err.exit_code(), 2);
    for bad in ["#", "#Bad Topic", "bob\u{1b}", ""] {
        let err = run(&options("alice", Some(bad)), &mut out, &mut io::sink()).unwrap_err();
        assert!(
            matches!(err, HistoryError::InvalidTarget(_)),
            "{bad:?}: {err:?}"
        );
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().starts_with("--with expects"), "{err}");
    }
    assert!(out.is_empty());
}
