//! The history store seen from async code: every call runs on a blocking thread.

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

    /// Runs `work` with the history on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut History) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tokio::task::spawn_blocking(move || {
            let mut history = inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut history)
        })
        .await
        .unwrap_or_else(|join| Err(StoreError::Background(join.to_string())))
    }
}
