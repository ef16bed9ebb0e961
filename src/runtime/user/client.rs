//! A running client, whatever its broker and face: the connection supervisor and the
//! outbox on their own tasks, the driver on the shared event loop, and an orderly stop.
//! Start-up builds the real parts; the tests build them around the fake broker.

use std::sync::Arc;

use tokio::sync::{mpsc, watch};

use crate::app::user::{Event, UserApp};
use crate::broker::user::{ChatBroker, ChatSession, Connected};
use crate::domain::UserName;
use crate::runtime::event_loop;
use crate::store::{Integrity, integrity};

use super::commands::Commands;
use super::driver::{Driver, Outcome};
use super::events::RuntimeEvent;
use super::face::Face;
use super::options::RunError;
use super::outbox;
use super::store_handle::StoreHandle;
use super::supervisor::Supervisor;

/// How long after the start the history is checked for damage.
const CHECK_AFTER: std::time::Duration = std::time::Duration::from_millis(300);
/// How long quitting waits for the connection supervisor to ack what was shown and
/// close the session.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// What a run is made of.
pub struct Parts<B: ChatBroker> {
    /// The broker to connect to.
    pub broker: Arc<B>,
    /// Who the client is.
    pub me: UserName,
    /// The app, its history loaded.
    pub app: UserApp,
    /// The history.
    pub store: StoreHandle,
    /// The TUI or line mode.
    pub face: Face,
    /// A session already connected (line mode connects before reading input); without
    /// one the supervisor connects first.
    pub first: Option<Connected<B::Session>>,
    /// How long line mode may wait for the broker at the end of its input (`None`: as
    /// long as it takes).
    pub max_wait: Option<std::time::Duration>,
    /// How long the first connection keeps trying a broker that is slow to answer.
    pub connect_limit: std::time::Duration,
}

/// Runs the client until it quits, is stopped, or its first connection is refused;
/// `events` is the channel every source feeds (`sender` is a handle to it).
pub async fn run<B: ChatBroker>(
    parts: Parts<B>,
    sender: mpsc::Sender<RuntimeEvent>,
    mut events: mpsc::Receiver<RuntimeEvent>,
) -> Result<Outcome, RunError> {
    let Parts {
        broker,
        me,
        app,
        store,
        face,
        first,
        max_wait,
        connect_limit,
    } = parts;
    let lines = face.is_lines();
    let waiting = first.as_ref().map(|c| c.session.waiting_at_connect());
    let (outgoing, queued) = mpsc::unbounded_channel();
    let (stop_supervisor, stopping) = watch::channel(false);
    let (supervisor, sessions) = Supervisor::new(
        Arc::clone(&broker),
        me.clone(),
        store.clone(),
        sender.clone(),
        first,
        stopping,
        connect_limit,
    );
    let mut supervisor = tokio::spawn(supervisor.run());
    // The outbox sends what is pending from earlier runs (a crash, a lost connection)
    // first, then announces us, on this session and on every later one.
    let outbox = tokio::spawn(outbox::run(
        sessions.clone(),
        store.clone(),
        queued,
        sender.clone(),
    ));

    tokio::spawn(check_history(store.clone(), sender.clone()));
    let commands = Commands::new(broker, sessions.clone(), store.clone(), sender);
    let mut driver = Driver::new(app, face, commands, outgoing, max_wait);
    if let Some(waiting) = waiting {
        driver.feed(Event::Connected { waiting });
    }
    let result = event_loop::run(&mut driver, &mut events).await;
    // The face goes first: the terminal is restored before the connection winds down.
    let mut outcome = driver.finish();

    // The event loop waited (bounded) for the outbox to drain; whatever is still
    // unconfirmed stays pending in the history and is sent again on the next start.
    outbox.abort();
    // The inbox pump finishes the burst it holds (a message shown is acked before the
    // connection closes), unless that takes longer than the grace.
    stop_supervisor.send_replace(true);
    if tokio::time::timeout(STOP_GRACE, &mut supervisor)
        .await
        .is_err()
    {
        tracing::warn!("the connection supervisor did not stop in time; left behind");
        supervisor.abort();
    }
    // A broker that blocks the connection (a resource alarm) reads nothing from it, its
    // close-ok included: the close is not waited for longer than the grace.
    let current = sessions.borrow().clone();
    if let Some(session) = current
        && tokio::time::timeout(STOP_GRACE, session.close())
            .await
            .is_err()
    {
        tracing::warn!("closing the session timed out; the broker drops it with the socket");
    }
    result?;
    outcome.unsent = store.pending_count().await;
    if outcome.removed && lines {
        return Err(match outcome.shut_out.clone() {
            Some(why) => RunError::ShutOut(why),
            None => RunError::Removed(me),
        });
    }
    // A script's exit status tells the truth.
    if outcome.unsent > 0 && lines {
        return Err(RunError::Unsent(outcome.unsent));
    }
    Ok(outcome)
}

/// Checks the history for damage once the client runs (on a million messages the check
/// takes up to a few seconds from a cold disk, so it never delays the first frame). On
/// damage nothing more is written to the file — receiving pauses, what is written is
/// refused — and the app says what to do.
async fn check_history(store: StoreHandle, events: mpsc::Sender<RuntimeEvent>) {
    let path = store.path().to_path_buf();
    if path.as_os_str() == ":memory:" {
        return;
    }
    // After the first frame: the check reads the whole file.
    tokio::time::sleep(CHECK_AFTER).await;
    let checked = tokio::task::spawn_blocking(move || integrity::check(&path)).await;
    match checked {
        Ok(Ok(Integrity::Sound)) => tracing::debug!("the history is sound"),
        Ok(Ok(Integrity::Damaged(report))) => {
            tracing::error!(%report, "the history is damaged");
            store.mark_damaged(report);
            if let Some(damage) = store.damage() {
                let event = RuntimeEvent::App(Event::HistoryDamaged(damage.to_string()));
                let _ = events.send(event).await;
            }
        }
        Ok(Err(err)) => tracing::warn!(%err, "cannot check the history"),
        Err(join) => tracing::warn!(%join, "the history check failed"),
    }
}
