//! Measures how far behind the broker the admin console's counts are. Each round
//! publishes a burst of confirmed messages to a fresh queue, then asks the console's
//! broker layer for snapshots until the queue shows the new count: once with the queue
//! "on screen" (counted live over AMQP) and once off screen (broker statistics only).
//!
//! `cargo run --release --example freshness -- --rounds 5`

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chat_tui::broker::console::{BrokerConsole, Console, ConsoleSettings};
use chat_tui::broker::{ApiTarget, BrokerAddress};
use clap::Parser;
use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, QueueDeclareOptions, QueueDeleteOptions,
};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Connection, ConnectionProperties};

/// How stale are the admin console's counts?
#[derive(Debug, Parser)]
struct Args {
    /// Rounds to run.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Messages published per round.
    #[arg(long, default_value_t = 100)]
    burst: u64,
    /// Give up waiting for a count after this many seconds.
    #[arg(long, default_value_t = 20)]
    patience: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let console = BrokerConsole::new(ConsoleSettings {
        api: ApiTarget {
            url: "http://127.0.0.1:15672".into(),
            user: "guest".into(),
            password: "guest".into(),
            vhost: "/".into(),
            tls: Default::default(),
        },
        amqp: BrokerAddress::parse("amqp://guest:guest@127.0.0.1:5672/%2f")?,
    })?;
    let connection = Connection::connect(
        "amqp://guest:guest@127.0.0.1:5672/%2f",
        ConnectionProperties::default(),
    )
    .await?;
    let channel = connection.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    let queue = format!("freshness.{}", uuid::Uuid::now_v7().simple());
    channel
        .queue_declare(
            queue.as_str().into(),
            QueueDeclareOptions::default(),
            FieldTable::default(),
        )
        .await?;
    println!("round  expected  live (AMQP)   statistics only");
    let mut expected = 0;
    let patience = Duration::from_secs(args.patience);
    for round in 1..=args.rounds {
        for _ in 0..args.burst {
            channel
                .basic_publish(
                    "".into(),
                    queue.as_str().into(),
                    BasicPublishOptions::default(),
                    b"tick",
                    BasicProperties::default(),
                )
                .await?
                .await?;
        }
        expected += args.burst;
        let live = time_until(&console, &queue, expected, true, patience).await;
        let stats = time_until(&console, &queue, expected, false, patience).await;
        println!(
            "{round:>5}  {expected:>8}  {:>11}   {:>15}",
            show(live),
            show(stats)
        );
    }
    channel
        .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
        .await?;
    connection.close(200, "freshness done".into()).await?;
    Ok(())
}

/// Time from now until a snapshot shows `expected` ready messages in `queue`.
async fn time_until(
    console: &BrokerConsole,
    queue: &str,
    expected: u64,
    live: bool,
    patience: Duration,
) -> Option<Duration> {
    let started = Instant::now();
    let watched = if live {
        vec![queue.to_owned()]
    } else {
        Vec::new()
    };
    while started.elapsed() < patience {
        if let Ok(snapshot) = console.snapshot(&watched).await
            && snapshot
                .queues
                .iter()
                .any(|row| row.name == queue && row.ready == expected)
        {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

fn show(took: Option<Duration>) -> String {
    match took {
        Some(took) => format!("{} ms", took.as_millis()),
        None => "never".to_owned(),
    }
}
