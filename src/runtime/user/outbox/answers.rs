//! The broker's answers to what the outbox published: what each means, recorded in the
//! store a burst per transaction, then told to the app.

use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::broker::BrokerError;
use crate::broker::user::SendOutcome;
use crate::domain::{DeliveryStatus, Envelope, MessageId, Payload};

use super::super::events::RuntimeEvent;
use super::super::store_handle::StoreHandle;

/// Most delivery statuses recorded in one transaction.
const STATUS_BATCH: usize = 1024;

/// The broker's answer for one chat message: what to record and what to tell the app.
#[derive(Debug)]
pub struct Answer {
    /// The message.
    pub id: MessageId,
    /// Its new status; a refusal is not recorded (the message stays pending).
    pub status: DeliveryStatus,
    /// What the app hears.
    pub event: Event,
}

/// What the broker's answer means for a message: `None` for presence (nothing is
/// recorded) and for a lost connection (the message stays pending and is sent again
/// when the next session starts).
pub fn answer_for(
    envelope: &Envelope,
    outcome: &Result<SendOutcome, BrokerError>,
) -> Option<Answer> {
    if matches!(
        envelope.payload,
        Payload::Presence { .. } | Payload::Typing { .. }
    ) {
        return None;
    }
    let id = envelope.id.clone();
    let failed = |reason: String| {
        (
            DeliveryStatus::Failed(reason.clone()),
            Event::SendFailed(id.clone(), reason),
        )
    };
    let (status, event) = match outcome {
        Ok(SendOutcome::Confirmed) => (DeliveryStatus::Delivered, Event::SendConfirmed(id.clone())),
        Ok(SendOutcome::Unroutable) => match &envelope.payload {
            Payload::Direct { to, .. } => failed(format!("no such user {to}")),
            Payload::Topic { to, .. } => failed(format!("nobody has joined #{to}")),
            Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => {
                return None;
            }
        },
        Err(BrokerError::NoSuchTopic(topic)) => {
            failed(BrokerError::NoSuchTopic(topic.clone()).to_string())
        }
        Err(BrokerError::Nacked) => {
            let reason = refusal(envelope)?;
            (
                DeliveryStatus::Refused(reason.clone()),
                Event::SendRefused(id.clone(), reason),
            )
        }
        Err(err) => {
            tracing::warn!(err = %crate::logging::safe(&err), id = %crate::logging::safe(&id), "no confirm; the message stays in the outbox");
            return None;
        }
    };
    Some(Answer { id, status, event })
}

/// Why the broker refused a message, for the person: a nack from RabbitMQ means a
/// queue it routes to is at its limit (`overflow: reject-publish`).
fn refusal(envelope: &Envelope) -> Option<String> {
    match &envelope.payload {
        Payload::Direct { to, .. } => Some(format!("{to}'s inbox is full")),
        Payload::Topic { to, .. } => Some(format!(
            "the broker refused it (an inbox of a member of #{to} is full)"
        )),
        Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => None,
    }
}

/// Records the broker's answers, a burst per transaction, and tells the app once each
/// is on disk. Ends when every sender is gone and all is recorded.
pub async fn record(
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
            .filter(|answer| !matches!(answer.status, DeliveryStatus::Refused(_)))
            .map(|answer| (answer.id.clone(), answer.status.clone()))
            .collect();
        let rows = updates.len();
        if rows > 0
            && let Err(err) = store
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
