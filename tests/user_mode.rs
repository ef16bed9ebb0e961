//! End-to-end tests of user mode: the real `chat-tui user --plain` binary as child
//! processes against the real broker. Every test uses unique names, its own data and log
//! directories, and deletes the broker objects it causes (see `tests/common`). Each test
//! runs twice (`both_modes!`): in open mode (`open::…`, everyone the shared guest account)
//! and with accounts (`accounts::…`, each user a RabbitMQ account of its own in a team's
//! virtual host, protocol version 3).
//!
//! Ordering between processes is never left to sleeps: a client is "ready" once it has
//! answered `/who` (its event loop runs only after the inbox and presence feed are in
//! place), and "nothing arrived" is shown with a sentinel message sent afterwards on the
//! same path (an inbox is a FIFO queue).

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{Content, Envelope, TopicName, UserName};
use chat_tui::store::History;
use serde_json::Value;

use common::admin::client_connection;
use common::chat::{Chat, Mode};
use common::client::{Client, ClientOptions, TestHome, is_message, is_notice};
use common::raw::expect_acked;
use common::{unique_topic, unique_user};

both_modes!(
    online_dm_reaches_bob_and_shows_delivered_at_alice,
    offline_dms_arrive_in_order_on_next_login,
    topic_post_reaches_subscribers_and_the_sender_sees_it_once,
    join_leave_topics_and_who,
    a_second_session_for_a_name_is_refused_and_consumes_nothing,
    a_dm_to_an_unknown_user_fails_and_creates_nothing,
    malformed_payloads_are_shown_unreadable_acked_and_do_not_block,
    history_survives_a_restart_once_and_is_searchable,
    an_invalid_name_is_refused_before_anything_is_created,
    an_unreachable_broker_exits_4_without_showing_the_password,
    an_over_long_message_is_refused_and_not_published,
    text_mode_prints_human_lines,
    a_receiver_killed_mid_stream_loses_and_duplicates_nothing,
    quitting_while_draining_leaves_nothing_both_stored_and_still_in_the_inbox,
    #[cfg(target_os = "linux")]
    the_client_keeps_off_transparent_huge_pages,
    a_signal_stops_the_client_cleanly_and_says_so,
    a_cut_connection_reconnects_and_sends_what_was_written_meanwhile,
    a_dm_refused_by_a_full_inbox_says_why_and_arrives_once_it_has_room,
    end_of_input_waits_until_every_message_is_confirmed_and_recorded,
);

/// How long "nothing more arrives" is watched for where no sentinel can prove it.
const QUIET: Duration = Duration::from_secs(2);

/// Starts a JSON client and waits until it is fully connected.
async fn start(chat: &Chat, user: &UserName, home: &TestHome) -> Client {
    let mut client = chat.client(user, home);
    ready(&mut client).await;
    client
}

/// Waits until the client's event loop runs, i.e. it is connected: `/who` is answered
/// only then.
async fn ready(client: &mut Client) {
    client.send_line("/who").await;
    client
        .expect("the answer to /who (connected)", |e| {
            is_notice(e, "online:")
        })
        .await;
}

/// The names in a `/who` block (`online: 2` then rows of `● a  ◌ b`, then the away
/// reasons).
fn roster(event: &Value) -> Vec<String> {
    let text = event["text"].as_str().unwrap_or_default();
    if !text.starts_with("online: ") {
        return Vec::new();
    }
    text.lines()
        .skip(1)
        .filter(|row| !row.starts_with("◌ away:"))
        .flat_map(str::split_whitespace)
        .filter(|word| !matches!(*word, "●" | "◌"))
        .map(str::to_owned)
        .collect()
}

/// Whether `event` is an incoming DM or post `from` with `body`.
fn is_from(event: &Value, from: &UserName, body: &str) -> bool {
    is_message(event, "message", body) && event["from"] == from.as_str()
}

/// Expects our own message: first `message` pending, then `status` delivered; returns
/// the id.
async fn expect_sent(client: &mut Client, body: &str) -> Value {
    let pending = client
        .expect("our message, pending", |e| {
            is_message(e, "message", body) && e["mine"] == true
        })
        .await;
    assert_eq!(pending["status"], "pending", "{pending}");
    let id = pending["id"].clone();
    client
        .expect("our message, delivered", |e| {
            e["event"] == "status" && e["id"] == id && e["status"] == "delivered"
        })
        .await;
    id
}

fn assert_clean_exit(exited: &common::client::Exited) {
    assert_eq!(
        exited.status.code(),
        Some(0),
        "exit status; stderr: {}",
        exited.stderr
    );
}

/// The text messages with `body` in `user`'s history file.
fn stored_with_body(home: &TestHome, user: &UserName, body: &str) -> usize {
    let history = History::open(&home.history(user.as_str())).expect("open the history");
    history
        .all(None)
        .expect("read the history")
        .iter()
        .filter(|m| m.content == Content::Text(body.to_owned()))
        .count()
}

// 1
async fn online_dm_reaches_bob_and_shows_delivered_at_alice(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut bob_client = start(&chat, &bob, &home).await;
    let mut alice_client = start(&chat, &alice, &home).await;

    alice_client.send_line(&format!("/msg {bob} hi")).await;
    let id = expect_sent(&mut alice_client, "hi").await;
    let got = bob_client
        .expect("alice's DM", |e| is_from(e, &alice, "hi"))
        .await;
    assert_eq!(got["conversation"], alice.as_str(), "{got}");
    assert_eq!(got["mine"], false, "{got}");
    assert_eq!(got["id"], id, "the same id end to end: {got}");
    // The mode is real: each client logged in as it says, in the chat's virtual host.
    for user in [&alice, &bob] {
        let connection = client_connection(user).await;
        assert_eq!(connection["user"], chat.login(user), "{connection}");
        assert_eq!(connection["vhost"], chat.vhost(), "{connection}");
    }

    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
}

// 2
async fn offline_dms_arrive_in_order_on_next_login(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();

    // Bob runs once, which creates his inbox, and leaves.
    let bob_first = start(&chat, &bob, &home).await;
    assert_clean_exit(&bob_first.finish().await);

    let mut alice_client = start(&chat, &alice, &home).await;
    let bodies: Vec<String> = (1..=5).map(|n| format!("away {n}")).collect();
    for body in &bodies {
        alice_client.send_line(&format!("/msg {bob} {body}")).await;
    }
    for body in &bodies {
        expect_sent(&mut alice_client, body).await;
    }
    assert_clean_exit(&alice_client.finish().await);
    assert_eq!(chat.ready_count(&inbox_queue(&bob)).await, Some(5));

    let mut bob_client = chat.client(&bob, &home);
    bob_client
        .expect("the away notice", |e| {
            is_notice(e, "5 messages while you were away")
        })
        .await;
    for body in &bodies {
        bob_client
            .expect("an away message", |e| is_from(e, &alice, body))
            .await;
    }
    let received: Vec<Value> = bob_client
        .events()
        .into_iter()
        .filter(|e| e["event"] == "message")
        .collect();
    let order: Vec<&str> = received.iter().filter_map(|e| e["body"].as_str()).collect();
    assert_eq!(order, bodies, "in the order they were sent");
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(
        chat.ready_count(&inbox_queue(&bob)).await,
        Some(0),
        "all acked"
    );
}

// 3
async fn topic_post_reaches_subscribers_and_the_sender_sees_it_once(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let topic = chat.topic("t").await;
    let home = TestHome::new();
    let mut alice_client = start(&chat, &alice, &home).await;
    let mut bob_client = start(&chat, &bob, &home).await;
    for client in [&mut alice_client, &mut bob_client] {
        client.send_line(&format!("/join #{topic}")).await;
        client
            .expect("joined", |e| is_notice(e, &format!("joined #{topic}")))
            .await;
    }

    alice_client
        .send_line(&format!("/msg #{topic} hello"))
        .await;
    let id = expect_sent(&mut alice_client, "hello").await;
    let got = bob_client
        .expect("the post", |e| is_from(e, &alice, "hello"))
        .await;
    assert_eq!(got["conversation"], format!("#{topic}"), "{got}");
    assert_eq!(got["id"], id, "{got}");
    // Her own post comes back through her binding; it must not show a second time.
    alice_client
        .expect_none("alice's post shown twice", QUIET, |e| {
            e["event"] == "message" && e["id"] == id
        })
        .await;

    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(stored_with_body(&home, &alice, "hello"), 1, "stored once");
    assert_eq!(stored_with_body(&home, &bob, "hello"), 1);
    assert_eq!(
        chat.ready_count(&inbox_queue(&alice)).await,
        Some(0),
        "echo acked"
    );
}

/// Whether a `/topics` answer lists `topic` (marked joined or not).
fn lists_topic(event: &Value, topic: &TopicName, joined: bool) -> bool {
    let wanted = if joined {
        format!("#{topic} (joined)")
    } else {
        format!("#{topic}")
    };
    event["text"]
        .as_str()
        .and_then(|t| t.strip_prefix("topics: "))
        .is_some_and(|list| list.split(", ").any(|item| item == wanted))
}

// 4
async fn join_leave_topics_and_who(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let topic = chat.topic("t").await;
    let missing = chat.absent_topic("missing");
    let home = TestHome::new();
    let mut alice_client = start(&chat, &alice, &home).await;

    alice_client.send_line("/topics").await;
    alice_client
        .expect("the topic listed", |e| lists_topic(e, &topic, false))
        .await;
    alice_client.send_line(&format!("/join #{missing}")).await;
    let error = alice_client
        .expect("no such topic", |e| is_notice(e, "there is no topic"))
        .await;
    assert_eq!(error["level"], "error", "{error}");
    assert!(
        error["text"]
            .as_str()
            .unwrap_or("")
            .contains(missing.as_str()),
        "{error}"
    );

    // Presence: alice is connected, so she sees bob join; then both are online.
    let mut bob_client = start(&chat, &bob, &home).await;
    let joined = alice_client
        .expect("bob joined", |e| is_notice(e, &format!("{bob} joined")))
        .await;
    assert_eq!(joined["level"], "presence", "{joined}");
    alice_client.send_line("/who").await;
    let who = alice_client
        .expect("/who at alice", |e| is_notice(e, "online:"))
        .await;
    let names = roster(&who);
    assert!(
        names.contains(&alice.to_string()) && names.contains(&bob.to_string()),
        "{who}"
    );
    // Bob learns about alice from her "here" answer, which is on its way: ask until then.
    let deadline = Instant::now() + common::client::STEP;
    loop {
        bob_client.send_line("/who").await;
        let who = bob_client
            .expect("/who at bob", |e| is_notice(e, "online:"))
            .await;
        let names = roster(&who);
        if names.contains(&alice.to_string()) && names.contains(&bob.to_string()) {
            break;
        }
        if Instant::now() > deadline {
            bob_client.fail(&format!("/who never listed alice and bob: {who}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    for client in [&mut alice_client, &mut bob_client] {
        client.send_line(&format!("/join #{topic}")).await;
        client
            .expect("joined", |e| is_notice(e, &format!("joined #{topic}")))
            .await;
    }
    alice_client.send_line("/topics").await;
    alice_client
        .expect("the topic listed as joined", |e| {
            lists_topic(e, &topic, true)
        })
        .await;
    bob_client
        .send_line(&format!("/msg #{topic} before leave"))
        .await;
    expect_sent(&mut bob_client, "before leave").await;
    alice_client
        .expect("the post while joined", |e| {
            is_from(e, &bob, "before leave")
        })
        .await;

    alice_client.send_line(&format!("/leave #{topic}")).await;
    alice_client
        .expect("left", |e| is_notice(e, &format!("left #{topic}")))
        .await;
    bob_client
        .send_line(&format!("/msg #{topic} after leave"))
        .await;
    expect_sent(&mut bob_client, "after leave").await;
    // A DM after it takes the same inbox: had the post reached alice, it came first.
    bob_client
        .send_line(&format!("/msg {alice} sentinel"))
        .await;
    expect_sent(&mut bob_client, "sentinel").await;
    alice_client
        .expect("the sentinel DM", |e| is_from(e, &bob, "sentinel"))
        .await;
    alice_client
        .expect_none("a post after /leave", QUIET, |e| {
            is_message(e, "message", "after leave")
        })
        .await;

    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
}

// 5
async fn a_second_session_for_a_name_is_refused_and_consumes_nothing(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut alice_client = start(&chat, &alice, &home).await;
    chat.wait_for_consumer(&inbox_queue(&alice), common::client::STEP)
        .await;

    // Same name, same machine (same data directory); stdin stays open, so only a refusal
    // makes it exit.
    let second = chat.client(&alice, &home);
    let refused = second.wait_exit(common::client::STEP).await;
    assert_eq!(refused.status.code(), Some(3), "stderr: {}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("{alice} is already connected")),
        "{}",
        refused.stderr
    );
    assert!(
        !refused
            .stdout
            .iter()
            .any(|l| l.contains("\"event\":\"message\"")),
        "{:?}",
        refused.stdout
    );
    assert_eq!(chat.consumer_count(&inbox_queue(&alice)).await, Some(1));

    let mut bob_client = start(&chat, &bob, &home).await;
    bob_client
        .send_line(&format!("/msg {alice} are you there"))
        .await;
    expect_sent(&mut bob_client, "are you there").await;
    alice_client
        .expect("bob's DM at the first alice", |e| {
            is_from(e, &bob, "are you there")
        })
        .await;
    assert_clean_exit(&bob_client.finish().await);
    assert_clean_exit(&alice_client.finish().await);
}

// 6
async fn a_dm_to_an_unknown_user_fails_and_creates_nothing(chat: Chat) {
    let alice = chat.user("alice");
    // No account and no inbox; a wrongly created inbox would still be removed.
    let nobody = chat.absent_user("nobody");
    let home = TestHome::new();
    let mut alice_client = start(&chat, &alice, &home).await;

    alice_client.send_line(&format!("/msg {nobody} hi")).await;
    let pending = alice_client
        .expect("pending", |e| is_message(e, "message", "hi"))
        .await;
    let id = pending["id"].clone();
    let failed = alice_client
        .expect("the failure", |e| e["event"] == "status" && e["id"] == id)
        .await;
    assert_eq!(failed["status"], "failed", "{failed}");
    let error = failed["error"].as_str().unwrap_or("");
    assert!(
        error.contains(&format!("no such user {nobody}")),
        "{failed}"
    );
    assert_eq!(
        chat.ready_count(&inbox_queue(&nobody)).await,
        None,
        "no inbox made"
    );
    assert_clean_exit(&alice_client.finish().await);
    assert_eq!(
        chat.ready_count(&inbox_queue(&nobody)).await,
        None,
        "no inbox made"
    );
}

// 7
async fn malformed_payloads_are_shown_unreadable_acked_and_do_not_block(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    // Whoever sends the junk: a foreign client on the shared login, or an account's.
    let mallory = chat.user("mallory");
    let home = TestHome::new();
    let mut bob_client = start(&chat, &bob, &home).await;
    let mut alice_client = start(&chat, &alice, &home).await;

    let queue = inbox_queue(&bob);
    let now = "2026-11-21T10:00:00Z";
    let wrong_types = format!(
        r#"{{"v":1,"id":"wrong-types-{bob}","kind":"direct","from":"mallory","to":"{bob}","body":42,"sent_at":"{now}"}}"#
    );
    let future = format!(
        r#"{{"v":2,"id":"v2-{bob}","kind":"direct","from":"{alice}","to":"{bob}","body":"from the future","sent_at":"{now}"}}"#
    );
    let bad: Vec<(&str, Vec<u8>, Option<String>)> = vec![
        ("invalid UTF-8", b"\xff\xfe\xfd not utf-8".to_vec(), None),
        ("not JSON", b"not json".to_vec(), Some(format!("nj-{bob}"))),
        ("wrong types", wrong_types.into_bytes(), None),
        ("unknown v", future.into_bytes(), Some(format!("v2-{bob}"))),
        (
            "escapes",
            b"\x1b[2J\x1b]0;owned\x07\x1b[31mred\x1b[0m".to_vec(),
            None,
        ),
    ];
    let sender = chat.sender(&mallory).await;
    for (_, payload, id) in &bad {
        expect_acked(sender.publish_dm(&bob, payload, id.as_deref()).await).await;
    }
    sender.close().await;

    alice_client
        .send_line(&format!("/msg {bob} after the junk"))
        .await;
    expect_sent(&mut alice_client, "after the junk").await;
    bob_client
        .expect("alice's DM after the junk", |e| {
            is_from(e, &alice, "after the junk")
        })
        .await;

    let messages: Vec<Value> = bob_client
        .events()
        .into_iter()
        .filter(|e| e["event"] == "message")
        .collect();
    assert_eq!(messages.len(), bad.len() + 1, "{messages:#?}");
    for ((what, _, _), event) in bad.iter().zip(&messages) {
        assert!(event["unreadable"].is_string(), "{what}: {event}");
        assert!(event["from"].is_null(), "{what}: {event}");
        assert!(event.get("body").is_none(), "{what}: {event}");
    }
    assert_eq!(messages[bad.len()]["body"], "after the junk");
    assert!(
        bob_client
            .transcript()
            .iter()
            .all(|l| !l.contains('\u{1b}')),
        "escape characters printed raw"
    );
    assert!(bob_client.is_running(), "bob keeps running");

    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(chat.ready_count(&queue).await, Some(0), "everything acked");
    let history = History::open(&home.history(bob.as_str())).expect("open the history");
    let stored = history.all(None).expect("read the history");
    let unreadable = stored
        .iter()
        .filter(|m| matches!(m.content, Content::Unreadable { .. }))
        .count();
    assert_eq!(unreadable, bad.len(), "kept in the history");
}

// 8
async fn history_survives_a_restart_once_and_is_searchable(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let word = format!("needle{}", &unique_topic("w").as_str()[2..]);
    let body = format!("the {word} is here");
    let mut bob_client = start(&chat, &bob, &home).await;
    let mut alice_client = start(&chat, &alice, &home).await;

    alice_client.send_line(&format!("/msg {bob} {body}")).await;
    expect_sent(&mut alice_client, &body).await;
    bob_client
        .expect("the DM", |e| is_from(e, &alice, &body))
        .await;
    bob_client.send_line(&format!("/msg {alice} got it")).await;
    expect_sent(&mut bob_client, "got it").await;
    alice_client
        .expect("the reply", |e| is_from(e, &bob, "got it"))
        .await;
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(stored_with_body(&home, &bob, &body), 1, "stored once");

    let mut bob_again = start(&chat, &bob, &home).await;
    bob_again.send_line(&format!("/search {word}")).await;
    bob_again
        .expect("the search result", |e| {
            is_notice(e, &body) && is_notice(e, alice.as_str())
        })
        .await;
    assert_clean_exit(&bob_again.finish().await);
    assert_clean_exit(&alice_client.finish().await);
    assert_eq!(stored_with_body(&home, &bob, &body), 1, "still once");
    assert_eq!(stored_with_body(&home, &bob, "got it"), 1);
}

// 9
async fn an_invalid_name_is_refused_before_anything_is_created(chat: Chat) {
    let base = unique_user("bad");
    let bad = format!("Bad {}", &base.as_str()[4..]);
    let squeezed = bad.replace(' ', "").to_ascii_lowercase();
    let underscored = bad.replace(' ', "_").to_ascii_lowercase();
    let candidates = [
        format!("chat.user.{bad}"),
        format!("chat.user.{}", bad.to_ascii_lowercase()),
        format!("chat.user.{squeezed}"),
        format!("chat.user.{underscored}"),
    ];
    for queue in &candidates {
        chat.forget_queue(queue);
    }
    let home = TestHome::new();

    let exited = chat
        .client_named(&bad, &home, ClientOptions::default())
        .wait_exit(common::client::STEP)
        .await;
    assert_eq!(exited.status.code(), Some(2), "stderr: {}", exited.stderr);
    assert!(
        exited.stderr.contains("invalid user name"),
        "{}",
        exited.stderr
    );
    assert!(
        exited
            .stderr
            .contains("lowercase letters a-z, digits, '_' or '-'"),
        "the rule: {}",
        exited.stderr
    );
    for queue in &candidates {
        assert_eq!(
            chat.ready_count(queue).await,
            None,
            "{queue} must not exist"
        );
    }
    assert!(!home.data().exists(), "no history was created");
    assert!(!home.logs().exists(), "no log was created");
}

// 10
async fn an_unreachable_broker_exits_4_without_showing_the_password(chat: Chat) {
    let home = TestHome::new();
    let name = chat.user("alice");
    // Open mode: a password written in the URL; accounts: the account's own, given in
    // CHAT_TUI_PASSWORD.
    let (url, secret) = match chat.mode() {
        Mode::Open => (
            "amqp://guest:s3cret@127.0.0.1:1/%2f".to_owned(),
            "s3cret".to_owned(),
        ),
        Mode::Accounts => (
            "amqp://127.0.0.1:1/%2f".to_owned(),
            chat.password(&name).expect("alice's password"),
        ),
    };
    let options = ClientOptions::default().with_env("CHAT_TUI_AMQP_URL", &url);
    let started = Instant::now();
    let exited = chat
        .client_with(&name, &home, options)
        .wait_exit(Duration::from_secs(10))
        .await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(exited.status.code(), Some(4), "stderr: {}", exited.stderr);
    assert!(
        exited.stderr.contains("cannot reach RabbitMQ"),
        "{}",
        exited.stderr
    );
    assert!(!exited.stderr.contains(&secret), "{}", exited.stderr);
    for entry in std::fs::read_dir(home.logs())
        .into_iter()
        .flatten()
        .flatten()
    {
        let log = std::fs::read_to_string(entry.path()).unwrap_or_default();
        assert!(!log.contains(&secret), "password in the log: {log}");
    }
}

// 11
async fn an_over_long_message_is_refused_and_not_published(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut bob_client = start(&chat, &bob, &home).await;
    let mut alice_client = start(&chat, &alice, &home).await;

    let long = "x".repeat(70_000);
    alice_client.send_line(&format!("/msg {bob} {long}")).await;
    let error = alice_client
        .expect("the limit", |e| is_notice(e, "over the limit"))
        .await;
    assert_eq!(error["level"], "error", "{error}");
    assert!(
        error["text"].as_str().unwrap_or("").contains("65536"),
        "{error}"
    );
    // A message sent after it: had the long one been published, it would come first.
    alice_client.send_line(&format!("/msg {bob} short")).await;
    expect_sent(&mut alice_client, "short").await;
    bob_client
        .expect("the short DM", |e| is_from(e, &alice, "short"))
        .await;
    let first = bob_client
        .events()
        .into_iter()
        .find(|e| e["event"] == "message");
    assert_eq!(first.map(|e| e["body"].clone()), Some("short".into()));
    let alice_messages = alice_client
        .events()
        .into_iter()
        .filter(|e| e["event"] == "message")
        .count();
    assert_eq!(alice_messages, 1, "only the short one was shown as sent");

    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(
        stored_with_body(&home, &alice, &long),
        0,
        "not kept as sent"
    );
}

/// Whether `line` is `[HH:MM] <rest>`.
fn is_timed_line(line: &str, rest: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.len() == 8 + rest.len()
        && bytes[0] == b'['
        && bytes[1..3].iter().all(u8::is_ascii_digit)
        && bytes[3] == b':'
        && bytes[4..6].iter().all(u8::is_ascii_digit)
        && &line[6..8] == "] "
        && &line[8..] == rest
}

// 12
async fn text_mode_prints_human_lines(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut bob_client = chat.client_with(&bob, &home, ClientOptions::text());
    bob_client.send_line("/who").await;
    bob_client
        .expect_line("bob's roster", |l| l.starts_with("-- online: "))
        .await;
    let mut alice_client = chat.client_with(&alice, &home, ClientOptions::text());
    bob_client
        .expect_line("alice joined", |l| l == format!("** {alice} joined"))
        .await;

    alice_client.send_line(&format!("/msg {bob} hi")).await;
    alice_client
        .expect_line("alice's confirmed DM", |l| {
            is_timed_line(l, &format!("you -> {bob}: hi"))
        })
        .await;
    bob_client
        .expect_line("the DM at bob", |l| {
            is_timed_line(l, &format!("{alice}: hi"))
        })
        .await;

    assert_clean_exit(&alice_client.finish().await);
    bob_client
        .expect_line("alice left", |l| l == format!("** {alice} left"))
        .await;
    assert_clean_exit(&bob_client.finish().await);
}

// 13
async fn a_receiver_killed_mid_stream_loses_and_duplicates_nothing(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut bob_client = start(&chat, &bob, &home).await;
    let mut alice_client = start(&chat, &alice, &home).await;

    let bodies: Vec<String> = (1..=200).map(|n| format!("burst {n}")).collect();
    for body in &bodies {
        alice_client.send_line(&format!("/msg {bob} {body}")).await;
    }
    // Kill bob while the burst is arriving (wherever it is then, the result must hold).
    bob_client
        .expect("the first of the burst", |e| is_from(e, &alice, "burst 1"))
        .await;
    assert!(!bob_client.kill().await.success());
    for body in &bodies {
        expect_sent(&mut alice_client, body).await;
    }

    // Bob comes back; a DM sent after the burst shows when everything before it is in.
    let mut bob_again = start(&chat, &bob, &home).await;
    alice_client
        .send_line(&format!("/msg {bob} sentinel"))
        .await;
    expect_sent(&mut alice_client, "sentinel").await;
    bob_again
        .expect("the sentinel", |e| is_from(e, &alice, "sentinel"))
        .await;
    assert_clean_exit(&bob_again.finish().await);
    assert_clean_exit(&alice_client.finish().await);

    assert_eq!(
        chat.ready_count(&inbox_queue(&bob)).await,
        Some(0),
        "all acked"
    );
    for body in &bodies {
        assert_eq!(
            stored_with_body(&home, &bob, body),
            1,
            "{body} exactly once"
        );
    }
}

// 13b
async fn quitting_while_draining_leaves_nothing_both_stored_and_still_in_the_inbox(chat: Chat) {
    const ROUNDS: usize = 3;
    const PER_ROUND: usize = 3_000;
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    // bob's first start declares his inbox.
    assert_clean_exit(&start(&chat, &bob, &home).await.finish().await);

    let queue = inbox_queue(&bob);
    let sender = chat.sender(&alice).await;
    let mut bodies = Vec::new();
    for round in 0..ROUNDS {
        let mut confirms = Vec::with_capacity(PER_ROUND);
        for n in 0..PER_ROUND {
            let body = format!("round {round} message {n}");
            let envelope = Envelope::direct(alice.clone(), bob.clone(), body.clone());
            let id = envelope.id.to_string();
            let payload = envelope.encode();
            confirms.push(sender.publish_dm(&bob, &payload, Some(&id)).await);
            bodies.push(body);
        }
        for confirm in confirms {
            expect_acked(confirm).await;
        }
        // bob quits as soon as the first of the round is on his screen, in the middle
        // of storing, showing and acking the rest.
        let mut client = chat.client(&bob, &home);
        let first = format!("round {round} message 0");
        client
            .expect("the first of the round", |e| is_from(e, &alice, &first))
            .await;
        assert_clean_exit(&client.finish().await);

        // Everything stored was acked (so it is gone from the inbox), and everything
        // else is still there: stored + waiting = sent, with no message in both.
        let history = History::open(&home.history(bob.as_str())).expect("open the history");
        let stored: HashSet<String> = history
            .all(None)
            .expect("read the history")
            .into_iter()
            .filter_map(|m| match m.content {
                Content::Text(body) => Some(body),
                Content::Unreadable { .. } => None,
            })
            .collect();
        drop(history);
        let waiting = chat.ready_count(&queue).await.expect("the inbox exists") as usize;
        let stored_here = bodies.iter().filter(|b| stored.contains(*b)).count();
        assert_eq!(
            stored_here + waiting,
            bodies.len(),
            "round {round}: {stored_here} stored + {waiting} still in the inbox"
        );
    }
    sender.close().await;
}

#[cfg(target_os = "linux")]
async fn the_client_keeps_off_transparent_huge_pages(chat: Chat) {
    // The allocator a dependency brings asks for huge pages, which made an idle client
    // hold 41 MiB instead of 30; the client turns them off for itself at start.
    let user = chat.user("thp");
    let home = TestHome::new();
    let client = start(&chat, &user, &home).await;
    let pid = client.pid().expect("the client runs");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("its status");
    let thp = status
        .lines()
        .find_map(|line| line.strip_prefix("THP_enabled:"))
        .map(str::trim);
    assert_eq!(thp, Some("0"), "{status}");
    assert_clean_exit(&client.finish().await);
}

async fn a_signal_stops_the_client_cleanly_and_says_so(chat: Chat) {
    for signal in ["TERM", "HUP"] {
        let user = chat.user("sig");
        let home = TestHome::new();
        let mut client = start(&chat, &user, &home).await;
        ready(&mut client).await;
        let exited = client.signal(signal).await;
        assert_eq!(
            exited.status.code(),
            Some(0),
            "SIG{signal}: {}",
            exited.stderr
        );
        assert!(
            exited
                .stderr
                .contains(&format!("stopped (received SIG{signal})"))
                && exited.stderr.contains("log:"),
            "SIG{signal}: {}",
            exited.stderr
        );
        assert_eq!(
            chat.consumer_count(&inbox_queue(&user)).await,
            Some(0),
            "inbox released"
        );
    }
}

// Issue 4: a lost connection comes back by itself and nothing written meanwhile is lost.
async fn a_cut_connection_reconnects_and_sends_what_was_written_meanwhile(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let mut a = start(&chat, &alice, &home).await;
    let mut b = start(&chat, &bob, &home).await;

    common::admin::cut_connection(&alice).await;
    a.expect("connection lost", |e| is_notice(e, "connection lost"))
        .await;
    // The first attempt is a second away: this is written while disconnected.
    a.send_line(&format!("/msg {bob} written while away")).await;
    a.expect("reconnected", |e| is_notice(e, "reconnected"))
        .await;
    expect_sent(&mut a, "written while away").await;
    b.expect("bob gets it", |e| is_from(e, &alice, "written while away"))
        .await;

    // Bob's reply reaches the new session, and nothing came twice.
    b.send_line(&format!("/msg {alice} welcome back")).await;
    a.expect("alice gets the reply", |e| is_from(e, &bob, "welcome back"))
        .await;
    assert_eq!(chat.consumer_count(&inbox_queue(&alice)).await, Some(1));
    let a_done = a.finish().await;
    let b_done = b.finish().await;
    assert_clean_exit(&a_done);
    assert_clean_exit(&b_done);
    let shown = |exited: &common::client::Exited, body: &str| {
        exited
            .events()
            .iter()
            .filter(|e| is_message(e, "message", body))
            .count()
    };
    assert_eq!(shown(&b_done, "written while away"), 1);
    assert_eq!(shown(&a_done, "welcome back"), 1);
    assert_eq!(stored_with_body(&home, &bob, "written while away"), 1);
}

async fn a_dm_refused_by_a_full_inbox_says_why_and_arrives_once_it_has_room(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let bob_first = start(&chat, &bob, &home).await;
    assert_clean_exit(&bob_first.finish().await);
    let limit = chat.limit_inbox(&bob, 1);

    let mut alice_client = start(&chat, &alice, &home).await;
    alice_client.send_line(&format!("/msg {bob} fits")).await;
    expect_sent(&mut alice_client, "fits").await;
    alice_client
        .send_line(&format!("/msg {bob} too many"))
        .await;
    let refused = alice_client
        .expect("the refusal", |e| {
            e["event"] == "status" && e["status"] == "retrying" && e["body"] == "too many"
        })
        .await;
    assert_eq!(
        refused["error"],
        format!("{bob}'s inbox is full"),
        "{refused}"
    );
    // Room again: bob reads his inbox; the retry goes through, once.
    drop(limit);
    let mut bob_client = chat.client(&bob, &home);
    bob_client
        .expect("the first", |e| is_from(e, &alice, "fits"))
        .await;
    bob_client
        .expect("the refused one, once there was room", |e| {
            is_from(e, &alice, "too many")
        })
        .await;
    expect_sent(&mut alice_client, "too many").await;
    assert_clean_exit(&alice_client.finish().await);
    assert_clean_exit(&bob_client.finish().await);
    assert_eq!(stored_with_body(&home, &bob, "too many"), 1, "exactly once");
}

async fn end_of_input_waits_until_every_message_is_confirmed_and_recorded(chat: Chat) {
    const MESSAGES: usize = 3_000;
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    let home = TestHome::new();
    let bob_first = start(&chat, &bob, &home).await;
    assert_clean_exit(&bob_first.finish().await);

    // A script's burst, then end of input at once: the exit waits for every answer.
    let mut alice_client = chat.client(&alice, &home);
    for i in 0..MESSAGES {
        alice_client
            .send_line(&format!("/msg {bob} burst {i}"))
            .await;
    }
    let exited = alice_client.finish_within(Duration::from_secs(120)).await;
    assert_clean_exit(&exited);
    let history = History::open(&home.history(alice.as_str())).expect("open the history");
    let outgoing = history.all(None).expect("read the history");
    assert_eq!(outgoing.len(), MESSAGES);
    let pending = history.pending_outgoing().expect("read the pending");
    assert!(pending.is_empty(), "{} still marked pending", pending.len());
    assert_eq!(
        chat.ready_count(&inbox_queue(&bob)).await,
        Some(MESSAGES as u32)
    );
}
