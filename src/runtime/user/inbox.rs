//! The inbox pump: delivery → decode → store → the app → sync to disk → ack. A message
//! is shown as soon as it is stored (it survives a crash of the client then), and acked
//! only once the history is synced to disk, so the broker forgets nothing that a crash
//! of the machine could still take. A redelivered duplicate (same id) is acked and
//! dropped. The pump runs for one session and says how it ended; the supervisor decides
//! what next. Asked to stop (the client quits), it finishes the burst in hand, acks
//! included, before it returns: a message shown is never left unacked.

use futures_util::FutureExt;
use time::OffsetDateTime;
use tokio::sync::{mpsc, watch};

use crate::app::user::Event;
use crate::broker::{BrokerError, Inbox, Incoming};
use crate::domain::wire::is_removal;
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

/// Drains the inbox until it ends, fails or `stopping` turns true; sends each new
/// message to the app.
pub async fn pump(
    mut inbox: Inbox,
    store: StoreHandle,
    me: UserName,
    events: mpsc::Sender<RuntimeEvent>,
    mut stopping: watch::Receiver<bool>,
) -> InboxEnd {
    loop {
        let next = tokio::select! {
            biased;
            // A dropped sender stops the pump too.
            _ = stopping.wait_for(|stop| *stop) => return InboxEnd::AppGone,
            next = inbox.next() => next,
        };
        let first = match next {
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
        // The batch moves into the store call (one transaction, not waiting for the
        // disk) and comes back with its answers.
        let stored = store
            .write_rows(messages.len(), move |history| {
                let fresh = history.insert_unsynced(&messages)?;
                Ok((messages, fresh))
            })
            .await;
        let (messages, fresh) = match stored {
            Ok(stored) => stored,
            Err(err) => return not_stored(&err),
        };
        // Stored is what the app needs: it shows the burst while it goes to disk. If
        // the app is gone (quitting), the burst is in the history for the next start.
        let mut app_gone = false;
        for (msg, is_new) in messages.into_iter().zip(fresh) {
            if is_new && !app_gone {
                let event = RuntimeEvent::App(Event::Received(msg));
                app_gone = events.send(event).await.is_err();
            }
        }
        // On disk before the broker forgets it.
        if let Err(err) = store.sync_to_disk().await {
            return not_stored(&err);
        }
        // A failed ack (the connection just died) only means the burst comes again and
        // is dropped as duplicates.
        let last = batch.last().expect("a batch is never empty");
        if let Err(err) = last.ack_up_to_here().await {
            failure.get_or_insert_with(|| reason(&err));
        }
        if let Some(reason) = failure {
            return ended(reason);
        }
        if app_gone {
            return InboxEnd::AppGone;
        }
    }
}

/// The end of a pump whose burst could not be stored (or synced): nothing of it was
/// acked, so the broker keeps it for next time.
fn not_stored(err: &crate::store::StoreError) -> InboxEnd {
    tracing::error!(%err, "cannot store incoming messages");
    InboxEnd::Lost(format!(
        "cannot store incoming messages ({err}); they stay in your inbox"
    ))
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
