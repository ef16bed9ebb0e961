//! Tests of the integrity check, salvage and recovery, on files damaged as it was
//! measured: random bytes written inside one page in the middle of a file of thousands
//! of messages.

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use time::macros::datetime;

use super::*;
use crate::domain::{Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName};
use crate::store::History;
use crate::store::recover::recover;

/// Messages in a test history: a few hundred pages.
pub(crate) const MESSAGES: usize = 5_000;

fn message(i: usize) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(format!("m{i:05}")),
        conversation: ConversationId::parse_target(&format!("user{}", i % 7)).unwrap(),
        from: Some(UserName::parse("bob").unwrap()),
        sent_at: datetime!(2026-11-21 10:00:00.123 UTC),
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Text(format!(
            "message number {i}, with a few words to fill pages"
        )),
        marks: Default::default(),
    }
}

/// A history of [`MESSAGES`] messages at `dir/history.sqlite3`, all in the main file
/// (the write-ahead log checkpointed away).
pub(crate) fn filled(dir: &Path) -> PathBuf {
    let path = dir.join("history.sqlite3");
    let mut history = History::open(&path).unwrap();
    let all: Vec<ChatMessage> = (0..MESSAGES).map(message).collect();
    for chunk in all.chunks(1000) {
        history.insert_batch(chunk).unwrap();
    }
    history
        .conn_for_tests()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(history);
    path
}

/// Writes 2,000 bytes of noise into the page in the middle of the file, as measured.
pub(crate) fn damage(path: &Path) {
    let size = std::fs::metadata(path).unwrap().len();
    let page = size / 4096 / 2;
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(page * 4096 + 500)).unwrap();
    let noise: Vec<u8> = (0..2000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    file.write_all(&noise).unwrap();
}

/// Writes the same noise into a page of the `messages` table itself (the one holding
/// message 2,500's text), whatever the file's layout: the indexes that start-up reads
/// stay sound, as when a disk loses a page of old messages.
pub(crate) fn damage_rows(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let needle = b"message number 2500,";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("message 2,500 is in the file");
    let page = at as u64 / 4096;
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(page * 4096 + 500)).unwrap();
    let noise: Vec<u8> = (0..2000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    file.write_all(&noise).unwrap();
}

#[test]
fn a_sound_file_passes_and_a_damaged_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path());
    assert_eq!(check(&path).unwrap(), Integrity::Sound);
    damage(&path);
    let Integrity::Damaged(report) = check(&path).unwrap() else {
        panic!("the damage went unnoticed");
    };
    assert!(!report.is_empty());
    assert!(report.lines().count() == 1, "one line: {report}");
}

#[test]
fn salvage_reads_every_row_the_damage_spares_in_stored_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path());
    damage(&path);
    let mut seqs = Vec::new();
    let found = salvage(&path, |seq, _| {
        seqs.push(seq);
        Ok(())
    })
    .unwrap();
    assert!(
        found.read > MESSAGES * 9 / 10,
        "read {} of {MESSAGES}",
        found.read
    );
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "in stored order");
    let accounted = found.read
        + found.unreadable.len()
        + found
            .lost
            .iter()
            .map(|(a, b)| usize::try_from(b - a + 1).unwrap())
            .sum::<usize>();
    assert!(accounted >= MESSAGES, "every row read or named: {found:?}");
}

#[test]
fn recovery_keeps_the_damaged_file_and_leaves_a_sound_one_with_every_readable_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path());
    damage(&path);
    let readable = salvage(&path, |_, _| Ok(())).unwrap().read;
    let done = recover(&path, "20261202T120000").unwrap();
    assert_eq!(done.salvaged.read, readable);
    assert!(done.damaged_copy.exists(), "the damaged file is kept");
    assert_eq!(
        done.damaged_copy.file_name().unwrap(),
        "history.sqlite3.damaged-20261202T120000"
    );
    assert_eq!(check(&path).unwrap(), Integrity::Sound);
    let fresh = History::open(&path).unwrap();
    assert_eq!(fresh.all(None).unwrap().len(), readable);
    assert!(!dir.path().join("history.sqlite3.recovering").exists());
}

#[test]
fn recovering_a_sound_file_copies_it_whole() {
    use crate::domain::{NotifyLevel, TopicName};
    let dir = tempfile::tempdir().unwrap();
    let path = filled(dir.path());
    let news = TopicName::parse("news").unwrap();
    let user3 = ConversationId::parse_target("user3").unwrap();
    {
        let mut h = History::open(&path).unwrap();
        h.set_subscribed(&news, true).unwrap();
        h.set_closed(&user3, true).unwrap();
        let topic = ConversationId::Topic(news.clone());
        h.set_notify_level(&topic, Some(NotifyLevel::None)).unwrap();
    }
    let done = recover(&path, "x").unwrap();
    assert_eq!(done.salvaged.read, MESSAGES);
    assert!(done.salvaged.lost.is_empty() && done.salvaged.unreadable.is_empty());
    let h = History::open(&path).unwrap();
    assert_eq!(h.all(None).unwrap().len(), MESSAGES);
    assert_eq!(h.subscriptions().unwrap(), std::slice::from_ref(&news));
    assert_eq!(
        h.closed().unwrap(),
        [user3],
        "closed conversations are kept"
    );
    assert_eq!(
        h.notify_levels().unwrap(),
        [(ConversationId::Topic(news), NotifyLevel::None)],
        "and the /notify levels"
    );
}

#[test]
fn a_corrupt_error_counts_as_damage_and_a_full_disk_does_not() {
    let corrupt = StoreError::Sqlite {
        path: PathBuf::from("h"),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            None,
        ),
    };
    let full = StoreError::Sqlite {
        path: PathBuf::from("h"),
        source: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        ),
    };
    assert!(corrupt.is_damage());
    assert!(!full.is_damage());
}
