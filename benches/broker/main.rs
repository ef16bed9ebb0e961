//! The broker-level benchmark of chat-tui (issue 5): each workload runs chat-tui's real
//! pipeline (the release binary, in line mode or in a pseudo-terminal) and, in the same
//! run on the same broker, a plain lapin loop doing the same AMQP work — and pika, the
//! Python stack of the systems chat-tui replaces, where it is installed. It prints one
//! Markdown table: every figure beside its baseline, the ratio, the target and whether it
//! was met. Absolute figures drift on shared machines; the ratios are what count.
//!
//! Run it with `scripts/bench.sh` (broker, release build, pika), or by hand:
//! `cargo build --release && cargo run --release --example bench -- --help`. It lives
//! in `benches/` with the frame benchmarks but is declared an `[[example]]` (see
//! Cargo.toml): so `cargo clippy --all-targets` and `cargo test` build it, while a plain
//! `cargo bench` runs only the criterion frames.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod chat;
mod idle_peer;
mod pika;
mod proc_stats;
mod raw;
mod report;
mod screen;
mod setup;
mod workloads;

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use report::Report;
use setup::Bench;

/// chat-tui against raw lapin (and pika) on the local broker.
#[derive(Debug, Parser)]
struct Args {
    /// Workloads to run (default: all), e.g. `--only send,latency`.
    #[arg(long, value_delimiter = ',')]
    only: Vec<Workload>,
    /// Multiplies every message count, for a quick try (`--scale 0.1`).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Users of the crowd workload (before `--scale`).
    #[arg(long, default_value_t = 1000)]
    users: usize,
    /// Seconds the idle workload watches the idle client.
    #[arg(long, default_value_t = 60)]
    idle_secs: u64,
    /// The chat-tui binary (default: `chat-tui` beside this benchmark's own binary).
    #[arg(long)]
    binary: Option<PathBuf>,
    /// AMQP URL of the broker.
    #[arg(long, default_value = "amqp://guest:guest@127.0.0.1:5672/%2f")]
    amqp_url: String,
    /// Management API of the broker.
    #[arg(long, default_value = "http://127.0.0.1:15672")]
    api_url: String,
    /// A Python with pika installed, for the peer rows (scripts/bench.sh sets it up).
    #[arg(long, env = "CHAT_TUI_BENCH_PYTHON")]
    python: Option<PathBuf>,
    /// Internal: run as the idle raw-lapin peer process (see `idle_peer`).
    #[arg(long, hide = true)]
    idle_peer: Option<String>,
}

/// One of the broker-level workloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Workload {
    /// 1. 50,000 direct messages sent, persistent, confirmed, mandatory.
    Send,
    /// 2. 100,000 messages drained from an inbox into the history.
    Drain,
    /// 3. 2,000 one-at-a-time round trips from alice to bob.
    Latency,
    /// 5. Start-up with 1,000,000 messages in the history, then scrolling back.
    Startup,
    /// 6. Wake-ups and CPU time of an idle client.
    Idle,
    /// 7. The admin console with 10,000 queues.
    Admin,
    /// 8. A crowd of 1,000 users in this process: presence, latency, a broker restart.
    Crowd,
    /// 9. A flood of the largest messages the broker takes into an online client.
    Flood,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(queue) = &args.idle_peer {
        return idle_peer::run(&args.amqp_url, queue).await;
    }
    let bench = Bench::new(&args)?;
    let all = [
        Workload::Send,
        Workload::Drain,
        Workload::Latency,
        Workload::Startup,
        Workload::Idle,
        Workload::Admin,
        Workload::Crowd,
        Workload::Flood,
    ];
    let chosen: Vec<Workload> = if args.only.is_empty() {
        all.to_vec()
    } else {
        all.into_iter().filter(|w| args.only.contains(w)).collect()
    };
    eprintln!("{}", bench.describe());
    let mut report = Report::default();
    if bench.python.is_none() {
        report.note(
            "pika rows skipped: no Python with pika (scripts/bench.sh installs it with `python3 -m pip install pika` into a venv under target/ when it can)",
        );
    }
    for workload in chosen {
        eprintln!("== {workload:?}");
        let outcome = match workload {
            Workload::Send => workloads::send::run(&bench, &mut report).await,
            Workload::Drain => workloads::drain::run(&bench, &mut report).await,
            Workload::Latency => workloads::latency::run(&bench, &mut report).await,
            Workload::Startup => workloads::startup::run(&bench, &mut report).await,
            Workload::Idle => workloads::idle::run(&bench, &mut report).await,
            Workload::Admin => workloads::admin::run(&bench, &mut report).await,
            Workload::Crowd => workloads::crowd::run(&bench, &mut report, args.users).await,
            Workload::Flood => workloads::flood::run(&bench, &mut report).await,
        };
        if let Err(err) = outcome {
            report.failed(&format!("{workload:?}"), &format!("{err:#}"));
        }
        bench.clean_up().await;
    }
    println!("{}", report.markdown(&bench));
    Ok(())
}
