//! The command line: `chat-tui user …` (and later `chat-tui admin`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;

/// A terminal chat and broker console for teams that run RabbitMQ.
#[derive(Debug, Parser)]
#[command(name = "chat-tui", version, about)]
pub struct Cli {
    /// What to run.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The front-ends.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Chat as a user: direct messages, topics, presence.
    User(UserArgs),
}

/// Flags of `chat-tui user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// Your name: 1-20 of a-z, 0-9, '_' or '-', starting with a letter or digit.
    #[arg(long, short = 'n', env = "CHAT_TUI_NAME")]
    pub name: String,
    /// AMQP URL of the broker [default: amqp://guest:guest@127.0.0.1:5672/%2f].
    #[arg(long, env = "CHAT_TUI_AMQP_URL")]
    pub amqp_url: Option<String>,
    /// Line mode: read commands from stdin, print one event per line (chosen
    /// automatically when stdin or stdout is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// In line mode, print one JSON object per event (see docs/line-mode.md).
    #[arg(long)]
    pub json: bool,
    /// Seconds between "online: …" roster lines; 0 turns them off [default: 300].
    #[arg(long, env = "CHAT_TUI_ROSTER_INTERVAL")]
    pub roster_interval: Option<u64>,
    /// Management API URL for /topics [default: derived from the AMQP URL].
    #[arg(long, env = "CHAT_TUI_API_URL")]
    pub api_url: Option<String>,
    /// Management API user [default: the AMQP user].
    #[arg(long, env = "CHAT_TUI_API_USER")]
    pub api_user: Option<String>,
    /// Management API password [default: the AMQP password].
    #[arg(long, env = "CHAT_TUI_API_PASSWORD", hide_env_values = true)]
    pub api_password: Option<String>,
    /// Configuration file [default: ~/.config/chat-tui/config.toml].
    #[arg(long, env = "CHAT_TUI_CONFIG")]
    pub config: Option<PathBuf>,
}

impl UserArgs {
    /// The flag/environment layer of the configuration.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            amqp_url: self.amqp_url.clone(),
            roster_interval_secs: self.roster_interval,
            api_url: self.api_url.clone(),
            api_user: self.api_user.clone(),
            api_password: self.api_password.clone(),
        }
    }
}

#[cfg(test)]
#[path = "cli_tests.rs"]
mod tests;
