//! What calls for attention, in a real terminal (tmux) against the real broker: a
//! direct message to a client whose window is not in front rings its bell, the window
//! title counts it, a click on the sidebar opens the conversation, `/open` hands its
//! link to the configured opener, and quitting gives the mouse and the title back.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::client::{Client, TestHome};
use common::tmux::Tmux;
use common::{Cleanup, unique_user};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_rings_the_bell_a_click_opens_it_and_open_runs_the_opener() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("bell"));
    let bob = cleanup.user(&unique_user("ringer"));
    let home = TestHome::new();
    let opened = home.data().parent().unwrap().join("opened");
    std::fs::write(
        home.config(),
        format!(
            "notify = \"bell\"\nopener = [\"sh\", \"-c\", \"printf '%s' \\\"$1\\\" > '{}'\", \"sh\"]\n",
            opened.display()
        ),
    )
    .unwrap();
    let command = format!(
        "env -u CHAT_TUI_LOG CHAT_TUI_AMQP_URL='{url}' CHAT_TUI_DATA_DIR='{data}' \
         CHAT_TUI_LOG_DIR='{logs}' CHAT_TUI_CONFIG='{config}' CHAT_TUI_ROSTER_INTERVAL=0 \
         '{bin}' user --name {alice}; echo exited; sleep 60",
        url = common::amqp_url(),
        data = home.data().display(),
        logs = home.logs().display(),
        config = home.config().display(),
        bin = env!("CARGO_BIN_EXE_chat-tui"),
    );
    let tmux = Tmux::start(120, 30, &command);
    tmux.wait_for("the client connected", |s| s.contains("● connected"));
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1", "the mouse is taken");
    assert_eq!(tmux.display("#{pane_title}"), format!("chat-tui — {alice}"));
    // Another window in front: alice's terminal is not the one being looked at.
    tmux.run(&["new-window"]);
    assert_eq!(tmux.display("#{window_bell_flag}"), "0");

    let bob_home = TestHome::new();
    let mut sender = Client::spawn(bob.as_str(), &bob_home);
    sender
        .send_line(&format!("/msg {alice} ping https://example.com/a?b=1"))
        .await;
    tmux.wait_until(
        "the bell",
        || tmux.display("#{window_bell_flag}"),
        |flag| flag == "1",
    );
    assert_eq!(
        tmux.display("#{pane_title}"),
        format!("chat-tui (1) — {alice}")
    );

    // Back in front: a click on the sidebar's second row (bob) opens the conversation.
    tmux.run(&["select-window", "-t", "0:0"]);
    tmux.send(&["-l", "\x1b[<0;3;2M\x1b[<0;3;2m"]);
    tmux.wait_for("bob's message", |s| s.contains(&format!("{bob}: ping")));
    tmux.send(&["-l", "/open 1"]);
    tmux.send(&["Enter"]);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(&opened)
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the opener never ran:\n{}",
            tmux.screen()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://example.com/a?b=1"
    );

    tmux.send(&["-l", "/quit"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the client to exit", |s| s.contains("exited"));
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "the mouse given back"
    );
    assert!(
        !tmux.display("#{pane_title}").contains("chat-tui"),
        "the title given back"
    );
    sender.send_line("/quit").await;
    sender.finish().await;
}
