//! Workload 5: the full-screen client starts with 1,000,000 messages in its history:
//! how soon is the first frame on screen, and how much memory does it hold after
//! scrolling back through 100,000 messages? Against the same client with an empty
//! history.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use chat_tui::domain::{
    ChatMessage, ConversationId, DeliveryStatus, Direction, Envelope, UserName,
};
use chat_tui::store::History;
use chat_tui::store::paths::history_path_in;
use time::OffsetDateTime;

use crate::proc_stats::ProcStats;
use crate::raw;
use crate::report::{Report, Row};
use crate::screen::{PtyClient, keys};
use crate::setup::Bench;
use crate::workloads::quantile_ms;

/// Conversations the history is spread over; the first one holds a fifth of it.
const PEERS: usize = 20;
/// The first frame must be on screen this soon after the start.
const FIRST_FRAME_MS: f64 = 150.0;
/// Resident memory allowed after scrolling back.
const RSS_MIB: f64 = 60.0;
/// How long Page Up may take to go back through the messages.
const SCROLL_LIMIT: Duration = Duration::from_secs(300);
/// A Page Up not answered this soon changed nothing on screen.
const NO_CHANGE: Duration = Duration::from_millis(500);
/// No output for this long after an answer: the frame is complete.
const FRAME_QUIET: Duration = Duration::from_millis(3);
/// Page Up's frame must reach the screen within one frame at 60 Hz.
const PAGE_UP_MS: f64 = 16.0;

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let total = bench.count(1_000_000);
    let scroll_back = bench.count(100_000);
    let me = bench.user("su");
    let empty = bench.user("se");
    raw::fresh_inbox(bench, &me).await?;
    raw::fresh_inbox(bench, &empty).await?;

    let dir = bench.data_dir("startup");
    let path = history_path_in(&dir, &me);
    let newest = {
        let me = me.clone();
        tokio::task::spawn_blocking(move || fill_history(&path, &me, total)).await??
    };
    eprintln!("   history of {total} messages written");

    let (empty_frame, empty_stats) = start_empty(bench, &empty).await?;

    let mut client = PtyClient::start(bench, &["user", "--name", me.as_str()], &dir, me.as_str())?;
    let first_frame = client.first_frame(Duration::from_secs(20)).await?;
    client
        .wait_until(Duration::from_secs(20), |s| s.contains("connected"))
        .await?;
    client.press(b"/switch p00").await?;
    client.press(keys::ENTER).await?;
    let newest_line = format!("[k={newest}]");
    client
        .wait_until(Duration::from_secs(20), |s| s.contains(&newest_line))
        .await?;
    let target = newest.saturating_sub(scroll_back);
    let scrolled = scroll_back_to(&mut client, target).await?;
    let stats = ProcStats::read(client.pid()?)?;
    if let Err(err) = client.quit().await {
        report.note(format!("5: after scrolling back, {err:#}"));
    }
    let reached = newest - scrolled.oldest.unwrap_or(newest);
    if scrolled.oldest.is_none_or(|k| k > target) {
        report.note(format!(
            "5: Page Up reached only {reached} of the {scroll_back} messages back in {:.0} s (the time limit); memory is read there",
            scrolled.took.as_secs_f64()
        ));
    }

    let first_ms = first_frame.as_secs_f64() * 1e3;
    let empty_ms = empty_frame.as_secs_f64() * 1e3;
    report.add(Row {
        workload: format!("5 start-up, {total} in history"),
        figure: "first frame (ms after start)".into(),
        chat: first_ms,
        baseline: Some(empty_ms),
        pika: None,
        ratio: Some(first_ms / empty_ms),
        target: format!("< {FIRST_FRAME_MS} ms"),
        met: Some(first_ms < FIRST_FRAME_MS),
    });
    let rss = stats.rss_kib as f64 / 1024.0;
    let empty_rss = empty_stats.rss_kib as f64 / 1024.0;
    report.add(Row {
        workload: format!("5 start-up, {total} in history"),
        figure: format!("resident memory after scrolling back {reached} (MiB)"),
        chat: rss,
        baseline: Some(empty_rss),
        pika: None,
        ratio: Some(rss / empty_rss),
        target: format!("< {RSS_MIB} MiB"),
        met: Some(rss < RSS_MIB),
    });
    let rate = reached as f64 / scrolled.took.as_secs_f64();
    report.add(Row {
        workload: format!("5 start-up, {total} in history"),
        figure: format!(
            "scrolling back with Page Up, a key at a time (messages/s; {} presses, {} changed nothing)",
            scrolled.answers.len() + scrolled.unanswered,
            scrolled.unanswered
        ),
        chat: rate,
        baseline: None,
        pika: None,
        ratio: None,
        target: format!(
            "{scroll_back} back within the {} s limit",
            SCROLL_LIMIT.as_secs()
        ),
        met: Some(reached >= scroll_back),
    });
    let (p50, p99) = (
        quantile_ms(&scrolled.answers, 0.5),
        quantile_ms(&scrolled.answers, 0.99),
    );
    report.add(Row {
        workload: format!("5 start-up, {total} in history"),
        figure: format!("Page Up, key to screen while scrolling back (ms, p50; p99 {p99:.1})"),
        chat: p50,
        baseline: None,
        pika: None,
        ratio: None,
        target: format!("p99 < {PAGE_UP_MS} ms (a frame at 60 Hz)"),
        met: Some(p99 < PAGE_UP_MS),
    });
    report.add(Row {
        workload: format!("5 start-up, {total} in history"),
        figure: "peak resident memory (MiB)".into(),
        chat: stats.peak_kib as f64 / 1024.0,
        baseline: Some(empty_stats.peak_kib as f64 / 1024.0),
        pika: None,
        ratio: Some(stats.peak_kib as f64 / empty_stats.peak_kib as f64),
        target: "—".into(),
        met: None,
    });
    Ok(())
}

/// The same client with nothing in its history: first frame and memory once connected.
async fn start_empty(bench: &Bench, user: &UserName) -> anyhow::Result<(Duration, ProcStats)> {
    let dir = bench.data_dir("startup-empty");
    let client = PtyClient::start(
        bench,
        &["user", "--name", user.as_str()],
        &dir,
        user.as_str(),
    )?;
    let first_frame = client.first_frame(Duration::from_secs(20)).await?;
    client
        .wait_until(Duration::from_secs(20), |s| s.contains("connected"))
        .await?;
    client
        .settle(Duration::from_millis(300), Duration::from_secs(10))
        .await?;
    let stats = ProcStats::read(client.pid()?)?;
    client.quit().await?;
    Ok((first_frame, stats))
}

/// How far Page Up got, how long it took, and how soon each press reached the screen.
struct Scrolled {
    /// The oldest message number seen on screen.
    oldest: Option<usize>,
    took: Duration,
    /// Key to first output, for each press that changed the screen.
    answers: Vec<Duration>,
    /// Presses that changed nothing within [`NO_CHANGE`] (the view waited at the
    /// oldest loaded line for the next page).
    unanswered: usize,
}

/// Presses Page Up one key at a time, each once the frame of the one before is on
/// screen (as a person reads back), until the screen shows the message numbered
/// `target` (or older) of the big conversation, or [`SCROLL_LIMIT`] has passed.
async fn scroll_back_to(client: &mut PtyClient, target: usize) -> anyhow::Result<Scrolled> {
    let started = Instant::now();
    let mut scrolled = Scrolled {
        oldest: None,
        took: Duration::ZERO,
        answers: Vec::new(),
        unanswered: 0,
    };
    loop {
        client.settle(FRAME_QUIET, Duration::from_secs(20)).await?;
        if let Some(k) = oldest_number(&client.contents()) {
            scrolled.oldest = Some(scrolled.oldest.map_or(k, |old: usize| old.min(k)));
        }
        scrolled.took = started.elapsed();
        if scrolled.oldest.is_some_and(|k| k <= target) || scrolled.took > SCROLL_LIMIT {
            return Ok(scrolled);
        }
        match client.answer_to(keys::PAGE_UP, NO_CHANGE).await? {
            Some(answer) => scrolled.answers.push(answer),
            None => scrolled.unanswered += 1,
        }
    }
}

/// The smallest `[k=<n>]` number on the screen.
fn oldest_number(screen: &str) -> Option<usize> {
    screen
        .split("[k=")
        .skip(1)
        .filter_map(|rest| rest.split(']').next()?.parse().ok())
        .min()
}

/// Writes `total` messages over [`PEERS`] conversations, a month of them, everything
/// read; returns the number of the newest message in conversation `p00`.
fn fill_history(path: &Path, me: &UserName, total: usize) -> anyhow::Result<usize> {
    let mut history = History::open(path).context("cannot create the benchmark history")?;
    let peers: Vec<UserName> = (0..PEERS)
        .map(|p| UserName::parse(&format!("p{p:02}")).expect("valid"))
        .collect();
    let start = OffsetDateTime::now_utc() - time::Duration::days(30);
    let step = time::Duration::seconds(30 * 24 * 3600) / total as i32;
    let mut numbers = [0usize; PEERS];
    let mut batch = Vec::with_capacity(10_000);
    for n in 0..total {
        // A fifth of everything is with p00; the rest is spread over the others.
        let p = if n.is_multiple_of(5) {
            0
        } else {
            1 + n % (PEERS - 1)
        };
        let k = numbers[p];
        numbers[p] += 1;
        batch.push(message(me, &peers[p], n, k, start + step * n as i32));
        if batch.len() == 10_000 {
            history.insert_unsynced(&batch)?;
            batch.clear();
        }
    }
    history.insert_unsynced(&batch)?;
    for peer in &peers {
        history.mark_read(&ConversationId::Direct(peer.clone()))?;
    }
    Ok(numbers[0].saturating_sub(1))
}

/// Message `n` of the history, number `k` of its conversation: every third one sent by
/// `me`, lengths from a few words to a few wrapped rows.
fn message(me: &UserName, peer: &UserName, n: usize, k: usize, at: OffsetDateTime) -> ChatMessage {
    const WORDS: &str = "the quick brown fox jumps over the lazy dog while the broker keeps every message safe and sound ";
    let length = if n.is_multiple_of(50) {
        420
    } else {
        (n * 37) % 150
    };
    let filler: String = WORDS.chars().cycle().take(length).collect();
    let body = format!("[k={k}] {filler}");
    let outgoing = n.is_multiple_of(3);
    let (from, to) = if outgoing { (me, peer) } else { (peer, me) };
    let mut env = Envelope::direct(from.clone(), to.clone(), body);
    env.sent_at = at;
    let direction = if outgoing {
        Direction::Outgoing
    } else {
        Direction::Incoming
    };
    let mut msg = ChatMessage::from_envelope(&env, me, direction).expect("a direct message");
    msg.status = DeliveryStatus::Delivered;
    msg
}
