//! The outbox pump: each outgoing message is stored as pending *before* it is published,
//! published with `mandatory` and a publisher confirm, and marked delivered or failed
//! when the broker answers. Confirms are awaited concurrently, never one at a time.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::app::user::Event;
use crate::broker::{BrokerError, SendOutcome, UserSession};
use crate::domain::{ChatMessage, DeliveryStatus, Direction, Envelope, MessageId, Payload};

use super::RuntimeEvent;
use super::store_handle::StoreHandle;

/// Publishes everything sent on `outgoing`, in order, until the channel closes; then
/// waits for the outstanding confirms and reports [`RuntimeEvent::OutboxDrained`].
pub async fn pump(
    session: Arc<UserSession>,
    store: StoreHandle,
    mut outgoing: mpsc::UnboundedReceiver<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    let mut confirms = JoinSet::new();
    while let Some(envelope) = outgoing.recv().await {
        if let Some(line) = ChatMessage::from_envelope(&envelope, session.me(), Direction::Outgoing)
        {
            // Durable before it leaves: a crash from here on re-sends it on next start.
            if let Err(err) = store.run(move |h| h.insert(&line)).await {
                tracing::error!(%err, "cannot store an outgoing message");
                let reason = format!("not sent: cannot store it ({err})");
                let _ = events
                    .send(RuntimeEvent::App(Event::SendFailed(
                        envelope.id.clone(),
                        reason,
                    )))
                    .await;
                continue;
            }
        }
        match session.publish(&envelope).await {
            Ok(pending) => {
                let (store, events) = (store.clone(), events.clone());
                confirms.spawn(async move {
                    let outcome = pending.wait().await;
                    settle(&envelope, outcome, &store, &events).await;
                });
            }
            Err(err) => settle(&envelope, Err(err), &store, &events).await,
        }
        // Reap finished confirm tasks so the set does not grow with the session.
        while confirms.try_join_next().is_some() {}
    }
    while confirms.join_next().await.is_some() {}
    let _ = events.send(RuntimeEvent::OutboxDrained).await;
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
            // pending in the outbox and is sent again on the next start.
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
