//! Publisher confirms, pipelined: many publishes in flight, each learning its own fate.
//!
//! lapin hands a message returned by `mandatory` (no queue bound) to whichever confirm the
//! broker's next ack resolves first; with `multiple` acks covering several publishes that
//! may be a neighbour's. So one task per session collects every confirm, reads the
//! returned messages' `message_id`s, and only then tells each publisher its outcome.
//! Because lapin resolves a batch in sequence, a confirm observed resolved means every
//! confirm resolved before it in that batch is resolved too; a second sweep over the
//! pending confirms therefore sees any return that belongs to the ones being settled.

use std::collections::HashSet;
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use lapin::protocol::AMQPSoftError;
use lapin::{Confirmation, PublisherConfirm};
use tokio::sync::{mpsc, oneshot};

use crate::broker::error::{BrokerError, is_soft_error};
use crate::domain::TopicName;
use crate::domain::wire::topic_exchange;

/// What the broker did with a confirmed publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
    /// The broker took responsibility: the message is in every bound queue (on disk for
    /// durable queues).
    Confirmed,
    /// `mandatory` and no queue was bound: for a DM, there is no such user.
    Unroutable,
}

/// A publish whose confirm has not been read yet. Dropping it is allowed; the outcome is
/// then simply not reported.
#[derive(Debug)]
pub struct PendingConfirm {
    outcome: oneshot::Receiver<Result<SendOutcome, BrokerError>>,
}

impl PendingConfirm {
    /// A confirm answered through the returned sender (for the fake broker).
    #[cfg(test)]
    pub(crate) fn channel() -> (oneshot::Sender<Result<SendOutcome, BrokerError>>, Self) {
        let (reply, outcome) = oneshot::channel();
        (reply, Self { outcome })
    }

    /// Waits for the broker's verdict: confirmed, unroutable, or an error (nack, channel
    /// or connection lost before the confirm; the message may or may not have arrived).
    pub async fn wait(self) -> Result<SendOutcome, BrokerError> {
        self.outcome.await.unwrap_or_else(|_| {
            Err(BrokerError::Disconnected(
                "the session ended before the broker confirmed the message".into(),
            ))
        })
    }
}

/// Set of topics known to exist, shared by the session and the confirm task.
pub(crate) type KnownTopics = Arc<Mutex<HashSet<TopicName>>>;

/// Forgets `topic` in the cache of topics known to exist.
pub(crate) fn forget_topic(known: &KnownTopics, topic: &TopicName) {
    known
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .remove(topic);
}

/// The handle publishers use to hand their confirms to the session's confirm task.
#[derive(Debug, Clone)]
pub(crate) struct ConfirmTracker {
    sender: mpsc::UnboundedSender<Tracked>,
}

impl ConfirmTracker {
    /// Starts the confirm task; it ends once every tracker is dropped and every tracked
    /// confirm is settled.
    pub(crate) fn spawn(known_topics: KnownTopics) -> Self {
        let (sender, receiver) = mpsc::unbounded_channel();
        tokio::spawn(run(receiver, known_topics));
        Self { sender }
    }

    /// Tracks the confirm of the message `message_id` (published to `topic`, if a post).
    pub(crate) fn track(
        &self,
        message_id: String,
        topic: Option<TopicName>,
        confirm: PublisherConfirm,
    ) -> Result<PendingConfirm, BrokerError> {
        let (reply, outcome) = oneshot::channel();
        self.sender
            .send(Tracked {
                message_id,
                topic,
                confirm,
                reply,
                result: None,
            })
            .map_err(|_| BrokerError::Disconnected("the session is closing".into()))?;
        Ok(PendingConfirm { outcome })
    }
}

enum Resolution {
    Acked,
    Nacked,
    Failed(lapin::Error),
}

struct Tracked {
    message_id: String,
    topic: Option<TopicName>,
    confirm: PublisherConfirm,
    reply: oneshot::Sender<Result<SendOutcome, BrokerError>>,
    result: Option<Resolution>,
}

impl Tracked {
    /// Polls the confirm once if unresolved; records a returned message's id.
    fn poll_confirm(&mut self, cx: &mut Context<'_>, returned: &mut HashSet<String>) -> bool {
        if self.result.is_some() {
            return true;
        }
        let Poll::Ready(result) = Pin::new(&mut self.confirm).poll(cx) else {
            return false;
        };
        self.result = Some(match result {
            Ok(confirmation) => {
                let acked = !matches!(confirmation, Confirmation::Nack(_));
                if let Some(message) = confirmation.take_message()
                    && let Some(id) = message.delivery.properties.message_id()
                {
                    returned.insert(id.to_string());
                }
                if acked {
                    Resolution::Acked
                } else {
                    Resolution::Nacked
                }
            }
            Err(error) => Resolution::Failed(error),
        });
        true
    }

    fn settle(self, returned: &mut HashSet<String>, known_topics: &KnownTopics) {
        let was_returned = returned.remove(&self.message_id);
        let outcome = match self.result {
            Some(Resolution::Acked) if was_returned => Ok(SendOutcome::Unroutable),
            Some(Resolution::Acked) => Ok(SendOutcome::Confirmed),
            Some(Resolution::Nacked) => Err(BrokerError::Nacked),
            Some(Resolution::Failed(error)) => Err(failure(error, self.topic, known_topics)),
            None => Err(BrokerError::Disconnected("the confirm was lost".into())),
        };
        // The publisher may have stopped waiting; that is its choice.
        let _ = self.reply.send(outcome);
    }
}

fn failure(error: lapin::Error, topic: Option<TopicName>, known: &KnownTopics) -> BrokerError {
    if let Some(topic) = topic
        && is_soft_error(&error, AMQPSoftError::NOTFOUND)
        && error
            .to_string()
            .contains(&format!("'{}'", topic_exchange(&topic)))
    {
        forget_topic(known, &topic);
        return BrokerError::NoSuchTopic(topic);
    }
    BrokerError::amqp("confirm a published message", error)
}

enum Step {
    New(Option<Tracked>),
    Resolved,
}

async fn run(mut receiver: mpsc::UnboundedReceiver<Tracked>, known_topics: KnownTopics) {
    let mut pending: Vec<Tracked> = Vec::new();
    let mut returned: HashSet<String> = HashSet::new();
    let mut open = true;
    while open || !pending.is_empty() {
        let step = poll_fn(|cx| {
            if open && let Poll::Ready(item) = receiver.poll_recv(cx) {
                return Poll::Ready(Step::New(item));
            }
            let mut any = false;
            for tracked in pending.iter_mut() {
                any |= tracked.poll_confirm(cx, &mut returned);
            }
            if any {
                Poll::Ready(Step::Resolved)
            } else {
                Poll::Pending
            }
        })
        .await;
        match step {
            Step::New(Some(tracked)) => pending.push(tracked),
            Step::New(None) => open = false,
            Step::Resolved => {
                // Settle what was resolved so far, after one more sweep so that returns
                // handed to batch neighbours are known.
                let ready: Vec<bool> = pending.iter().map(|t| t.result.is_some()).collect();
                let mut sweep = Context::from_waker(Waker::noop());
                for tracked in pending.iter_mut() {
                    tracked.poll_confirm(&mut sweep, &mut returned);
                }
                for (tracked, was_ready) in std::mem::take(&mut pending).into_iter().zip(ready) {
                    if was_ready {
                        tracked.settle(&mut returned, &known_topics);
                    } else {
                        pending.push(tracked);
                    }
                }
            }
        }
    }
}
