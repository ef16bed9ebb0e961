//! A memory alarm — the broker blocks every connection that publishes — while line-mode
//! clients write: 100 DMs typed by three senders that end three ways (end of input with
//! `--max-wait`, SIGTERM, kill -9) are each stored and shown pending, each client says
//! the broker blocks it and, leaving, how many are still unsent; once the alarm clears,
//! the next start of each sends what it kept and the receiver gets each exactly once.
//!
//! Three senders, not one sender three times: a blocked connection is not read by the
//! broker, so it notices a client's exit only once the alarm is gone, and until then
//! the name is still connected (a restart says so and exits 3).

use std::process::Command;
use std::time::{Duration, Instant};

use chat_tui::domain::UserName;
use serde_json::Value;

use crate::common::chat::Chat;
use crate::common::client::{Client, ClientOptions, EXIT, STEP, TestHome, is_notice};
use crate::common::history;

crate::both_modes!(
    #[ignore = "sets a memory alarm on the broker: run alone with scripts/fault-tests.sh"]
    messages_written_during_a_memory_alarm_all_arrive_once_whatever_ends_the_client,
);

/// The messages written during the alarm, by the three runs.
const RUNS: [(&str, usize); 3] = [("end-of-input", 34), ("sigterm", 33), ("kill-9", 33)];

/// How long everything may take to arrive once the alarm is cleared.
const ARRIVAL: Duration = Duration::from_secs(120);

fn rabbitmqctl(args: &[&str]) -> String {
    let out = Command::new("rabbitmqctl")
        .args(args)
        .output()
        .expect("rabbitmqctl runs (these tests need a local RabbitMQ)");
    assert!(out.status.success(), "rabbitmqctl {args:?} failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Sets the memory watermark so low that the memory alarm goes on; puts the previous
/// watermark back when dropped, even on panic, and waits until the alarm is gone.
struct MemoryAlarm {
    previous: String,
}

impl MemoryAlarm {
    fn on() -> Self {
        let current = rabbitmqctl(&["eval", "vm_memory_monitor:get_vm_memory_high_watermark()."]);
        // A relative watermark prints as a number; anything else goes back to the default.
        let previous = if current.parse::<f64>().is_ok() {
            current
        } else {
            "0.4".to_owned()
        };
        let alarm = Self { previous };
        rabbitmqctl(&["set_vm_memory_high_watermark", "0.0000001"]);
        wait_for_alarm(true);
        alarm
    }
}

impl Drop for MemoryAlarm {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        let restored = Command::new("rabbitmqctl")
            .args(["set_vm_memory_high_watermark", &self.previous])
            .status();
        if !matches!(restored, Ok(status) if status.success()) {
            eprintln!(
                "could not restore the memory watermark: run `rabbitmqctl set_vm_memory_high_watermark {}`",
                self.previous
            );
            return;
        }
        wait_for_alarm(false);
    }
}

/// Waits (bounded) until the node's memory alarm is on, or off.
fn wait_for_alarm(on: bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let alarms = rabbitmqctl(&["eval", "rabbit_alarm:get_alarms()."]);
        if alarms.contains("memory") == on {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!(
        "the memory alarm did not turn {}",
        if on { "on" } else { "off" }
    );
}

fn bodies(run: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{run}-{i:03}")).collect()
}

/// Starts `alice` with `options`, types `texts` to `bob`, and waits until each is shown
/// pending (shown means stored) and the client says the broker blocks it.
async fn write_blocked(
    chat: &Chat,
    alice: &UserName,
    bob: &UserName,
    home: &TestHome,
    options: ClientOptions,
    texts: &[String],
) -> Client {
    let mut client = chat.client_with(alice, home, options);
    for text in texts {
        client.send_line(&format!("/msg {bob} {text}")).await;
    }
    let (mut pending, mut explained) = (0, false);
    client
        .watch_until(
            "every message shown pending, the block explained",
            STEP,
            |e| {
                if e["event"] == "message" && e["status"] == "pending" {
                    pending += 1;
                }
                explained |= is_notice(e, "broker blocked: memory alarm");
                pending == texts.len() && explained
            },
        )
        .await;
    client
}

/// Starts `user` once the broker has let go of its last connection (after an alarm it
/// notices the dead ones late); fails after a while.
async fn spawn_when_free(chat: &Chat, user: &UserName, home: &TestHome) -> Client {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut client = chat.client(user, home);
        client.send_line("/who").await;
        if client.try_until(STEP, |e| is_notice(e, "online:")).await {
            return client;
        }
        let ended = client.wait_exit(EXIT).await;
        assert_eq!(ended.status.code(), Some(3), "{}", ended.stderr);
        assert!(
            Instant::now() < deadline,
            "{user} stayed 'already connected'"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn messages_written_during_a_memory_alarm_all_arrive_once_whatever_ends_the_client(
    chat: Chat,
) {
    let senders: Vec<UserName> = RUNS
        .iter()
        .map(|(run, _)| chat.user(&run[..run.len().min(9)]))
        .collect();
    let bob = chat.user("alarm-b");
    let home = TestHome::new();
    // bob exists (has an inbox) before the alarm.
    let bob_client = chat.client(&bob, &home);
    let ended = bob_client.finish().await;
    assert!(ended.status.success(), "{}", ended.stderr);

    let alarm = MemoryAlarm::on();
    // 1. End of input: it waits up to --max-wait, then says what is left, exit 7.
    let (run, count) = RUNS[0];
    let options = ClientOptions::default().with_env("CHAT_TUI_MAX_WAIT", "2");
    let client = write_blocked(
        &chat,
        &senders[0],
        &bob,
        &home,
        options,
        &bodies(run, count),
    )
    .await;
    let ended = client.finish().await;
    assert_eq!(ended.status.code(), Some(7), "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains(&format!("{count} messages are not confirmed")),
        "{}",
        ended.stderr
    );
    // 2. SIGTERM: a few seconds' grace, then the same word and exit 7.
    let (run, count) = RUNS[1];
    let texts = bodies(run, count);
    let client = write_blocked(
        &chat,
        &senders[1],
        &bob,
        &home,
        ClientOptions::default(),
        &texts,
    )
    .await;
    let ended = client.signal("TERM").await;
    assert_eq!(ended.status.code(), Some(7), "{}", ended.stderr);
    // 3. kill -9: no word at all, and still nothing lost.
    let (run, count) = RUNS[2];
    let texts = bodies(run, count);
    let client = write_blocked(
        &chat,
        &senders[2],
        &bob,
        &home,
        ClientOptions::default(),
        &texts,
    )
    .await;
    client.kill().await;

    for (sender, (_, count)) in senders.iter().zip(RUNS) {
        let stored = stored(&home, sender);
        let pending = stored.iter().filter(|m| m["status"] == "pending").count();
        assert_eq!(
            pending, count,
            "every message {sender} wrote is kept, pending"
        );
    }

    drop(alarm);
    // The next start sends what was kept; end of input waits for every confirm.
    for sender in &senders {
        let client = spawn_when_free(&chat, sender, &home).await;
        let ended = client.finish_within(ARRIVAL).await;
        assert!(ended.status.success(), "{}", ended.stderr);
        let stored = stored(&home, sender);
        assert!(
            stored.iter().all(|m| m["status"] == "delivered"),
            "{stored:?}"
        );
    }

    // bob gets each of the 100 exactly once.
    let mut bob_client = chat.client(&bob, &home);
    let mut seen = 0;
    bob_client
        .watch_until("all 100 at bob", ARRIVAL, |e: &Value| {
            if e["event"] == "message" && e["mine"] == false {
                seen += 1;
            }
            seen >= 100
        })
        .await;
    let ended = bob_client.finish().await;
    assert!(ended.status.success(), "{}", ended.stderr);
    let mut expected: Vec<String> = RUNS
        .iter()
        .flat_map(|(run, count)| bodies(run, *count))
        .collect();
    expected.sort();
    let mut got: Vec<String> = ended
        .events()
        .iter()
        .filter(|e| e["event"] == "message" && e["mine"] == false)
        .filter_map(|e| e["body"].as_str().map(str::to_owned))
        .collect();
    got.sort();
    assert_eq!(got, expected, "each message exactly once");
    assert_eq!(stored(&home, &bob).len(), 100, "stored once each at bob");
}

/// What `user`'s history holds, as `chat-tui history --json` prints it.
fn stored(home: &TestHome, user: &UserName) -> Vec<Value> {
    history::json_lines(&history::ok(
        &home.data(),
        &["--name", user.as_str(), "--json"],
    ))
}
