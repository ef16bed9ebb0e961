//! [`History`]: the per-user SQLite database of every message received or sent, which is
//! also the outbox of messages not yet confirmed by the broker.
//!
//! Durability: the database runs in WAL mode with `synchronous=FULL`, so a message is on
//! disk when a synced write returns and survives `kill -9` or a torn write. The
//! client's busy paths write without waiting for the disk ([`History::insert_unsynced`],
//! [`History::set_statuses`]): such a write survives a crash of the client at once and
//! reaches the disk with the next synced write, a checkpoint, or [`History::disk_sync`],
//! which the inbox runs before it acks. So a disk sync stays out of the way between a
//! message and the screen, and the broker forgets a message only once it is on disk.
//! The code is synchronous; call it from a blocking thread.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{self, COLUMNS};
use super::{DiskSync, StoreError, paths, schema};
use crate::domain::{ChatMessage, ConversationId, DeliveryStatus, MessageId, TopicName, UserName};

/// The local history of one user. One value owns one SQLite connection; several
/// processes may open the same file at once (WAL readers do not block the writer).
pub struct History {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History").field("path", &self.path).finish()
    }
}

const INSERT_SQL: &str = "INSERT INTO messages
    (id, conversation, sender, sent_at, direction, status, failure, kind, body, reason,
     action, reply_to, reply_author, edited, deleted)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
    ON CONFLICT (id) DO NOTHING";

const SET_STATUS_SQL: &str = "UPDATE messages SET status = ?1, failure = ?2 WHERE id = ?3";

/// The answer to one of this user's own changes (edit, delete), kept on the row it
/// changed until it is confirmed.
const SET_CHANGE_STATUS_SQL: &str = "UPDATE messages SET change_status = ?1 WHERE change_id = ?2";

impl History {
    /// Default location: `$CHAT_TUI_DATA_DIR/<user>/history.sqlite3` when that variable
    /// is set, else the platform data directory of chat-tui (`directories`), then
    /// `<user>/history.sqlite3`. Creates nothing.
    pub fn default_path(user: &UserName) -> Result<PathBuf, StoreError> {
        Ok(paths::history_path_in(&paths::data_dir()?, user))
    }

    /// Opens the history at `path`, creating its directory (mode 0700), the file (mode
    /// 0600) and the schema as needed, and migrating an older schema. Another process may
    /// have the same file open (e.g. a `history` export while the client runs).
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        create_private(path)?;
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        schema::prepare(&mut conn, path, false)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an empty history that lives in memory only (tests, `--no-history` runs).
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        schema::prepare(&mut conn, &path, true)?;
        Ok(Self { conn, path })
    }

    /// The file this history lives in (`:memory:` for an in-memory one).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores one message durably. Returns `true` if it is new, `false` if a message with
    /// the same id was already stored (then the stored one is left unchanged).
    #[cfg(test)]
    pub fn insert(&mut self, msg: &ChatMessage) -> Result<bool, StoreError> {
        insert_one(&self.conn, msg).map_err(|e| self.err(e))
    }

    /// Stores many messages in one transaction (one sync to disk), for draining a big
    /// backlog fast. Returns, in input order, whether each was new; a message repeated
    /// inside the batch is new only the first time. All or nothing: on error none is
    /// stored.
    #[cfg(test)]
    pub fn insert_batch(&mut self, msgs: &[ChatMessage]) -> Result<Vec<bool>, StoreError> {
        insert_all(&mut self.conn, msgs).map_err(|e| self.err(e))
    }

    /// Stores messages in one transaction without waiting for the disk: once this
    /// returns they survive the client crashing (they are in the operating system's
    /// cache), and they reach the disk with [`History::disk_sync`] or the next synced
    /// write. Outgoing messages (the outbox) need no more: what was published but lost
    /// with the machine was still sent. Incoming ones are synced before they are acked.
    /// Returns, in input order, whether each was new.
    pub fn insert_unsynced(&mut self, msgs: &[ChatMessage]) -> Result<Vec<bool>, StoreError> {
        unsynced(&mut self.conn, |conn| insert_all(conn, msgs)).map_err(|e| self.err(e))
    }

    /// What puts this history's committed writes on disk, usable without the history
    /// (so a disk sync never holds up its other callers).
    pub fn disk_sync(&self) -> DiskSync {
        DiskSync {
            path: self.path.clone(),
        }
    }

    /// Sets the delivery status of a stored message (and the failure reason for
    /// [`DeliveryStatus::Failed`]). Does nothing if no message has that id.
    pub fn set_status(
        &mut self,
        id: &MessageId,
        status: &DeliveryStatus,
    ) -> Result<(), StoreError> {
        let (status, failure) = codec::status_columns(status);
        let run = || -> rusqlite::Result<()> {
            self.conn.prepare_cached(SET_STATUS_SQL)?.execute(params![
                status,
                failure,
                id.as_str()
            ])?;
            self.conn
                .prepare_cached(SET_CHANGE_STATUS_SQL)?
                .execute(params![status, id.as_str()])?;
            Ok(())
        };
        run().map_err(|e| self.err(e))
    }

    /// Sets the delivery status of many stored messages in one transaction, for settling
    /// a burst of publisher confirms; like [`History::insert_unsynced`] it does not wait
    /// for the disk (a status lost with the machine only means the message is sent again
    /// and dropped by its receiver as a duplicate). Ids not stored are skipped. All or
    /// nothing: on error no status changes.
    pub fn set_statuses(
        &mut self,
        updates: &[(MessageId, DeliveryStatus)],
    ) -> Result<(), StoreError> {
        let run = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut stmt = tx.prepare_cached(SET_STATUS_SQL)?;
                let mut changes = tx.prepare_cached(SET_CHANGE_STATUS_SQL)?;
                for (id, status) in updates {
                    let (status, failure) = codec::status_columns(status);
                    stmt.execute(params![status, failure, id.as_str()])?;
                    changes.execute(params![status, id.as_str()])?;
                }
            }
            tx.commit()
        };
        unsynced(&mut self.conn, run).map_err(|e| self.err(e))
    }

    /// The last `limit` messages of a conversation, oldest first.
    pub fn recent(
        &self,
        conversation: &ConversationId,
        limit: usize,
    ) -> Result<Vec<ChatMessage>, StoreError> {
        let sql = format!(
            "SELECT * FROM (SELECT {COLUMNS} FROM messages WHERE conversation = ?1
             ORDER BY seq DESC LIMIT ?2) ORDER BY seq ASC"
        );
        self.messages(&sql, params![conversation.storage_key(), sql_limit(limit)])
    }

    /// Every message in the order it was stored, optionally only those of one
    /// conversation (for export).
    pub fn all(
        &self,
        conversation: Option<&ConversationId>,
    ) -> Result<Vec<ChatMessage>, StoreError> {
        match conversation {
            Some(conv) => self.messages(
                &format!("SELECT {COLUMNS} FROM messages WHERE conversation = ?1 ORDER BY seq"),
                params![conv.storage_key()],
            ),
            None => self.messages(
                &format!("SELECT {COLUMNS} FROM messages ORDER BY seq"),
                params![],
            ),
        }
    }

    /// Outgoing messages still [`DeliveryStatus::Pending`], oldest first, then this
    /// user's changes (edits, deletes) still unconfirmed, in the order of the messages
    /// they change: the outbox to send again after a restart or reconnect. A change
    /// comes after every message, so it never reaches anyone before what it changes.
    pub fn pending_outgoing(&self) -> Result<Vec<ChatMessage>, StoreError> {
        let mut pending = self.messages(
            &format!(
                "SELECT {COLUMNS} FROM messages WHERE status = 'pending' AND direction = 'out'
                 ORDER BY seq"
            ),
            params![],
        )?;
        pending.extend(changes::pending(&self.conn).map_err(|e| self.err(e))?);
        Ok(pending)
    }

    /// Marks everything stored so far in `conversation` as read. Messages stored later
    /// are unread again; the marker never moves back.
    pub fn mark_read(&mut self, conversation: &ConversationId) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO read_markers (conversation, seq)
                 SELECT ?1, COALESCE(MAX(seq), 0) FROM messages WHERE conversation = ?1
                 ON CONFLICT (conversation) DO UPDATE SET seq = MAX(seq, excluded.seq)",
                params![conversation.storage_key()],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Records that this user has joined (`true`) or left (`false`) a topic, so the
    /// sidebar can list joined topics after a restart. Repeating either is harmless.
    pub fn set_subscribed(
        &mut self,
        topic: &TopicName,
        subscribed: bool,
    ) -> Result<(), StoreError> {
        let sql = if subscribed {
            "INSERT INTO subscriptions (topic) VALUES (?1) ON CONFLICT (topic) DO NOTHING"
        } else {
            "DELETE FROM subscriptions WHERE topic = ?1"
        };
        self.conn
            .execute(sql, params![topic.as_str()])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// The topics this user has joined, by name. Invalid names (a damaged file) are
    /// skipped with a warning.
    pub fn subscriptions(&self) -> Result<Vec<TopicName>, StoreError> {
        let run = || -> rusqlite::Result<Vec<TopicName>> {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT topic FROM subscriptions ORDER BY topic")?;
            let names = stmt
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(names
                .into_iter()
                .filter_map(|name| match TopicName::parse(&name) {
                    Ok(topic) => Some(topic),
                    Err(e) => {
                        tracing::warn!(path = %self.path.display(), "skipping subscription: {e}");
                        None
                    }
                })
                .collect())
        };
        run().map_err(|e| self.err(e))
    }

    /// Whether a message with this id is stored.
    pub fn contains(&self, id: &MessageId) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM messages WHERE id = ?1",
                params![id.as_str()],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(|e| self.err(e))
    }

    /// Runs a message query, skipping (with a warning) rows that do not read back.
    fn messages(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<ChatMessage>, StoreError> {
        let run = || -> rusqlite::Result<Vec<ChatMessage>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(params, codec::decode)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .filter_map(|row| keep(row, &self.path))
                .collect())
        };
        run().map_err(|e| self.err(e))
    }

    /// The raw connection, for tests that inspect settings or damage rows on purpose.
    #[cfg(test)]
    pub(super) fn conn_for_tests(&self) -> &Connection {
        &self.conn
    }

    /// The raw connection, for the store's own recovery.
    pub(super) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }
}

/// Runs `work` with `synchronous=NORMAL` (in WAL mode: commits are not synced to disk,
/// checkpoints are), then puts `synchronous=FULL` back, whatever happened.
fn unsynced<T>(
    conn: &mut Connection,
    work: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let result = work(conn);
    let restored = conn.pragma_update(None, "synchronous", "FULL");
    let value = result?;
    restored?;
    Ok(value)
}

/// Inserts `msgs` in one transaction; for each, `true` if a row was added.
fn insert_all(conn: &mut Connection, msgs: &[ChatMessage]) -> rusqlite::Result<Vec<bool>> {
    let tx = conn.transaction()?;
    let fresh = msgs
        .iter()
        .map(|msg| insert_one(&tx, msg))
        .collect::<rusqlite::Result<Vec<bool>>>()?;
    tx.commit()?;
    Ok(fresh)
}

/// Inserts messages with the `seq` they had (recovery copies a damaged file row by row,
/// so that read markers keep pointing where they did).
pub(super) fn insert_with_seq(
    conn: &mut Connection,
    rows: &[(i64, ChatMessage)],
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO messages
             (seq, id, conversation, sender, sent_at, direction, status, failure, kind, body, reason,
              action, reply_to, reply_author, edited, deleted)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT DO NOTHING",
        )?;
        for (seq, msg) in rows {
            let row = codec::encode(msg);
            stmt.execute(params![
                seq,
                row.id,
                row.conversation,
                row.sender,
                row.sent_at,
                row.direction,
                row.status,
                row.failure,
                row.kind,
                row.body,
                row.reason,
                row.action,
                row.reply_to,
                row.reply_author,
                row.edited,
                row.deleted,
            ])?;
        }
    }
    tx.commit()
}

/// Inserts one message with the cached statement; `true` if a row was added. A change
/// (edit, delete) adds no row: it is applied to the message it names, and `true` means
/// it was.
fn insert_one(conn: &Connection, msg: &ChatMessage) -> rusqlite::Result<bool> {
    if msg.is_change() {
        return changes::apply(conn, msg);
    }
    let row = codec::encode(msg);
    let mut stmt = conn.prepare_cached(INSERT_SQL)?;
    let added = stmt.execute(params![
        row.id,
        row.conversation,
        row.sender,
        row.sent_at,
        row.direction,
        row.status,
        row.failure,
        row.kind,
        row.body,
        row.reason,
        row.action,
        row.reply_to,
        row.reply_author,
        row.edited,
        row.deleted,
    ])?;
    Ok(added == 1)
}

/// Keeps a decoded row, or logs why it is skipped.
fn keep(row: Result<ChatMessage, String>, path: &Path) -> Option<ChatMessage> {
    match row {
        Ok(msg) => Some(msg),
        Err(problem) => {
            tracing::warn!(path = %path.display(), problem = %crate::logging::safe(&problem), "skipping unreadable history row");
            None
        }
    }
}

/// A `usize` limit as SQLite's integer (saturating).
fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Escapes `\`, `%` and `_` for a `LIKE ... ESCAPE '\'` pattern.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Creates the parent directory (0700) and the file (0600) if missing, so a private
/// history is never readable by other users, even for a moment; tightens existing ones
/// (and a write-ahead log left beside the file) to those modes.
fn create_private(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_fs::private_dir(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let create_file = |path: &Path, source| StoreError::CreateFile {
        path: path.to_path_buf(),
        source,
    };
    crate::private_fs::private_file(path)
        .map(drop)
        .map_err(|source| create_file(path, source))?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        crate::private_fs::tighten_if_present(&side)
            .map_err(|source| create_file(&side, source))?;
    }
    Ok(())
}

mod changes;
mod closed;
mod notify_levels;
mod overview;
mod pages;
mod search;

#[cfg(test)]
pub(super) use overview::{CONVERSATIONS_SQL, UNREAD_SQL};
#[cfg(test)]
pub(super) use pages::page_sql;

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
