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
mod tests {
    use super::*;

    fn alice() -> UserName {
        UserName::parse("alice").unwrap()
    }

    #[test]
    fn builds_the_path_under_an_explicit_base() {
        let path = history_path_in(Path::new("/tmp/x"), &alice());
        assert_eq!(path, Path::new("/tmp/x/alice/history.sqlite3"));
    }

    #[test]
    fn an_override_wins_and_an_empty_one_is_ignored() {
        let base = data_dir_from(Some(PathBuf::from("/srv/chat"))).unwrap();
        assert_eq!(base, Path::new("/srv/chat"));
        // Without a usable override the platform directory is used (when a home exists).
        if let Ok(platform) = data_dir_from(Some(PathBuf::new())) {
            assert!(platform.ends_with("chat-tui"), "{platform:?}");
            assert_eq!(data_dir_from(None).unwrap(), platform);
        }
    }
}
