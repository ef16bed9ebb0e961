//! The full-screen client asks for a missing password before it takes the terminal, in
//! a real terminal (tmux), without echoing what is typed.

use std::time::{Duration, Instant};

use super::accounts::{Account, connection_user, url_without_login};
use crate::common::client::TestHome;
use crate::common::tmux::Tmux;
use crate::common::{Cleanup, unique_user};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tui_asks_for_the_password_without_echoing_it() {
    let mut cleanup = Cleanup::new();
    let name = cleanup.user(&unique_user("prompt"));
    let password = format!("pw-{}", uuid::Uuid::now_v7().simple());
    let _account = Account::create(&name, &password).await;
    let home = TestHome::new();
    let status = home.data().parent().unwrap().join("status");
    // The shell writes the exit status to a file: tmux does not always learn it.
    let command = format!(
        "env -u CHAT_TUI_PASSWORD -u CHAT_TUI_PASSWORD_FILE -u CHAT_TUI_LOG \
         CHAT_TUI_AMQP_URL='{url}' CHAT_TUI_DATA_DIR='{data}' CHAT_TUI_LOG_DIR='{logs}' \
         CHAT_TUI_CONFIG='{config}' CHAT_TUI_ROSTER_INTERVAL=0 '{bin}' user --name {name} --account; \
         echo \"exit $?\" > '{status}'",
        url = url_without_login(),
        data = home.data().display(),
        logs = home.logs().display(),
        config = home.config().display(),
        bin = env!("CARGO_BIN_EXE_chat-tui"),
        status = status.display(),
    );
    let tmux = Tmux::start(120, 30, &command);
    tmux.wait_for("the password prompt", |s| {
        s.contains(&format!("password for {name} at "))
    });
    tmux.send(&["-l", &password]);
    std::thread::sleep(Duration::from_millis(300));
    let typed = tmux.screen();
    assert!(
        !typed.contains(&password),
        "the password was echoed:\n{typed}"
    );
    tmux.send(&["Enter"]);
    assert_eq!(
        connection_user(&name).await,
        name.as_str(),
        "logged in as the account"
    );
    let screen = tmux.screen();
    assert!(!screen.contains(&password), "{screen}");
    tmux.send(&["-l", "/quit"]);
    tmux.send(&["Enter"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !status.exists() {
        assert!(
            Instant::now() < deadline,
            "the client never exited:\n{}",
            tmux.screen()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "exit 0");
}
