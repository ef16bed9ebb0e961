//! The history store seen from async code: every call runs where blocking is allowed.

use std::sync::{Arc, Mutex};

use crate::store::{DiskSync, History, StoreError};

/// Rows a write may hold and still run in place ([`StoreHandle::write_rows`]): a few
/// rows without a disk sync take tens of microseconds.
pub const FEW_ROWS: usize = 8;

/// A shared handle to the user's [`History`]; cheap to clone.
#[derive(Clone)]
pub struct StoreHandle {
    inner: Arc<Mutex<History>>,
    disk: DiskSync,
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
        if rows <= FEW_ROWS {
            self.locked(work)()
        } else {
            self.run(work).await
        }
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
