//! The receiver's disk fills up: its client pauses receiving — one notice naming the
//! problem, no "connection lost", no reconnecting, nothing acked — and, once there is
//! room again, takes every message by itself, each once.
//!
//! The receiver's data directory is a 4 MiB tmpfs of its own (this needs root, as CI
//! and the development machine have), filled to the last byte by a file the test then
//! deletes. A guard unmounts it even when the test fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::chat::Chat;
use crate::common::client::{ClientOptions, STEP, TestHome, is_notice};

crate::both_modes!(
    #[ignore = "mounts a small filesystem and fills it: run alone with scripts/fault-tests.sh"]
    a_full_disk_pauses_receiving_and_it_resumes_by_itself,
);

/// Messages sent while the disk is full.
const MESSAGES: usize = 50;

/// A small tmpfs mounted for the test; unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount runs");
        assert!(
            status.success(),
            "cannot mount a tmpfs (this fault test needs root): {status}"
        );
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk to the last byte with `filler`.
    fn fill(&self) -> PathBuf {
        let filler = self.path().join("filler");
        // dd stops with "No space left on device", which is the point.
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=4096"])
            .arg(format!("of={}", filler.display()))
            .stderr(std::process::Stdio::null())
            .status();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        // Lazily: a client killed on drop may still hold its files for a moment.
        let unmounted = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
        if !matches!(unmounted, Ok(status) if status.success()) {
            eprintln!("could not unmount {}", self.dir.path().display());
        }
    }
}

async fn a_full_disk_pauses_receiving_and_it_resumes_by_itself(chat: Chat) {
    let alice = chat.user("disk-a");
    let bob = chat.user("disk-b");
    let home = TestHome::new();
    let disk = SmallDisk::mount();
    let data = disk.path().display().to_string();
    let on_small_disk = || ClientOptions::default().with_env("CHAT_TUI_DATA_DIR", &data);

    let mut receiver = chat.client_with(&bob, &home, on_small_disk());
    receiver.send_line("/who").await;
    receiver
        .expect("connected", |e| is_notice(e, "online:"))
        .await;
    let filler = disk.fill();

    let mut sender = chat.client(&alice, &home);
    for i in 0..MESSAGES {
        sender.send_line(&format!("/msg {bob} disk-{i:03}")).await;
    }
    let mut confirmed = 0;
    sender
        .watch_until("every message confirmed", STEP, |e| {
            if e["event"] == "status" && e["status"] == "delivered" {
                confirmed += 1;
            }
            confirmed == MESSAGES
        })
        .await;
    receiver
        .expect("the pause explained", |e| {
            is_notice(e, "cannot store incoming messages")
        })
        .await;
    // Twenty seconds of a full disk: no churn, nothing shown.
    receiver
        .expect_none(
            "a reconnection or a message",
            Duration::from_secs(20),
            |e| is_notice(e, "connection lost") || e["event"] == "message",
        )
        .await;

    std::fs::remove_file(&filler).expect("the filler goes");
    let (mut seen, mut resumed) = (0, false);
    receiver
        .watch_until(
            "every message and the resume",
            Duration::from_secs(60),
            |e| {
                if e["event"] == "message" && e["mine"] == false {
                    seen += 1;
                }
                resumed |= is_notice(e, "receiving resumed");
                seen == MESSAGES && resumed
            },
        )
        .await;
    let ended = receiver.finish().await;
    assert!(ended.status.success(), "{}", ended.stderr);
    let pauses = ended
        .events()
        .iter()
        .filter(|e| is_notice(e, "cannot store incoming messages"))
        .count();
    assert_eq!(pauses, 1, "the pause was told once");
    let ended = sender.finish().await;
    assert!(ended.status.success(), "{}", ended.stderr);
}
