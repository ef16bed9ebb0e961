//! The broker objects of the wire contract (see `docs/protocol.md`) and how to declare them.
//!
//! Declarations are idempotent: declaring an object that already exists with the same
//! properties is a no-op, so every client declares what it needs on connect.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{Channel, ExchangeKind};

use super::error::BrokerError;
use crate::domain::{TopicName, UserName};

/// The direct exchange that routes a DM to its recipient's inbox (key = recipient).
pub const DIRECT_EXCHANGE: &str = "chat.direct";
/// The fanout exchange every running client reads presence from.
pub const PRESENCE_EXCHANGE: &str = "chat.presence";
/// Prefix of every user inbox queue.
pub const INBOX_PREFIX: &str = "chat.user.";
/// Prefix of every topic exchange.
pub const TOPIC_PREFIX: &str = "chat.topic.";

/// The name of `user`'s inbox queue: `chat.user.<name>`.
pub fn inbox_queue(user: &UserName) -> String {
    format!("{INBOX_PREFIX}{user}")
}

/// The name of `topic`'s fanout exchange: `chat.topic.<topic>`.
pub fn topic_exchange(topic: &TopicName) -> String {
    format!("{TOPIC_PREFIX}{topic}")
}

/// Reads a topic back from an exchange name, if it is `chat.topic.<valid name>`.
pub fn topic_from_exchange(exchange: &str) -> Option<TopicName> {
    let name = exchange.strip_prefix(TOPIC_PREFIX)?;
    let topic = TopicName::parse(name).ok()?;
    // Only names already in canonical (lowercase) form are ours.
    (topic.as_str() == name).then_some(topic)
}

/// The topics among `exchanges` (names of exchanges), sorted, without duplicates.
pub fn topics_among<'a>(exchanges: impl IntoIterator<Item = &'a str>) -> Vec<TopicName> {
    let mut topics: Vec<TopicName> = exchanges
        .into_iter()
        .filter_map(topic_from_exchange)
        .collect();
    topics.sort();
    topics.dedup();
    topics
}

fn durable_exchange() -> ExchangeDeclareOptions {
    ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    }
}

/// Declares `chat.direct` (direct, durable).
pub async fn declare_direct_exchange(channel: &Channel) -> Result<(), BrokerError> {
    channel
        .exchange_declare(
            DIRECT_EXCHANGE.into(),
            ExchangeKind::Direct,
            durable_exchange(),
            FieldTable::default(),
        )
        .await
        .map_err(|e| BrokerError::amqp("declare the chat.direct exchange", e))
}

/// Declares `chat.presence` (fanout, durable).
pub async fn declare_presence_exchange(channel: &Channel) -> Result<(), BrokerError> {
    channel
        .exchange_declare(
            PRESENCE_EXCHANGE.into(),
            ExchangeKind::Fanout,
            durable_exchange(),
            FieldTable::default(),
        )
        .await
        .map_err(|e| BrokerError::amqp("declare the chat.presence exchange", e))
}

/// Declares `user`'s inbox (classic, durable, not exclusive, not auto-delete) and binds
/// it to `chat.direct` with key = name; returns how many messages wait in it. The
/// direct exchange must exist.
pub async fn declare_inbox(channel: &Channel, user: &UserName) -> Result<u32, BrokerError> {
    let queue = inbox_queue(user);
    let declared = channel
        .queue_declare(
            queue.as_str().into(),
            QueueDeclareOptions {
                durable: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await
        .map_err(|e| BrokerError::amqp(&format!("declare the inbox {queue}"), e))?;
    channel
        .queue_bind(
            queue.as_str().into(),
            DIRECT_EXCHANGE.into(),
            user.as_str().into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
        .map_err(|e| BrokerError::amqp(&format!("bind {queue} to {DIRECT_EXCHANGE}"), e))?;
    Ok(declared.message_count())
}

/// Declares `topic`'s exchange (fanout, durable). For tests and the admin console: user
/// mode never creates topics.
pub async fn declare_topic(channel: &Channel, topic: &TopicName) -> Result<(), BrokerError> {
    let exchange = topic_exchange(topic);
    channel
        .exchange_declare(
            exchange.as_str().into(),
            ExchangeKind::Fanout,
            durable_exchange(),
            FieldTable::default(),
        )
        .await
        .map_err(|e| BrokerError::amqp(&format!("declare the topic {exchange}"), e))
}

#[cfg(test)]
#[path = "topology_tests.rs"]
mod tests;
