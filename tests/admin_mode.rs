//! End-to-end tests of `chat-tui admin`, the built binary: its refusals without a
//! terminal, and the full-screen console driven through a real terminal (tmux), checked
//! against the broker's own view.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use chat_tui::domain::wire::inbox_queue;
use common::tmux::Tmux;
use common::{Cleanup, ready_count, unique_user};

fn admin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chat-tui"))
        .arg("admin")
        .args(args)
        .env("CHAT_TUI_CONFIG", "/nonexistent/chat-tui-test.toml")
        .env("CHAT_TUI_LOG_DIR", std::env::temp_dir())
        .output()
        .expect("the binary runs")
}

#[test]
fn a_management_api_that_does_not_answer_is_explained() {
    let out = admin(&["--api-url", "http://127.0.0.1:1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("http://127.0.0.1:1"), "{stderr}");
    assert!(
        stderr.contains("rabbitmq-plugins enable rabbitmq_management"),
        "{stderr}"
    );
}

#[test]
fn refused_credentials_are_explained() {
    let out = admin(&["--api-user", "guest", "--api-password", "not-the-password"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("--api-password"), "{stderr}");
}

#[test]
fn without_a_terminal_it_says_so_after_checking_the_api() {
    let out = admin(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn bad_flags_are_refused() {
    let out = admin(&["--refresh", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a duration"));
    let out = admin(&["--vhost", ""]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("virtual host"));
}

async fn wait_for_queue(queue: &str, present: bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while ready_count(queue).await.is_some() != present {
        assert!(
            Instant::now() < deadline,
            "{queue} present={present} never happened"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_operator_creates_and_deletes_a_user_from_the_keyboard() {
    let user = unique_user("tmux");
    let queue = inbox_queue(&user);
    let mut cleanup = Cleanup::new();
    cleanup.user(&user);
    // The shell writes the console's exit status to a file: tmux does not always learn
    // the status of a pane's process (seen under CI).
    let scratch = tempfile::tempdir().expect("a scratch directory");
    let status_file = scratch.path().join("status");
    let command = format!(
        "CHAT_TUI_CONFIG=/nonexistent CHAT_TUI_LOG_DIR={} {} admin --refresh 0.5; echo $? > {}",
        scratch.path().display(),
        env!("CARGO_BIN_EXE_chat-tui"),
        status_file.display()
    );
    let tmux = Tmux::start(120, 35, &command);
    tmux.wait_for("the console", |s| {
        s.contains("Queues") && s.contains("Users")
    });

    tmux.keys(&["3", "n"]);
    tmux.keys(&["-l", user.as_str()]);
    tmux.keys(&["Enter"]);
    // The password choice: `o`, no account (vhost `/` is in open mode).
    tmux.wait_for("the password choice", |s| {
        s.contains("no account: an inbox only")
    });
    tmux.keys(&["o"]);
    wait_for_queue(&queue, true).await;
    tmux.keys(&["/"]);
    tmux.keys(&["-l", user.as_str()]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the new user in the list", |s| s.contains(user.as_str()));

    tmux.keys(&["d"]);
    tmux.wait_for("the confirmation naming the user", |s| {
        s.contains(&format!("user {user}")) && s.contains("y/N")
    });
    tmux.keys(&["y"]);
    wait_for_queue(&queue, false).await;

    tmux.keys(&["q"]);
    let status = tmux.wait_for_status(&status_file);
    assert_eq!(status, "0", "exit status of chat-tui admin");
}
