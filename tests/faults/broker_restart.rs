//! The RabbitMQ node restarted while two line-mode clients exchange thousands of
//! messages, directly and in a topic: each client says it lost the connection and
//! reconnected, and every message arrives exactly once, in order per sender, and is
//! stored once with its final status.

use std::time::Duration;

use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{TopicName, UserName};
use serde_json::Value;

use crate::common::chat::Chat;
use crate::common::client::{Client, STEP, TestHome, is_notice};
use crate::common::history;
use crate::faults::node;

crate::both_modes!(
    #[ignore = "restarts the RabbitMQ node; run by scripts/fault-tests.sh"]
    a_broker_restart_mid_conversation_loses_and_doubles_nothing,
);

/// Direct messages each client sends to the other.
const DMS: usize = 1_000;
/// Posts each client makes in the topic (one after every fourth DM).
const POSTS: usize = DMS / 4;
/// How long everything may take to arrive once the broker is back.
const ARRIVAL: Duration = Duration::from_secs(240);

/// What `who` types: DMs to `to`, with a post in `topic` after every fourth one.
fn script(who: &str, to: &UserName, topic: &TopicName) -> Vec<String> {
    let mut lines = Vec::with_capacity(DMS + POSTS);
    for i in 0..DMS {
        lines.push(format!("/msg {to} {who}-dm-{i:04}"));
        if i % 4 == 3 {
            lines.push(format!("/msg #{topic} {who}-post-{:04}", i / 4));
        }
    }
    lines
}

/// The bodies `who` sends, per conversation kind, in order.
fn expected(who: &str, kind: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{who}-{kind}-{i:04}")).collect()
}

/// Writes `lines` to the client, pausing now and then so the stream spans time.
async fn feed(client: &mut Client, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        client.send_line(line).await;
        if i % 50 == 49 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The bodies of the messages `from` sent that `events` show in `conversation`.
fn bodies(events: &[Value], kind: &str, from: &UserName, conversation: &str) -> Vec<String> {
    events
        .iter()
        .filter(|e| e["event"] == kind && e["from"] == from.as_str())
        .filter(|e| e["conversation"] == conversation)
        .filter_map(|e| e["body"].as_str().map(str::to_owned))
        .collect()
}

/// Waits until `client` has shown every message the other side sent it.
async fn receive_all(client: &mut Client, from: &UserName, topic: &TopicName) {
    let (mut dms, mut posts) = (0, 0);
    let topic = format!("#{topic}");
    client
        .watch_until("every message from the other side", ARRIVAL, |e| {
            if e["event"] == "message" && e["from"] == from.as_str() {
                if e["conversation"] == from.as_str() {
                    dms += 1;
                } else if e["conversation"] == topic.as_str() {
                    posts += 1;
                }
            }
            dms == DMS && posts == POSTS
        })
        .await;
}

/// Checks what a client showed and what it stored, after it exited.
fn check(
    me: &UserName,
    short: &str,
    peer: &UserName,
    peer_short: &str,
    topic: &TopicName,
    home: &TestHome,
    shown: &[Value],
) {
    let channel = format!("#{topic}");
    assert_eq!(
        bodies(shown, "message", peer, peer.as_str()),
        expected(peer_short, "dm", DMS),
        "{me} shows {peer}'s DMs once each, in order"
    );
    assert_eq!(
        bodies(shown, "message", peer, &channel),
        expected(peer_short, "post", POSTS),
        "{me} shows {peer}'s posts once each, in order"
    );
    for needle in ["connection lost", "reconnected"] {
        assert!(
            shown.iter().any(|e| is_notice(e, needle)),
            "{me} said \"{needle}\""
        );
    }

    let stored = history::json_lines(&history::ok(
        &home.data(),
        &["--name", me.as_str(), "--json"],
    ));
    assert_eq!(
        bodies(&stored, "message", peer, peer.as_str()),
        expected(peer_short, "dm", DMS)
    );
    assert_eq!(
        bodies(&stored, "message", peer, &channel),
        expected(peer_short, "post", POSTS)
    );
    let mine_dms = bodies(&stored, "message", me, peer.as_str());
    let mine_posts = bodies(&stored, "message", me, &channel);
    assert_eq!(
        mine_dms,
        expected(short, "dm", DMS),
        "{me}'s own DMs stored once each"
    );
    assert_eq!(
        mine_posts,
        expected(short, "post", POSTS),
        "{me}'s own posts stored once each"
    );
    let undelivered: Vec<&Value> = stored
        .iter()
        .filter(|e| e["mine"] == true && e["status"] != "delivered")
        .collect();
    assert!(
        undelivered.is_empty(),
        "every message of {me} ends confirmed: {} are not, e.g. {:?}",
        undelivered.len(),
        undelivered.first()
    );
}

async fn a_broker_restart_mid_conversation_loses_and_doubles_nothing(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let topic = chat.topic("restart").await;
    // Dropped before the chat, so that its cleanup finds a broker.
    let _running = node::KeepRunning;

    let home = TestHome::new();
    let mut a = chat.client(&alice, &home);
    let mut b = chat.client(&bob, &home);
    for (client, user) in [(&mut a, &alice), (&mut b, &bob)] {
        chat.wait_for_consumer(&inbox_queue(user), STEP).await;
        client.send_line(&format!("/join #{topic}")).await;
        client
            .expect("joined", |e| is_notice(e, &format!("joined #{topic}")))
            .await;
    }

    let (a_lines, b_lines) = (script("a", &bob, &topic), script("b", &alice, &topic));
    let third = a_lines.len() / 3;
    feed(&mut a, &a_lines[..third]).await;
    feed(&mut b, &b_lines[..third]).await;
    // The node goes down and comes back while the middle third is typed.
    let restart = tokio::task::spawn_blocking(node::restart);
    feed(&mut a, &a_lines[third..2 * third]).await;
    feed(&mut b, &b_lines[third..2 * third]).await;
    restart.await.expect("the restart finished");
    feed(&mut a, &a_lines[2 * third..]).await;
    feed(&mut b, &b_lines[2 * third..]).await;

    receive_all(&mut a, &bob, &topic).await;
    receive_all(&mut b, &alice, &topic).await;
    // Duplicates would show up right behind the last message.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let a_done = a.finish().await;
    let b_done = b.finish().await;
    assert!(a_done.status.success() && b_done.status.success());
    check(&alice, "a", &bob, "b", &topic, &home, &a_done.events());
    check(&bob, "b", &alice, "a", &topic, &home, &b_done.events());
}
