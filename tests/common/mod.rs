//! Helpers shared by the integration tests that run against the real broker.
//!
//! Every test uses unique names ([`unique_user`], [`unique_topic`]) and registers what it
//! creates with a [`Cleanup`] guard, which deletes it when dropped, even on panic.

#![allow(dead_code)]

use std::time::Duration;

use chat_tui::broker::user::{Inbox, Incoming, PresenceFeed, PresenceNote};
use chat_tui::domain::wire::{inbox_queue, topic_exchange};
use chat_tui::domain::{TopicName, UserName};
use lapin::options::{ExchangeDeleteOptions, QueueDeclareOptions, QueueDeleteOptions};
use lapin::types::FieldTable;
use lapin::{Channel, Connection, ConnectionProperties};

/// The broker tests talk to: `CHAT_TUI_AMQP_URL`, or the local guest account.
pub fn amqp_url() -> String {
    std::env::var("CHAT_TUI_AMQP_URL")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned())
}

/// A fresh random suffix: the random tail of a UUID v7 (the head is the clock).
fn suffix(len: usize) -> String {
    let simple = uuid::Uuid::now_v7().simple().to_string();
    simple[simple.len() - len..].to_owned()
}

/// A user name no other test uses: `<prefix>-<10 random hex>` (prefix at most 9 chars).
pub fn unique_user(prefix: &str) -> UserName {
    UserName::parse(&format!("{prefix}-{}", suffix(10))).expect("valid test user name")
}

/// A topic name no other test uses: `<prefix>-<12 random hex>` (prefix at most 19 chars).
pub fn unique_topic(prefix: &str) -> TopicName {
    TopicName::parse(&format!("{prefix}-{}", suffix(12))).expect("valid test topic name")
}

/// Opens a plain connection and channel for test set-up and checks.
pub async fn raw_channel() -> (Connection, Channel) {
    raw_channel_at(&amqp_url()).await
}

/// Opens a plain connection and channel logged in with `url` (its account and virtual
/// host).
pub async fn raw_channel_at(url: &str) -> (Connection, Channel) {
    let connection = Connection::connect(url, ConnectionProperties::default())
        .await
        .expect("the test broker answers");
    let channel = connection.create_channel().await.expect("a channel");
    (connection, channel)
}

/// Creates a topic exchange as an operator would (register it with a [`Cleanup`] first).
pub async fn create_topic(topic: &TopicName) {
    let (connection, channel) = raw_channel().await;
    channel
        .exchange_declare(
            topic_exchange(topic).as_str().into(),
            lapin::ExchangeKind::Fanout,
            lapin::options::ExchangeDeclareOptions {
                durable: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .expect("declare topic");
    let _ = connection.close(200, "done".into()).await;
}

/// Passively declares `queue` in `url`'s virtual host: its (ready messages, consumers),
/// or `None` if it is missing.
async fn queue_counts(url: &str, queue: &str) -> Option<(u32, u32)> {
    let (connection, channel) = raw_channel_at(url).await;
    let result = channel
        .queue_declare(
            queue.into(),
            QueueDeclareOptions {
                passive: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await;
    let _ = connection.close(200, "done".into()).await;
    result
        .ok()
        .map(|queue| (queue.message_count(), queue.consumer_count()))
}

/// The number of ready messages in `queue`, or `None` if it is missing.
pub async fn ready_count(queue: &str) -> Option<u32> {
    ready_count_at(&amqp_url(), queue).await
}

/// [`ready_count`] in the virtual host of `url` (an account that may read the queue).
pub async fn ready_count_at(url: &str, queue: &str) -> Option<u32> {
    queue_counts(url, queue).await.map(|(ready, _)| ready)
}

/// The next inbox message, failing the test if none comes within 5 seconds.
pub async fn next_incoming(inbox: &mut Inbox) -> Incoming {
    tokio::time::timeout(Duration::from_secs(5), inbox.next())
        .await
        .expect("a message within 5 s")
        .expect("the inbox is open")
        .expect("no consumer error")
}

/// Fails the test if the inbox yields anything within `millis`.
pub async fn expect_quiet(inbox: &mut Inbox, millis: u64) {
    if let Ok(Some(item)) = tokio::time::timeout(Duration::from_millis(millis), inbox.next()).await
    {
        panic!("expected no message, got {item:?}");
    }
}

/// Reads the presence feed until `matches` accepts a message (other tests share the
/// presence exchange), failing the test after 5 seconds.
pub async fn presence_until(
    feed: &mut PresenceFeed,
    matches: impl Fn(&[u8]) -> bool,
) -> PresenceNote {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let note = feed.next().await.expect("the presence feed is open");
            if matches(&note.body) {
                return note;
            }
        }
    })
    .await
    .expect("the presence message within 5 s")
}

/// Deletes registered queues and exchanges when dropped, even if the test panicked.
/// It uses its own thread, runtime and connection, so it works from any context.
#[derive(Debug, Default)]
pub struct Cleanup {
    queues: Vec<String>,
    exchanges: Vec<String>,
}

impl Cleanup {
    /// An empty guard.
    pub fn new() -> Self {
        Self::default()
    }

    /// Deletes `user`'s inbox at the end.
    pub fn user(&mut self, user: &UserName) -> UserName {
        self.queues.push(inbox_queue(user));
        user.clone()
    }

    /// Deletes `topic`'s exchange at the end.
    pub fn topic(&mut self, topic: &TopicName) -> TopicName {
        self.exchanges.push(topic_exchange(topic));
        topic.clone()
    }

    /// Deletes the queue `name` at the end.
    pub fn queue(&mut self, name: &str) {
        self.queues.push(name.to_owned());
    }

    /// Deletes the exchange `name` at the end.
    pub fn exchange(&mut self, name: &str) {
        self.exchanges.push(name.to_owned());
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let queues = std::mem::take(&mut self.queues);
        let exchanges = std::mem::take(&mut self.exchanges);
        if queues.is_empty() && exchanges.is_empty() {
            return;
        }
        let worker = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a cleanup runtime");
            runtime.block_on(async move {
                let connection =
                    match Connection::connect(&amqp_url(), ConnectionProperties::default()).await {
                        Ok(connection) => connection,
                        Err(error) => {
                            eprintln!("cleanup could not connect: {error}");
                            return;
                        }
                    };
                // One channel per deletion: an error closes only that channel.
                for queue in &queues {
                    if let Ok(channel) = connection.create_channel().await
                        && let Err(error) = channel
                            .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
                            .await
                    {
                        eprintln!("cleanup of queue {queue}: {error}");
                    }
                }
                for exchange in &exchanges {
                    if let Ok(channel) = connection.create_channel().await
                        && let Err(error) = channel
                            .exchange_delete(
                                exchange.as_str().into(),
                                ExchangeDeleteOptions::default(),
                            )
                            .await
                    {
                        eprintln!("cleanup of exchange {exchange}: {error}");
                    }
                }
                let _ = connection.close(200, "cleanup done".into()).await;
            });
        });
        if worker.join().is_err() {
            eprintln!("the cleanup thread panicked");
        }
    }
}

pub mod client;

/// The number of consumers on `queue`, or `None` if it is missing.
pub async fn consumer_count(queue: &str) -> Option<u32> {
    consumer_count_at(&amqp_url(), queue).await
}

/// [`consumer_count`] in the virtual host of `url`.
pub async fn consumer_count_at(url: &str, queue: &str) -> Option<u32> {
    queue_counts(url, queue)
        .await
        .map(|(_, consumers)| consumers)
}

/// Waits until `queue` has a consumer (a client took its inbox), failing the test after
/// `timeout`. It asks the broker every 50 ms; this is how a test knows a child process is
/// connected before another one sends to it.
pub async fn wait_for_consumer(queue: &str, timeout: Duration) {
    wait_for_consumer_at(&amqp_url(), queue, timeout).await;
}

/// [`wait_for_consumer`] in the virtual host of `url`.
pub async fn wait_for_consumer_at(url: &str, queue: &str, timeout: Duration) {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if consumer_count_at(url, queue).await.unwrap_or(0) > 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no consumer on {queue} within {timeout:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
pub mod admin;
pub mod chat;
pub mod history;
pub mod raw;
pub mod team;
pub mod tls_proxy;
pub mod tmux;
