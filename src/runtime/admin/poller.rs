//! The refresh poller: reads a snapshot from the broker once per interval (or at once
//! when asked), on its own task, and reports it as an event. A refresh that takes longer
//! than the interval delays the next one instead of piling up.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc, watch};
use tokio::time::Instant;

use super::driver::AdminEvent;
use crate::app::admin::Event;
use crate::broker::console::Console;

/// Shortest pause between the end of one refresh and the start of the next, so a broker
/// slower than the interval still gets breathing room.
const MIN_GAP: Duration = Duration::from_millis(100);
/// Shortest wait before retrying an unreachable broker.
const MIN_RETRY: Duration = Duration::from_secs(1);

/// Polls `console` until the event channel closes. `watched` names the queues to count
/// live; `refresh_now` cuts the wait short.
pub async fn poll<C: Console>(
    console: Arc<C>,
    mut watched: watch::Receiver<Vec<String>>,
    refresh_now: Arc<Notify>,
    interval: Duration,
    events: mpsc::Sender<AdminEvent>,
) {
    loop {
        let live = watched.borrow_and_update().clone();
        let started = Instant::now();
        let result = console.snapshot(&live).await;
        let finished = Instant::now();
        let mut wait = interval;
        let event = match result {
            Ok(snapshot) => Event::Refreshed {
                snapshot,
                at: finished.into_std(),
                took: finished - started,
            },
            Err(err) => {
                tracing::warn!(err = %crate::logging::safe(&err), "refresh failed");
                if err.is_unreachable() {
                    wait = wait.max(MIN_RETRY);
                }
                Event::RefreshFailed {
                    unreachable: err.is_unreachable(),
                    error: err.to_string(),
                    at: finished.into_std(),
                }
            }
        };
        if events.send(AdminEvent::App(Box::new(event))).await.is_err() {
            return;
        }
        let next = (started + wait).max(Instant::now() + MIN_GAP);
        tokio::select! {
            _ = tokio::time::sleep_until(next) => {}
            _ = refresh_now.notified() => {}
        }
    }
}
