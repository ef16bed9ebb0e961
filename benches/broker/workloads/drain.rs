//! Workload 2: 100,000 messages wait in an inbox; the full-screen client starts and
//! drains them into its history (stored, then acked), drawing its first frame at once.
//! Against a raw lapin consumer with the same prefetch and acks.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use chat_tui::store::paths::history_path_in;

use crate::report::{Report, Row};
use crate::screen::PtyClient;
use crate::setup::Bench;
use crate::workloads::rate;
use crate::{pika, raw};

/// The first frame must be on screen this soon after the start.
const FIRST_FRAME_MS: f64 = 150.0;

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let count = bench.count(100_000);
    let bob = bench.user("db");
    let queue = raw::fresh_inbox(bench, &bob).await?;

    raw::fill(bench, &bob, "backlog", count).await?;
    let raw_took = raw::drain(&bench.amqp_url, &queue, count).await?;

    raw::fill(bench, &bob, "backlog", count).await?;
    let dir = bench.data_dir("drain");
    let client = PtyClient::start(bench, &["user", "--name", bob.as_str()], &dir, bob.as_str())?;
    let first_frame = client.first_frame(Duration::from_secs(10)).await?;
    let stored_at = wait_until_stored(&history_path_in(&dir, &bob), count).await?;
    let chat_took = stored_at - client.started;
    client.quit().await?;
    anyhow::ensure!(
        raw::ready(&bench.amqp_url, &queue).await? == 0,
        "messages are left in the inbox after the drain"
    );

    let pika = if bench.python.is_some() {
        raw::fill(bench, &bob, "backlog", count).await?;
        pika::run(
            bench,
            &[
                "drain".into(),
                "--queue".into(),
                queue.clone(),
                "--count".into(),
                count.to_string(),
                "--prefetch".into(),
                raw::PREFETCH.to_string(),
            ],
        )
        .await?
    } else {
        None
    };

    let chat = rate(count, chat_took);
    let raw = rate(count, raw_took);
    report.add(Row {
        workload: format!("2 drain {count}"),
        figure: "throughput to history (msg/s)".into(),
        chat,
        baseline: Some(raw),
        pika: pika.and_then(|f| f.seconds.map(|s| f.messages as f64 / s)),
        ratio: Some(chat / raw),
        target: "ratio ≥ 0.7".into(),
        met: Some(chat / raw >= 0.7),
    });
    let first_ms = first_frame.as_secs_f64() * 1e3;
    report.add(Row {
        workload: format!("2 drain {count}"),
        figure: "first frame (ms after start)".into(),
        chat: first_ms,
        baseline: None,
        pika: None,
        ratio: None,
        target: format!("< {FIRST_FRAME_MS} ms"),
        met: Some(first_ms < FIRST_FRAME_MS),
    });
    Ok(())
}

/// Polls the client's history (read-only, as `chat-tui history` would) until it holds
/// `count` messages; returns when it first did.
async fn wait_until_stored(path: &Path, count: usize) -> anyhow::Result<Instant> {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if stored(path).unwrap_or(0) >= count {
            return Ok(Instant::now());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the history did not reach {count} messages in 10 minutes"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Messages in the history file (rows are never deleted, so the last `seq` counts them).
fn stored(path: &Path) -> anyhow::Result<usize> {
    let db =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .context("no history yet")?;
    let last: Option<i64> = db.query_row("SELECT MAX(seq) FROM messages", [], |row| row.get(0))?;
    Ok(usize::try_from(last.unwrap_or(0)).unwrap_or(0))
}
