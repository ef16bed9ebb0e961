//! A real terminal for the full-screen client: a tmux server of its own (`-L`), killed
//! when dropped. Its first window (`0:0`) runs the command under test.

use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server running one command in window `0:0`.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a 120x30 window.
    pub fn start(command: &str) -> Self {
        let tmux = Self {
            socket: format!("chat-tui-test-{}", uuid::Uuid::now_v7().simple()),
        };
        tmux.run(&["new-session", "-d", "-x", "120", "-y", "30", command]);
        tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
        tmux
    }

    /// Runs a tmux command on this server; its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("this test needs a real terminal: install tmux (apt-get install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys (tmux `send-keys` arguments) to the command's window.
    pub fn send(&self, keys: &[&str]) {
        self.run(&[&["send-keys", "-t", "0:0"][..], keys].concat());
    }

    /// The command's window as text.
    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "0:0"])
    }

    /// A tmux format (`#{window_bell_flag}`, say) for the command's window.
    pub fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "0:0", format])
            .trim_end()
            .to_owned()
    }

    /// Waits up to 20 s for the screen to satisfy `check`.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.wait_until(what, || self.screen(), check)
    }

    /// Waits up to 20 s for `read()` to satisfy `check`; returns what it read.
    pub fn wait_until(
        &self,
        what: &str,
        read: impl Fn() -> String,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = read();
            if check(&got) {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {what}; got {got:?}; screen:\n{}",
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
