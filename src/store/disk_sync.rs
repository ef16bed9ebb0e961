//! Putting a history's committed writes on disk after the fact.
//!
//! Writes made without waiting for the disk ([`History::insert_unsynced`]) are in the
//! write-ahead log, in the operating system's cache: they survive a crash of the client
//! at once. Syncing the log file makes them survive a crash of the machine too, as a
//! synced commit would have. It needs only the file, not the connection, so it can run
//! while the history serves other calls.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

#[cfg(doc)]
use super::History;
use super::StoreError;

/// Syncs one history's write-ahead log to disk; see the module documentation.
#[derive(Debug, Clone)]
pub struct DiskSync {
    pub(super) path: PathBuf,
}

impl DiskSync {
    /// The history file this syncs.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts everything committed to the history before this call on disk. A history in
    /// memory has nothing to sync.
    pub fn sync(&self) -> Result<(), StoreError> {
        if self.path == Path::new(":memory:") {
            return Ok(());
        }
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        match std::fs::File::open(&wal).and_then(|file| file.sync_data()) {
            Ok(()) => Ok(()),
            // No log at all: everything is in the database file, which checkpoints sync.
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(source) => Err(StoreError::Sync {
                path: self.path.clone(),
                source,
            }),
        }
    }
}
