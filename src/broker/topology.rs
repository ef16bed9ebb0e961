//! How the broker objects of the wire contract (see `docs/protocol.md`; their names are
//! in [`crate::domain::wire`]) are declared.
//!
//! In open mode (the shared guest account) a client declares what it needs on connect:
//! declarations are idempotent, declaring an object that already exists with the same
//! properties is a no-op. With its own account (protocol version 3) a user may declare
//! nothing shared: the client only checks (passive declares) what the operator made.

use lapin::options::{ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::protocol::AMQPSoftError;
use lapin::types::FieldTable;
use lapin::{Channel, Connection, ExchangeKind};

use super::error::{BrokerError, is_soft_error};
use crate::domain::UserName;
use crate::domain::wire::{
    ANNOUNCE_EXCHANGE, ANNOUNCE_TO_ALL, DIRECT_EXCHANGE, PRESENCE_ANSWERS_EXCHANGE,
    PRESENCE_EXCHANGE, inbox_queue,
};

/// The shared exchanges of the wire contract, with their kinds.
pub const SHARED_EXCHANGES: [(&str, ExchangeKind); 4] = [
    (DIRECT_EXCHANGE, ExchangeKind::Direct),
    (PRESENCE_EXCHANGE, ExchangeKind::Fanout),
    (PRESENCE_ANSWERS_EXCHANGE, ExchangeKind::Direct),
    (ANNOUNCE_EXCHANGE, ExchangeKind::Direct),
];

fn durable_exchange() -> ExchangeDeclareOptions {
    ExchangeDeclareOptions {
        durable: true,
        ..ExchangeDeclareOptions::default()
    }
}

/// Declares the shared exchanges (durable; see [`SHARED_EXCHANGES`]): open mode.
pub async fn declare_shared_exchanges(channel: &Channel) -> Result<(), BrokerError> {
    for (name, kind) in SHARED_EXCHANGES {
        channel
            .exchange_declare(name.into(), kind, durable_exchange(), FieldTable::default())
            .await
            .map_err(|e| BrokerError::amqp(&format!("declare the {name} exchange"), e))?;
    }
    Ok(())
}

/// Checks that the shared exchanges exist (passive declares, each on a channel of its
/// own: a missing one closes the channel): with a user's own account, which may not
/// declare them. [`BrokerError::NotSetUp`] names the first one missing.
pub async fn check_shared_exchanges(connection: &Connection) -> Result<(), BrokerError> {
    for (name, kind) in SHARED_EXCHANGES {
        let channel = throwaway(connection).await?;
        let passive = ExchangeDeclareOptions {
            passive: true,
            ..ExchangeDeclareOptions::default()
        };
        match channel
            .exchange_declare(name.into(), kind, passive, FieldTable::default())
            .await
        {
            Ok(()) => close_quietly(&channel).await,
            Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => {
                return Err(BrokerError::NotSetUp(format!("the exchange {name}")));
            }
            Err(e) => {
                return Err(BrokerError::amqp(
                    &format!("look up the {name} exchange"),
                    e,
                ));
            }
        }
    }
    Ok(())
}

/// Checks that `user`'s inbox exists (a passive declare) and returns how many messages
/// wait in it: with the user's own account, which may not declare it.
/// [`BrokerError::NoInbox`] when the operator made none.
pub async fn check_inbox(connection: &Connection, user: &UserName) -> Result<u32, BrokerError> {
    let queue = inbox_queue(user);
    let channel = throwaway(connection).await?;
    let passive = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    match channel
        .queue_declare(queue.as_str().into(), passive, FieldTable::default())
        .await
    {
        Ok(declared) => {
            close_quietly(&channel).await;
            Ok(declared.message_count())
        }
        Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => {
            Err(BrokerError::NoInbox(user.clone()))
        }
        Err(e) => Err(BrokerError::amqp(&format!("look up the inbox {queue}"), e)),
    }
}

async fn throwaway(connection: &Connection) -> Result<Channel, BrokerError> {
    connection
        .create_channel()
        .await
        .map_err(|e| BrokerError::amqp("open a channel", e))
}

async fn close_quietly(channel: &Channel) {
    if let Err(error) = channel.close(200, "done".into()).await {
        tracing::debug!("closing a throwaway channel: {error}");
    }
}

/// Declares `user`'s inbox (classic, durable, not exclusive, not auto-delete) and binds
/// it to `chat.direct` with key = name and to `chat.announce` with the keys `all` and
/// name; returns how many messages wait in it. Open mode; the exchanges must exist.
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
    for key in [ANNOUNCE_TO_ALL, user.as_str()] {
        channel
            .queue_bind(
                queue.as_str().into(),
                ANNOUNCE_EXCHANGE.into(),
                key.into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp(&format!("bind {queue} to {ANNOUNCE_EXCHANGE}"), e))?;
    }
    Ok(declared.message_count())
}
