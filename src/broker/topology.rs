//! How the broker objects of the wire contract (see `docs/protocol.md`; their names are
//! in [`crate::domain::wire`]) are declared.
//!
//! Declarations are idempotent: declaring an object that already exists with the same
//! properties is a no-op, so every client declares what it needs on connect.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{Channel, ExchangeKind};

use super::error::BrokerError;
use crate::domain::UserName;
use crate::domain::wire::{DIRECT_EXCHANGE, PRESENCE_EXCHANGE, inbox_queue};

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
