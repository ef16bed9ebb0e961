//! The inbox pump: delivery → decode → durable store → ack → the app. A message is acked
//! only after it is stored; a redelivered duplicate (same id) is acked and dropped.

use futures_util::FutureExt;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::broker::console::is_removal;
use crate::broker::{Inbox, Incoming};
use crate::domain::{ChatMessage, Direction, Envelope, MessageId, Payload, UserName};

use super::RuntimeEvent;
use super::store_handle::StoreHandle;

/// Most deliveries stored in one transaction (one fsync) while draining a backlog.
const BATCH: usize = 256;

/// Drains the inbox until it ends or fails; sends each new message to the app.
pub async fn pump(
    mut inbox: Inbox,
    store: StoreHandle,
    me: UserName,
    events: mpsc::Sender<RuntimeEvent>,
) {
    loop {
        let first = match inbox.next().await {
            Some(Ok(incoming)) => incoming,
            Some(Err(err)) => return lost(&events, err.to_string()).await,
            // The broker cancelled the consumer: the inbox was deleted.
            None => return lost(&events, INBOX_DELETED.to_owned()).await,
        };
        let mut batch = vec![first];
        // A failure met while gathering the burst is reported once the burst is stored.
        let mut failure = None;
        while batch.len() < BATCH {
            match inbox.next().now_or_never() {
                Some(Some(Ok(incoming))) => batch.push(incoming),
                Some(Some(Err(err))) => {
                    failure = Some(err.to_string());
                    break;
                }
                _ => break,
            }
        }
        let messages: Vec<ChatMessage> = batch
            .iter()
            .filter_map(|d| to_chat_message(d, &me))
            .collect();
        // The batch moves into the blocking store call and comes back with its answers.
        let stored = store
            .run(move |history| {
                let fresh = history.insert_batch(&messages)?;
                Ok((messages, fresh))
            })
            .await;
        let (messages, fresh) = match stored {
            Ok(stored) => stored,
            Err(err) => {
                // Not stored, so not acked: the broker keeps the messages for next time.
                tracing::error!(%err, "cannot store incoming messages");
                return lost(
                    &events,
                    format!("cannot store incoming messages ({err}); they stay in your inbox"),
                )
                .await;
            }
        };
        let last = batch.last().expect("a batch is never empty");
        if let Err(err) = last.ack_up_to_here().await {
            return lost(&events, err.to_string()).await;
        }
        for (msg, is_new) in messages.into_iter().zip(fresh) {
            if is_new
                && events
                    .send(RuntimeEvent::App(Event::Received(msg)))
                    .await
                    .is_err()
            {
                return;
            }
        }
        if let Some(reason) = failure {
            return lost(&events, reason).await;
        }
    }
}

/// Why the inbox ended when the broker cancelled its consumer.
const INBOX_DELETED: &str = "the broker cancelled the inbox consumer: the inbox was deleted";

/// Reports the end of the inbox: an administrator's removal (the broker relays the
/// console's reason, or the inbox was deleted under us) or a plain disconnect.
async fn lost(events: &mpsc::Sender<RuntimeEvent>, reason: String) {
    let event = if is_removal(&reason) || reason == INBOX_DELETED {
        tracing::warn!(%reason, "removed by an administrator");
        Event::RemovedByAdmin
    } else {
        Event::Disconnected(reason)
    };
    let _ = events.send(RuntimeEvent::App(event)).await;
}

/// What a delivery becomes in the history: a chat line, an unreadable marker, or
/// nothing (presence has no business in an inbox; it is acked and dropped).
pub fn to_chat_message(incoming: &Incoming, me: &UserName) -> Option<ChatMessage> {
    match Envelope::decode(&incoming.data) {
        Ok(env) => match env.payload {
            Payload::Presence { .. } => None,
            _ => ChatMessage::from_envelope(&env, me, Direction::Incoming),
        },
        Err(unreadable) => {
            let id = incoming
                .message_id
                .as_deref()
                .filter(|id| !id.is_empty() && id.len() <= crate::domain::envelope::MAX_ID_BYTES)
                .map(|id| MessageId::from_string(format!("unreadable:{id}")))
                .unwrap_or_else(MessageId::generate);
            Some(ChatMessage::unreadable(
                id,
                unreadable.0,
                &incoming.data,
                OffsetDateTime::now_utc(),
            ))
        }
    }
}
