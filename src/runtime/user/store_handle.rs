//! The history store seen from async code: every call runs where blocking is allowed.

use std::sync::{Arc, Mutex};

use crate::store::{History, StoreError};

/// A shared handle to the user's [`History`]; cheap to clone.
#[derive(Clone)]
pub struct StoreHandle {
    inner: Arc<Mutex<History>>,
}

impl StoreHandle {
    /// Wraps an open history.
    pub fn new(history: History) -> Self {
        Self {
            inner: Arc::new(Mutex::new(history)),
        }
    }

    /// Runs `work` with the history without stalling other tasks. On the multi-thread
    /// runtime the client runs on, the calling worker does it in place (its other tasks
    /// move to another worker): a message's path then crosses no extra thread, which
    /// matters for latency. Elsewhere (a single-threaded test runtime) it goes to a
    /// blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut History) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let locked = move || {
            let mut history = inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut history)
        };
        match tokio::runtime::Handle::current().runtime_flavor() {
            tokio::runtime::RuntimeFlavor::MultiThread => tokio::task::block_in_place(locked),
            _ => tokio::task::spawn_blocking(locked)
                .await
                .unwrap_or_else(|join| Err(StoreError::Background(join.to_string()))),
        }
    }
}
