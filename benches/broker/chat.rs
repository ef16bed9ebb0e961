//! chat-tui itself, as a person or a script runs it: the release binary in line mode
//! (`--json`), fed on stdin, its events read from stdout with the time each arrived.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chat_tui::domain::UserName;
use chat_tui::domain::wire::inbox_queue;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;

use crate::setup::Bench;

/// A line-mode client: `chat-tui user --name <user> --json`.
pub struct LineClient {
    child: Child,
    stdin: Option<ChildStdin>,
    events: mpsc::UnboundedReceiver<Event>,
}

/// One JSON event printed by the client, stamped when the benchmark read it.
pub struct Event {
    /// When the line arrived.
    pub at: Instant,
    /// The parsed line.
    pub json: serde_json::Value,
}

impl LineClient {
    /// Starts the client with its history in `data_dir` and waits until it is connected.
    pub async fn start(bench: &Bench, user: &UserName, data_dir: &Path) -> anyhow::Result<Self> {
        let mut command = Command::new(&bench.binary);
        command
            .args(["user", "--name", user.as_str(), "--json"])
            .envs(client_env(bench, data_dir))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .with_context(|| format!("cannot start {}", bench.binary.display()))?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (tx, events) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let at = Instant::now();
                if let Ok(json) = serde_json::from_str(&line)
                    && tx.send(Event { at, json }).is_err()
                {
                    return;
                }
            }
        });
        let client = Self {
            stdin: child.stdin.take(),
            child,
            events,
        };
        // Line mode connects before it reads input: it is ready once its inbox has a
        // consumer.
        crate::raw::wait_for_consumer(bench, &inbox_queue(user), Duration::from_secs(20))
            .await
            .context("the client did not take its inbox")?;
        Ok(client)
    }

    /// Writes `text` to the client's stdin (each line is what a person would type).
    pub async fn type_text(&mut self, text: &str) -> anyhow::Result<()> {
        let stdin = self.stdin.as_mut().context("stdin is closed")?;
        stdin.write_all(text.as_bytes()).await?;
        stdin.flush().await?;
        Ok(())
    }

    /// Hands stdin to a task that writes `text` (lines) while the caller reads events;
    /// give it back with [`LineClient::done_typing`].
    pub fn type_in_background(
        &mut self,
        text: String,
    ) -> tokio::task::JoinHandle<Option<ChildStdin>> {
        let mut stdin = self.stdin.take();
        tokio::spawn(async move {
            if let Some(pipe) = stdin.as_mut() {
                let _ = pipe.write_all(text.as_bytes()).await;
                let _ = pipe.flush().await;
            }
            stdin
        })
    }

    /// Takes stdin back from a [`LineClient::type_in_background`] task.
    pub async fn done_typing(
        &mut self,
        typing: tokio::task::JoinHandle<Option<ChildStdin>>,
    ) -> anyhow::Result<()> {
        self.stdin = typing.await.context("the typing task failed")?;
        Ok(())
    }

    /// Waits for the next event that `wanted` accepts; fails after `timeout`.
    pub async fn wait_for(
        &mut self,
        timeout: Duration,
        mut wanted: impl FnMut(&Event) -> bool,
    ) -> anyhow::Result<Instant> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(event)) if wanted(&event) => return Ok(event.at),
                Ok(Some(_)) => {}
                Ok(None) => bail!("the client's output ended"),
                Err(_) => bail!("nothing matching within {timeout:?}"),
            }
        }
    }

    /// The client's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Ends the client: stdin closed (it quits after its confirms), then waits.
    pub async fn quit(mut self) -> anyhow::Result<()> {
        drop(self.stdin.take());
        wait_or_kill(&mut self.child, Duration::from_secs(20), "the client").await
    }
}

/// Waits up to `timeout` for `child` (called `what` in errors) to exit successfully;
/// kills it, and fails, when it does not.
pub async fn wait_or_kill(child: &mut Child, timeout: Duration, what: &str) -> anyhow::Result<()> {
    match tokio::time::timeout(timeout, child.wait()).await {
        Ok(status) => {
            let status = status?;
            anyhow::ensure!(status.success(), "{what} exited with {status}");
            Ok(())
        }
        Err(_) => {
            let _ = child.kill().await;
            bail!("{what} did not quit within {timeout:?}")
        }
    }
}

/// The environment every chat-tui process of the benchmark gets: its own history
/// directory and log directory, this broker.
pub fn client_env(bench: &Bench, data_dir: &Path) -> Vec<(String, String)> {
    vec![
        ("CHAT_TUI_DATA_DIR".into(), data_dir.display().to_string()),
        ("CHAT_TUI_LOG_DIR".into(), data_dir.display().to_string()),
        ("CHAT_TUI_AMQP_URL".into(), bench.amqp_url.clone()),
        ("CHAT_TUI_API_URL".into(), bench.api_url.clone()),
    ]
}
