//! The outbox's first stage: store what is written, tell the app, pass it on.

use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::domain::{ChatMessage, ConversationId, Direction, Envelope, Payload};

use super::super::events::RuntimeEvent;
use super::super::store_handle::StoreHandle;

/// Most outgoing messages stored in one transaction.
const SEND_BATCH: usize = 256;

/// Stores each burst from `written` as pending, then tells the app each message is
/// queued and hands the burst to the publisher (`stored`), in order. Presence is not
/// stored. Ends when `written` closes and all of it was handed on.
///
/// The app hears of a message before the publisher gets it: the broker's answer goes
/// to the app on the same channel, and an answer that came before the message was
/// shown would find nothing to update (the message then stayed "pending" on screen
/// although it was delivered).
pub async fn run(
    store: StoreHandle,
    mut written: mpsc::UnboundedReceiver<Envelope>,
    stored: mpsc::UnboundedSender<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    while let Some(first) = written.recv().await {
        let mut burst = vec![first];
        while burst.len() < SEND_BATCH {
            match written.try_recv() {
                Ok(envelope) => burst.push(envelope),
                Err(_) => break,
            }
        }
        let lines: Vec<ChatMessage> = burst
            .iter()
            .filter_map(|envelope| {
                ChatMessage::from_envelope(envelope, &envelope.from, Direction::Outgoing)
            })
            .collect();
        // The lines move into the store call and come back once stored.
        let outcome = if lines.is_empty() {
            Ok(lines)
        } else {
            store
                .write_rows(lines.len(), move |h| {
                    h.insert_unsynced(&lines)?;
                    Ok(lines)
                })
                .await
        };
        match outcome {
            Ok(lines) => {
                for msg in lines {
                    // The app may be gone (quitting): the message is stored all the same.
                    let _ = events.send(RuntimeEvent::App(Event::Queued(msg))).await;
                }
                // Only now may its answer come: the app knows the message.
                for envelope in burst {
                    let _ = stored.send(envelope);
                }
            }
            Err(err) => {
                tracing::error!(%err, "cannot store outgoing messages");
                for envelope in burst {
                    match not_stored(&envelope, &err) {
                        Some(event) => {
                            let _ = events.send(RuntimeEvent::App(event)).await;
                        }
                        // Presence needs no storing.
                        None => {
                            let _ = stored.send(envelope);
                        }
                    }
                }
            }
        }
    }
}

/// What the app hears of a chat message that could not be stored: it is not sent, and
/// its text goes back to the user. `None` for presence.
fn not_stored(envelope: &Envelope, err: &crate::store::StoreError) -> Option<Event> {
    let (to, text) = match &envelope.payload {
        Payload::Direct { to, body } => (ConversationId::Direct(to.clone()), body.clone()),
        Payload::Topic { to, body } => (ConversationId::Topic(to.clone()), body.clone()),
        Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => {
            return None;
        }
    };
    Some(Event::NotStored {
        to,
        text,
        reason: format!("it could not be stored, so it was not sent ({err})"),
    })
}

#[cfg(test)]
#[path = "store_stage_tests.rs"]
mod tests;
