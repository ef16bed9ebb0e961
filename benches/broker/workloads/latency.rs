//! Workload 3: alice sends to bob one message at a time, 2,000 times; each round trip
//! runs from alice's input line to bob's client showing the message (stored first).
//! Against raw lapin's publish-to-deliver time.

use std::time::{Duration, Instant};

use crate::chat::LineClient;
use crate::report::{Report, Row};
use crate::setup::Bench;
use crate::workloads::quantile_ms;
use crate::{pika, raw};

/// Round trips before measuring (connections and caches warm).
const WARM_UP: usize = 50;

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let count = bench.count(2_000);
    let alice = bench.user("la");
    let bob = bench.user("lb");
    let queue = raw::fresh_inbox(bench, &bob).await?;

    let raw_times = raw::latency(&bench.amqp_url, &bob, WARM_UP + count).await?;
    let raw_times = &raw_times[WARM_UP..];

    let mut receiver = LineClient::start(bench, &bob, &bench.data_dir("latency-bob")).await?;
    let mut sender = LineClient::start(bench, &alice, &bench.data_dir("latency-alice")).await?;
    let mut times = Vec::with_capacity(count);
    for n in 0..WARM_UP + count {
        let body = format!("ping {n}");
        let started = Instant::now();
        sender.type_text(&format!("/msg {bob} {body}\n")).await?;
        let shown = receiver
            .wait_for(Duration::from_secs(10), |event| {
                event.json["event"] == "message" && event.json["body"] == body.as_str()
            })
            .await?;
        if n >= WARM_UP {
            times.push(shown - started);
        }
    }
    sender.quit().await?;
    receiver.quit().await?;

    let pika = pika::run(
        bench,
        &[
            "latency".into(),
            "--queue".into(),
            queue,
            "--count".into(),
            count.to_string(),
        ],
    )
    .await?;

    let (chat_p50, raw_p50) = (quantile_ms(&times, 0.5), quantile_ms(raw_times, 0.5));
    let (chat_p99, raw_p99) = (quantile_ms(&times, 0.99), quantile_ms(raw_times, 0.99));
    report.add(Row {
        workload: format!("3 latency {count}"),
        figure: "p50 (ms)".into(),
        chat: chat_p50,
        baseline: Some(raw_p50),
        pika: pika.as_ref().and_then(|f| f.p50_ms),
        ratio: Some(chat_p50 / raw_p50),
        target: "chat-tui − raw ≤ 0.5 ms".into(),
        met: Some(chat_p50 - raw_p50 <= 0.5),
    });
    report.add(Row {
        workload: format!("3 latency {count}"),
        figure: "p99 (ms)".into(),
        chat: chat_p99,
        baseline: Some(raw_p99),
        pika: pika.as_ref().and_then(|f| f.p99_ms),
        ratio: Some(chat_p99 / raw_p99),
        target: "< 5 ms".into(),
        met: Some(chat_p99 < 5.0),
    });
    Ok(())
}
