//! Workload 1: 50,000 direct messages from one client, persistent, confirmed,
//! mandatory. chat-tui in line mode (each line stored as pending, published, its confirm
//! recorded) against a raw lapin loop with a window of confirms.

use std::time::{Duration, Instant};

use crate::chat::LineClient;
use crate::report::{Report, Row};
use crate::setup::Bench;
use crate::workloads::rate;
use crate::{pika, raw};

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let count = bench.count(50_000);
    let alice = bench.user("sa");
    let bob = bench.user("sb");
    let queue = raw::fresh_inbox(bench, &bob).await?;

    let raw_took = raw::send(
        &bench.amqp_url,
        &bob,
        raw::direct_messages(&alice, &bob, "message", count),
    )
    .await?;
    eprintln!("   raw lapin: {count} sent in {raw_took:.2?}");
    raw::fresh_inbox(bench, &bob).await?;

    let mut client = LineClient::start(bench, &alice, &bench.data_dir("send")).await?;
    let lines: String = (0..count)
        .map(|n| format!("/msg {bob} message {n}\n"))
        .collect();
    let started = Instant::now();
    let typing = client.type_in_background(lines);
    let mut delivered = 0;
    let last = client
        .wait_for(Duration::from_secs(600), |event| {
            if event.json["event"] == "status" && event.json["status"] == "delivered" {
                delivered += 1;
            }
            delivered == count
        })
        .await?;
    client.done_typing(typing).await?;
    let chat_took = last - started;
    eprintln!("   chat-tui: {count} sent in {chat_took:.2?}");
    client.quit().await?;
    anyhow::ensure!(
        raw::ready(&bench.amqp_url, &queue).await? as usize == count,
        "bob's inbox does not hold the {count} messages chat-tui sent"
    );
    raw::fresh_inbox(bench, &bob).await?;

    let pika = pika::run(
        bench,
        &[
            "send".into(),
            "--queue".into(),
            queue.clone(),
            "--count".into(),
            count.to_string(),
            "--body-size".into(),
            "200".into(),
        ],
    )
    .await?;
    let chat = rate(count, chat_took);
    let raw = rate(count, raw_took);
    let ratio = chat / raw;
    report.add(Row {
        workload: format!("1 send {count} DMs"),
        figure: "throughput (msg/s)".into(),
        chat,
        baseline: Some(raw),
        pika: pika.and_then(|f| f.seconds.map(|s| f.messages as f64 / s)),
        ratio: Some(ratio),
        target: "ratio ≥ 0.8".into(),
        met: Some(ratio >= 0.8),
    });
    Ok(())
}
