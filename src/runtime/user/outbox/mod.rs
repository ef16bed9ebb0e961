//! The outbox: what the user writes is stored before anything else happens to it, then
//! published and answered.
//!
//! Two stages on their own tasks, so that a broker that holds publishes (a resource
//! alarm blocks the connection) never holds up storing:
//!
//! - [`store`](store_stage): each burst of messages written is stored as *pending* in
//!   one transaction (`insert_unsynced`: it survives a client crash at once), and only
//!   then told to the app ([`Event::Queued`](crate::app::user::Event::Queued)), which
//!   shows it, and only after that handed to the publisher, so that the broker's answer
//!   never reaches the app before the message does. A message that cannot be stored
//!   comes back to the user, not sent.
//! - [`publish`](publish_stage): publishes what was stored, in order, on whichever
//!   session is current, `mandatory` with a publisher confirm; answers are recorded a
//!   burst per transaction and told to the app ([`answers`]). On every new session it
//!   first publishes everything still pending in the store, oldest first, then
//!   announces presence. A refused message (nack: an inbox at its limit) stays pending
//!   and is published again with backoff, with the same id.
//!
//! A message the broker never answered (written while disconnected or blocked, in
//! flight when the connection died, refused, left from a crash) stays pending in the
//! store and goes out with the next session, in this run or the next; receivers drop
//! the copies they already have by id.

mod answers;
mod publish_stage;
mod store_stage;

use tokio::sync::mpsc;

use crate::broker::user::ChatSession;
use crate::domain::Envelope;

use super::events::RuntimeEvent;
use super::store_handle::StoreHandle;
use super::supervisor::CurrentSession;

/// Stores and publishes everything sent on `written` until the channel closes; then
/// waits for the outstanding confirms (refused messages are not retried any more: they
/// stay pending for the next start) and reports [`RuntimeEvent::OutboxDrained`].
pub async fn run<S: ChatSession>(
    sessions: CurrentSession<S>,
    store: StoreHandle,
    written: mpsc::UnboundedReceiver<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    let (stored, to_publish) = mpsc::unbounded_channel();
    let storing = tokio::spawn(store_stage::run(
        store.clone(),
        written,
        stored,
        events.clone(),
    ));
    publish_stage::run(sessions, store, to_publish, events.clone()).await;
    let _ = storing.await;
    let _ = events.send(RuntimeEvent::OutboxDrained).await;
}
