//! `chat-tui history`: the built binary over history files filled through the `History`
//! API in a temporary `CHAT_TUI_DATA_DIR` (no broker), and once after two line-mode
//! users talked through the real broker.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command;

use chat_tui::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName,
};
use chat_tui::store::History;
use time::macros::datetime;

use common::client::{Client, TestHome, is_message, is_notice};
use common::history::{json_lines, ok, run, stderr, stdout};
use common::{Cleanup, create_topic, unique_topic, unique_user};

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("a valid test name")
}

/// A message `id` in conversation `target` (`bob`, `#news`) written by `from`; alice's
/// own messages are outgoing.
fn msg(id: &str, target: &str, from: &str, body: &str) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: ConversationId::parse_target(target).expect("a valid target"),
        from: Some(user(from)),
        sent_at: datetime!(2026-11-21 10:05:09 UTC),
        direction: if from == "alice" {
            Direction::Outgoing
        } else {
            Direction::Incoming
        },
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.into()),
        marks: Default::default(),
    }
}

/// Alice's history under `data`, holding `msgs` (returns the open writer).
fn fill(data: &Path, msgs: &[ChatMessage]) -> History {
    let path = data.join("alice").join("history.sqlite3");
    let mut history = History::open(&path).expect("create the history");
    history.insert_unsynced(msgs).expect("store the messages");
    history
}

fn sample() -> Vec<ChatMessage> {
    let mut pending = msg("d3", "bob", "alice", "still going");
    pending.status = DeliveryStatus::Pending;
    vec![
        msg("t1", "#news", "carol", "hello all"),
        msg("d1", "bob", "bob", "hi \u{1b}]0;owned\u{7}there"),
        msg("d2", "bob", "alice", "hi bob"),
        msg("t2", "#news", "alice", "two\nlines"),
        pending,
        ChatMessage::unreadable(
            MessageId::from_string("u1".into()),
            "not JSON".into(),
            b"\x1b[2J{junk",
            datetime!(2026-11-21 10:06:00 UTC),
        ),
    ]
}

#[test]
fn text_lists_every_conversation_one_safe_line_per_message() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let _writer = fill(dir.path(), &sample());
    let out = ok(dir.path(), &["--name", "Alice"]);
    let expected = [
        "[2026-11-21 10:06:00] !! unreadable message (not JSON): \\u{1b}[2J{junk",
        "[2026-11-21 10:05:09] bob: hi there",
        "[2026-11-21 10:05:09] you -> bob: hi bob",
        "[2026-11-21 10:05:09] you -> bob: still going  [pending]",
        "[2026-11-21 10:05:09] #news carol: hello all",
        "[2026-11-21 10:05:09] #news you: two\u{240a}lines",
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected, "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn json_carries_every_field_and_with_filters() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let _writer = fill(dir.path(), &sample());
    let all = json_lines(&ok(dir.path(), &["--name", "alice", "--json"]));
    let ids: Vec<&str> = all.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, ["u1", "d1", "d2", "d3", "t1", "t2"]);
    assert_eq!(all[0]["unreadable"], "not JSON");
    assert_eq!(all[0]["conversation"], "status");
    assert_eq!(
        all[1]["body"], "hi \u{1b}]0;owned\u{7}there",
        "JSON keeps the text"
    );
    assert_eq!(all[1]["direction"], "in");
    assert_eq!(all[1]["from"], "bob");
    assert_eq!(all[1]["sent_at"], "2026-11-21T10:05:09Z");
    assert_eq!(all[3]["status"], "pending");
    assert_eq!(all[3]["direction"], "out");
    assert_eq!(all[3]["mine"], true);
    assert!(all.iter().all(|v| v["event"] == "message"));

    let news = json_lines(&ok(
        dir.path(),
        &["--name", "alice", "--with", "#NEWS", "--json"],
    ));
    let ids: Vec<&str> = news.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, ["t1", "t2"]);
    let bob = ok(dir.path(), &["--name", "alice", "--with", "bob"]);
    assert_eq!(bob.lines().count(), 3, "{bob}");
    assert!(ok(dir.path(), &["--name", "alice", "--with", "nobody"]).is_empty());
}

#[test]
fn invalid_names_exit_2_with_the_rule() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let _writer = fill(dir.path(), &sample());
    for args in [
        &["--name", "alice", "--with", "#no such topic"][..],
        &["--name", "alice", "--with", "bob!"],
        &["--name", "../alice"],
        &["--name", "\u{1b}[2J"],
    ] {
        let output = run(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains("lowercase letters a-z"), "{args:?}: {err}");
        assert!(!err.contains('\u{1b}'), "{args:?}: {err:?}");
    }
}

#[test]
fn a_missing_history_says_where_it_looked_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = run(dir.path(), &["--name", "nobody"]);
    assert_eq!(output.status.code(), Some(1));
    let path = dir.path().join("nobody").join("history.sqlite3");
    assert_eq!(
        stderr(&output).trim_end(),
        format!("chat-tui: no history for nobody at {}", path.display())
    );
    assert!(output.stdout.is_empty());
    assert!(!dir.path().join("nobody").exists(), "nothing created");
}

#[test]
fn reads_while_the_client_writes_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut writer = fill(dir.path(), &sample());
    assert_eq!(ok(dir.path(), &["--name", "alice"]).lines().count(), 6);
    writer
        .insert_unsynced(&[msg("d4", "bob", "bob", "one more")])
        .expect("the writer goes on");
    let bob = ok(dir.path(), &["--name", "alice", "--with", "bob"]);
    assert!(bob.ends_with("bob: one more\n"), "{bob}");
    assert_eq!(writer.all(None).expect("read back").len(), 7);
}

#[test]
fn piping_into_head_ends_quietly() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Far more than a pipe holds, so the command is still writing when head exits.
    let msgs: Vec<ChatMessage> = (0..5_000)
        .map(|n| {
            msg(
                &format!("m{n}"),
                "bob",
                "bob",
                &format!("message number {n}"),
            )
        })
        .collect();
    drop(fill(dir.path(), &msgs));
    let output = Command::new("bash")
        .args([
            "-c",
            r#""$0" history --name alice | head -1; echo "status ${PIPESTATUS[0]}" >&2"#,
            env!("CARGO_BIN_EXE_chat-tui"),
        ])
        .env("CHAT_TUI_DATA_DIR", dir.path())
        .env("TZ", "UTC")
        .output()
        .expect("bash runs");
    assert_eq!(
        stdout(&output),
        "[2026-11-21 10:05:09] bob: message number 0\n"
    );
    assert_eq!(stderr(&output), "status 0\n");
}

/// Starts a JSON client and waits until it is connected (it answers `/who` only then).
async fn start(user: &UserName, home: &TestHome) -> Client {
    let mut client = Client::spawn(user.as_str(), home);
    client.send_line("/who").await;
    client
        .expect("the answer to /who", |e| is_notice(e, "online:"))
        .await;
    client
}

/// The ids and bodies `history --json` prints for `user` (with `--with with`).
fn exported(home: &TestHome, user: &UserName, with: &str) -> Vec<(String, String)> {
    let out = ok(
        &home.data(),
        &["--name", user.as_str(), "--with", with, "--json"],
    );
    json_lines(&out)
        .iter()
        .map(|v| {
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (field("id"), field("body"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receivers_history_holds_every_message_exactly_once_in_order() {
    const N: usize = 300;
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let topic = cleanup.topic(&unique_topic("hist"));
    create_topic(&topic).await;
    let home = TestHome::new();
    let mut bob_client = start(&bob, &home).await;
    let mut alice_client = start(&alice, &home).await;
    for client in [&mut alice_client, &mut bob_client] {
        client.send_line(&format!("/join #{topic}")).await;
        client
            .expect("joined", |e| is_notice(e, &format!("joined #{topic}")))
            .await;
    }

    let dms: Vec<String> = (1..=N).map(|n| format!("dm {n}")).collect();
    let posts: Vec<String> = (1..=N).map(|n| format!("post {n}")).collect();
    for (dm, post) in dms.iter().zip(&posts) {
        alice_client.send_line(&format!("/msg {bob} {dm}")).await;
        alice_client
            .send_line(&format!("/msg #{topic} {post}"))
            .await;
    }
    // Each inbox is a FIFO queue: once the last of each has shown, all have been stored.
    for last in [&dms[N - 1], &posts[N - 1]] {
        bob_client
            .expect("the last message", |e| {
                is_message(e, "message", last) && e["from"] == alice.as_str()
            })
            .await;
    }

    // While bob still runs (his store is open for writing), and again after he quit
    // and came back (a restart must store nothing twice).
    let topic_target = format!("#{topic}");
    let check = |when: &str| {
        for (target, sent) in [(alice.as_str(), &dms), (topic_target.as_str(), &posts)] {
            let got = exported(&home, &bob, target);
            let bodies: Vec<&String> = got.iter().map(|(_, body)| body).collect();
            assert_eq!(bodies, sent.iter().collect::<Vec<_>>(), "{when}: {target}");
            let mut ids: Vec<&String> = got.iter().map(|(id, _)| id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), N, "{when}: {target}: ids unique");
        }
    };
    check("while bob runs");
    let exited = bob_client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);
    let exited = start(&bob, &home).await.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);
    check("after bob came back");

    // The sender's side: every DM and post once, confirmed (her posts also came back
    // through her own binding).
    let exited = alice_client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);
    for (target, sent) in [(bob.as_str(), &dms), (topic_target.as_str(), &posts)] {
        let out = ok(
            &home.data(),
            &["--name", alice.as_str(), "--with", target, "--json"],
        );
        let got = json_lines(&out);
        let bodies: Vec<&str> = got.iter().filter_map(|v| v["body"].as_str()).collect();
        assert_eq!(bodies, sent.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            got.iter()
                .all(|v| v["status"] == "delivered" && v["direction"] == "out"),
            "{target}: all confirmed"
        );
    }
}

/// Alice's history under `data` with `count` messages over a few conversations, all in
/// the main file (closing the last connection checkpoints the write-ahead log).
fn filled(data: &Path, count: usize) -> std::path::PathBuf {
    let msgs: Vec<ChatMessage> = (0..count)
        .map(|i| {
            msg(
                &format!("m{i:05}"),
                &format!("user{}", i % 7),
                &format!("user{}", i % 7),
                &format!("message number {i}, with a few words to fill the pages"),
            )
        })
        .collect();
    let history = fill(data, &msgs);
    let path = history.path().to_path_buf();
    drop(history);
    path
}

/// 2,000 bytes of noise written into a page of the messages table itself, the one
/// holding message 2,500's text (so the damage is to stored rows whatever the file's
/// layout, as when a disk loses a page of old messages).
fn damage(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let bytes = std::fs::read(path).expect("the file");
    let needle = b"message number 2500,";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("message 2,500 is in the file");
    let page = at as u64 / 4096;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open for damage");
    file.seek(SeekFrom::Start(page * 4096 + 500)).expect("seek");
    let noise: Vec<u8> = (0..2000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    file.write_all(&noise).expect("damage");
}

#[test]
fn a_damaged_history_prints_what_is_readable_and_recover_repairs_it() {
    const COUNT: usize = 5_000;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = filled(dir.path(), COUNT);
    damage(&path);

    let output = run(dir.path(), &["--name", "alice"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let printed = stdout(&output).lines().count();
    assert!(printed > COUNT * 9 / 10, "printed {printed} of {COUNT}");
    let warning = stderr(&output);
    assert!(warning.contains("is damaged"), "{warning}");
    assert!(warning.contains("--recover"), "{warning}");

    let recovered = ok(dir.path(), &["--name", "alice", "--recover"]);
    assert!(
        recovered.starts_with(&format!("recovered {printed} messages of alice")),
        "{recovered}"
    );
    let kept: Vec<_> = std::fs::read_dir(path.parent().expect("a directory"))
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert!(
        !kept.is_empty(),
        "the damaged file is kept beside the fresh one"
    );
    let after = ok(dir.path(), &["--name", "alice"]);
    assert_eq!(
        after.lines().count(),
        printed,
        "every row the export could read"
    );
    let again = ok(dir.path(), &["--name", "alice", "--recover"]);
    assert!(again.contains("is sound: nothing to recover"), "{again}");
}
