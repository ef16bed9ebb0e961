//! Workload 7: the admin console with 10,000 queues in the broker. One refresh cycle of
//! the console's broker layer against the bare management API request it builds on, and
//! the running console's answer to keys while it refreshes (a refresh must never block
//! input). The frame itself is measured by `cargo bench` (benches/frames.rs).

use std::time::{Duration, Instant};

use anyhow::Context;
use chat_tui::broker::console::{BrokerConsole, Console, ConsoleSettings};
use chat_tui::broker::{ApiTarget, BrokerAddress};
use lapin::options::QueueDeclareOptions;
use lapin::types::{AMQPValue, FieldTable};

use crate::raw;
use crate::report::{Report, Row};
use crate::screen::PtyClient;
use crate::setup::Bench;
use crate::workloads::quantile_ms;

/// Refresh cycles timed on each side.
const CYCLES: usize = 7;
/// Queues the console counts live (about a screenful).
const ON_SCREEN: usize = 50;
/// What the console asks the management API for (its queue listing's columns).
const COLUMNS: &str = "name,durable,auto_delete,exclusive,messages_ready,messages_unacknowledged,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate";
/// Keys pressed while the console refreshes, and the pause between them.
const KEYS: usize = 100;
const KEY_PAUSE: Duration = Duration::from_millis(60);

/// Runs the workload.
pub async fn run(bench: &Bench, report: &mut Report) -> anyhow::Result<()> {
    let count = bench.count(10_000);
    let names = create_queues(bench, count).await?;
    eprintln!("   {count} queues declared");

    let console = BrokerConsole::new(ConsoleSettings {
        api: ApiTarget {
            url: bench.api_url.clone(),
            user: "guest".into(),
            password: "guest".into(),
            vhost: "/".into(),
            tls: Default::default(),
        },
        amqp: BrokerAddress::parse(&bench.amqp_url)?,
    })?;
    let watched: Vec<String> = names.iter().take(ON_SCREEN).cloned().collect();
    let mut chat = Vec::new();
    let mut bare = Vec::new();
    for _ in 0..CYCLES {
        let started = Instant::now();
        let snapshot = console.snapshot(&watched).await?;
        chat.push(started.elapsed());
        anyhow::ensure!(snapshot.queues.len() >= count, "the snapshot misses queues");
        let started = Instant::now();
        let listed = bare_listing(bench).await?;
        bare.push(started.elapsed());
        anyhow::ensure!(listed >= count, "the listing misses queues");
    }
    let (chat_ms, bare_ms) = (quantile_ms(&chat, 0.5), quantile_ms(&bare, 0.5));
    report.add(Row {
        workload: format!("7 admin, {count} queues"),
        figure: "one refresh (ms, median)".into(),
        chat: chat_ms,
        baseline: Some(bare_ms),
        pika: None,
        ratio: Some(chat_ms / bare_ms),
        target: "measured".into(),
        met: None,
    });

    let answers = keys_while_refreshing(bench).await?;
    let (p50, max) = (quantile_ms(&answers, 0.5), quantile_ms(&answers, 1.0));
    report.add(Row {
        workload: format!("7 admin, {count} queues"),
        figure: format!("key to screen while refreshing every 1 s (ms, p50; max {max:.1})"),
        chat: p50,
        baseline: None,
        pika: None,
        ratio: None,
        target: format!("max below one refresh ({chat_ms:.0} ms): input never blocked"),
        met: Some(max < chat_ms),
    });
    Ok(())
}

/// Declares `count` queues named after the run (with a 10-minute expiry as a safety net
/// should the run die before its clean-up).
async fn create_queues(bench: &Bench, count: usize) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = (0..count)
        .map(|n| format!("b{}.q{n:05}", bench.run_id))
        .collect();
    let connection = raw::connect(&bench.amqp_url).await?;
    let mut arguments = FieldTable::default();
    arguments.insert("x-expires".into(), AMQPValue::LongUInt(600_000));
    let channels = 8;
    let mut tasks = tokio::task::JoinSet::new();
    for part in names.chunks(count.div_ceil(channels)) {
        let channel = connection.create_channel().await?;
        let (part, arguments) = (part.to_vec(), arguments.clone());
        tasks.spawn(async move {
            for name in part {
                channel
                    .queue_declare(
                        name.as_str().into(),
                        QueueDeclareOptions::default(),
                        arguments.clone(),
                    )
                    .await?;
            }
            // Closed here, not dropped: a channel still closing when the connection
            // closes makes lapin refuse the connection's close ("invalid channel state:
            // Closing"), which failed a whole run once.
            channel.close(200, "done".into()).await?;
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    connection.close(200, "done".into()).await?;
    Ok(names)
}

/// The management API's queue listing with the console's columns, parsed; how many
/// queues it held.
async fn bare_listing(bench: &Bench) -> anyhow::Result<usize> {
    let listed: Vec<serde_json::Value> = raw::list_queues(bench, COLUMNS).await?;
    Ok(listed.len())
}

/// Runs `chat-tui admin` in a terminal and presses Down every [`KEY_PAUSE`]; returns,
/// for each key, the time until the terminal received the next output.
async fn keys_while_refreshing(bench: &Bench) -> anyhow::Result<Vec<Duration>> {
    let queue = format!("b{}.q00000", bench.run_id);
    let mut console = PtyClient::start(
        bench,
        &["admin", "--refresh", "1"],
        &bench.data_dir("admin"),
        "Queues",
    )?;
    console.first_frame(Duration::from_secs(20)).await?;
    console
        .wait_until(Duration::from_secs(30), |s| s.contains(&queue))
        .await
        .context("the console never listed the benchmark's queues")?;
    let mut answers = Vec::with_capacity(KEYS);
    for _ in 0..KEYS {
        let answer = console.answer_to(b"j", Duration::from_secs(10)).await?;
        answers.push(answer.context("a key got no answer in 10 s")?);
        tokio::time::sleep(KEY_PAUSE).await;
    }
    console.quit().await?;
    Ok(answers)
}
