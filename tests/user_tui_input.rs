//! The full-screen user client in a real terminal (tmux), driven by keys as a person
//! would: Tab completion of commands and names (the candidates on the input's border),
//! Tab never switching conversations, the quick switcher, and readline's Ctrl-U.
//! Needs the broker (open mode, the shared guest account) and tmux
//! (`tests/common/tmux.rs`).

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::client::TestHome;
use common::tmux::Tmux;
use common::{Cleanup, unique_user};

/// The input box's rows: those below its top border (the line with ` to …` or the
/// candidates), above the status bar.
fn input_rows(screen: &str) -> Vec<String> {
    let rows: Vec<&str> = screen.lines().collect();
    let border = rows
        .iter()
        .rposition(|row| row.contains("───"))
        .expect("the input's border is on screen");
    rows[border + 1..rows.len().saturating_sub(1)]
        .iter()
        .map(|row| {
            row.split_once('│')
                .map_or(*row, |(_, rest)| rest)
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tab_completes_commands_and_names_and_never_switches() {
    let mut cleanup = Cleanup::new();
    let me = cleanup.user(&unique_user("tab"));
    let peer = cleanup.user(&unique_user("peer"));
    let home = TestHome::new();
    let command = format!(
        "env -u CHAT_TUI_LOG CHAT_TUI_DATA_DIR='{data}' CHAT_TUI_LOG_DIR='{logs}' \
         CHAT_TUI_CONFIG='{config}' CHAT_TUI_ROSTER_INTERVAL=0 '{bin}' user --name {me}",
        data = home.data().display(),
        logs = home.logs().display(),
        config = home.config().display(),
        bin = env!("CARGO_BIN_EXE_chat-tui"),
    );
    let tmux = Tmux::start(100, 24, &command);
    tmux.wait_for("the client connected", |s| s.contains("● connected"));

    // A command at the start: the candidates are shown and Tab cycles through them.
    tmux.send(&["-l", "/qu"]);
    tmux.send(&["Tab"]);
    let screen = tmux.wait_for("the command completed", |s| {
        input_rows(s).first().is_some_and(|row| row == "/query")
    });
    assert!(screen.contains(" /query  /quit "), "{screen}");
    tmux.send(&["Tab"]);
    tmux.wait_for("the next candidate", |s| {
        input_rows(s).first().is_some_and(|row| row == "/quit")
    });
    tmux.send(&["BTab"]);
    tmux.wait_for("the previous candidate", |s| {
        input_rows(s).first().is_some_and(|row| row == "/query")
    });
    tmux.send(&["-l", peer.as_str()]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the conversation opened", |s| {
        s.contains(&format!(" to {peer} "))
    });

    // A name at the start of the line gets `: ` (WeeChat), and Tab stays here.
    let start: String = peer.as_str().chars().take(4).collect();
    tmux.send(&["-l", &start]);
    tmux.send(&["Tab"]);
    let screen = tmux.wait_for("the name completed", |s| {
        input_rows(s)
            .first()
            .is_some_and(|row| *row == format!("{peer}:"))
    });
    assert!(
        screen.contains(&format!(" to {peer} ")) || screen.contains(&format!(" {peer}  ")),
        "still in the conversation with {peer}:\n{screen}"
    );
    tmux.send(&["-l", "hi"]);
    let screen = tmux.wait_for("typing ended the completion", |s| {
        s.contains(&format!(" to {peer} "))
    });
    assert_eq!(input_rows(&screen)[0], format!("{peer}: hi"));

    // Ctrl-U empties the line; Ctrl-G opens the switcher, typing filters, Enter opens.
    tmux.send(&["C-u"]);
    tmux.wait_for("the line emptied", |s| {
        input_rows(s)
            .first()
            .is_some_and(|row| row.contains("type a message"))
    });
    tmux.send(&["C-g"]);
    tmux.wait_for("the switcher", |s| s.contains("go to:"));
    tmux.send(&["-l", "stat"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the status conversation", |s| {
        !s.contains("go to:") && s.contains(" status ──")
    });

    tmux.send(&["C-c"]);
}
