//! What arrives from the broker: the inbox (manual ack) and the presence feed (no ack).

use futures_util::StreamExt;
use lapin::options::BasicAckOptions;
use lapin::{Acker, Consumer};

use lapin::types::AMQPValue;

use super::PresenceNote;
use crate::broker::error::BrokerError;
use crate::domain::wire::{ANSWER_EXCHANGE_HEADER, AnswerTo, PRESENCE_ANSWERS_EXCHANGE};

/// The exclusive consumer of this user's inbox. Only one live session holds it.
#[derive(Debug)]
pub struct Inbox {
    consumer: Consumer,
}

impl Inbox {
    pub(crate) fn new(consumer: Consumer) -> Self {
        Self { consumer }
    }

    /// The next message from the inbox, in queue order. `None` once the consumer is gone
    /// (session closed); an error when the channel or connection failed (it is followed
    /// by `None`). Unacked messages go back to the queue when the session ends.
    pub async fn next(&mut self) -> Option<Result<Incoming, BrokerError>> {
        let delivery = self.consumer.next().await?;
        Some(
            delivery
                .map(|delivery| Incoming {
                    message_id: delivery
                        .properties
                        .message_id()
                        .as_ref()
                        .map(|id| id.to_string()),
                    redelivered: delivery.redelivered,
                    exchange: delivery.exchange.to_string(),
                    user_id: delivery
                        .properties
                        .user_id()
                        .as_ref()
                        .map(|id| id.to_string()),
                    data: delivery.data,
                    acker: delivery.acker,
                })
                .map_err(|e| BrokerError::Disconnected(e.to_string())),
        )
    }
}

/// One message from the inbox. Ack it only once it is safely stored: an unacked message
/// is delivered again (with `redelivered` set) by the next session.
#[derive(Debug)]
pub struct Incoming {
    /// The raw body; the app decodes it (it may be anything, not only an envelope).
    pub data: Vec<u8>,
    /// The AMQP `message_id` property, if the sender set one.
    pub message_id: Option<String>,
    /// Whether the broker delivered it before (to an earlier session that did not ack).
    pub redelivered: bool,
    /// The exchange it was published to (`chat.direct`, `chat.topic.<t>`, ...).
    pub exchange: String,
    /// The AMQP `user_id`: the sender's login, validated by the broker.
    pub user_id: Option<String>,
    acker: Acker,
}

impl Incoming {
    /// Acknowledges this message alone: the broker forgets it.
    pub async fn ack(&self) -> Result<(), BrokerError> {
        self.ack_with(false).await
    }

    /// Acknowledges this message and every earlier unacked one of the same session in one
    /// frame (AMQP `multiple`), for acking a stored batch at once.
    pub async fn ack_up_to_here(&self) -> Result<(), BrokerError> {
        self.ack_with(true).await
    }

    async fn ack_with(&self, multiple: bool) -> Result<(), BrokerError> {
        match self.acker.ack(BasicAckOptions { multiple }).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(BrokerError::Disconnected(
                "cannot ack: the inbox channel is closed or the message was already acked".into(),
            )),
            Err(e) => Err(BrokerError::amqp("ack a message", e)),
        }
    }
}

/// This client's view of `chat.presence`, through its own exclusive, auto-delete queue.
#[derive(Debug)]
pub struct PresenceFeed {
    consumer: Consumer,
}

impl PresenceFeed {
    pub(crate) fn new(consumer: Consumer) -> Self {
        Self { consumer }
    }

    /// The next presence message (the app decodes it). `None` once the feed ended: the
    /// session closed or the connection failed.
    pub async fn next(&mut self) -> Option<PresenceNote> {
        match self.consumer.next().await? {
            Ok(delivery) => Some(PresenceNote {
                answer: answer_to(&delivery.properties),
                user_id: delivery
                    .properties
                    .user_id()
                    .as_ref()
                    .map(|id| id.to_string()),
                body: delivery.data,
            }),
            Err(e) => {
                tracing::warn!(err = %crate::logging::safe(&e), "presence feed ended");
                None
            }
        }
    }
}

/// Where a `join` with these properties wants its answers: version 3 names
/// `chat.presence.answers` in its `answer-exchange` header, version 2 only `reply_to`.
fn answer_to(properties: &lapin::BasicProperties) -> Option<AnswerTo> {
    let queue = properties.reply_to().as_ref()?.to_string();
    let via_exchange = properties.headers().as_ref().is_some_and(|headers| {
        matches!(
            headers.inner().get(ANSWER_EXCHANGE_HEADER),
            Some(AMQPValue::LongString(name)) if name.as_bytes() == PRESENCE_ANSWERS_EXCHANGE.as_bytes()
        )
    });
    Some(if via_exchange {
        AnswerTo::AnswersExchange(queue)
    } else {
        AnswerTo::Queue(queue)
    })
}
