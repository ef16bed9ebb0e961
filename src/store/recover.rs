//! `chat-tui history --recover`: a damaged history's readable messages, read markers and
//! subscriptions copied into a fresh file, which takes its place; the damaged file is
//! kept beside it, renamed, never deleted.

use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::StoreError;
use super::history::{History, insert_with_seq};
use super::integrity::{Salvaged, salvage};
use crate::domain::ChatMessage;

/// Messages copied per transaction.
const COPY_BATCH: usize = 2048;

/// What a recovery did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// What was read from the damaged file (and copied).
    pub salvaged: Salvaged,
    /// Where the damaged file is now.
    pub damaged_copy: PathBuf,
}

/// Copies what is readable of the history at `path` into a fresh file, which then
/// takes its place; the damaged one (with its write-ahead log) is renamed
/// `<name>.damaged-<stamp>`. The caller makes sure no client has the file open.
pub fn recover(path: &Path, stamp: &str) -> Result<Recovered, StoreError> {
    let fresh_path = sibling(path, ".recovering");
    remove_with_journal(&fresh_path)?;
    let mut fresh = History::open(&fresh_path)?;
    let mut batch: Vec<(i64, ChatMessage)> = Vec::with_capacity(COPY_BATCH);
    let flush = |fresh: &mut History, batch: &mut Vec<(i64, ChatMessage)>| {
        let rows = std::mem::take(batch);
        insert_with_seq(fresh.conn_mut(), &rows).map_err(|source| StoreError::Sqlite {
            path: fresh_path.clone(),
            source,
        })
    };
    let salvaged = salvage(path, |seq, message| {
        batch.push((seq, message));
        if batch.len() >= COPY_BATCH {
            flush(&mut fresh, &mut batch)?;
        }
        Ok(())
    })?;
    flush(&mut fresh, &mut batch)?;
    copy_small_tables(path, fresh.conn_mut());
    fresh.disk_sync().sync()?;
    drop(fresh);

    let damaged_copy = sibling(path, &format!(".damaged-{stamp}"));
    for suffix in ["", "-wal", "-shm"] {
        let from = sibling(path, suffix);
        if from.exists() {
            let to = sibling(&damaged_copy, suffix);
            std::fs::rename(&from, &to).map_err(|source| StoreError::CreateFile {
                path: to.clone(),
                source,
            })?;
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let from = sibling(&fresh_path, suffix);
        if from.exists() {
            let to = sibling(path, suffix);
            std::fs::rename(&from, &to).map_err(|source| StoreError::CreateFile {
                path: to.clone(),
                source,
            })?;
        }
    }
    Ok(Recovered {
        salvaged,
        damaged_copy,
    })
}

/// The small tables a recovery copies, with their columns: read markers,
/// subscriptions, closed conversations and `/notify` levels.
const SMALL_TABLES: &[(&str, &str)] = &[
    ("read_markers", "conversation, seq"),
    ("subscriptions", "topic"),
    ("closed", "conversation, seq"),
    ("notify_levels", "conversation, level"),
];

/// Copies the rows of the small tables that can still be read; a damaged table (or one
/// an older file does not have) costs only its rows (they are remade as the user reads,
/// joins, closes and sets levels).
fn copy_small_tables(damaged: &Path, fresh: &mut Connection) {
    let Ok(old) = Connection::open_with_flags(damaged, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return;
    };
    for (table, columns) in SMALL_TABLES {
        let width = columns.split(',').count();
        let rows: Vec<Vec<Value>> = old
            .prepare(&format!("SELECT {columns} FROM {table}"))
            .and_then(|mut s| {
                s.query_map([], |r| (0..width).map(|i| r.get(i)).collect())?
                    .collect()
            })
            .unwrap_or_default();
        let places: Vec<String> = (1..=width).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({columns}) VALUES ({}) ON CONFLICT DO NOTHING",
            places.join(", ")
        );
        for row in rows {
            let _ = fresh.execute(&insert, params_from_iter(row));
        }
    }
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a leftover file of an interrupted recovery, with its journal files.
fn remove_with_journal(path: &Path) -> Result<(), StoreError> {
    for suffix in ["", "-wal", "-shm"] {
        let file = sibling(path, suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::CreateFile { path: file, source }),
        }
    }
    Ok(())
}
