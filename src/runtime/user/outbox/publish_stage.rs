//! The outbox's second stage: publish what was stored on the current session, settle
//! the confirms concurrently, re-publish what is pending on every new session, and try
//! refused messages again with backoff.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::broker::user::ChatSession;
use crate::domain::{Envelope, MessageId, Payload, PresenceState};

use super::super::events::RuntimeEvent;
use super::super::store_handle::StoreHandle;
use super::super::supervisor::CurrentSession;
use super::answers::{self, Answer};

/// Most messages published per turn of the loop.
const PUBLISH_BATCH: usize = 256;
/// The wait before a refused message is sent again the first time; it doubles each time.
const FIRST_RETRY: Duration = Duration::from_secs(1);
/// The longest wait between two tries of a refused message.
const MAX_RETRY: Duration = Duration::from_secs(60);

/// Publishes everything on `stored`, in order. Once it closes (the client quits) it
/// goes on until every chat message accepted is answered — confirmed, failed or
/// refused — reconnections included (the client bounds that wait), then waits for the
/// answers to be recorded.
pub async fn run<S: ChatSession>(
    mut sessions: CurrentSession<S>,
    store: StoreHandle,
    mut stored: mpsc::UnboundedReceiver<Envelope>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    let (settled, answers) = mpsc::unbounded_channel();
    let recorder = tokio::spawn(answers::record(store.clone(), answers, events));
    let (refused, mut to_retry) = mpsc::unbounded_channel();
    let (answered, mut answers_seen) = mpsc::unbounded_channel();
    let mut publisher = Publisher {
        session: None,
        store,
        settled,
        refused,
        answered,
        confirms: JoinSet::new(),
        resent: HashSet::new(),
        retries: Retries::default(),
        outstanding: HashMap::new(),
        joined_before: false,
        last_settled: None,
    };
    // The first session may already be there: handle it like any later one.
    sessions.mark_changed();
    let mut supervised = true;
    let mut draining = false;
    loop {
        // Without a supervisor (a removal) nothing more can be answered.
        if draining && (publisher.all_answered() || !supervised) {
            break;
        }
        let due = publisher.retries.next_due();
        tokio::select! {
            // A new session first: what is pending goes out before anything newer.
            biased;
            changed = sessions.changed(), if supervised => {
                if changed.is_err() {
                    // The supervisor ended (a removal): nothing will connect again.
                    supervised = false;
                    publisher.session = None;
                    continue;
                }
                let current = sessions.borrow_and_update().clone();
                publisher.switch_to(current).await;
            }
            Some((id, refused)) = answers_seen.recv() => publisher.answered(id, refused),
            Some(envelope) = to_retry.recv() => publisher.retries.schedule(envelope),
            () = sleep_until(due), if due.is_some() => {
                for envelope in publisher.retries.take_due() {
                    publisher.publish(envelope).await;
                }
            }
            next = stored.recv(), if !draining => match next {
                Some(first) => {
                    publisher.publish_stored(first).await;
                    for _ in 1..PUBLISH_BATCH {
                        match stored.try_recv() {
                            Ok(envelope) => publisher.publish_stored(envelope).await,
                            Err(_) => break,
                        }
                    }
                }
                None => draining = true,
            },
        }
        // Reap finished confirm tasks so the set does not grow with the session.
        while publisher.confirms.try_join_next().is_some() {}
    }
    while publisher.confirms.join_next().await.is_some() {}
    // The last sender of answers goes with the publisher: the recorder writes the rest.
    drop(publisher);
    let _ = recorder.await;
}

/// Sleeps until `at`; the caller only polls it when there is an `at`.
async fn sleep_until(at: Option<Instant>) {
    if let Some(at) = at {
        tokio::time::sleep_until(at).await;
    }
}

/// The stage's state: the session it publishes on and what it waits for.
struct Publisher<S> {
    session: Option<Arc<S>>,
    store: StoreHandle,
    /// Where the broker's answers go to be recorded.
    settled: mpsc::UnboundedSender<Answer>,
    /// Where refused messages go to be tried again.
    refused: mpsc::UnboundedSender<Envelope>,
    /// Where each chat message's answer is noted (its id, and whether it was refused).
    answered: mpsc::UnboundedSender<(MessageId, bool)>,
    /// The chat messages accepted and not answered yet, and whether the broker refused
    /// them (a refused one is not waited for when quitting: it stays pending).
    outstanding: HashMap<MessageId, bool>,
    confirms: JoinSet<()>,
    /// Stored messages this session already published from the store's pending list:
    /// when they also come from the first stage, they are not published twice.
    resent: HashSet<MessageId>,
    retries: Retries,
    /// Whether a session of this run already announced us (the next join is a rejoin).
    joined_before: bool,
    /// Fires once the answer of the message published last is settled: the next one
    /// waits for it, so answers keep the order of publishing.
    last_settled: Option<oneshot::Receiver<()>>,
}

impl<S: ChatSession> Publisher<S> {
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
        // The pending list covers every earlier try.
        self.retries = Retries::default();
        self.resent.clear();
        match self.store.run(|h| h.pending_outgoing()).await {
            Ok(pending) => {
                if !pending.is_empty() {
                    tracing::info!(count = pending.len(), "sending what is still pending");
                }
                for message in pending {
                    if let Some(envelope) = message.to_envelope() {
                        self.resent.insert(envelope.id.clone());
                        self.outstanding.insert(envelope.id.clone(), false);
                        self.publish(envelope).await;
                    }
                }
            }
            Err(err) => tracing::error!(%err, "cannot read the pending messages"),
        }
        // The join names our topics, so that others know who is in which.
        let topics = match self.store.run(|h| h.subscriptions()).await {
            Ok(topics) => topics,
            Err(err) => {
                tracing::warn!(%err, "cannot read the subscriptions");
                Vec::new()
            }
        };
        // Back after a lost connection, we still list whom we knew: only those who do
        // not list us answer.
        let me = session.me().clone();
        let join = if self.joined_before {
            Envelope::rejoin(me, topics)
        } else {
            Envelope::presence_in(me, PresenceState::Join, topics)
        };
        self.joined_before = true;
        self.publish(join).await;
    }

    /// Notes the answer to a chat message: confirmed or failed ones are done; refused
    /// ones wait for their next try.
    fn answered(&mut self, id: MessageId, refused: bool) {
        if refused {
            if let Some(waiting) = self.outstanding.get_mut(&id) {
                *waiting = true;
            }
        } else {
            self.outstanding.remove(&id);
        }
    }

    /// Whether every chat message accepted has had an answer (a refusal counts).
    fn all_answered(&self) -> bool {
        self.outstanding.values().all(|refused| *refused)
    }

    /// Publishes a message the first stage stored, unless this session already sent it
    /// from the pending list.
    async fn publish_stored(&mut self, envelope: Envelope) {
        if self.resent.remove(&envelope.id) {
            return;
        }
        if !matches!(
            envelope.payload,
            Payload::Presence { .. } | Payload::Typing { .. }
        ) {
            self.outstanding.insert(envelope.id.clone(), false);
        }
        self.publish(envelope).await;
    }

    /// Publishes on the current session and settles the confirm in the background.
    /// Without a session nothing is lost: chat messages are pending in the store and go
    /// out with the next session; presence is not worth keeping.
    async fn publish(&mut self, envelope: Envelope) {
        let Some(session) = &self.session else {
            return;
        };
        let outcome = session.publish(&envelope).await;
        let back = Back {
            settled: self.settled.clone(),
            refused: self.refused.clone(),
            answered: self.answered.clone(),
        };
        // Confirms are awaited concurrently but settled in the order of publishing, so
        // answers are recorded and shown in the order the messages were written.
        let previous = self.last_settled.take();
        let (done, settled) = oneshot::channel();
        self.last_settled = Some(settled);
        let settle_in_turn = |outcome| async move {
            if let Some(previous) = previous {
                let _ = previous.await;
            }
            back.settle(envelope, outcome);
            let _ = done.send(());
        };
        match outcome {
            Ok(pending) => {
                self.confirms.spawn(async move {
                    let outcome = pending.wait().await;
                    settle_in_turn(outcome).await;
                });
            }
            Err(err) => {
                self.confirms.spawn(settle_in_turn(Err(err)));
            }
        }
    }
}

/// Where a confirm's answer goes: to be recorded, back to the publisher, and (when
/// refused) to be tried again.
struct Back {
    settled: mpsc::UnboundedSender<Answer>,
    refused: mpsc::UnboundedSender<Envelope>,
    answered: mpsc::UnboundedSender<(MessageId, bool)>,
}

impl Back {
    /// Hands the broker's answer on. A lost connection is no answer: the message stays
    /// outstanding and pending, and goes out with the next session.
    fn settle(
        &self,
        envelope: Envelope,
        outcome: Result<crate::broker::user::SendOutcome, crate::broker::BrokerError>,
    ) {
        let Some(answer) = answers::answer_for(&envelope, &outcome) else {
            return;
        };
        let refused = matches!(answer.status, crate::domain::DeliveryStatus::Refused(_));
        let _ = self.answered.send((answer.id.clone(), refused));
        let _ = self.settled.send(answer);
        if refused {
            let _ = self.refused.send(envelope);
        }
    }
}

/// Refused messages waiting for their next try, with how often each was refused.
#[derive(Default)]
struct Retries {
    due: BTreeMap<(Instant, u64), Envelope>,
    refusals: HashMap<MessageId, u32>,
    next_key: u64,
}

impl Retries {
    /// Schedules another try of `envelope`: 1 s after its first refusal, then twice as
    /// long each time, up to a minute.
    fn schedule(&mut self, envelope: Envelope) {
        let refusals = self.refusals.entry(envelope.id.clone()).or_insert(0);
        let wait = FIRST_RETRY
            .saturating_mul(1 << (*refusals).min(6))
            .min(MAX_RETRY);
        *refusals += 1;
        self.next_key += 1;
        self.due
            .insert((Instant::now() + wait, self.next_key), envelope);
    }

    /// When the next try is due, if any is waiting.
    fn next_due(&self) -> Option<Instant> {
        self.due.keys().next().map(|(at, _)| *at)
    }

    /// The messages whose try is due now, oldest first.
    fn take_due(&mut self) -> Vec<Envelope> {
        let now = Instant::now();
        let later = self.due.split_off(&(now, u64::MAX));
        std::mem::replace(&mut self.due, later)
            .into_values()
            .collect()
    }
}
