//! What every workload shares: the run's unique names, the broker's addresses, the
//! chat-tui binary, a scratch directory for histories, and the clean-up that leaves the
//! broker as it was found.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chat_tui::domain::UserName;

use crate::Args;

/// One benchmark run.
pub struct Bench {
    /// Unique to this run: every user and queue name it makes contains it.
    pub run_id: String,
    /// Multiplies message counts (1.0 = the workloads).
    pub scale: f64,
    /// How long the idle workload watches.
    pub idle_secs: u64,
    /// The release chat-tui binary.
    pub binary: PathBuf,
    /// AMQP URL of the broker.
    pub amqp_url: String,
    /// Management API base URL.
    pub api_url: String,
    /// A Python with pika, if there is one.
    pub python: Option<PathBuf>,
    /// Scratch space for histories; removed when the run ends.
    pub scratch: tempfile::TempDir,
}

impl Bench {
    /// Checks the binary is there and picks this run's names.
    pub fn new(args: &Args) -> anyhow::Result<Self> {
        let binary = match &args.binary {
            Some(path) => path.clone(),
            None => default_binary()?,
        };
        if !binary.is_file() {
            bail!(
                "no chat-tui binary at {}: run `cargo build --release` first (scripts/bench.sh does)",
                binary.display()
            );
        }
        let run_id = format!("{:x}", std::process::id() ^ (nanos() as u32 & 0xfff_ffff));
        Ok(Self {
            run_id,
            scale: args.scale,
            idle_secs: args.idle_secs,
            binary,
            amqp_url: args.amqp_url.clone(),
            api_url: args.api_url.clone(),
            python: args.python.clone(),
            scratch: tempfile::tempdir().context("cannot make a scratch directory")?,
        })
    }

    /// A message count scaled for this run (never below 10).
    pub fn count(&self, full: usize) -> usize {
        ((full as f64 * self.scale).round() as usize).max(10)
    }

    /// A user name unique to this run: `b<run>` + `role` (≤ 20 characters).
    pub fn user(&self, role: &str) -> UserName {
        UserName::parse(&format!("b{}{role}", self.run_id)).expect("bench user names are valid")
    }

    /// A fresh history directory for one client start (`CHAT_TUI_DATA_DIR`).
    pub fn data_dir(&self, label: &str) -> PathBuf {
        let dir = self.scratch.path().join(format!("{label}-{}", nanos()));
        std::fs::create_dir_all(&dir).expect("the scratch directory is writable");
        dir
    }

    /// One line about what ran where, for the log and the report.
    pub fn describe(&self) -> String {
        format!(
            "chat-tui bench run {}: binary {}, broker {}, pika {}",
            self.run_id,
            self.binary.display(),
            chat_tui::broker::redact_url(&self.amqp_url),
            match &self.python {
                Some(python) => format!("via {}", python.display()),
                None => "not available (the peer rows are skipped)".into(),
            }
        )
    }

    /// Deletes every queue this run made (inboxes of its users, its admin queues), so
    /// the broker is left as it was found even when a workload failed halfway.
    pub async fn clean_up(&self) {
        if let Err(err) = crate::raw::delete_queues_containing(self, &self.run_id).await {
            eprintln!("warning: clean-up failed: {err:#}");
        }
    }
}

/// `chat-tui` in the directory above this example's binary (`target/release/`).
fn default_binary() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe().context("cannot tell where this benchmark runs from")?;
    let release = me
        .parent()
        .and_then(|examples| examples.parent())
        .context("the benchmark binary has no parent directory")?;
    Ok(release.join("chat-tui"))
}

/// Nanoseconds of the wall clock, for unique names.
fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}
