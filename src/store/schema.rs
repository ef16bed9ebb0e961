//! The database layout and its migrations, and the connection settings that make every
//! stored message durable.
//!
//! The schema version lives in `PRAGMA user_version`. `MIGRATIONS[i]` takes a
//! database from version `i` to `i + 1`; a later change appends a step, never edits one.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a connection waits for another one (e.g. a `history` export in a second
/// process) to release its lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The migration steps, in order.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: messages, read markers, subscriptions.
    r"
    CREATE TABLE messages (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT    NOT NULL UNIQUE,
        conversation TEXT    NOT NULL,
        sender       TEXT,
        sent_at      TEXT    NOT NULL,
        direction    TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
        status       TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        failure      TEXT,
        kind         TEXT    NOT NULL CHECK (kind IN ('text', 'unreadable')),
        body         TEXT    NOT NULL,
        reason       TEXT
    );
    CREATE INDEX messages_by_conversation ON messages (conversation, seq);
    CREATE INDEX messages_pending ON messages (seq) WHERE status = 'pending';
    CREATE TABLE read_markers (
        conversation TEXT    PRIMARY KEY,
        seq          INTEGER NOT NULL
    );
    CREATE TABLE subscriptions (
        topic        TEXT    PRIMARY KEY
    );
    ",
    // 1 -> 2: incoming messages by conversation, so that an unread count reads the index
    // range after the read marker instead of every incoming row.
    r"
    CREATE INDEX messages_incoming ON messages (conversation, seq) WHERE direction = 'in';
    ",
    // 2 -> 3: conversations closed with `/close`, with the last `seq` they had then (a
    // newer message opens them again).
    r"
    CREATE TABLE closed (
        conversation TEXT    PRIMARY KEY,
        seq          INTEGER NOT NULL
    );
    ",
    // 3 -> 4 (protocol version 4): actions, replies, and edits and deletes by the
    // sender. `changed_at` is the last applied change's send time (Unix milliseconds;
    // an older change arriving late is not applied); `change_id` and `change_status`
    // hold this user's own latest change of the row until the broker confirms it (the
    // outbox of changes).
    r"
    ALTER TABLE messages ADD COLUMN action        INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN reply_to      TEXT;
    ALTER TABLE messages ADD COLUMN reply_author  TEXT;
    ALTER TABLE messages ADD COLUMN edited        INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN deleted       INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN changed_at    INTEGER;
    ALTER TABLE messages ADD COLUMN change_id     TEXT;
    ALTER TABLE messages ADD COLUMN change_status TEXT;
    CREATE INDEX messages_by_change ON messages (change_id) WHERE change_id IS NOT NULL;
    CREATE INDEX messages_change_pending ON messages (seq) WHERE change_status = 'pending';
    ",
    // 4 -> 5: the level each conversation notifies at, where `/notify` set one.
    r"
    CREATE TABLE notify_levels (
        conversation TEXT    PRIMARY KEY,
        level        TEXT    NOT NULL CHECK (level IN ('all', 'mentions', 'none'))
    );
    ",
];

/// Applies the durability settings (WAL journal, `synchronous=FULL`, busy timeout) and
/// brings the schema up to [`SCHEMA_VERSION`]. `path` is only used in error messages.
pub fn prepare(conn: &mut Connection, path: &Path, in_memory: bool) -> Result<(), StoreError> {
    let open_err = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(open_err)?;
    let wanted = if in_memory { "memory" } else { "wal" };
    if !mode.eq_ignore_ascii_case(wanted) {
        return Err(StoreError::NoWal {
            path: path.to_path_buf(),
            mode,
        });
    }
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(open_err)?;
    migrate(conn).map_err(|e| match e {
        Migration::Sqlite(source) => open_err(source),
        Migration::TooNew(found) => StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        },
    })
}

enum Migration {
    Sqlite(rusqlite::Error),
    TooNew(i64),
}

impl From<rusqlite::Error> for Migration {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

/// Runs the missing migration steps in one immediate transaction, so two processes
/// opening a fresh file at once cannot both create the schema.
fn migrate(conn: &mut Connection) -> Result<(), Migration> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Migration::TooNew(current));
    }
    let start = usize::try_from(current).unwrap_or(0);
    for step in &MIGRATIONS[start..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Builds the schema as an older build left it, at `version` (to test the migrations
/// from there).
#[cfg(test)]
pub(super) fn create_version(conn: &Connection, version: usize) -> rusqlite::Result<()> {
    for step in &MIGRATIONS[..version] {
        conn.execute_batch(step)?;
    }
    conn.pragma_update(None, "user_version", version as i64)
}
