//! The baselines: plain lapin loops doing the same AMQP work as chat-tui (persistent
//! messages, `mandatory`, publisher confirms, the same prefetch and acks) without its
//! encoding, storage and state; plus the set-up and clean-up both sides need.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use anyhow::Context;
use chat_tui::broker::topology::{declare_inbox, declare_shared_exchanges};
use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{Envelope, UserName};
use futures_util::{FutureExt, StreamExt};
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicPublishOptions, BasicQosOptions,
    ConfirmSelectOptions, QueueDeleteOptions, QueuePurgeOptions,
};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};

use crate::setup::Bench;

/// Publisher confirms in flight at once in the raw send loop.
pub const CONFIRM_WINDOW: usize = 256;
/// The prefetch chat-tui uses (`PREFETCH` in user mode).
pub const PREFETCH: u16 = 500;
/// Most deliveries acked at once (chat-tui stores and acks a burst of up to this many).
const ACK_BURST: usize = 256;

/// A message ready to publish: its body and properties.
pub struct Outgoing {
    /// The encoded envelope.
    pub body: Vec<u8>,
    /// What chat-tui would set: JSON, persistent, message id, app id, timestamp.
    pub properties: BasicProperties,
}

/// `count` direct messages from `from` to `to`, encoded as chat-tui encodes them, with
/// bodies `"<label> <n>"`.
pub fn direct_messages(from: &UserName, to: &UserName, label: &str, count: usize) -> Vec<Outgoing> {
    (0..count)
        .map(|n| {
            let env = Envelope::direct(from.clone(), to.clone(), format!("{label} {n}"));
            let properties = BasicProperties::default()
                .with_content_type("application/json".into())
                .with_delivery_mode(2)
                .with_message_id(env.id.as_str().into())
                .with_app_id("chat-tui-bench".into())
                .with_timestamp(u64::try_from(env.sent_at.unix_timestamp()).unwrap_or(0));
            Outgoing {
                body: env.encode(),
                properties,
            }
        })
        .collect()
}

/// Opens a connection.
pub async fn connect(url: &str) -> anyhow::Result<Connection> {
    Connection::connect(url, ConnectionProperties::default())
        .await
        .with_context(|| format!("cannot connect to {}", chat_tui::broker::redact_url(url)))
}

/// Makes sure `user` exists (`chat.direct` and the inbox, as the client declares them)
/// and that the inbox is empty.
pub async fn fresh_inbox(bench: &Bench, user: &UserName) -> anyhow::Result<String> {
    let connection = connect(&bench.amqp_url).await?;
    let channel = connection.create_channel().await?;
    declare_shared_exchanges(&channel).await?;
    declare_inbox(&channel, user).await?;
    let queue = inbox_queue(user);
    channel
        .queue_purge(queue.as_str().into(), QueuePurgeOptions::default())
        .await?;
    connection.close(200, "done".into()).await?;
    Ok(queue)
}

/// Publishes `messages` to `chat.direct` with key `to`, persistent and `mandatory`,
/// with at most [`CONFIRM_WINDOW`] confirms outstanding; returns the time from the first
/// publish to the last confirm. Fails if any message is not confirmed or comes back.
pub async fn send(url: &str, to: &UserName, messages: Vec<Outgoing>) -> anyhow::Result<Duration> {
    let connection = connect(url).await?;
    let channel = confirming_channel(&connection).await?;
    let started = Instant::now();
    publish_all(&channel, to, messages).await?;
    let took = started.elapsed();
    connection.close(200, "done".into()).await?;
    Ok(took)
}

/// Fills `to`'s inbox with `count` direct messages labelled `label` (set-up, not timed).
pub async fn fill(bench: &Bench, to: &UserName, label: &str, count: usize) -> anyhow::Result<()> {
    let from = bench.user("fill");
    for start in (0..count).step_by(10_000) {
        let batch = direct_messages(&from, to, label, (count - start).min(10_000));
        let connection = connect(&bench.amqp_url).await?;
        let channel = confirming_channel(&connection).await?;
        publish_all(&channel, to, batch).await?;
        connection.close(200, "done".into()).await?;
    }
    Ok(())
}

async fn confirming_channel(connection: &Connection) -> anyhow::Result<Channel> {
    let channel = connection.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    Ok(channel)
}

async fn publish_all(
    channel: &Channel,
    to: &UserName,
    messages: Vec<Outgoing>,
) -> anyhow::Result<()> {
    let mut in_flight = VecDeque::with_capacity(CONFIRM_WINDOW);
    for message in messages {
        if in_flight.len() == CONFIRM_WINDOW
            && let Some(confirm) = in_flight.pop_front()
        {
            settle(confirm).await?;
        }
        in_flight.push_back(publish_direct(channel, to, message).await?);
    }
    while let Some(confirm) = in_flight.pop_front() {
        settle(confirm).await?;
    }
    Ok(())
}

/// Publishes `message` to `chat.direct` with key `to`, `mandatory`, as chat-tui does.
async fn publish_direct(
    channel: &Channel,
    to: &UserName,
    message: Outgoing,
) -> anyhow::Result<lapin::PublisherConfirm> {
    let options = BasicPublishOptions {
        mandatory: true,
        immediate: false,
    };
    Ok(channel
        .basic_publish(
            "chat.direct".into(),
            to.as_str().into(),
            options,
            &message.body,
            message.properties,
        )
        .await?)
}

/// Waits for the broker's answer; fails unless it took the message and routed it.
async fn settle(confirm: lapin::PublisherConfirm) -> anyhow::Result<()> {
    let answer = confirm.await?;
    anyhow::ensure!(answer.is_ack(), "the broker did not take a message");
    anyhow::ensure!(
        answer.take_message().is_none(),
        "a message came back unroutable"
    );
    Ok(())
}

/// Consumes `count` messages from `queue` as chat-tui does (prefetch [`PREFETCH`],
/// exclusive consumer, a burst acked at once with `multiple`); returns the time from
/// connecting to the last ack.
pub async fn drain(url: &str, queue: &str, count: usize) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let connection = connect(url).await?;
    let channel = connection.create_channel().await?;
    channel
        .basic_qos(PREFETCH, BasicQosOptions::default())
        .await?;
    let mut consumer = channel
        .basic_consume(
            queue.into(),
            "bench-drain".into(),
            BasicConsumeOptions {
                exclusive: true,
                ..BasicConsumeOptions::default()
            },
            FieldTable::default(),
        )
        .await?;
    let mut received = 0;
    while received < count {
        let first = consumer
            .next()
            .await
            .context("the consumer ended early")??;
        let mut last = first;
        let mut burst = 1;
        while burst < ACK_BURST {
            match consumer.next().now_or_never() {
                Some(Some(Ok(delivery))) => {
                    last = delivery;
                    burst += 1;
                }
                _ => break,
            }
        }
        last.ack(BasicAckOptions { multiple: true }).await?;
        received += burst;
    }
    let took = started.elapsed();
    connection.close(200, "done".into()).await?;
    Ok(took)
}

/// One message at a time, `count` times: publish (persistent, mandatory, confirmed) to
/// `to` and time until the consumer of its inbox has it. Returns each round trip.
pub async fn latency(url: &str, to: &UserName, count: usize) -> anyhow::Result<Vec<Duration>> {
    let from = UserName::parse("benchraw").expect("a valid name");
    let sender = connect(url).await?;
    let publisher = confirming_channel(&sender).await?;
    let receiver = connect(url).await?;
    let channel = receiver.create_channel().await?;
    channel
        .basic_qos(PREFETCH, BasicQosOptions::default())
        .await?;
    let mut consumer = channel
        .basic_consume(
            inbox_queue(to).as_str().into(),
            "bench-latency".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let mut times = Vec::with_capacity(count);
    for message in direct_messages(&from, to, "ping", count) {
        let started = Instant::now();
        let confirm = publish_direct(&publisher, to, message).await?;
        let delivery = consumer.next().await.context("the consumer ended")??;
        times.push(started.elapsed());
        delivery.ack(BasicAckOptions::default()).await?;
        settle(confirm).await?;
    }
    sender.close(200, "done".into()).await?;
    receiver.close(200, "done".into()).await?;
    Ok(times)
}

/// Messages ready in `queue` (a passive declare).
pub async fn ready(url: &str, queue: &str) -> anyhow::Result<u32> {
    Ok(peek(url, queue).await?.message_count())
}

/// Waits until `queue` has a consumer (a client took its inbox).
pub async fn wait_for_consumer(
    bench: &Bench,
    queue: &str,
    timeout: Duration,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + timeout;
    // Until the client declares it, the queue may not even exist.
    while !peek(&bench.amqp_url, queue)
        .await
        .is_ok_and(|q| q.consumer_count() > 0)
    {
        anyhow::ensure!(
            Instant::now() < deadline,
            "{queue} has no consumer after {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

/// A passive declare of `queue`: its counts, without changing it.
async fn peek(url: &str, queue: &str) -> anyhow::Result<lapin::Queue> {
    let connection = connect(url).await?;
    let channel = connection.create_channel().await?;
    let declared = channel
        .queue_declare(
            queue.into(),
            lapin::options::QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await?;
    connection.close(200, "done".into()).await?;
    Ok(declared)
}

/// Deletes every queue whose name contains `needle` (listed by the management API).
pub async fn delete_queues_containing(bench: &Bench, needle: &str) -> anyhow::Result<()> {
    // The API lists queues from its statistics, which miss some for a while after the
    // node restarted (the crowd restarts it): list again until none is left.
    for round in 0..4 {
        let names = queue_names(bench).await?;
        let doomed: Vec<&String> = names.iter().filter(|n| n.contains(needle)).collect();
        if doomed.is_empty() {
            return Ok(());
        }
        if round > 0 {
            eprintln!(
                "   {} more queues of this run found; deleting them",
                doomed.len()
            );
        }
        let connection = connect(&bench.amqp_url).await?;
        let channel = connection.create_channel().await?;
        for name in doomed {
            channel
                .queue_delete(name.as_str().into(), QueueDeleteOptions::default())
                .await
                .with_context(|| format!("cannot delete {name}"))?;
        }
        connection.close(200, "done".into()).await?;
        tokio::time::sleep(std::time::Duration::from_secs(7)).await;
    }
    Ok(())
}

/// The names of all queues in the default virtual host.
pub async fn queue_names(bench: &Bench) -> anyhow::Result<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    let listed: Vec<Named> = list_queues(bench, "name").await?;
    Ok(listed.into_iter().map(|q| q.name).collect())
}

/// The management API's queue listing of the default virtual host with `columns`.
pub async fn list_queues<T: serde::de::DeserializeOwned>(
    bench: &Bench,
    columns: &str,
) -> anyhow::Result<Vec<T>> {
    Ok(reqwest::Client::new()
        .get(format!(
            "{}/api/queues/%2F?columns={columns}",
            bench.api_url
        ))
        .basic_auth("guest", Some("guest"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?)
}
