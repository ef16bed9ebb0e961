//! [`HistoryReader`]: a read-only view of a user's history, for `chat-tui history`.
//!
//! The file is opened with `SQLITE_OPEN_READ_ONLY`: nothing is created, migrated or
//! written, so an export can run while the user's client has the same file open. In WAL
//! mode a reader never blocks the writer; it sees every transaction committed before
//! its query started, and nothing half-written (a torn write is rolled back by SQLite).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::codec::{self, COLUMNS, LEGACY_COLUMNS};
use super::{StoreError, schema};
use crate::domain::{ChatMessage, ConversationId};

/// A stored row: the message, or why it does not read back as one (a damaged row; the
/// text names its `seq`).
pub type StoredRow = Result<ChatMessage, String>;

/// A read-only connection to one user's history file.
pub struct HistoryReader {
    conn: Connection,
    path: PathBuf,
    /// The file has no schema yet (a client stopped between creating the file and the
    /// tables), so it holds no messages.
    unprepared: bool,
    /// What to select: the file's schema may predate version 4's columns (it is read
    /// without migrating it).
    columns: &'static str,
}

impl std::fmt::Debug for HistoryReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HistoryReader")
            .field("path", &self.path)
            .finish()
    }
}

/// The export order without a conversation filter: the status buffer, then people,
/// then topics (the order of [`ConversationId`]), names alphabetically (names are
/// lowercase ASCII, so SQLite's byte order is Rust's), and within a conversation the
/// order in which the messages were stored.
const ALL_IN_EXPORT_ORDER: &str = "ORDER BY
    CASE substr(conversation, 1, 1) WHEN '*' THEN 0 WHEN '@' THEN 1 ELSE 2 END,
    conversation, seq";

impl HistoryReader {
    /// Opens the history at `path` read-only; `Ok(None)` when there is no such file.
    /// A file without a schema yet reads as empty; one written by a newer chat-tui is
    /// [`StoreError::TooNew`]; a file that is not an SQLite database is
    /// [`StoreError::Open`].
    pub fn open(path: &Path) -> Result<Option<Self>, StoreError> {
        // When existence cannot be told (a permission problem), SQLite's error says more.
        if !path.try_exists().unwrap_or(true) {
            return Ok(None);
        }
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(schema::BUSY_TIMEOUT).map_err(open_err)?;
        // The first read of the file: this is where "not a database" shows.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(open_err)?;
        if version > schema::SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: schema::SCHEMA_VERSION,
            });
        }
        Ok(Some(Self {
            conn,
            path: path.to_path_buf(),
            unprepared: version == 0,
            columns: if version < 4 { LEGACY_COLUMNS } else { COLUMNS },
        }))
    }

    /// The file this reader reads.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hands every stored message to `visit`, one at a time (the history is never
    /// loaded whole): those of `conversation` in the order they were stored, or, without
    /// one, every conversation in turn — the status buffer, then people, then topics,
    /// names alphabetically — each in stored order. Rows that do not read back are
    /// handed over as `Err` with the reason, so an export can say so instead of
    /// silently leaving them out. `visit` may stop early with `Break`, whose value is
    /// returned.
    pub fn for_each<B>(
        &self,
        conversation: Option<&ConversationId>,
        mut visit: impl FnMut(StoredRow) -> ControlFlow<B>,
    ) -> Result<Option<B>, StoreError> {
        if self.unprepared {
            return Ok(None);
        }
        let key = conversation.map(ConversationId::storage_key);
        let mut run = || -> rusqlite::Result<Option<B>> {
            let (sql, args) = match &key {
                Some(key) => (
                    format!(
                        "SELECT {} FROM messages WHERE conversation = ?1 ORDER BY seq",
                        self.columns
                    ),
                    vec![key.as_str()],
                ),
                None => (
                    format!(
                        "SELECT {} FROM messages {ALL_IN_EXPORT_ORDER}",
                        self.columns
                    ),
                    Vec::new(),
                ),
            };
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
            while let Some(row) = rows.next()? {
                if let ControlFlow::Break(value) = visit(read_row(row)?) {
                    return Ok(Some(value));
                }
            }
            Ok(None)
        };
        run().map_err(|source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        })
    }
}

/// Reads one row. A value of the wrong type or encoding (a damaged row) becomes an
/// `Err` row naming its `seq`; any other SQLite error stops the export.
fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRow> {
    use rusqlite::Error as E;
    match codec::decode(row) {
        Ok(stored) => Ok(stored),
        Err(
            e @ (E::InvalidColumnType(..)
            | E::FromSqlConversionFailure(..)
            | E::IntegralValueOutOfRange(..)
            | E::Utf8Error(..)),
        ) => {
            let seq = row
                .get::<_, i64>(0)
                .map_or_else(|_| "?".to_owned(), |seq| seq.to_string());
            Ok(Err(format!("row {seq}: {e}")))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
