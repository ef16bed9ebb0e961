//! A real terminal for the full-screen faces: a tmux server of its own (`-L`) running one
//! command, read back with `capture-pane`, killed when dropped.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One tmux server with one pane.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` (a shell line) in a `width` x `height` pane.
    pub fn start(width: u16, height: u16, command: &str) -> Self {
        let tmux = Self {
            socket: format!("chat-tui-test-{}", uuid::Uuid::now_v7().simple()),
        };
        let (width, height) = (width.to_string(), height.to_string());
        tmux.run(&["new-session", "-d", "-x", &width, "-y", &height, command]);
        tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
        tmux
    }

    /// Runs a tmux command against this server; its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("this test drives a real terminal: install tmux (apt-get install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys one `send-keys` each, a little apart (tmux key names, or `-l` then
    /// literal text).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "0", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Sends one `send-keys` with all of `args` (e.g. `["-l", text]`).
    pub fn send(&self, args: &[&str]) {
        self.run(&[&["send-keys", "-t", "0"][..], args].concat());
    }

    /// Types `text` literally and presses Enter.
    pub fn type_line(&self, text: &str) {
        self.send(&["-l", text]);
        self.send(&["Enter"]);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0"])
    }

    /// Waits up to 20 s for the screen to satisfy `check`; the screen that did.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits up to 20 s for `file` (where the command's shell wrote `$?`: tmux does not
    /// always learn a pane's exit status) and returns what it says.
    pub fn wait_for_status(&self, file: &Path) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(status) = std::fs::read_to_string(file)
                && status.ends_with('\n')
            {
                return status.trim().to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "the command did not end:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
