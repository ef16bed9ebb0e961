//! A flood of hostile payloads through a real inbox (issue 4: "hostile input, never
//! fatal"): a raw publisher pushes a few thousand generated payloads into bob's inbox —
//! random bytes, invalid UTF-8, a 10 MB body, deep nesting, wrong types, escape
//! sequences, invalid senders, presence where it does not belong — interleaved with
//! numbered real messages from alice. Bob, a line-mode client, must show every real
//! message exactly once and in order, mark each bad one unreadable, print nothing that
//! could act on a terminal, keep running, and leave his inbox empty.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{Content, Envelope, PresenceState, UserName};
use chat_tui::store::History;
use lapin::options::ConfirmSelectOptions;
use serde_json::Value;

use common::client::{Client, STEP, TestHome};
use common::raw::{expect_acked, publish_unconfirmed};
use common::{Cleanup, raw_channel, ready_count, unique_user, wait_for_consumer};

/// Real messages from alice.
const REAL: usize = 300;
/// Hostile payloads between two real messages.
const BETWEEN: usize = 10;

/// What bob must make of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// A marked unreadable line.
    Unreadable,
    /// A valid message from mallory (escapes in its body), shown made harmless.
    Shown,
    /// Presence in an inbox: acked and dropped without a line.
    Dropped,
}

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Noise(u64);

impl Noise {
    fn step(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.step() % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.step() as u8).collect()
    }
}

/// Text that tries to act on the terminal.
const ESCAPES: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{9b}6n",
    "\u{202e}txt.exe",
    "\u{1b}P+q\u{1b}\\",
    "\u{8}\u{8}\u{7f}\r",
];

/// A direct envelope to `bob` as JSON, with `from` and `body` as given (JSON values).
fn direct_json(id: &str, from: Value, bob: &UserName, body: Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"v": 1, "id": id, "kind": "direct",
        "from": from, "to": bob.as_str(), "body": body, "sent_at": "2026-11-21T10:00:00Z"}))
    .expect("JSON serialises")
}

/// The `n`th hostile payload: its bytes, its `message_id` (if any) and what bob must
/// make of it.
fn hostile(n: usize, noise: &mut Noise, bob: &UserName) -> (Vec<u8>, Option<String>, Outcome) {
    let id = format!("junk-{n}-{bob}");
    let escape = ESCAPES[noise.below(ESCAPES.len())];
    let (bytes, outcome) = match noise.below(10) {
        0 => {
            let len = noise.below(3000);
            (noise.bytes(len), Outcome::Unreadable)
        }
        1 => {
            let mut bytes = direct_json(&id, "alice".into(), bob, "hi".into());
            let at = noise.below(bytes.len());
            bytes.insert(at, 0xc0 | (noise.step() as u8 & 0x1f));
            bytes.insert(at, 0xff);
            (bytes, Outcome::Unreadable)
        }
        2 => {
            let depth = 129 + noise.below(50_000);
            let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            (doc.into_bytes(), Outcome::Unreadable)
        }
        3 => {
            let body = match noise.below(4) {
                0 => Value::from(42),
                1 => serde_json::json!([escape]),
                2 => serde_json::json!({"text": escape}),
                _ => Value::Null,
            };
            (
                direct_json(&id, "alice".into(), bob, body),
                Outcome::Unreadable,
            )
        }
        4 => {
            let long = "a".repeat(21);
            let from = ["", "-x", "Mallory!", "é", "a b", long.as_str(), escape];
            let from = from[noise.below(from.len())];
            (
                direct_json(&id, from.into(), bob, escape.into()),
                Outcome::Unreadable,
            )
        }
        5 => {
            let doc = ["[]", "null", "42", "\"str\"", "{}", "{\"v\":\"1\"}", ""];
            (doc[noise.below(doc.len())].into(), Outcome::Unreadable)
        }
        6 => {
            let mut env = Envelope::presence(name("mallory"), PresenceState::Join);
            env.id = chat_tui::domain::MessageId::from_string(id.clone());
            (env.encode(), Outcome::Dropped)
        }
        7 => (
            direct_json(&id, "mallory".into(), bob, format!("{escape} #{n}").into()),
            Outcome::Shown,
        ),
        _ => {
            let mut bytes = escape.as_bytes().to_vec();
            let len = noise.below(40);
            bytes.extend(noise.bytes(len));
            (bytes, Outcome::Unreadable)
        }
    };
    // Some carry no message_id, some an over-long one: bob makes up an id for those.
    let message_id = match noise.below(4) {
        0 => None,
        1 => Some(format!("{id}-{}", "x".repeat(200))),
        _ => Some(id),
    };
    (bytes, message_id, outcome)
}

fn name(n: &str) -> UserName {
    UserName::parse(n).expect("a valid name")
}

/// Whether `c` could act on a terminal (C0, DEL, C1, bidi controls, separators).
fn acts_on_terminal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_hostile_payloads_never_stops_the_real_messages() {
    let mut cleanup = Cleanup::new();
    let bob = cleanup.user(&unique_user("bob"));
    let alice = name("alice");
    let home = TestHome::new();
    let mut bob_client = Client::spawn(bob.as_str(), &home);
    let queue = inbox_queue(&bob);
    wait_for_consumer(&queue, STEP).await;

    let (connection, channel) = raw_channel().await;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .expect("confirm mode");
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let mut expected = Vec::new();
    let mut confirms = Vec::new();
    for n in 1..=REAL {
        for k in 0..BETWEEN {
            let (bytes, id, outcome) = hostile(n * BETWEEN + k, &mut noise, &bob);
            confirms.push(publish_unconfirmed(&channel, &queue, &bytes, id.as_deref()).await);
            expected.push(outcome);
        }
        if n == REAL / 2 {
            // 10 MB in the middle of the stream: a huge string body, then random bytes.
            let huge = direct_json("huge", "alice".into(), &bob, "x".repeat(10 << 20).into());
            confirms.push(publish_unconfirmed(&channel, &queue, &huge, Some("huge")).await);
            confirms
                .push(publish_unconfirmed(&channel, &queue, &noise.bytes(10 << 20), None).await);
            expected.extend([Outcome::Unreadable, Outcome::Unreadable]);
        }
        let env = Envelope::direct(alice.clone(), bob.clone(), format!("real {n}"));
        confirms.push(
            publish_unconfirmed(&channel, &queue, &env.encode(), Some(env.id.as_str())).await,
        );
    }
    for confirm in confirms {
        expect_acked(confirm).await;
    }
    let _ = connection.close(200, "done".into()).await;

    bob_client
        .expect_within("the last real message", Duration::from_secs(180), |e| {
            e["event"] == "message" && e["body"] == format!("real {REAL}")
        })
        .await;
    assert!(bob_client.is_running(), "bob keeps running");
    let messages: Vec<Value> = bob_client
        .events()
        .into_iter()
        .filter(|e| e["event"] == "message")
        .collect();
    let real: Vec<&str> = messages
        .iter()
        .filter(|e| e["from"] == "alice")
        .filter_map(|e| e["body"].as_str())
        .collect();
    let wanted: Vec<String> = (1..=REAL).map(|n| format!("real {n}")).collect();
    assert_eq!(real, wanted, "every real message once, in order");
    let count = |outcome| expected.iter().filter(|o| **o == outcome).count();
    let unreadable = messages
        .iter()
        .filter(|e| e["unreadable"].is_string())
        .count();
    assert_eq!(
        unreadable,
        count(Outcome::Unreadable),
        "each bad payload marked once"
    );
    let shown = messages.iter().filter(|e| e["from"] == "mallory").count();
    assert_eq!(
        shown,
        count(Outcome::Shown),
        "mallory's valid messages shown"
    );
    assert_eq!(
        messages.len(),
        REAL + unreadable + shown,
        "nothing else shown"
    );
    if let Some(line) = bob_client
        .transcript()
        .iter()
        .find(|l| l.chars().any(acts_on_terminal))
    {
        panic!("printed raw: {line:?}");
    }

    let exited = bob_client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "stderr: {}", exited.stderr);
    assert_eq!(ready_count(&queue).await, Some(0), "everything acked");
    let stored = History::open(&home.history(bob.as_str()))
        .expect("open the history")
        .all(None)
        .expect("read the history");
    for body in &wanted {
        let copies = stored
            .iter()
            .filter(|m| m.content == Content::Text(body.clone()))
            .count();
        assert_eq!(copies, 1, "{body} stored once");
    }
    let kept = stored
        .iter()
        .filter(|m| matches!(m.content, Content::Unreadable { .. }))
        .count();
    assert_eq!(kept, count(Outcome::Unreadable), "unreadable payloads kept");
}
