//! The outbox pump: each outgoing message is stored as pending *before* it is published,
//! published with `mandatory` and a publisher confirm, and marked delivered or failed
//! when the broker answers. Confirms are awaited concurrently, never one at a time.
//!
//! A burst of messages (a paste, a script feeding line mode) is stored in one
//! transaction, and the answers to a burst are recorded in one. Neither waits for the
//! disk to sync (`History::insert_unsynced`): the row survives the client crashing the
//! moment it is written, and a disk sync per message would double a message's latency.
//!
//! A message the broker never confirmed (written while disconnected, or in flight when
//! the connection died) stays pending in the store. Each time a session starts (the
//! first one included) everything pending is published again, oldest first, before
//! anything new; receivers drop the copies they already have by `id`.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::app::user::Event;
use crate::broker::BrokerError;
use crate::broker::user::{ChatSession, SendOutcome};
use crate::domain::{
    ChatMessage, DeliveryStatus, Direction, Envelope, MessageId, Payload, PresenceState,
};

use super::events::RuntimeEvent;
use super::store_handle::StoreHandle;
use super::supervisor::CurrentSession;

/// Most outgoing messages stored in one transaction.
const SEND_BATCH: usize = 256;
/// Most delivery statuses recorded in one transaction.
const STATUS_BATCH: usize = 1024;

/// Publishes everything sent on `outgoing`, in order, on whichever session is current,
/// until the channel closes; then waits for the outstanding confirms and reports
/// [`RuntimeEvent::OutboxDrained`].
pub async fn pump<S: ChatSession>(
    mut sessions: CurrentSession<S>,
    store: StoreHandle,
    mut outgoing: mpsc::UnboundedReceiver<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    let (settled, answers) = mpsc::unbounded_channel();
    let recorder = tokio::spawn(record_answers(store.clone(), answers, events.clone()));
    let mut outbox = Outbox {
        session: None,
        store,
        settled,
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
                Some(first) => {
                    let mut burst = vec![first];
                    while burst.len() < SEND_BATCH {
                        match outgoing.try_recv() {
                            Ok(envelope) => burst.push(envelope),
                            Err(_) => break,
                        }
                    }
                    outbox.send(burst).await;
                }
                None => break,
            },
        }
        // Reap finished confirm tasks so the set does not grow with the session.
        while outbox.confirms.try_join_next().is_some() {}
    }
    while outbox.confirms.join_next().await.is_some() {}
    // The last sender of answers goes with the outbox: the recorder writes what is left.
    drop(outbox);
    let _ = recorder.await;
    let _ = events.send(RuntimeEvent::OutboxDrained).await;
}

/// The pump's state: the session it publishes on and the confirms it waits for.
struct Outbox<S> {
    session: Option<Arc<S>>,
    store: StoreHandle,
    /// Where the broker's answers go to be recorded.
    settled: mpsc::UnboundedSender<Answer>,
    confirms: JoinSet<()>,
}

/// The broker's answer for one text message: what to record and what to tell the app.
#[derive(Debug)]
struct Answer {
    id: MessageId,
    status: DeliveryStatus,
    event: Event,
}

impl<S: ChatSession> Outbox<S> {
    /// Follows the supervisor to `current`. On a new session: publish everything
    /// pending, oldest first, then announce that we are here.
    async fn switch_to(&mut self, current: Option<Arc<S>>) {
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

    /// Stores the burst's text messages as pending in one transaction, then publishes
    /// the burst in order if connected (if not, the text messages go out with the rest
    /// of the pending ones once a session starts).
    async fn send(&mut self, burst: Vec<Envelope>) {
        let lines: Vec<ChatMessage> = burst
            .iter()
            .filter(|envelope| is_text(envelope))
            .filter_map(|envelope| {
                ChatMessage::from_envelope(envelope, &envelope.from, Direction::Outgoing)
            })
            .collect();
        let stored = if lines.is_empty() {
            Ok(())
        } else {
            self.store
                .write_rows(lines.len(), move |h| h.insert_unsynced(&lines).map(drop))
                .await
        };
        for envelope in burst {
            match &stored {
                // Durable before it leaves, or not at all.
                Err(err) if is_text(&envelope) => {
                    let reason = format!("not sent: cannot store it ({err})");
                    self.answer(Answer {
                        id: envelope.id.clone(),
                        status: DeliveryStatus::Failed(reason.clone()),
                        event: Event::SendFailed(envelope.id, reason),
                    });
                }
                _ => self.publish(envelope).await,
            }
        }
        if let Err(err) = stored {
            tracing::error!(%err, "cannot store outgoing messages");
        }
    }

    /// Publishes on the current session and settles the confirm in the background.
    /// Presence is not worth keeping: while disconnected it is dropped.
    async fn publish(&mut self, envelope: Envelope) {
        let Some(session) = &self.session else {
            return;
        };
        match session.publish(&envelope).await {
            Ok(pending) => {
                let settled = self.settled.clone();
                self.confirms.spawn(async move {
                    if let Some(answer) = answer_for(&envelope, pending.wait().await) {
                        let _ = settled.send(answer);
                    }
                });
            }
            Err(err) => {
                if let Some(answer) = answer_for(&envelope, Err(err)) {
                    self.answer(answer);
                }
            }
        }
    }

    fn answer(&self, answer: Answer) {
        let _ = self.settled.send(answer);
    }
}

/// Records the broker's answers, a burst per transaction, and tells the app once each
/// is on disk. Ends when every sender is gone and all is recorded.
async fn record_answers(
    store: StoreHandle,
    mut answers: mpsc::UnboundedReceiver<Answer>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    while let Some(first) = answers.recv().await {
        let mut burst = vec![first];
        while burst.len() < STATUS_BATCH {
            match answers.try_recv() {
                Ok(answer) => burst.push(answer),
                Err(_) => break,
            }
        }
        let updates: Vec<(MessageId, DeliveryStatus)> = burst
            .iter()
            .map(|answer| (answer.id.clone(), answer.status.clone()))
            .collect();
        let rows = updates.len();
        if let Err(err) = store
            .write_rows(rows, move |h| h.set_statuses(&updates))
            .await
        {
            tracing::error!(%err, "cannot record delivery statuses");
        }
        for answer in burst {
            // The app may be gone (quitting): the statuses are recorded all the same.
            let _ = events.send(RuntimeEvent::App(answer.event)).await;
        }
    }
}

/// What the broker's answer means for a message: `None` for presence (nothing is
/// recorded) and for a lost connection (the message stays pending and is sent again
/// when the next session starts).
fn answer_for(envelope: &Envelope, outcome: Result<SendOutcome, BrokerError>) -> Option<Answer> {
    let id = envelope.id.clone();
    let (status, event) = match outcome {
        Ok(SendOutcome::Confirmed) => (DeliveryStatus::Delivered, Event::SendConfirmed(id.clone())),
        Ok(SendOutcome::Unroutable) => {
            let reason = match &envelope.payload {
                Payload::Direct { to, .. } => format!("no such user {to}"),
                Payload::Topic { to, .. } => format!("nobody has joined #{to}"),
                Payload::Presence { .. } => return None,
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
            tracing::warn!(%err, id = %id, "no confirm; the message stays in the outbox");
            return None;
        }
    };
    is_text(envelope).then_some(Answer { id, status, event })
}

/// Whether the envelope is a chat message (stored and answered), not presence.
fn is_text(envelope: &Envelope) -> bool {
    !matches!(envelope.payload, Payload::Presence { .. })
}
