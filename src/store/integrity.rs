//! Checking a history file for damage, and salvaging what is readable from a damaged
//! one: every message row that can still be read, by ranges of `seq` (the table's own
//! b-tree, so a damaged index costs nothing and a damaged table page costs only its
//! rows), in the order they were stored.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::codec::{self, COLUMNS};
use super::{StoreError, schema};
use crate::domain::ChatMessage;

/// Lines of SQLite's report kept in [`Integrity::Damaged`].
const REPORT_LINES: usize = 3;
/// Rows read per query while salvaging; a range that fails is halved until it is one row.
const SALVAGE_RANGE: i64 = 1024;

/// What the integrity check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Integrity {
    /// No damage.
    Sound,
    /// Damage; the text is the start of SQLite's report.
    Damaged(String),
}

/// Checks the history at `path` (`PRAGMA quick_check`: every page and record, not the
/// index contents) on a read-only connection of its own, so it can run beside a client
/// that has the file open. On a million messages it takes a fraction of a second when
/// the file is in the page cache and a few seconds from a cold disk
/// (`docs/benchmarks.md`): the client runs it after its first frame.
pub fn check(path: &Path) -> Result<Integrity, StoreError> {
    let conn = open_read_only(path)?;
    let lines: Result<Vec<String>, rusqlite::Error> = conn
        .prepare("PRAGMA quick_check(20)")
        .and_then(|mut stmt| stmt.query_map([], |row| row.get(0))?.collect());
    match lines {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Ok(Integrity::Sound),
        Ok(lines) => Ok(Integrity::Damaged(report(&lines))),
        // A file too damaged to be checked is damaged.
        Err(source) => {
            let error = StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            };
            if error.is_damage() {
                Ok(Integrity::Damaged(error.to_string()))
            } else {
                Err(error)
            }
        }
    }
}

/// The first lines of SQLite's report, on one line.
fn report(lines: &[String]) -> String {
    let mut found: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.lines())
        .filter(|l| !l.starts_with("***"))
        .collect();
    let more = found.len().saturating_sub(REPORT_LINES);
    found.truncate(REPORT_LINES);
    let mut text = found.join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    text
}

fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
    conn.busy_timeout(schema::BUSY_TIMEOUT).map_err(open_err)?;
    Ok(conn)
}

/// What salvaging a file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// Rows read back as messages.
    pub read: usize,
    /// Rows found but unreadable as messages (a damaged record), with why.
    pub unreadable: Vec<String>,
    /// Ranges of `seq` (inclusive) that could not be read at all.
    pub lost: Vec<(i64, i64)>,
}

/// Hands every readable message of the file at `path` to `visit`, with its `seq`, in
/// stored order, whatever is damaged; says what could not be read.
pub fn salvage(
    path: &Path,
    mut visit: impl FnMut(i64, ChatMessage) -> Result<(), StoreError>,
) -> Result<Salvaged, StoreError> {
    let conn = open_read_only(path)?;
    let last = last_seq(&conn);
    let mut found = Salvaged::default();
    let mut start = 1;
    while start <= last {
        let end = (start + SALVAGE_RANGE - 1).min(last);
        read_range(&conn, start, end, &mut found, &mut visit)?;
        start = end + 1;
    }
    Ok(found)
}

/// The highest `seq` ever given out (the AUTOINCREMENT counter), or the highest row's
/// when the counter cannot be read.
fn last_seq(conn: &Connection) -> i64 {
    let counter = conn.query_row(
        "SELECT seq FROM sqlite_sequence WHERE name = 'messages'",
        [],
        |row| row.get::<_, i64>(0),
    );
    counter
        .or_else(|_| conn.query_row("SELECT MAX(seq) FROM messages", [], |row| row.get(0)))
        .unwrap_or(0)
}

/// Reads rows `start..=end`; a failing range is split in two and each half tried, down
/// to single rows, which are then lost.
fn read_range(
    conn: &Connection,
    start: i64,
    end: i64,
    found: &mut Salvaged,
    visit: &mut impl FnMut(i64, ChatMessage) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq");
    let rows = conn.prepare_cached(&sql).and_then(|mut stmt| {
        stmt.query_map([start, end], |row| {
            let seq: i64 = row.get(0)?;
            Ok((seq, codec::decode(row)))
        })?
        .collect::<Result<Vec<_>, _>>()
    });
    match rows {
        Ok(mut rows) => {
            // A damaged page can end a range scan early without an error (a garbled
            // rowid past the range): each row the scan did not give is asked for alone.
            let expected = usize::try_from(end - start + 1).unwrap_or(usize::MAX);
            if rows.len() < expected {
                let given: std::collections::BTreeSet<i64> =
                    rows.iter().map(|(seq, _)| *seq).collect();
                for seq in (start..=end).filter(|seq| !given.contains(seq)) {
                    if let Ok(Some(row)) = read_one(conn, seq) {
                        rows.push(row);
                    }
                }
                rows.sort_by_key(|(seq, _)| *seq);
            }
            for (seq, message) in rows {
                match message {
                    Ok(Ok(message)) => {
                        found.read += 1;
                        visit(seq, message)?;
                    }
                    Ok(Err(why)) => found.unreadable.push(why),
                    Err(e) => found.unreadable.push(format!("row {seq}: {e}")),
                }
            }
            Ok(())
        }
        Err(_) if start == end => {
            match found.lost.last_mut() {
                Some((_, last)) if *last + 1 == start => *last = start,
                _ => found.lost.push((start, end)),
            }
            Ok(())
        }
        Err(_) => {
            let middle = start + (end - start) / 2;
            read_range(conn, start, middle, found, visit)?;
            read_range(conn, middle + 1, end, found, visit)
        }
    }
}

/// A row as salvage reads it: its `seq`, and the message or why it is not one.
type SalvagedRow = (i64, rusqlite::Result<Result<ChatMessage, String>>);

/// Row `seq` alone, if it is there and its page can be read.
fn read_one(conn: &Connection, seq: i64) -> rusqlite::Result<Option<SalvagedRow>> {
    use rusqlite::OptionalExtension;
    let sql = format!("SELECT {COLUMNS} FROM messages WHERE seq = ?1");
    conn.prepare_cached(&sql)?
        .query_row([seq], |row| Ok((row.get(0)?, codec::decode(row))))
        .optional()
}

#[cfg(test)]
#[path = "integrity_tests.rs"]
pub(crate) mod tests;
