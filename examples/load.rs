//! Puts load on a local RabbitMQ so the admin console has something to show: many queues,
//! a few of them with messages flowing in (and some of those drained by a consumer).
//! Every queue it makes is named `load.<n>` and deleted again when it ends (Ctrl-C or
//! `--seconds`), unless `--keep` is given.
//!
//! `cargo run --release --example load -- --queues 300 --hot 20 --rate 2000 --seconds 120`

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use clap::Parser;
use futures_util::StreamExt;
use lapin::options::{
    BasicAckOptions, BasicConsumeOptions, BasicPublishOptions, BasicQosOptions,
    QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Channel, Connection, ConnectionProperties};

/// Load generator for trying `chat-tui admin` with real data.
#[derive(Debug, Parser)]
struct Args {
    /// AMQP URL of the broker.
    #[arg(long, default_value = "amqp://guest:guest@127.0.0.1:5672/%2f")]
    amqp_url: String,
    /// Queues to create (`load.0000`, `load.0001`, …).
    #[arg(long, default_value_t = 300)]
    queues: usize,
    /// How many of them receive messages.
    #[arg(long, default_value_t = 20)]
    hot: usize,
    /// Messages per second, spread over the hot queues.
    #[arg(long, default_value_t = 2000)]
    rate: u64,
    /// Every other hot queue is drained by a consumer at this many messages per second.
    #[arg(long, default_value_t = 50)]
    drain_rate: u64,
    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long)]
    seconds: Option<u64>,
    /// Leave the queues behind when done.
    #[arg(long)]
    keep: bool,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let connection = Connection::connect(&args.amqp_url, ConnectionProperties::default()).await?;
    let channel = connection.create_channel().await?;
    let names: Vec<String> = (0..args.queues).map(|i| format!("load.{i:04}")).collect();
    for name in &names {
        channel
            .queue_declare(
                name.as_str().into(),
                QueueDeclareOptions::default(),
                FieldTable::default(),
            )
            .await?;
    }
    let hot: Vec<String> = names.iter().take(args.hot.max(1)).cloned().collect();
    println!(
        "load: {} queues, {} hot, {} msg/s",
        names.len(),
        hot.len(),
        args.rate
    );
    for (i, name) in hot.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        let consumer = connection.create_channel().await?;
        tokio::spawn(drain(consumer, name.clone(), args.drain_rate, i));
    }
    let publisher = tokio::spawn(publish(channel.clone(), hot, args.rate));
    match args.seconds {
        Some(secs) => tokio::time::sleep(Duration::from_secs(secs)).await,
        None => {
            tokio::signal::ctrl_c().await?;
        }
    }
    publisher.abort();
    if !args.keep {
        let cleaner = connection.create_channel().await?;
        for name in &names {
            cleaner
                .queue_delete(name.as_str().into(), QueueDeleteOptions::default())
                .await?;
        }
        println!("load: deleted {} queues", names.len());
    }
    // The drain consumers may still be closing their channels; that is fine here.
    let _ = connection.close(200, "load done".into()).await;
    Ok(())
}

/// Publishes round-robin over `queues` at about `rate` messages per second, in small
/// batches every 10 ms.
async fn publish(channel: Channel, queues: Vec<String>, rate: u64) -> Result<(), lapin::Error> {
    let mut timer = tokio::time::interval(Duration::from_millis(10));
    let per_tick = (rate / 100).max(1);
    let mut next = 0usize;
    loop {
        timer.tick().await;
        for _ in 0..per_tick {
            let queue = &queues[next % queues.len()];
            next += 1;
            channel
                .basic_publish(
                    "".into(),
                    queue.as_str().into(),
                    BasicPublishOptions::default(),
                    b"load",
                    BasicProperties::default(),
                )
                .await?;
        }
    }
}

/// Consumes `queue` with manual acks, at most `rate` messages per second.
async fn drain(channel: Channel, queue: String, rate: u64, tag: usize) -> Result<(), lapin::Error> {
    channel.basic_qos(10, BasicQosOptions::default()).await?;
    let mut consumer = channel
        .basic_consume(
            queue.as_str().into(),
            format!("load-drain-{tag}").as_str().into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let pause = Duration::from_micros(1_000_000 / rate.max(1));
    while let Some(delivery) = consumer.next().await {
        delivery?.ack(BasicAckOptions::default()).await?;
        tokio::time::sleep(pause).await;
    }
    Ok(())
}
