//! A broker with many queues, as one admin refresh reports it.
//!
//! Queue names look like a busy vhost's (`orders.eu-west.00042`, `chat.user.u00045`,
//! `amq.gen-00047`), listed in a scrambled order so that the app really sorts them.
//! Counts, rates and consumers vary per queue and per refresh (`round`), so the trend
//! column has something to draw. Deterministic: the same arguments give the same
//! snapshot.

use chat_tui::domain::console::{ConnectionRow, Overview, QueueRow, Snapshot};

/// Name prefixes (the number follows), one per family of queues.
const FAMILIES: [&str; 6] = [
    "orders.eu-west.",
    "billing.invoices.",
    "audit.log.",
    "chat.user.u",
    "events.clickstream.",
    "amq.gen-",
];

/// Queues the runtime reads live over AMQP (as many as fit on screen, at most 100).
const LIVE: usize = 100;

/// Where queue `i` of `count` is listed: a fixed permutation (a multiplier coprime with
/// any count not divisible by the prime 7,919).
fn listed(i: usize, count: usize) -> usize {
    (i * 7_919) % count
}

/// Queue number `n` in round `round` of the refreshes.
fn queue(n: usize, round: u64) -> QueueRow {
    let family = FAMILIES[n % FAMILIES.len()];
    let id = n as u64;
    let ready = match n % 5 {
        0 => 0,
        1 => id % 97 + round * 3,
        _ => (id * 37) % 50_000 + round * (id % 11),
    };
    QueueRow {
        name: format!("{family}{n:05}"),
        ready,
        unacked: (id * 13) % 40,
        consumers: (n % 4) as u32,
        publish_rate: ((id * 7) % 2_000) as f64 / 10.0,
        deliver_rate: ((id * 5) % 2_000) as f64 / 10.0,
        durable: !n.is_multiple_of(3),
        auto_delete: n.is_multiple_of(7),
        exclusive: family == "amq.gen-",
        live: false,
    }
}

/// Everything one refresh read: `count` queues (the first [`LIVE`] of them read
/// live), the overview, a few connections.
pub fn snapshot(count: usize, round: u64) -> Snapshot {
    let mut queues: Vec<QueueRow> = (0..count).map(|i| queue(listed(i, count), round)).collect();
    for row in queues.iter_mut().take(LIVE) {
        row.live = true;
    }
    let overview = Overview {
        rabbitmq_version: "4.1.0".to_owned(),
        erlang_version: "27.3".to_owned(),
        node: "rabbit@bench".to_owned(),
        cluster_name: "bench".to_owned(),
        queues: count as u64,
        exchanges: 40,
        connections: 3,
        channels: 6,
        consumers: queues.iter().map(|q| u64::from(q.consumers)).sum(),
        messages_ready: queues.iter().map(|q| q.ready).sum(),
        messages_unacked: queues.iter().map(|q| q.unacked).sum(),
        publish_rate: 1_520.0 + round as f64,
        deliver_rate: 1_480.0,
    };
    Snapshot {
        overview,
        queues,
        topics: Vec::new(),
        users: Vec::new(),
        connections: (0..3).map(connection).collect(),
        live_queues: LIVE.min(count),
    }
}

/// Client connection number `n`.
fn connection(n: usize) -> ConnectionRow {
    ConnectionRow {
        name: format!("10.0.0.{n}:4100{n} -> 127.0.0.1:5672"),
        user: "chat".to_owned(),
        client: "chat-tui".to_owned(),
        channels: 2,
        state: "running".to_owned(),
    }
}
