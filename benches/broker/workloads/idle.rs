//! Workload 6: a connected full-screen client with nothing happening. Over the same
//! minute, its wake-ups (times a thread was put on a CPU), CPU time and redraws, against
//! a raw lapin process holding the same connection, heartbeat and consumer.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::process::Command;

use crate::proc_stats::ProcStats;
use crate::raw;
use crate::report::{Report, Row};
use crate::screen::PtyClient;
use crate::setup::Bench;

/// Wake-ups allowed against the bare connection: what a heartbeat and its timers need
/// give or take scheduling noise. Busy polling or a redraw timer would be many times it.
const IDLE_WAKEUP_RATIO: f64 = 1.25;

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let me = bench.user("ia");
    raw::fresh_inbox(bench, &me).await?;
    let client = PtyClient::start(
        bench,
        &["user", "--name", me.as_str()],
        &bench.data_dir("idle"),
        me.as_str(),
    )?;
    client
        .wait_until(Duration::from_secs(20), |s| s.contains("connected"))
        .await?;
    let mut peer = Command::new(std::env::current_exe()?)
        .args([
            "--amqp-url",
            &bench.amqp_url,
            "--idle-peer",
            &format!("b{}.idle", bench.run_id),
        ])
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("cannot start the idle peer")?;
    let peer_pid = peer.id().context("the idle peer exited")?;
    // Let both finish starting (presence answers, first heartbeats).
    tokio::time::sleep(Duration::from_secs(3)).await;
    client
        .settle(Duration::from_millis(500), Duration::from_secs(10))
        .await?;

    let pid = client.pid()?;
    let (chat_before, peer_before, frames_before) = (
        ProcStats::read(pid)?,
        ProcStats::read(peer_pid)?,
        client.chunks(),
    );
    tokio::time::sleep(Duration::from_secs(bench.idle_secs)).await;
    let chat = chat_before.since(&ProcStats::read(pid)?);
    let base = peer_before.since(&ProcStats::read(peer_pid)?);
    let redraws = client.chunks() - frames_before;
    client.quit().await?;
    peer.kill().await?;

    let minutes = bench.idle_secs as f64 / 60.0;
    let (chat_wakeups, base_wakeups) = (chat.runs as f64 / minutes, base.runs as f64 / minutes);
    report.add(Row {
        workload: format!("6 idle {} s", bench.idle_secs),
        figure: "wake-ups per minute (all threads)".into(),
        chat: chat_wakeups,
        baseline: Some(base_wakeups),
        pika: None,
        ratio: Some(chat_wakeups / base_wakeups),
        target: format!(
            "ratio ≤ {IDLE_WAKEUP_RATIO}: no more than the heartbeat needs, no busy polling"
        ),
        met: Some(chat_wakeups <= base_wakeups * IDLE_WAKEUP_RATIO),
    });
    let (chat_cpu, base_cpu) = (
        chat.cpu_ns as f64 / 1e6 / minutes,
        base.cpu_ns as f64 / 1e6 / minutes,
    );
    report.add(Row {
        workload: format!("6 idle {} s", bench.idle_secs),
        figure: "CPU time (ms per minute)".into(),
        chat: chat_cpu,
        baseline: Some(base_cpu),
        pika: None,
        ratio: Some(chat_cpu / base_cpu),
        target: "—".into(),
        met: None,
    });
    report.add(Row {
        workload: format!("6 idle {} s", bench.idle_secs),
        figure: "redraws (terminal writes)".into(),
        chat: redraws as f64,
        baseline: None,
        pika: None,
        ratio: None,
        target: "0 (no redraw without a change)".into(),
        met: Some(redraws == 0),
    });
    Ok(())
}
