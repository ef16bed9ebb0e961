//! chat-tui's full-screen client as a person sees it: the release binary in a
//! pseudo-terminal (util-linux `script`), its output fed to a terminal emulator
//! (`vt100`) so the benchmark can tell when a frame is on screen and read what it shows.

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{Child, ChildStdin, Command};

use crate::chat::{client_env, wait_or_kill};
use crate::setup::Bench;

/// The terminal size every full-screen run uses (the issue's 200x60).
pub const COLS: u16 = 200;
/// Rows of that terminal.
pub const ROWS: u16 = 60;

/// Keys as a terminal sends them.
pub mod keys {
    /// Page Up.
    pub const PAGE_UP: &[u8] = b"\x1b[5~";
    /// Ctrl-C.
    pub const CTRL_C: &[u8] = b"\x03";
    /// Enter.
    pub const ENTER: &[u8] = b"\r";
}

/// A chat-tui process in a pseudo-terminal.
pub struct PtyClient {
    script: Child,
    stdin: ChildStdin,
    screen: Arc<Mutex<Screen>>,
    /// When the process was started.
    pub started: Instant,
}

/// What the emulated terminal shows, and when output last arrived.
struct Screen {
    parser: vt100::Parser,
    /// Output chunks read so far (each is at least part of a frame).
    chunks: u64,
    last_output: Option<Instant>,
    /// Text that marks the first complete frame, until it is seen.
    marker: Option<String>,
    first_frame: Option<Instant>,
}

impl PtyClient {
    /// Starts `chat-tui <args>` in a 200x60 pseudo-terminal with its history in
    /// `data_dir`. The first frame is the first moment the screen shows `marker`.
    pub fn start(
        bench: &Bench,
        args: &[&str],
        data_dir: &Path,
        marker: &str,
    ) -> anyhow::Result<Self> {
        let mut line = format!(
            "stty rows {ROWS} cols {COLS} && exec {}",
            quote(&bench.binary.display().to_string())
        );
        for arg in args {
            line.push(' ');
            line.push_str(&quote(arg));
        }
        let started = Instant::now();
        let mut script = Command::new("script")
            .args(["-qfec", &line, "/dev/null"])
            .envs(client_env(bench, data_dir))
            .env("TERM", "xterm-256color")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start `script` (util-linux) to give chat-tui a terminal")?;
        let stdin = script.stdin.take().context("no stdin")?;
        let mut stdout = script.stdout.take().context("no stdout")?;
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            chunks: 0,
            last_output: None,
            marker: Some(marker.to_owned()),
            first_frame: None,
        }));
        let feed = Arc::clone(&screen);
        tokio::spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = stdout.read(&mut buf).await {
                if n == 0 {
                    return;
                }
                let at = Instant::now();
                let mut screen = feed.lock().unwrap_or_else(|p| p.into_inner());
                screen.parser.process(&buf[..n]);
                screen.chunks += 1;
                screen.last_output = Some(at);
                if let Some(marker) = &screen.marker
                    && screen.parser.screen().contents().contains(marker.as_str())
                {
                    screen.first_frame = Some(at);
                    screen.marker = None;
                }
            }
        });
        Ok(Self {
            script,
            stdin,
            screen,
            started,
        })
    }

    /// Waits for the first frame; returns how long after the start it was on screen.
    pub async fn first_frame(&self, timeout: Duration) -> anyhow::Result<Duration> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(at) = self.with_screen(|s| s.first_frame) {
                return Ok(at - self.started);
            }
            if Instant::now() > deadline {
                bail!(
                    "no frame within {timeout:?}; the screen shows:\n{}",
                    self.contents()
                );
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// Waits until the screen's text satisfies `wanted`; returns when it first did.
    pub async fn wait_until(
        &self,
        timeout: Duration,
        wanted: impl Fn(&str) -> bool,
    ) -> anyhow::Result<Instant> {
        let deadline = Instant::now() + timeout;
        loop {
            if wanted(&self.contents()) {
                return Ok(Instant::now());
            }
            if Instant::now() > deadline {
                bail!(
                    "the screen did not show what was expected within {timeout:?}; it shows:\n{}",
                    self.contents()
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits until no output has arrived for `quiet` (the client finished drawing).
    pub async fn settle(&self, quiet: Duration, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let last = self.with_screen(|s| s.last_output);
            if last.is_some_and(|at| at.elapsed() >= quiet) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the client kept drawing for {timeout:?}");
            }
            tokio::time::sleep(quiet / 4).await;
        }
    }

    /// The screen's text, row by row.
    pub fn contents(&self) -> String {
        self.with_screen(|s| s.parser.screen().contents())
    }

    /// Output chunks read so far: a redraw makes at least one.
    pub fn chunks(&self) -> u64 {
        self.with_screen(|s| s.chunks)
    }

    /// When output last arrived.
    pub fn last_output(&self) -> Option<Instant> {
        self.with_screen(|s| s.last_output)
    }

    /// Sends keys as the terminal would.
    pub async fn press(&mut self, keys: &[u8]) -> anyhow::Result<()> {
        self.stdin.write_all(keys).await?;
        self.stdin.flush().await?;
        Ok(())
    }

    /// Presses `keys` and waits for the terminal's answer: how long until the first
    /// output after the press, or `None` if nothing came within `timeout` (the keys
    /// changed nothing on screen).
    pub async fn answer_to(
        &mut self,
        keys: &[u8],
        timeout: Duration,
    ) -> anyhow::Result<Option<Duration>> {
        let before = self.chunks();
        let pressed = Instant::now();
        self.press(keys).await?;
        loop {
            if self.chunks() > before
                && let Some(at) = self.last_output()
            {
                return Ok(Some(at.saturating_duration_since(pressed)));
            }
            if pressed.elapsed() > timeout {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_micros(200)).await;
        }
    }

    /// The chat-tui process (the child of `script`).
    pub fn pid(&self) -> anyhow::Result<u32> {
        let script = self.script.id().context("script has exited")?;
        crate::proc_stats::child_of(script).context("chat-tui is not running under script")
    }

    /// Quits with Ctrl-C and waits for the process to end (killing it, and saying so,
    /// after 15 s).
    pub async fn quit(mut self) -> anyhow::Result<()> {
        let _ = self.press(keys::CTRL_C).await;
        let waited = Duration::from_secs(15);
        wait_or_kill(&mut self.script, waited, "chat-tui (after Ctrl-C)").await
    }

    fn with_screen<T>(&self, read: impl FnOnce(&Screen) -> T) -> T {
        read(&self.screen.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// `text` quoted for `sh`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
