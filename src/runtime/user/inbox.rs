//! The inbox pump: delivery → decode → store → the app → sync to disk → ack. A message
//! is shown as soon as it is stored (it survives a crash of the client then), and acked
//! only once the history is synced to disk, so the broker forgets nothing that a crash
//! of the machine could still take. A redelivered duplicate (same id) is acked and
//! dropped. The pump runs for one session and says how it ended; the supervisor decides
//! what next. Asked to stop (the client quits), it finishes the burst in hand, acks
//! included, before it returns: a message shown is never left unacked.

use std::time::Duration;

use futures_util::FutureExt;
use time::OffsetDateTime;
use tokio::sync::{mpsc, watch};

use crate::app::user::Event;
use crate::broker::user::{InboxDelivery, InboxEnd, InboxStream};
use crate::domain::receive::read_delivery;
use crate::domain::{ChatMessage, Provenance, Trust, UserName};

use super::events::RuntimeEvent;
use super::store_handle::StoreHandle;
use crate::store::StoreError;

/// Most deliveries stored in one transaction (one fsync) while draining a backlog.
const BATCH: usize = 256;
/// The wait before storing is tried again after a failure; it doubles each time.
const FIRST_STORE_RETRY: Duration = Duration::from_secs(1);
/// The longest wait between two tries of the store.
const MAX_STORE_RETRY: Duration = Duration::from_secs(10);

/// How an inbox pump ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PumpEnd {
    /// The connection or the store failed; the text says why. Nothing unstored was acked.
    Lost(String),
    /// An administrator removed this user (the inbox is gone).
    Removed,
    /// The app stopped listening (the client is quitting).
    AppGone,
}

impl From<InboxEnd> for PumpEnd {
    fn from(end: InboxEnd) -> Self {
        match end {
            InboxEnd::Lost(reason) => PumpEnd::Lost(reason),
            InboxEnd::Removed => PumpEnd::Removed,
        }
    }
}

/// Drains the inbox until it ends, fails or `stopping` turns true; sends each new
/// message to the app. What each delivery becomes, and under whose name, follows
/// `trust` ([`read_delivery`]).
pub async fn pump<I: InboxStream>(
    mut inbox: I,
    store: StoreHandle,
    me: UserName,
    trust: Trust,
    events: mpsc::Sender<RuntimeEvent>,
    mut stopping: watch::Receiver<bool>,
) -> PumpEnd {
    loop {
        let next = tokio::select! {
            biased;
            // A dropped sender stops the pump too.
            _ = stopping.wait_for(|stop| *stop) => return PumpEnd::AppGone,
            next = inbox.receive() => next,
        };
        let first = match next {
            Ok(delivery) => delivery,
            Err(end) => return end.into(),
        };
        let mut batch = vec![first];
        // An end met while gathering the burst (or a failed ack) is reported once the
        // burst is stored and shown.
        let mut failure: Option<PumpEnd> = None;
        while batch.len() < BATCH {
            match inbox.receive().now_or_never() {
                Some(Ok(delivery)) => batch.push(delivery),
                Some(Err(end)) => {
                    failure = Some(end.into());
                    break;
                }
                None => break,
            }
        }
        // Stored is what the app needs: it shows the burst while it goes to disk. A
        // store that fails (a full disk) pauses receiving until it works again: nothing
        // of the burst is acked meanwhile, and nothing more is taken from the inbox.
        let mut pause = Pause::new(&events);
        let fresh = loop {
            let messages: Vec<ChatMessage> = batch
                .iter()
                .filter_map(|d| {
                    let provenance = Provenance {
                        message_id: d.message_id(),
                        exchange: d.exchange(),
                        user_id: d.user_id(),
                    };
                    read_delivery(d.body(), &provenance, &me, trust, OffsetDateTime::now_utc())
                })
                .collect();
            // The batch moves into the store call (one transaction, not waiting for the
            // disk) and comes back with its answers.
            let stored = store
                .write_rows(messages.len(), move |history| {
                    let fresh = history.insert_unsynced(&messages)?;
                    Ok((messages, fresh))
                })
                .await;
            match stored {
                Ok(stored) => break stored,
                Err(err) => {
                    if !pause.wait(&err, &mut stopping).await {
                        return PumpEnd::AppGone;
                    }
                }
            }
        };
        let (messages, fresh) = fresh;
        // If the app is gone (quitting), the burst is in the history for the next start.
        let mut app_gone = false;
        for (msg, is_new) in messages.into_iter().zip(fresh) {
            if is_new && !app_gone {
                let event = RuntimeEvent::App(Event::Received(msg));
                app_gone = events.send(event).await.is_err();
            }
        }
        // On disk before the broker forgets it.
        while let Err(err) = store.sync_to_disk().await {
            if !pause.wait(&err, &mut stopping).await {
                return PumpEnd::AppGone;
            }
        }
        pause.over().await;
        // A failed ack (the connection just died) only means the burst comes again and
        // is dropped as duplicates.
        if let Some(last) = batch.last()
            && let Err(err) = last.ack_up_to_here().await
        {
            failure.get_or_insert_with(|| PumpEnd::Lost(disconnected_reason(&err)));
        }
        if let Some(end) = failure {
            return end;
        }
        if app_gone {
            return PumpEnd::AppGone;
        }
    }
}

/// Receiving paused because the history cannot take what arrived: the app is told
/// once, the store is tried again quietly (1, 2, 4, 8, then every 10 s), and the app is
/// told when it works again.
struct Pause<'a> {
    events: &'a mpsc::Sender<RuntimeEvent>,
    paused: bool,
    wait: Duration,
}

impl<'a> Pause<'a> {
    fn new(events: &'a mpsc::Sender<RuntimeEvent>) -> Self {
        Self {
            events,
            paused: false,
            wait: FIRST_STORE_RETRY,
        }
    }

    /// The store failed with `err`: says so (the first time) and waits before the next
    /// try; `false` when the client is quitting meanwhile.
    async fn wait(&mut self, err: &StoreError, stopping: &mut watch::Receiver<bool>) -> bool {
        if !self.paused {
            self.paused = true;
            tracing::error!(%err, "cannot store incoming messages; receiving paused");
            let event = Event::ReceivingPaused(format!(
                "cannot store incoming messages ({err}): receiving is paused, they wait in your inbox on the broker; trying again"
            ));
            let _ = self.events.send(RuntimeEvent::App(event)).await;
        }
        let wait = self.wait;
        self.wait = (self.wait * 2).min(MAX_STORE_RETRY);
        tokio::select! {
            biased;
            _ = stopping.wait_for(|stop| *stop) => false,
            () = tokio::time::sleep(wait) => true,
        }
    }

    /// The store works again: says so if it had paused.
    async fn over(self) {
        if self.paused {
            tracing::info!("storing works again; receiving resumed");
            let _ = self
                .events
                .send(RuntimeEvent::App(Event::ReceivingResumed))
                .await;
        }
    }
}

/// Why the connection ended, without the "disconnected" the app says anyway.
fn disconnected_reason(err: &crate::broker::BrokerError) -> String {
    match err {
        crate::broker::BrokerError::Disconnected(why) => why.clone(),
        other => other.to_string(),
    }
}
