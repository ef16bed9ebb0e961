//! The pika peer rows: the same AMQP work done by `pika_peer.py` (beside this file) with
//! pika, the Python stack of the systems chat-tui replaces. Skipped (and said so) when no
//! Python with pika was given.

use std::time::Duration;

use anyhow::{Context, bail};
use tokio::process::Command;

use crate::setup::Bench;

/// What one pika run printed.
#[derive(Debug, serde::Deserialize)]
pub struct Figures {
    /// Messages handled.
    pub messages: usize,
    /// Seconds taken (send and drain).
    pub seconds: Option<f64>,
    /// Median round trip in ms (latency).
    pub p50_ms: Option<f64>,
    /// 99th percentile round trip in ms (latency).
    pub p99_ms: Option<f64>,
}

/// Runs `pika_peer.py <args>`; `Ok(None)` when there is no pika.
pub async fn run(bench: &Bench, args: &[String]) -> anyhow::Result<Option<Figures>> {
    let Some(python) = &bench.python else {
        return Ok(None);
    };
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/broker/pika_peer.py");
    let run = Command::new(python)
        .arg(script)
        .args(args)
        .args(["--url", &bench.amqp_url])
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(600), run)
        .await
        .context("the pika peer took more than 10 minutes")?
        .context("cannot run the pika peer")?;
    if !output.status.success() {
        bail!(
            "the pika peer failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let figures = serde_json::from_slice(&output.stdout).with_context(|| {
        format!(
            "the pika peer printed something unexpected: {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })?;
    Ok(Some(figures))
}
