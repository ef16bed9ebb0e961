//! The outbox pump: each outgoing message is stored as pending *before* it is published,
//! published with `mandatory` and a publisher confirm, and marked delivered or failed
//! when the broker answers. Confirms are awaited concurrently, never one at a time.
//!
//! A message the broker never confirmed (written while disconnected, or in flight when
//! the connection died) stays pending in the store. Each time a session starts (the
//! first one included) everything pending is published again, oldest first, before
//! anything new; receivers drop the copies they already have by `id`.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::app::user::Event;
use crate::broker::{BrokerError, SendOutcome, UserSession};
use crate::domain::{
    ChatMessage, DeliveryStatus, Direction, Envelope, MessageId, Payload, PresenceState,
};

use super::RuntimeEvent;
use super::store_handle::StoreHandle;
use super::supervisor::CurrentSession;

/// Publishes everything sent on `outgoing`, in order, on whichever session is current,
/// until the channel closes; then waits for the outstanding confirms and reports
/// [`RuntimeEvent::OutboxDrained`].
pub async fn pump(
    mut sessions: CurrentSession,
    store: StoreHandle,
    mut outgoing: mpsc::UnboundedReceiver<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    let mut outbox = Outbox {
        session: None,
        store,
        events,
        confirms: JoinSet::new(),
    };
    // The first session may already be there: handle it like any later one.
    sessions.mark_changed();
    let mut supervised = true;
    loop {
        tokio::select! {
            // A new session first: what is pending goes out before anything newer.
            biased;
            changed = sessions.changed(), if supervised => {
                if changed.is_err() {
                    // The supervisor ended (a removal): nothing will connect again.
                    supervised = false;
                    outbox.session = None;
                    continue;
                }
                let current = sessions.borrow_and_update().clone();
                outbox.switch_to(current).await;
            }
            next = outgoing.recv() => match next {
                Some(envelope) => outbox.send(envelope).await,
                None => break,
            },
        }
        // Reap finished confirm tasks so the set does not grow with the session.
        while outbox.confirms.try_join_next().is_some() {}
    }
    while outbox.confirms.join_next().await.is_some() {}
    let _ = outbox.events.send(RuntimeEvent::OutboxDrained).await;
}

/// The pump's state: the session it publishes on and the confirms it waits for.
struct Outbox {
    session: Option<Arc<UserSession>>,
    store: StoreHandle,
    events: mpsc::Sender<RuntimeEvent>,
    confirms: JoinSet<()>,
}

impl Outbox {
    /// Follows the supervisor to `current`. On a new session: publish everything
    /// pending, oldest first, then announce that we are here.
    async fn switch_to(&mut self, current: Option<Arc<UserSession>>) {
        let is_new = match (&current, &self.session) {
            (Some(new), Some(old)) => !Arc::ptr_eq(new, old),
            (Some(_), None) => true,
            (None, _) => false,
        };
        self.session = current;
        let Some(session) = self.session.clone().filter(|_| is_new) else {
            return;
        };
        match self.store.run(|h| h.pending_outgoing()).await {
            Ok(pending) => {
                if !pending.is_empty() {
                    tracing::info!(count = pending.len(), "sending what is still pending");
                }
                for message in pending {
                    if let Some(envelope) = message.to_envelope() {
                        self.publish(envelope).await;
                    }
                }
            }
            Err(err) => tracing::error!(%err, "cannot read the pending messages"),
        }
        let join = Envelope::presence(session.me().clone(), PresenceState::Join);
        self.publish(join).await;
    }

    /// Stores a new text message as pending, then publishes it if connected (if not, it
    /// goes out with the rest of the pending ones once a session starts).
    async fn send(&mut self, envelope: Envelope) {
        if !matches!(envelope.payload, Payload::Presence { .. }) {
            let line = ChatMessage::from_envelope(&envelope, &envelope.from, Direction::Outgoing);
            if let Some(line) = line
                && let Err(err) = self.store.run(move |h| h.insert(&line)).await
            {
                // Durable before it leaves, or not at all.
                tracing::error!(%err, "cannot store an outgoing message");
                let reason = format!("not sent: cannot store it ({err})");
                let failed = Event::SendFailed(envelope.id.clone(), reason);
                let _ = self.events.send(RuntimeEvent::App(failed)).await;
                return;
            }
        }
        self.publish(envelope).await;
    }

    /// Publishes on the current session and settles the confirm in the background.
    /// Presence is not worth keeping: while disconnected it is dropped.
    async fn publish(&mut self, envelope: Envelope) {
        let Some(session) = &self.session else {
            return;
        };
        let (store, events) = (self.store.clone(), self.events.clone());
        match session.publish(&envelope).await {
            Ok(pending) => {
                self.confirms.spawn(async move {
                    let outcome = pending.wait().await;
                    settle(&envelope, outcome, &store, &events).await;
                });
            }
            Err(err) => settle(&envelope, Err(err), &store, &events).await,
        }
    }
}

/// Records the broker's answer for one message and tells the app.
async fn settle(
    envelope: &Envelope,
    outcome: Result<SendOutcome, BrokerError>,
    store: &StoreHandle,
    events: &mpsc::Sender<RuntimeEvent>,
) {
    let is_text = !matches!(envelope.payload, Payload::Presence { .. });
    let id = envelope.id.clone();
    let (status, event) = match outcome {
        Ok(SendOutcome::Confirmed) => (DeliveryStatus::Delivered, Event::SendConfirmed(id.clone())),
        Ok(SendOutcome::Unroutable) => {
            let reason = match &envelope.payload {
                Payload::Direct { to, .. } => format!("no such user {to}"),
                Payload::Topic { to, .. } => format!("nobody has joined #{to}"),
                Payload::Presence { .. } => return,
            };
            (
                DeliveryStatus::Failed(reason.clone()),
                Event::SendFailed(id.clone(), reason),
            )
        }
        Err(BrokerError::NoSuchTopic(topic)) => {
            let reason = BrokerError::NoSuchTopic(topic).to_string();
            (
                DeliveryStatus::Failed(reason.clone()),
                Event::SendFailed(id.clone(), reason),
            )
        }
        Err(err) => {
            // The connection went away before the broker answered: the message stays
            // pending in the store and is sent again when the next session starts.
            tracing::warn!(%err, id = %id, "no confirm; the message stays in the outbox");
            return;
        }
    };
    if is_text {
        let status_for_store = status.clone();
        let stored_id: MessageId = id.clone();
        if let Err(err) = store
            .run(move |h| h.set_status(&stored_id, &status_for_store))
            .await
        {
            tracing::error!(%err, "cannot record a delivery status");
        }
        let _ = events.send(RuntimeEvent::App(event)).await;
    }
}
