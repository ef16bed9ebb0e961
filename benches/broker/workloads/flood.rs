//! Workload 9: a flood of the largest messages the broker takes, pushed into an online
//! client's inbox as fast as the broker accepts them (issue 14: "a flood of
//! maximum-size messages cannot take more than a documented amount of memory"). None is
//! a valid envelope (each is larger than the contract allows), so the client marks each
//! unreadable, stores a short preview and acks it. The figure is the client's peak
//! resident memory (`VmHWM`) over what it used idle, beside the worst case the prefetch
//! allows (prefetch × message size) — what lapin may hold before the client sees it.

use std::time::Duration;

use anyhow::Context;
use lapin::BasicProperties;
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};

use crate::chat::LineClient;
use crate::proc_stats::ProcStats;
use crate::raw;
use crate::report::{Report, Row};
use crate::setup::Bench;

const MIB: usize = 1024 * 1024;

/// (message size, how many): about 2 GiB each, the largest size just under the node's
/// default `max_message_size` (128 MiB).
const FLOODS: [(usize, usize); 3] = [(MIB, 2_000), (16 * MIB, 128), (100 * MIB, 20)];

/// Confirms outstanding at once while flooding.
const WINDOW: usize = 16;

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let bob = bench.user("fl");
    let queue = raw::fresh_inbox(bench, &bob).await?;
    let dir = bench.data_dir("flood");
    let mut client = LineClient::start(bench, &bob, &dir).await?;
    let pid = client.pid().context("the client has no pid")?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = ProcStats::read(pid)?;
    for (size, full_count) in FLOODS {
        let count = bench.count(full_count).max(1);
        flood(bench, &queue, size, count).await?;
        let mut seen = 0;
        client
            .wait_for(Duration::from_secs(600), |event| {
                if event.json["unreadable"].is_string() {
                    seen += 1;
                }
                seen == count
            })
            .await
            .with_context(|| format!("the client did not mark {count} messages unreadable"))?;
        let after = ProcStats::read(pid)?;
        let over_idle = mib(after.peak_kib.saturating_sub(idle.rss_kib));
        let worst = (usize::from(raw::PREFETCH) * size / MIB) as f64;
        report.add(Row {
            workload: format!("9 flood {count} × {} MiB", size / MIB),
            figure: "peak memory over idle (MiB)".into(),
            chat: over_idle,
            baseline: Some(worst),
            pika: None,
            ratio: Some(over_idle / worst),
            target: "documented bound (README: Limits)".into(),
            met: None,
        });
    }
    client.quit().await?;
    anyhow::ensure!(
        raw::ready(&bench.amqp_url, &queue).await? == 0,
        "messages are left in the inbox after the flood"
    );
    Ok(())
}

/// Publishes `count` bodies of `size` bytes into `queue` (default exchange, transient)
/// with [`WINDOW`] confirms in flight.
async fn flood(bench: &Bench, queue: &str, size: usize, count: usize) -> anyhow::Result<()> {
    let connection = raw::connect(&bench.amqp_url).await?;
    let channel = connection.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    let body = vec![b'x'; size];
    let mut in_flight: std::collections::VecDeque<lapin::PublisherConfirm> =
        std::collections::VecDeque::new();
    for _ in 0..count {
        if in_flight.len() == WINDOW
            && let Some(confirm) = in_flight.pop_front()
        {
            anyhow::ensure!(confirm.await?.is_ack(), "the broker refused a message");
        }
        in_flight.push_back(
            channel
                .basic_publish(
                    "".into(),
                    queue.into(),
                    BasicPublishOptions::default(),
                    &body,
                    BasicProperties::default(),
                )
                .await?,
        );
    }
    while let Some(confirm) = in_flight.pop_front() {
        anyhow::ensure!(confirm.await?.is_ack(), "the broker refused a message");
    }
    connection.close(200, "done".into()).await?;
    Ok(())
}

/// KiB as MiB.
fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
