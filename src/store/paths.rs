//! Where a user's history lives on disk.

use std::path::{Path, PathBuf};

use super::StoreError;
use crate::domain::UserName;

/// Environment variable that overrides the data directory (tests and portable setups).
pub const DATA_DIR_ENV: &str = "CHAT_TUI_DATA_DIR";

/// File name of the history database inside the user's directory.
pub const HISTORY_FILE: &str = "history.sqlite3";

/// The history file of `user` under the data directory `base`: `<base>/<user>/history.sqlite3`.
pub fn history_path_in(base: &Path, user: &UserName) -> PathBuf {
    base.join(user.as_str()).join(HISTORY_FILE)
}

/// The data directory: the value of [`DATA_DIR_ENV`] when it is set and not empty,
/// else the platform's data directory for chat-tui (`$XDG_DATA_HOME/chat-tui` on Linux).
/// Creates nothing.
pub fn data_dir() -> Result<PathBuf, StoreError> {
    data_dir_from(std::env::var_os(DATA_DIR_ENV).map(PathBuf::from))
}

/// [`data_dir`] with the override given explicitly instead of read from the environment.
pub fn data_dir_from(override_dir: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    match override_dir {
        Some(dir) if !dir.as_os_str().is_empty() => Ok(dir),
        _ => directories::ProjectDirs::from("", "", "chat-tui")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or(StoreError::NoDataDir),
    }
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
