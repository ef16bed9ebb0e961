//! Logging in and keeping secrets (issue 14): the real `chat-tui user` binary with its
//! own account or the shared guest one, what `--help` shows, what the log holds, which
//! modes its files get, and how bad password sources are refused.
//!
//! `offline` needs no broker (an unreachable address, or a refusal before connecting);
//! `online` logs in to the real broker with throwaway accounts made through the
//! management API, and `prompt` does in a real terminal (tmux) ([`login::accounts::Account`], deleted by a guard even on panic).

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod login {
    pub mod accounts;
    pub mod offline;
    pub mod online;
    pub mod prompt;
}
