//! What can go wrong with the local history, always naming the file concerned.

use std::path::PathBuf;

/// An error of the history store. Every variant that concerns a database names its file
/// (`:memory:` for an in-memory store).
#[derive(thiserror::Error, Debug)]
pub enum StoreError {
    /// Neither `CHAT_TUI_DATA_DIR` is set nor a home directory is known, so there is no
    /// default place for the history.
    #[error("no data directory for the history: set CHAT_TUI_DATA_DIR or HOME (or XDG_DATA_HOME)")]
    NoDataDir,
    /// The directory that holds the history could not be created.
    #[error("cannot create the history directory {path}: {source}")]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The database file could not be created.
    #[error("cannot create the history file {path}: {source}")]
    CreateFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file could not be opened or prepared as a history database (not SQLite,
    /// locked, unreadable, ...).
    #[error("cannot open the history {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// SQLite refused the write-ahead journal, without which stored messages are not
    /// safe against a crash.
    #[error("the history {path} cannot use a write-ahead journal (SQLite chose {mode:?})")]
    NoWal {
        /// The file.
        path: PathBuf,
        /// The journal mode SQLite kept.
        mode: String,
    },
    /// The file was written by a newer chat-tui with a schema this build does not know.
    #[error(
        "the history {path} has schema version {found}, this chat-tui understands up to {supported}; upgrade chat-tui"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A query or update failed.
    #[error("history {path}: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The history's write-ahead log could not be synced to disk.
    #[error("cannot sync the history {} to disk: {source}", path.display())]
    Sync {
        /// The history file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The blocking task that ran a store call failed (it panicked or was cancelled).
    #[error("the history task failed: {0}")]
    Background(String),
    /// The file is damaged (the integrity check, or SQLite, found pages it cannot
    /// read): nothing more is written to it until it is recovered.
    #[error(
        "the history {} is damaged ({detail}); nothing more is stored in it: quit, then run `chat-tui history --name {user} --recover`",
        path.display()
    )]
    Damaged {
        /// The history file.
        path: PathBuf,
        /// Whose history (for the command to run).
        user: String,
        /// What the check or SQLite said, shortened.
        detail: String,
    },
}

impl StoreError {
    /// Whether SQLite says the file itself is damaged (`SQLITE_CORRUPT`, or not a
    /// database any more), as opposed to a full disk or a failed call.
    pub fn is_damage(&self) -> bool {
        let source = match self {
            StoreError::Damaged { .. } => return true,
            StoreError::Open { source, .. } | StoreError::Sqlite { source, .. } => source,
            _ => return false,
        };
        matches!(
            source.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }
}
