//! The history store seen from async code: every call runs where blocking is allowed.

use std::sync::{Arc, Mutex};

use crate::domain::UserName;
use crate::store::{DiskSync, History, HistoryLock, StoreError};

/// Rows a write may hold and still run in place ([`StoreHandle::write_rows`]): a few
/// rows without a disk sync take tens of microseconds.
pub const FEW_ROWS: usize = 8;

/// A shared handle to the user's [`History`]; cheap to clone.
#[derive(Clone)]
pub struct StoreHandle {
    inner: Arc<Mutex<History>>,
    disk: DiskSync,
    /// Set (to what was found) once the file is known to be damaged: then nothing more
    /// is written to it.
    damaged: Arc<Mutex<Option<String>>>,
    /// Whose history: named in the advice a damaged file gets.
    owner: Option<UserName>,
    /// Held for as long as the client runs: this process owns the history.
    _lock: Option<Arc<HistoryLock>>,
    /// Tests watch each disk sync: called once it is done, before the caller goes on.
    #[cfg(test)]
    after_sync: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Tests make writes fail, as a full disk does, while this is set.
    #[cfg(test)]
    failing_writes: Arc<std::sync::atomic::AtomicBool>,
}

impl StoreHandle {
    /// Wraps an open history.
    pub fn new(history: History) -> Self {
        Self {
            disk: history.disk_sync(),
            inner: Arc::new(Mutex::new(history)),
            damaged: Arc::default(),
            owner: None,
            _lock: None,
            #[cfg(test)]
            after_sync: None,
            #[cfg(test)]
            failing_writes: Arc::default(),
        }
    }

    /// The same handle, failing every [`StoreHandle::write_rows`] as a full disk would
    /// while `failing` is set.
    #[cfg(test)]
    pub fn failing_writes(self, failing: Arc<std::sync::atomic::AtomicBool>) -> Self {
        Self {
            failing_writes: failing,
            ..self
        }
    }

    /// The same handle, calling `hook` after each disk sync (tests watch the order of
    /// syncs and acks with it).
    #[cfg(test)]
    pub fn after_sync(self, hook: impl Fn() + Send + Sync + 'static) -> Self {
        Self {
            after_sync: Some(Arc::new(hook)),
            ..self
        }
    }

    /// Runs `work` with the history without stalling other tasks. On the multi-thread
    /// runtime the client runs on, the calling worker does it in place (its other tasks
    /// move to another worker). Elsewhere (a single-threaded test runtime) it goes to a
    /// blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut History) -> Result<T, StoreError> + Send + 'static,
    {
        let locked = self.locked(work);
        match tokio::runtime::Handle::current().runtime_flavor() {
            tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(locked),
            _ => tokio::task::spawn_blocking(locked)
                .await
                .unwrap_or_else(|join| Err(StoreError::Background(join.to_string()))),
        }
    }

    /// The same handle, owned by `me`, keeping `lock` (this process's hold on the
    /// history) alive for as long as a clone of it lives.
    pub fn owned_by(self, me: UserName, lock: Option<HistoryLock>) -> Self {
        Self {
            owner: Some(me),
            _lock: lock.map(Arc::new),
            ..self
        }
    }

    /// Marks the history damaged (`detail`: what was found): every write from now on
    /// fails with [`StoreError::Damaged`], so nothing more is stored — or acked — into it.
    pub fn mark_damaged(&self, detail: String) {
        *self.damaged.lock().unwrap_or_else(|p| p.into_inner()) = Some(detail);
    }

    /// The damage found, as the error a write gets instead.
    pub fn damage(&self) -> Option<StoreError> {
        let damaged = self.damaged.lock().unwrap_or_else(|p| p.into_inner());
        let detail = damaged.as_ref()?.clone();
        Some(StoreError::Damaged {
            path: self.disk.path().to_path_buf(),
            user: self
                .owner
                .as_ref()
                .map_or_else(|| "NAME".to_owned(), ToString::to_string),
            detail,
        })
    }

    /// Runs a write of `rows` rows without a disk sync. At most [`FEW_ROWS`] it runs
    /// right here, holding up the calling thread for microseconds (or for as long as a
    /// call already running keeps the history): less than handing the worker's other
    /// tasks to another thread would cost, and a message's path stays on one thread.
    /// More rows go through [`StoreHandle::run`].
    pub async fn write_rows<T, F>(&self, rows: usize, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut History) -> Result<T, StoreError> + Send + 'static,
    {
        #[cfg(test)]
        if self
            .failing_writes
            .load(std::sync::atomic::Ordering::SeqCst)
        {
            return Err(StoreError::Background("database or disk is full".into()));
        }
        if let Some(damage) = self.damage() {
            return Err(damage);
        }
        let written = if rows <= FEW_ROWS {
            self.locked(work)()
        } else {
            self.run(work).await
        };
        match written {
            // SQLite met a damaged page: stop writing into the file from now on.
            Err(err) if err.is_damage() => {
                tracing::error!(%err, "the history is damaged");
                self.mark_damaged(err.to_string());
                Err(self.damage().unwrap_or(err))
            }
            other => other,
        }
    }

    /// The history file.
    pub fn path(&self) -> &std::path::Path {
        self.disk.path()
    }

    /// How many outgoing messages are still pending (0, logged, when the history cannot
    /// be read: this is for progress and last words, not for decisions).
    pub async fn pending_count(&self) -> usize {
        match self.run(|h| h.pending_outgoing()).await {
            Ok(pending) => pending.len(),
            Err(err) => {
                tracing::warn!(%err, "cannot count the pending messages");
                0
            }
        }
    }

    /// Puts everything committed so far on disk ([`DiskSync`]), on a blocking thread
    /// and without holding the history: other calls go on meanwhile.
    pub async fn sync_to_disk(&self) -> Result<(), StoreError> {
        let disk = self.disk.clone();
        #[cfg(test)]
        let hook = self.after_sync.clone();
        tokio::task::spawn_blocking(move || {
            disk.sync()?;
            #[cfg(test)]
            if let Some(hook) = hook {
                hook();
            }
            Ok(())
        })
        .await
        .unwrap_or_else(|join| Err(StoreError::Background(join.to_string())))
    }

    /// `work`, to be run with the history locked.
    fn locked<T, F>(&self, work: F) -> impl FnOnce() -> Result<T, StoreError> + use<T, F>
    where
        F: FnOnce(&mut History) -> Result<T, StoreError>,
    {
        let inner = Arc::clone(&self.inner);
        move || {
            let mut history = inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut history)
        }
    }
}
