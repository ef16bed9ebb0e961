//! A team on accounts (protocol version 3), in a virtual host of its own: the operator's
//! tools (`chat-tui admin setup`, `chat-tui admin user add`) run as a team would run
//! them, and everything — the virtual host, its objects, the accounts — is deleted when
//! the [`Team`] is dropped, even after a panic.

use std::process::{Command, Output};

use chat_tui::domain::UserName;
use lapin::{Channel, Connection, ConnectionProperties};

use super::client::{Client, ClientOptions, TestHome};

/// The management API the fixture creates virtual hosts through.
const API: &str = "http://127.0.0.1:15672/api";

/// One team: a fresh virtual host set up by `chat-tui admin setup`, and its accounts.
#[derive(Debug)]
pub struct Team {
    /// The virtual host's name.
    pub vhost: String,
    accounts: Vec<String>,
}

impl Team {
    /// A fresh virtual host (the guest account may administer it) with `chat-tui admin
    /// setup` run in it.
    pub async fn new() -> Self {
        let vhost = format!("chat-team-{}", uuid::Uuid::now_v7().simple());
        let http = reqwest::Client::new();
        let encoded = percent(&vhost);
        http.put(format!("{API}/vhosts/{encoded}"))
            .basic_auth("guest", Some("guest"))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("create the team's virtual host");
        http.put(format!("{API}/permissions/{encoded}/guest"))
            .basic_auth("guest", Some("guest"))
            .json(&serde_json::json!({"configure": ".*", "write": ".*", "read": ".*"}))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .expect("let guest administer it");
        let team = Self {
            vhost,
            accounts: Vec::new(),
        };
        let setup = team.admin(&["setup"], None);
        assert!(setup.status.success(), "setup: {}", text(&setup));
        team
    }

    /// Runs `chat-tui admin <args>` on this team's virtual host, with `stdin` as input.
    pub fn admin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        use std::io::Write;
        let mut command = Command::new(env!("CARGO_BIN_EXE_chat-tui"));
        command
            .arg("admin")
            .args(args)
            .env("CHAT_TUI_VHOST", &self.vhost)
            .env("CHAT_TUI_API_URL", "http://127.0.0.1:15672")
            .env("CHAT_TUI_API_USER", "guest")
            .env("CHAT_TUI_API_PASSWORD", "guest")
            .env("CHAT_TUI_AMQP_URL", self.guest_url())
            .env("CHAT_TUI_CONFIG", "/nonexistent/chat-tui.toml")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("chat-tui admin starts");
        if let (Some(mut input), Some(text)) = (child.stdin.take(), stdin) {
            input.write_all(text.as_bytes()).expect("write stdin");
        }
        child.wait_with_output().expect("chat-tui admin ends")
    }

    /// Registers `user`'s account, made some other way (the console), for deletion with
    /// the team.
    pub fn register(&mut self, user: &UserName) {
        self.accounts.push(user.to_string());
    }

    /// Creates `user`'s account (and inbox) with `chat-tui admin user add`; returns its
    /// generated password.
    pub fn add(&mut self, user: &UserName) -> String {
        self.accounts.push(user.to_string());
        let added = self.admin(&["user", "add", user.as_str()], None);
        assert!(added.status.success(), "user add: {}", text(&added));
        let password = String::from_utf8_lossy(&added.stdout).trim().to_owned();
        assert!(password.len() >= 16, "a generated password: {password:?}");
        password
    }

    /// The AMQP URL of `user` with `password` in this virtual host.
    pub fn url(&self, user: &str, password: &str) -> String {
        format!(
            "amqp://{user}:{password}@127.0.0.1:5672/{}",
            percent(&self.vhost)
        )
    }

    /// The AMQP URL of this virtual host with no login in it: a client given it and
    /// `CHAT_TUI_PASSWORD` logs in as the account of its chat name.
    pub fn address(&self) -> String {
        format!("amqp://127.0.0.1:5672/{}", percent(&self.vhost))
    }

    /// The shared guest account's URL in this virtual host (open mode, or an operator).
    pub fn guest_url(&self) -> String {
        self.url("guest", "guest")
    }

    /// A raw AMQP connection and channel as `user`: what an attacker with that account
    /// can do by hand.
    pub async fn raw(&self, user: &str, password: &str) -> (Connection, Channel) {
        let connection =
            Connection::connect(&self.url(user, password), ConnectionProperties::default())
                .await
                .expect("the account logs in");
        let channel = connection.create_channel().await.expect("a channel");
        (connection, channel)
    }

    /// Starts `user`'s line-mode client logged in with its own account.
    pub fn client(&self, user: &UserName, password: &str, home: &TestHome) -> Client {
        let options = ClientOptions::default()
            .with_env("CHAT_TUI_AMQP_URL", &self.url(user.as_str(), password));
        Client::spawn_with(user.as_str(), home, options)
    }
}

impl Drop for Team {
    fn drop(&mut self) {
        let vhost = self.vhost.clone();
        let accounts = std::mem::take(&mut self.accounts);
        // Its own thread and runtime: this may run inside a test's runtime, or after a
        // panic.
        let worker = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a cleanup runtime");
            runtime.block_on(async move {
                let http = reqwest::Client::new();
                let mut doomed = vec![format!("{API}/vhosts/{}", percent(&vhost))];
                doomed.extend(
                    accounts
                        .iter()
                        .map(|a| format!("{API}/users/{}", percent(a))),
                );
                for url in doomed {
                    let deleted = http
                        .delete(&url)
                        .basic_auth("guest", Some("guest"))
                        .send()
                        .await;
                    if let Err(error) = deleted {
                        eprintln!("cleanup of {url}: {error}");
                    }
                }
            });
        });
        let _ = worker.join();
    }
}

/// `text` as one URL path segment.
fn percent(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A command's output, for failure messages.
pub fn text(output: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
