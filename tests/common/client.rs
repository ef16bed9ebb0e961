//! A harness that runs the real `chat-tui user` binary in line mode as a child process:
//! feed it lines on stdin, wait for the events it prints, and finish it.
//!
//! Every child gets its own data, log and (absent) config paths under a [`TestHome`], and
//! is killed if the [`Client`] is dropped while it still runs, so a failing test leaves no
//! process behind.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, Command};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// How long one expectation may take on a loaded two-core machine.
pub const STEP: Duration = Duration::from_secs(20);

/// How long a client may take to exit once asked to.
pub const EXIT: Duration = Duration::from_secs(20);

/// The environment variables of chat-tui that must not leak in from the developer.
const INHERITED_SETTINGS: &[&str] = &[
    "CHAT_TUI_NAME",
    "CHAT_TUI_API_URL",
    "CHAT_TUI_API_USER",
    "CHAT_TUI_API_PASSWORD",
    "CHAT_TUI_LOG",
    "CHAT_TUI_ROSTER_INTERVAL",
    "CHAT_TUI_CA_FILE",
];

/// A private directory for one test's clients: history under `data/`, logs under
/// `logs/`, and a config path that does not exist.
#[derive(Debug)]
pub struct TestHome {
    dir: tempfile::TempDir,
}

impl TestHome {
    /// A fresh, empty home.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// `CHAT_TUI_DATA_DIR` for the clients.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `CHAT_TUI_LOG_DIR` for the clients.
    pub fn logs(&self) -> PathBuf {
        self.dir.path().join("logs")
    }

    /// `CHAT_TUI_CONFIG`: a path where no file exists.
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("no-config.toml")
    }

    /// The history file of `user` under this home.
    pub fn history(&self, user: &str) -> PathBuf {
        self.data().join(user).join("history.sqlite3")
    }
}

impl Default for TestHome {
    fn default() -> Self {
        Self::new()
    }
}

/// How a client is started.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// `--json` (one JSON object per event) instead of text lines.
    pub json: bool,
    /// Extra environment variables (they override the defaults set for tests).
    pub env: Vec<(String, String)>,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            json: true,
            env: Vec::new(),
        }
    }
}

impl ClientOptions {
    /// Text output instead of JSON.
    pub fn text() -> Self {
        Self {
            json: false,
            env: Vec::new(),
        }
    }

    /// Adds an environment variable for the child.
    pub fn with_env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }
}

/// How a client ended.
#[derive(Debug)]
pub struct Exited {
    /// The exit status.
    pub status: ExitStatus,
    /// Every line it printed on stdout, in order.
    pub stdout: Vec<String>,
    /// Everything it printed on stderr.
    pub stderr: String,
}

impl Exited {
    /// Every JSON event it printed, in order.
    pub fn events(&self) -> Vec<Value> {
        self.stdout.iter().filter_map(|l| parse_event(l)).collect()
    }
}

/// One running `chat-tui user --plain` child.
#[derive(Debug)]
pub struct Client {
    name: String,
    json: bool,
    log_dir: PathBuf,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::UnboundedReceiver<String>,
    transcript: Vec<String>,
    unmatched: VecDeque<String>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

impl Client {
    /// Starts `chat-tui user --name <name> --plain --json` with the home's directories.
    pub fn spawn(name: &str, home: &TestHome) -> Self {
        Self::spawn_with(name, home, ClientOptions::default())
    }

    /// Starts a client with explicit options.
    pub fn spawn_with(name: &str, home: &TestHome, options: ClientOptions) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chat-tui"));
        command.args(["user", "--name", name, "--plain"]);
        if options.json {
            command.arg("--json");
        }
        for key in INHERITED_SETTINGS {
            command.env_remove(key);
        }
        command
            .env("CHAT_TUI_AMQP_URL", super::amqp_url())
            .env("CHAT_TUI_DATA_DIR", home.data())
            .env("CHAT_TUI_LOG_DIR", home.logs())
            .env("CHAT_TUI_CONFIG", home.config())
            .env("CHAT_TUI_ROSTER_INTERVAL", "0");
        for (key, value) in &options.env {
            command.env(key, value);
        }
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command.spawn().expect("the chat-tui binary starts");

        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");
        let (lines_tx, lines) = mpsc::unbounded_channel();
        let stdout_reader = tokio::spawn(async move {
            let mut reader = BufReader::new(stdout);
            let mut buffer = Vec::new();
            loop {
                buffer.clear();
                match reader.read_until(b'\n', &mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buffer)
                            .trim_end_matches(['\n', '\r'])
                            .to_owned();
                        if lines_tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let stderr_sink = Arc::clone(&stderr);
        let stderr_reader = tokio::spawn(async move {
            let mut pipe = stderr_pipe;
            let mut chunk = [0u8; 4096];
            loop {
                match pipe.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => stderr_sink
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push_str(&String::from_utf8_lossy(&chunk[..n])),
                }
            }
        });
        Self {
            name: name.to_owned(),
            json: options.json,
            log_dir: home.logs(),
            stdin: child.stdin.take(),
            child,
            lines,
            transcript: Vec::new(),
            unmatched: VecDeque::new(),
            stderr,
            readers: vec![stdout_reader, stderr_reader],
        }
    }

    /// Writes one line (a newline is added) to the client's stdin.
    pub async fn send_line(&mut self, line: &str) {
        let Some(stdin) = self.stdin.as_mut() else {
            self.fail(&format!("send_line({line:?}) after stdin was closed"));
        };
        let mut bytes = Vec::with_capacity(line.len() + 1);
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
        let written = async {
            stdin.write_all(&bytes).await?;
            stdin.flush().await
        }
        .await;
        if let Err(err) = written {
            self.fail(&format!("cannot write to stdin: {err}"));
        }
    }

    /// Waits (up to [`STEP`]) for a JSON event matching `matches`, takes it out of the
    /// unmatched events and returns it. Events that do not match stay available to later
    /// expectations.
    pub async fn expect(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        self.expect_within(what, STEP, matches).await
    }

    /// [`Client::expect`] with an explicit timeout.
    pub async fn expect_within(
        &mut self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&Value) -> bool,
    ) -> Value {
        let line = self
            .expect_line_within(what, timeout, |line| {
                parse_event(line).is_some_and(|event| matches(&event))
            })
            .await;
        parse_event(&line).expect("the line matched as JSON")
    }

    /// Waits (up to [`STEP`]) for an output line matching `matches` (for text mode).
    pub async fn expect_line(&mut self, what: &str, matches: impl Fn(&str) -> bool) -> String {
        self.expect_line_within(what, STEP, matches).await
    }

    /// [`Client::expect_line`] with an explicit timeout.
    pub async fn expect_line_within(
        &mut self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(at) = self.unmatched.iter().position(|line| matches(line)) {
                return self.unmatched.remove(at).expect("the position is in range");
            }
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => self.record(line),
                Ok(None) => self.fail(&format!("{what}: the output ended without it")),
                Err(_) => self.fail(&format!("{what}: nothing matched within {timeout:?}")),
            }
        }
    }

    /// Fails the test if a JSON event matching `matches` is printed within `window`
    /// (or was printed and not yet matched).
    pub async fn expect_none(
        &mut self,
        what: &str,
        window: Duration,
        matches: impl Fn(&Value) -> bool,
    ) {
        let deadline = Instant::now() + window;
        loop {
            if let Some(line) = self
                .unmatched
                .iter()
                .find(|line| parse_event(line).is_some_and(|event| matches(&event)))
            {
                let line = line.clone();
                self.fail(&format!("{what}: unexpected event {line}"));
            }
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => self.record(line),
                Ok(None) | Err(_) => return,
            }
        }
    }

    /// Shows every JSON event not matched yet, then each new one, to `done` until it
    /// returns true; fails the test after `timeout`. Unlike [`Client::expect`] it looks
    /// at each event once, so it stays cheap over thousands of them; the events it saw
    /// count as matched (they remain in [`Client::events`]).
    /// Reads events until `done` holds (true), or the output ends or `timeout` passes
    /// (false, and the test goes on).
    pub async fn try_until(
        &mut self,
        timeout: Duration,
        mut done: impl FnMut(&Value) -> bool,
    ) -> bool {
        while let Some(line) = self.unmatched.pop_front() {
            if parse_event(&line).is_some_and(|event| done(&event)) {
                return true;
            }
        }
        let deadline = Instant::now() + timeout;
        while let Ok(Some(line)) = tokio::time::timeout_at(deadline, self.lines.recv()).await {
            self.transcript.push(line.clone());
            if parse_event(&line).is_some_and(|event| done(&event)) {
                return true;
            }
        }
        false
    }

    /// Like [`Client::try_until`], but the test fails when the output ends or `timeout`
    /// passes first.
    pub async fn watch_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&Value) -> bool,
    ) {
        while let Some(line) = self.unmatched.pop_front() {
            if parse_event(&line).is_some_and(|event| done(&event)) {
                return;
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Ok(Some(line)) => {
                    self.transcript.push(line.clone());
                    if parse_event(&line).is_some_and(|event| done(&event)) {
                        return;
                    }
                }
                Ok(None) => self.fail(&format!("{what}: the output ended first")),
                Err(_) => self.fail(&format!("{what}: not done within {timeout:?}")),
            }
        }
    }

    /// Every stdout line received so far, in arrival order.
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// Every JSON event received so far, in arrival order.
    pub fn events(&self) -> Vec<Value> {
        self.transcript
            .iter()
            .filter_map(|l| parse_event(l))
            .collect()
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Closes stdin (end of input: the client finishes sending, says goodbye and exits)
    /// and waits for it to exit.
    pub async fn finish(mut self) -> Exited {
        self.stdin = None;
        self.wait_exit(EXIT).await
    }

    /// Closes stdin like [`Client::finish`], allowing `timeout` for the exit (the client
    /// may have a lot to send first).
    pub async fn finish_within(mut self, timeout: Duration) -> Exited {
        self.stdin = None;
        self.wait_exit(timeout).await
    }

    /// Waits up to `timeout` for the process to exit without closing stdin; kills it and
    /// fails the test when it does not. In JSON mode every printed line must be a JSON
    /// event.
    pub async fn wait_exit(mut self, timeout: Duration) -> Exited {
        let status = match tokio::time::timeout(timeout, self.child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(err)) => self.fail(&format!("cannot wait for the client: {err}")),
            Err(_) => {
                let _ = self.child.start_kill();
                let _ = self.child.wait().await;
                self.fail(&format!("did not exit within {timeout:?} (killed)"));
            }
        };
        for reader in std::mem::take(&mut self.readers) {
            // The pipes close with the process; a grandchild holding them is not waited on.
            let _ = tokio::time::timeout(Duration::from_secs(5), reader).await;
        }
        while let Ok(line) = self.lines.try_recv() {
            self.record(line);
        }
        if self.json
            && let Some(bad) = self.transcript.iter().find(|l| parse_event(l).is_none())
        {
            let bad = bad.clone();
            self.fail(&format!("a line that is not a JSON event: {bad:?}"));
        }
        Exited {
            status,
            stdout: self.transcript.clone(),
            stderr: self.stderr_text(),
        }
    }

    /// Sends `signal` (e.g. `TERM`, `HUP`) to the process, then waits for it to exit.
    pub async fn signal(self, signal: &str) -> Exited {
        let Some(pid) = self.child.id() else {
            self.fail("the client has already exited");
        };
        let sent = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status();
        if !matches!(sent, Ok(status) if status.success()) {
            self.fail(&format!("cannot send SIG{signal}: {sent:?}"));
        }
        self.wait_exit(EXIT).await
    }

    /// Kills the process at once (SIGKILL: no goodbye, nothing finished) and waits for it.
    pub async fn kill(mut self) -> ExitStatus {
        if let Err(err) = self.child.start_kill() {
            self.fail(&format!("cannot kill the client: {err}"));
        }
        match tokio::time::timeout(EXIT, self.child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(err)) => self.fail(&format!("cannot wait for the client: {err}")),
            Err(_) => self.fail("did not die within the exit timeout"),
        }
    }

    fn record(&mut self, line: String) {
        self.transcript.push(line.clone());
        self.unmatched.push_back(line);
    }

    fn stderr_text(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Fails the test with everything this client printed, its stderr and its logs.
    pub fn fail(&self, why: &str) -> ! {
        let logs = log_text(&self.log_dir);
        panic!(
            "client {}: {why}\n=== stdout ({} lines)\n{}\n=== stderr\n{}\n=== logs\n{logs}",
            self.name,
            self.transcript.len(),
            self.transcript.join("\n"),
            self.stderr_text(),
        );
    }
}

/// The text of every log file in `dir`, for failure reports.
fn log_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let contents = std::fs::read_to_string(entry.path()).unwrap_or_default();
        text.push_str(&format!("--- {}\n{contents}\n", entry.path().display()));
    }
    text
}

/// The line as a JSON event (an object with an `event` field), if it is one.
pub fn parse_event(line: &str) -> Option<Value> {
    let value: Value = serde_json::from_str(line).ok()?;
    value.get("event")?.as_str()?;
    Some(value)
}

/// Whether `event` is a notice whose text contains `text`.
pub fn is_notice(event: &Value, text: &str) -> bool {
    event["event"] == "notice" && event["text"].as_str().is_some_and(|t| t.contains(text))
}

/// Whether `event` is a `message` or `status` event (`kind`) with body `body`.
pub fn is_message(event: &Value, kind: &str, body: &str) -> bool {
    event["event"] == kind && event["body"] == body
}
