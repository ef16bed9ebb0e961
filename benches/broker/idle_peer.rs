//! The idle baseline: a separate process holding what an idle chat-tui holds on the
//! broker — one connection with the same 10 s heartbeat and one consumer — and doing
//! nothing else, so its wake-ups are the floor an idle client can reach.

use futures_util::StreamExt;
use lapin::options::{BasicConsumeOptions, QueueDeclareOptions};
use lapin::types::FieldTable;

/// Connects, consumes `queue` (exclusive, deleted with the connection) and waits until
/// it is killed.
pub async fn run(amqp_url: &str, queue: &str) -> anyhow::Result<()> {
    let separator = if amqp_url.contains('?') { '&' } else { '?' };
    let url = format!("{amqp_url}{separator}heartbeat=10");
    let connection = crate::raw::connect(&url).await?;
    let channel = connection.create_channel().await?;
    channel
        .queue_declare(
            queue.into(),
            QueueDeclareOptions {
                exclusive: true,
                auto_delete: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await?;
    let mut consumer = channel
        .basic_consume(
            queue.into(),
            "idle-peer".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    while consumer.next().await.is_some() {}
    Ok(())
}
