//! One process per history: a running client holds an exclusive lock on a file beside
//! its history, so that `chat-tui history --recover` (or a second client of the same
//! name on this machine) can tell it is in use. The lock goes with the process, however
//! it ends.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use super::StoreError;

/// A held lock on a history; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct HistoryLock {
    _file: File,
}

impl HistoryLock {
    /// Takes the lock of the history at `history` without waiting: `Ok(None)` when
    /// another process holds it.
    pub fn try_take(history: &Path) -> Result<Option<Self>, StoreError> {
        let path = lock_path(history);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_fs::private_dir(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let file =
            crate::private_fs::private_file(&path).map_err(|source| StoreError::CreateFile {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(source)) => Err(StoreError::CreateFile { path, source }),
        }
    }
}

/// The lock file of the history at `history`: `<history>.lock`.
fn lock_path(history: &Path) -> PathBuf {
    let mut name = history.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}
