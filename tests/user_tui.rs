//! The full-screen user client in a real terminal (tmux): what a person sees, cell by
//! cell, as the terminal drew it.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use chat_tui::domain::UserName;
use common::client::{Client, TestHome};
use common::tmux::Tmux;
use common::{Cleanup, amqp_url, unique_user};

/// The shell line that runs `user`'s TUI with `home`'s directories and writes its exit
/// status to `status`.
fn tui_command(user: &UserName, home: &TestHome, status: &Path) -> String {
    format!(
        "env -u CHAT_TUI_LOG -u CHAT_TUI_NAME CHAT_TUI_AMQP_URL='{url}' \
         CHAT_TUI_DATA_DIR='{data}' CHAT_TUI_LOG_DIR='{logs}' CHAT_TUI_CONFIG='{config}' \
         CHAT_TUI_ROSTER_INTERVAL=0 '{bin}' user --name {user}; echo $? > '{status}'",
        url = amqp_url(),
        data = home.data().display(),
        logs = home.logs().display(),
        config = home.config().display(),
        bin = env!("CARGO_BIN_EXE_chat-tui"),
        status = status.display(),
    )
}

/// Emoji that terminals draw at another width than the screen buffer assumes (tmux
/// 3.3a: `❤️` one column, `👍🏽` four) left cells that were never written again: after
/// they scrolled away, pieces stayed on screen; and a skin tone was overwritten by the
/// next character.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emoji_keep_their_skin_tone_and_leave_no_ghost_cells_when_they_scroll_away() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("emoji"));
    let bob = cleanup.user(&unique_user("emoji"));
    let home = TestHome::new();
    let status = home.data().parent().unwrap().join("status");
    let tmux = Tmux::start(70, 16, &tui_command(&alice, &home, &status));
    tmux.wait_for("the client connected", |s| s.contains("connected"));

    let mut bob_client = Client::spawn(bob.as_str(), &home);
    let lines = [
        "heart ❤\u{fe0f} keycap 1\u{fe0f}\u{20e3} smile ☺\u{fe0f} done",
        "thumbs 👍🏽 wave ✋🏿 ok",
        "flags 🇫🇷🇩🇪🇧🇷 end",
    ];
    for line in lines {
        bob_client.send_line(&format!("/msg {alice} {line}")).await;
    }
    tmux.wait_for("bob's conversation", |s| s.contains(bob.as_str()));
    tmux.type_line(&format!("/switch {bob}"));
    let shown = tmux.wait_for("the emoji", |s| s.contains("end"));
    for tone in ['🏽', '🏿'] {
        assert!(
            shown.contains(tone),
            "the skin tone {tone} is drawn:\n{shown}"
        );
    }
    assert!(shown.contains("❤ keycap"), "{shown}");

    for i in 0..20 {
        bob_client
            .send_line(&format!("/msg {alice} filler {i}"))
            .await;
    }
    let scrolled = tmux.wait_for("the fillers", |s| s.contains("filler 19"));
    let message_rows: Vec<&str> = scrolled.lines().take(13).collect();
    let leftovers: Vec<&str> = message_rows
        .iter()
        .copied()
        .filter(|row| has_emoji(row))
        .collect();
    assert!(
        leftovers.is_empty(),
        "pieces of scrolled-away emoji stayed on screen: {leftovers:?}\n{scrolled}"
    );

    tmux.type_line("/quit");
    assert_eq!(tmux.wait_for_status(&status), "0");
    bob_client.send_line("/quit").await;
    bob_client.finish().await;
}

/// Whether a screen row holds an emoji or a piece of one.
fn has_emoji(row: &str) -> bool {
    row.chars().any(|c| {
        matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{fe0f}' | '\u{20e3}')
    })
}
