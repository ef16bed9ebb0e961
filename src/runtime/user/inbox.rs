//! The inbox pump: delivery → decode → durable store → ack → the app. A message is acked
//! only after it is on disk, and shown once acked, so a client that quits right after
//! showing a message leaves nothing unacked; a redelivered duplicate (same id) is acked
//! and dropped. The pump runs for one session and says how it ended; the supervisor
//! decides what next.

use futures_util::FutureExt;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::broker::console::is_removal;
use crate::broker::{BrokerError, Inbox, Incoming};
use crate::domain::{ChatMessage, Direction, Envelope, MessageId, Payload, UserName};

use super::RuntimeEvent;
use super::store_handle::StoreHandle;

/// Most deliveries stored in one transaction (one fsync) while draining a backlog.
const BATCH: usize = 256;

/// How an inbox pump ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxEnd {
    /// The connection or the store failed; the text says why. Nothing unstored was acked.
    Lost(String),
    /// An administrator removed this user (the inbox is gone).
    Removed,
    /// The app stopped listening (the client is quitting).
    AppGone,
}

/// Drains the inbox until it ends or fails; sends each new message to the app.
pub async fn pump(
    mut inbox: Inbox,
    store: StoreHandle,
    me: UserName,
    events: mpsc::Sender<RuntimeEvent>,
) -> InboxEnd {
    loop {
        let first = match inbox.next().await {
            Some(Ok(incoming)) => incoming,
            Some(Err(err)) => return ended(reason(&err)),
            // The broker cancelled the consumer: the inbox was deleted.
            None => return ended(INBOX_DELETED.to_owned()),
        };
        let mut batch = vec![first];
        // A failure met while gathering the burst (or acking it) is reported once the
        // burst is stored and shown.
        let mut failure = None;
        while batch.len() < BATCH {
            match inbox.next().now_or_never() {
                Some(Some(Ok(incoming))) => batch.push(incoming),
                Some(Some(Err(err))) => {
                    failure = Some(reason(&err));
                    break;
                }
                _ => break,
            }
        }
        let messages: Vec<ChatMessage> = batch
            .iter()
            .filter_map(|d| to_chat_message(d, &me))
            .collect();
        // The batch moves into the store call (one transaction, on disk when it returns)
        // and comes back with its answers.
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
                return InboxEnd::Lost(format!(
                    "cannot store incoming messages ({err}); they stay in your inbox"
                ));
            }
        };
        let last = batch.last().expect("a batch is never empty");
        if let Err(err) = last.ack_up_to_here().await {
            failure.get_or_insert_with(|| reason(&err));
        }
        // Stored is what counts: a failed ack (the connection just died) only means the
        // batch comes again and is dropped as duplicates, so it is shown either way.
        for (msg, is_new) in messages.into_iter().zip(fresh) {
            if is_new
                && events
                    .send(RuntimeEvent::App(Event::Received(msg)))
                    .await
                    .is_err()
            {
                return InboxEnd::AppGone;
            }
        }
        if let Some(reason) = failure {
            return ended(reason);
        }
    }
}

/// Why the inbox ended when the broker cancelled its consumer.
const INBOX_DELETED: &str = "the broker cancelled the inbox consumer: the inbox was deleted";

/// Why the connection ended, without the "disconnected" the app says anyway.
fn reason(err: &BrokerError) -> String {
    match err {
        BrokerError::Disconnected(why) => why.clone(),
        other => other.to_string(),
    }
}

/// Classifies the end of the inbox: an administrator's removal (the broker relays the
/// console's reason, or the inbox was deleted under us) or a plain loss.
fn ended(reason: String) -> InboxEnd {
    if is_removal(&reason) || reason == INBOX_DELETED {
        tracing::warn!(%reason, "removed by an administrator");
        InboxEnd::Removed
    } else {
        InboxEnd::Lost(reason)
    }
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
