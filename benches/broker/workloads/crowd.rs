//! Workload 8 (issue 13): a crowd of chat users — 1,000 by default — on one broker.
//!
//! They run **in this process**, each the real line-mode client
//! ([`EmbeddedClient`]: history, outbox, supervisor, presence), because a standalone
//! client is about 18 MiB and a thousand processes would not fit this box. Measured:
//! presence deliveries for the last user's join (on the broker: the management API's
//! count of no-ack deliveries, which only presence uses), the time until every roster
//! is complete after that join, DM latency while every user sends a DM every 10 s, the
//! broker's CPU meanwhile, memory per user, and a broker restart with everyone
//! connected (each user writes a DM while it is down: all must arrive, once).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use chat_tui::config::{FileConfig, Overrides, UserSettings};
use chat_tui::domain::UserName;
use chat_tui::runtime::user::{EmbeddedClient, Frontend, UserOptions};
use chat_tui::ui::plain::LineFormat;
use futures_util::future::join_all;

use crate::proc_stats::ProcStats;
use crate::report::{Report, Row};
use crate::setup::Bench;
use crate::workloads::quantile_ms;

/// Clients started (or finished) at once.
const AT_ONCE: usize = 25;
/// How long the steady phase lasts, and how often each user sends in it.
const STEADY: Duration = Duration::from_secs(60);
const EVERY: Duration = Duration::from_secs(10);
/// How long the management API may lag behind (its statistics interval, and a margin).
const STATS_LAG: Duration = Duration::from_secs(7);
/// Limits and targets of the issue.
const ROSTER_TARGET: Duration = Duration::from_secs(5);
const RESTART_TARGET: Duration = Duration::from_secs(60);
const P99_TARGET_MS: f64 = 50.0;

/// What every client's output tells, gathered as it is printed.
struct Crowd {
    started: Instant,
    /// Per client: how many people it has online, as its output tells: the count its
    /// last `/who` listed, plus the joins and less the leaves it printed since (line
    /// mode prints a line for each, in order with `/who`'s answers).
    rosters: Vec<AtomicUsize>,
    /// Per client: how many "restart" DMs it received.
    restart_dms: Vec<AtomicUsize>,
    /// How many "reconnected" notices the clients printed.
    reconnected: AtomicUsize,
    /// The other notices of the clients (what failed, while reconnecting), by text
    /// without names, and how often each was printed.
    troubles: Mutex<std::collections::BTreeMap<String, usize>>,
    /// Latencies of the timed DMs, in microseconds.
    latencies: Mutex<Vec<u64>>,
}

/// One client's output: whole lines are read as they come.
struct Tap {
    index: usize,
    crowd: Arc<Crowd>,
    pending: Vec<u8>,
}

impl Write for Tap {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            self.read_line(&String::from_utf8_lossy(&line));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Tap {
    fn read_line(&self, line: &str) {
        if line.contains(r#""event":"notice""#) {
            let roster = &self.crowd.rosters[self.index];
            if line.contains(r#""text":"reconnected"#) {
                self.crowd.reconnected.fetch_add(1, Ordering::Relaxed);
            } else if line.contains(r#""level":"error""#) || line.contains(r#""level":"warn""#) {
                let text = line.split(r#""text":""#).nth(1).unwrap_or(line);
                let gist: String = text
                    .split(|c: char| c.is_ascii_digit())
                    .collect::<Vec<_>>()
                    .join("#")
                    .chars()
                    .take(110)
                    .collect();
                *self.crowd.troubles.lock().unwrap().entry(gist).or_default() += 1;
            } else if let Some(names) = line.split(r#""text":"online: "#).nth(1) {
                roster.store(names.split(", ").count(), Ordering::Relaxed);
            } else if line.contains(r#""level":"presence""#) {
                if line.ends_with(" joined\"}\n") {
                    roster.fetch_add(1, Ordering::Relaxed);
                } else if line.ends_with(" left\"}\n") {
                    let _ = roster
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
                }
            }
            return;
        }
        if !(line.contains(r#""event":"message""#) && line.contains(r#""mine":false"#)) {
            return;
        }
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
            return;
        };
        let body = event["body"].as_str().unwrap_or_default();
        if let Some(sent) = body.strip_prefix("at ").and_then(|t| t.parse::<u64>().ok()) {
            let now = self.crowd.started.elapsed().as_micros() as u64;
            self.crowd
                .latencies
                .lock()
                .unwrap()
                .push(now.saturating_sub(sent));
        } else if body.starts_with("restart ") {
            self.crowd.restart_dms[self.index].fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Runs the workload with `users` users.
pub async fn run(bench: &Bench, report: &mut Report, users: usize) -> anyhow::Result<()> {
    let users = bench.count(users).max(3);
    make_room_on_the_broker(users)?;
    let names: Vec<UserName> = (0..users).map(|i| bench.user(&format!("c{i}"))).collect();
    let crowd = Arc::new(Crowd {
        started: Instant::now(),
        rosters: (0..users).map(|_| AtomicUsize::new(0)).collect(),
        restart_dms: (0..users).map(|_| AtomicUsize::new(0)).collect(),
        reconnected: AtomicUsize::new(0),
        troubles: Mutex::new(std::collections::BTreeMap::new()),
        latencies: Mutex::new(Vec::new()),
    });
    let me = std::process::id();
    let before = ProcStats::read(me)?;

    // Everyone but one, then the last one alone: its join is what is measured.
    let began = Instant::now();
    let mut clients = start_all(bench, &names[..users - 1], 0, &crowd).await?;
    let start_took = began.elapsed();
    eprintln!("   {} users started in {start_took:.1?}", users - 1);
    let patiently = Asking {
        eager: None,
        others_every: Duration::from_secs(2),
    };
    wait_for_rosters(
        &clients,
        &crowd,
        users - 1,
        Duration::from_secs(180),
        patiently,
    )
    .await?;
    tokio::time::sleep(STATS_LAG).await;
    let no_ack_before = no_ack_deliveries(bench).await?;
    let joined = Instant::now();
    clients.extend(start_all(bench, &names[users - 1..], users - 1, &crowd).await?);
    let newcomer = Asking {
        eager: Some(users - 1),
        others_every: Duration::from_secs(1),
    };
    wait_for_rosters(&clients, &crowd, users, Duration::from_secs(120), newcomer).await?;
    let roster_took = joined.elapsed();
    tokio::time::sleep(STATS_LAG).await;
    let join_cost = no_ack_deliveries(bench).await? - no_ack_before;
    let after_start = ProcStats::read(me)?;

    report.add(Row {
        workload: format!("8 crowd of {users}"),
        figure: "presence deliveries for one join (with N online)".into(),
        chat: join_cost as f64,
        baseline: Some((2 * users) as f64),
        pika: None,
        ratio: Some(join_cost as f64 / (2 * users) as f64),
        target: "≤ 2N (ratio ≤ 1)".into(),
        met: Some(join_cost <= (2 * users) as u64),
    });
    report.add(Row {
        workload: format!("8 crowd of {users}"),
        figure: "every roster complete after the last join (s)".into(),
        chat: roster_took.as_secs_f64(),
        baseline: None,
        pika: None,
        ratio: None,
        target: "≤ 5 s".into(),
        met: Some(roster_took <= ROSTER_TARGET),
    });
    report.add(Row {
        workload: format!("8 crowd of {users}"),
        figure: "memory per user in one process (KiB resident; threads)".into(),
        chat: (after_start.rss_kib.saturating_sub(before.rss_kib)) as f64 / users as f64,
        baseline: Some(threads(me) as f64),
        pika: None,
        ratio: None,
        target: format!("measured (started in {:.0} s)", start_took.as_secs_f64()),
        met: None,
    });

    steady_traffic(bench, report, &clients, &names, &crowd).await?;
    restart(report, &clients, &names, &crowd).await?;

    let ended = join_all(clients.into_iter().map(|client| client.finish())).await;
    let failed = ended.iter().filter(|e| e.is_err()).count();
    if failed > 0 {
        report.note(format!("crowd: {failed} clients ended with an error"));
    }
    Ok(())
}

/// Starts `names` (the first at `offset` in the crowd), `AT_ONCE` at a time.
async fn start_all(
    bench: &Bench,
    names: &[UserName],
    offset: usize,
    crowd: &Arc<Crowd>,
) -> anyhow::Result<Vec<EmbeddedClient>> {
    let mut clients = Vec::with_capacity(names.len());
    for (chunk_at, chunk) in names.chunks(AT_ONCE).enumerate() {
        let starting = chunk.iter().enumerate().map(|(i, name)| {
            let index = offset + chunk_at * AT_ONCE + i;
            let tap = Tap {
                index,
                crowd: Arc::clone(crowd),
                pending: Vec::new(),
            };
            let history = bench
                .data_dir(&format!("crowd-{index}"))
                .join("history.sqlite3");
            EmbeddedClient::start(
                options(bench, name),
                history,
                LineFormat::Json,
                Box::new(tap),
            )
        });
        for started in join_all(starting).await {
            clients.push(started.context("a crowd client did not start")?);
        }
    }
    Ok(clients)
}

fn options(bench: &Bench, name: &UserName) -> UserOptions {
    let overrides = Overrides {
        amqp_url: Some(bench.amqp_url.clone()),
        roster_interval_secs: Some(0),
        ..Overrides::default()
    };
    UserOptions {
        name: name.to_string(),
        settings: UserSettings::resolve(overrides, FileConfig::default()),
        frontend: Frontend::Plain(LineFormat::Json),
        local_offset: time::UtcOffset::UTC,
        log_path: None,
        max_wait: Some(Duration::from_secs(60)),
        connect_limit: Duration::from_secs(120),
    }
}

/// How often a client whose roster is short is asked `/who`: the newcomer being
/// measured often, everyone else now and then (their joins are counted as printed, so
/// asking is only a fallback and costs the crowd little).
#[derive(Clone, Copy)]
struct Asking {
    /// The client asked often, if any.
    eager: Option<usize>,
    /// How often the others are asked.
    others_every: Duration,
}

/// Waits until every client's roster lists `count` people, asking short ones `/who` as
/// `asking` says.
async fn wait_for_rosters(
    clients: &[EmbeddedClient],
    crowd: &Crowd,
    count: usize,
    within: Duration,
    asking: Asking,
) -> anyhow::Result<()> {
    const EAGER_EVERY: Duration = Duration::from_millis(100);
    let deadline = Instant::now() + within;
    let mut asked_eager = Instant::now();
    let mut asked_others = Instant::now();
    loop {
        let short: Vec<usize> = (0..clients.len())
            .filter(|i| crowd.rosters[*i].load(Ordering::Relaxed) < count)
            .collect();
        if short.is_empty() {
            return Ok(());
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "{} rosters still short of {count} after {within:?}",
            short.len()
        );
        let ask_eager = asked_eager.elapsed() >= EAGER_EVERY;
        let ask_others = asked_others.elapsed() >= asking.others_every;
        for i in short {
            let eager = asking.eager == Some(i);
            if (eager && ask_eager) || (!eager && ask_others) {
                clients[i].say("/who").await;
            }
        }
        if ask_eager {
            asked_eager = Instant::now();
        }
        if ask_others {
            asked_others = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Every user sends a DM to another every [`EVERY`] for [`STEADY`], spread evenly; the
/// latencies and the broker's CPU meanwhile.
async fn steady_traffic(
    bench: &Bench,
    report: &mut Report,
    clients: &[EmbeddedClient],
    names: &[UserName],
    crowd: &Crowd,
) -> anyhow::Result<()> {
    let users = clients.len();
    let broker = broker_pid()?;
    let broker_before = ProcStats::read(broker)?;
    let began = Instant::now();
    let gap = EVERY / users as u32;
    let rounds = ((STEADY.as_secs_f64() / EVERY.as_secs_f64() * bench.scale).round() as u32).max(1);
    let mut sent = 0;
    for round in 0..rounds {
        for (i, client) in clients.iter().enumerate() {
            let due = began + EVERY * round + gap * i as u32;
            tokio::time::sleep_until(due.into()).await;
            let to = &names[(i + 1 + (round as usize * 7) % (users - 1)) % users];
            let at = crowd.started.elapsed().as_micros();
            client.say(&format!("/msg {to} at {at}")).await;
            sent += 1;
        }
    }
    let elapsed = began.elapsed();
    let broker_cpu = broker_before.since(&ProcStats::read(broker)?).cpu_ns as f64 / 1e9;
    // The last ones land shortly after.
    let deadline = Instant::now() + Duration::from_secs(30);
    while crowd.latencies.lock().unwrap().len() < sent && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let latencies: Vec<Duration> = crowd
        .latencies
        .lock()
        .unwrap()
        .iter()
        .map(|us| Duration::from_micros(*us))
        .collect();
    let p99 = quantile_ms(&latencies, 0.99);
    let workload = format!("8 crowd of {users}");
    report.add(Row {
        workload: workload.clone(),
        figure: format!(
            "DM latency, p50 (ms; every user a DM every {} s; {} of {sent} arrived)",
            EVERY.as_secs(),
            latencies.len()
        ),
        chat: quantile_ms(&latencies, 0.5),
        baseline: None,
        pika: None,
        ratio: None,
        target: "measured".into(),
        met: None,
    });
    report.add(Row {
        workload: workload.clone(),
        figure: "DM latency, p99 (ms)".into(),
        chat: p99,
        baseline: None,
        pika: None,
        ratio: None,
        target: "≤ 50 ms".into(),
        met: Some(p99 <= P99_TARGET_MS && latencies.len() == sent),
    });
    report.add(Row {
        workload,
        figure: "broker CPU while they talk (cores)".into(),
        chat: broker_cpu / elapsed.as_secs_f64(),
        baseline: None,
        pika: None,
        ratio: None,
        target: "measured".into(),
        met: None,
    });
    Ok(())
}

/// Kills the broker's node with everyone connected (a node dying: `rabbitmqctl stop`
/// with 1,000 connections did not finish within 10 minutes on RabbitMQ 3.10), has each
/// user write a DM meanwhile, starts it again; until every client is back (its roster
/// complete) and every DM has arrived exactly once. The node's own boot is reported
/// apart from the clients' return.
async fn restart(
    report: &mut Report,
    clients: &[EmbeddedClient],
    names: &[UserName],
    crowd: &Arc<Crowd>,
) -> anyhow::Result<()> {
    let users = clients.len();
    let guard = KeepRunning;
    kill_broker()?;
    for (i, client) in clients.iter().enumerate() {
        let to = &names[(i + 1) % users];
        client.say(&format!("/msg {to} restart {i}")).await;
    }
    for count in &crowd.rosters {
        count.store(0, Ordering::Relaxed);
    }
    let restarted = Instant::now();
    start_broker_with_room()?;
    let booted = restarted.elapsed();
    eprintln!("   the broker booted in {booted:.1?}");
    // Where the return's CPU goes: this process (all the clients) or the node.
    let cpu_at_boot = (
        ProcStats::read(std::process::id())?,
        broker_pid().and_then(ProcStats::read).ok(),
    );
    let everyone = Asking {
        eager: None,
        others_every: Duration::from_secs(5),
    };
    let reconnects = tokio::spawn(report_reconnections(Arc::clone(crowd), users));
    let rosters = wait_for_rosters(clients, crowd, users, Duration::from_secs(240), everyone).await;
    let rosters_at = restarted.elapsed();
    if rosters.is_err() {
        reconnects.abort();
        print_troubles(crowd);
    }
    rosters?;
    let deadline = Instant::now() + Duration::from_secs(180);
    while crowd
        .restart_dms
        .iter()
        .any(|n| n.load(Ordering::Relaxed) < 1)
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let back = restarted.elapsed();
    reconnects.abort();
    drop(guard);
    let clients_cpu = cpu_at_boot
        .0
        .since(&ProcStats::read(std::process::id())?)
        .cpu_ns as f64
        / 1e9;
    let node_cpu = match (&cpu_at_boot.1, broker_pid().and_then(ProcStats::read)) {
        (Some(before), Ok(after)) => format!("{:.1} s", before.since(&after).cpu_ns as f64 / 1e9),
        _ => "unknown".to_owned(),
    };
    report.note(format!(
        "crowd restart: CPU from the boot until all were back: the {users} clients {clients_cpu:.1} s, the node {node_cpu}, in {:.1} s",
        back.saturating_sub(booted).as_secs_f64()
    ));
    eprintln!("   rosters complete at {rosters_at:.1?}, every DM in at {back:.1?}");
    print_troubles(crowd);
    let once = crowd
        .restart_dms
        .iter()
        .filter(|n| n.load(Ordering::Relaxed) == 1)
        .count();
    let returned = back.saturating_sub(booted);
    report.add(Row {
        workload: format!("8 crowd of {users}"),
        figure: format!(
            "broker killed and restarted: all back, rosters complete, the DMs written meanwhile arrived (s after the start command; {once} of {users} exactly once)"
        ),
        chat: back.as_secs_f64(),
        baseline: Some(booted.as_secs_f64()),
        pika: None,
        ratio: None,
        target: format!(
            "≤ 60 s, nothing lost or doubled (baseline: the node's boot; clients back {:.1} s after it)",
            returned.as_secs_f64()
        ),
        met: Some(back <= RESTART_TARGET && once == users),
    });
    Ok(())
}

/// Prints what went wrong for the clients while they came back, most frequent first.
fn print_troubles(crowd: &Crowd) {
    let troubles = crowd.troubles.lock().unwrap();
    let mut by_count: Vec<(&String, &usize)> = troubles.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1));
    for (gist, count) in by_count.into_iter().take(12) {
        eprintln!("   {count:>6} × {gist}");
    }
}

/// Prints every 5 s how many clients have said "reconnected" (progress for whoever
/// watches the run).
async fn report_reconnections(crowd: Arc<Crowd>, users: usize) {
    let began = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_secs(5)).await;
        let back = crowd.reconnected.load(Ordering::Relaxed);
        eprintln!(
            "   {:.0?} after boot: {back} of {users} reconnected",
            began.elapsed()
        );
    }
}

/// Kills the local broker's Erlang VM (SIGKILL) and waits until it is gone.
fn kill_broker() -> anyhow::Result<()> {
    let pid = broker_pid()?;
    run_command("kill", &["-9", &pid.to_string()])?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        anyhow::ensure!(Instant::now() < deadline, "the broker ({pid}) did not die");
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Restarts the broker with room for `users` connections when its socket limit is too
/// low. The Debian broker starts through `su rabbitmq`, which resets the soft
/// file-descriptor limit to 1,024 (about 830 sockets): so it is started here as the
/// `rabbitmq` user with `setpriv` (no PAM session), its soft limit raised to the hard one.
fn make_room_on_the_broker(users: usize) -> anyhow::Result<()> {
    let limit = sockets_limit()?;
    if limit >= users + 100 {
        return Ok(());
    }
    eprintln!(
        "   the broker takes {limit} sockets, fewer than {users} users need: restarting it with a higher file-descriptor limit"
    );
    let guard = KeepRunning;
    run_command("rabbitmqctl", &["stop"])?;
    start_broker_with_room()?;
    drop(guard);
    let limit = sockets_limit()?;
    anyhow::ensure!(
        limit >= users + 100,
        "the broker still takes only {limit} sockets: raise the hard limit (ulimit -Hn) of the shell that runs the benchmark"
    );
    Ok(())
}

/// The broker's socket limit, as it reports it.
fn sockets_limit() -> anyhow::Result<usize> {
    let status = std::process::Command::new("rabbitmq-diagnostics")
        .args(["status", "--formatter", "json"])
        .output()
        .context("rabbitmq-diagnostics runs (the crowd needs a local RabbitMQ)")?;
    let status: serde_json::Value = serde_json::from_slice(&status.stdout)?;
    Ok(status["file_descriptors"]["sockets_limit"]
        .as_u64()
        .unwrap_or(0) as usize)
}

/// Starts the local broker as its user with the highest file-descriptor limit this
/// process may give, then waits for it with `scripts/broker.sh`.
fn start_broker_with_room() -> anyhow::Result<()> {
    run_command(
        "setpriv",
        &[
            "--reuid=rabbitmq",
            "--regid=rabbitmq",
            "--init-groups",
            "env",
            "HOME=/var/lib/rabbitmq",
            "USER=rabbitmq",
            "LOGNAME=rabbitmq",
            "sh",
            "-c",
            r#"ulimit -n "$(ulimit -Hn)" && exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached"#,
        ],
    )?;
    // `-detached` returns at once: wait for the node to boot before broker.sh looks.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !node_answers() {
        anyhow::ensure!(
            Instant::now() < deadline,
            "the restarted broker's node did not come up in 60 s"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    run_command("rabbitmqctl", &["await_startup", "--timeout", "120"])?;
    broker_script()
}

/// Makes sure the broker runs when dropped, even when the workload failed (started
/// with room for the crowd: it may be reconnecting to it).
struct KeepRunning;

impl Drop for KeepRunning {
    fn drop(&mut self) {
        if is_running() {
            return;
        }
        if let Err(err) = start_broker_with_room().or_else(|_| broker_script()) {
            eprintln!("the broker could not be started again ({err}); run scripts/broker.sh");
        }
    }
}

/// Whether the local broker's Erlang node answers (booted or booting).
fn node_answers() -> bool {
    std::process::Command::new("rabbitmq-diagnostics")
        .args(["-q", "ping"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the local broker answers.
fn is_running() -> bool {
    std::process::Command::new("rabbitmqctl")
        .args(["status"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `scripts/broker.sh`: starts the broker if it is down and waits until it answers.
fn broker_script() -> anyhow::Result<()> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/broker.sh");
    run_command(script.to_str().context("a UTF-8 path")?, &[])
}

fn run_command(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let status = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .with_context(|| format!("{program} runs"))?;
    anyhow::ensure!(status.success(), "{program} {args:?} failed: {status}");
    Ok(())
}

/// The broker's process id (the Erlang VM).
fn broker_pid() -> anyhow::Result<u32> {
    let out = std::process::Command::new("rabbitmqctl")
        .args(["eval", "list_to_integer(os:getpid())."])
        .output()?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .context("the broker's pid")
}

/// How many no-ack deliveries the broker made so far (the overview's counter).
async fn no_ack_deliveries(bench: &Bench) -> anyhow::Result<u64> {
    let overview: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api/overview", bench.api_url))
        .basic_auth("guest", Some("guest"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(overview["message_stats"]["deliver_no_ack"]
        .as_u64()
        .unwrap_or(0))
}

/// Threads of process `pid`.
fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |tasks| tasks.count())
}
