//! The command line: `chat-tui user …`, `chat-tui admin …` and `chat-tui history …`.

use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Parser, Subcommand};

use crate::config::{AdminOverrides, Overrides, parse_refresh};

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
    #[command(after_help = LOGIN_HELP)]
    User(UserArgs),
    /// The broker console (queues, topics and chat users, with live counts), and the
    /// operator's commands: setup, chat accounts, topics.
    #[command(after_help = ADMIN_AFTER_HELP)]
    Admin(AdminArgs),
    /// Print a user's stored history (read-only; the broker is not needed).
    History(HistoryArgs),
}

/// How `chat-tui user` logs in, shown after its flags in `--help`.
pub const LOGIN_HELP: &str = "\
Logging in:
  1. A user name in the AMQP URL is the login, with the URL's password or else one of
     the passwords below.
  2. Otherwise, when a password is given below or --account is set, the login is your
     chat name (--name), with the first password found in:
       CHAT_TUI_PASSWORD (environment; never shown by --help),
       --password-file FILE (its first line; the file must be yours alone: chmod 600),
       the config file's `password` (refused unless the file is yours alone: chmod 600),
       and in the full-screen client a prompt that does not echo (before it starts).
     Line mode without a password exits 2.
  3. Otherwise the broker's shared guest account (guest/guest): open mode, no setup.
A password written in --amqp-url works but is visible to every user of this machine
(ps); a warning says so.";

/// Flags of `chat-tui user`.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// Your name: 1-20 of a-z, 0-9, '_' or '-', starting with a letter or digit.
    #[arg(long, short = 'n', env = "CHAT_TUI_NAME")]
    pub name: String,
    /// AMQP URL of the broker; a user name in it is the login (see "Logging in")
    /// [default: amqp://127.0.0.1:5672/%2f].
    #[arg(long, env = "CHAT_TUI_AMQP_URL", hide_env_values = true)]
    pub amqp_url: Option<String>,
    /// Log in with your own account (your chat name) rather than the shared guest one;
    /// the password comes from CHAT_TUI_PASSWORD, --password-file, the config file or a
    /// prompt (see "Logging in").
    #[arg(long, env = "CHAT_TUI_ACCOUNT")]
    pub account: bool,
    /// A file whose first line is your account's password; it must be yours alone
    /// (chmod 600).
    #[arg(long, value_name = "FILE", env = "CHAT_TUI_PASSWORD_FILE")]
    pub password_file: Option<PathBuf>,
    /// Line mode: read commands from stdin, print one event per line (chosen
    /// automatically when stdin or stdout is not a terminal).
    #[arg(long)]
    pub plain: bool,
    /// In line mode, print one JSON object per event (see docs/line-mode.md).
    #[arg(long)]
    pub json: bool,
    /// In line mode, wait at most this many seconds at the end of the input for the
    /// broker to confirm what was sent; messages still unconfirmed then stay pending
    /// (sent at the next start) and the exit code is 7 [default: wait as long as it takes].
    #[arg(long, value_name = "SECS", env = "CHAT_TUI_MAX_WAIT")]
    pub max_wait: Option<u64>,
    /// How long the first connection keeps trying a broker that accepts connections but
    /// is slow to answer (a broker that is not there is an error at once) [default: 60].
    #[arg(long, value_name = "SECS", env = "CHAT_TUI_CONNECT_TIMEOUT")]
    pub connect_timeout: Option<u64>,
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
    /// A PEM file of certificate authorities to trust for amqps:// and https:// (your
    /// team's own CA), besides the system's.
    #[arg(long, value_name = "PATH", env = "CHAT_TUI_CA_FILE")]
    pub ca_file: Option<PathBuf>,
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
            ca_file: self.ca_file.clone(),
        }
    }
}

/// Whether `chat-tui user`'s AMQP URL was given on the command line (`--amqp-url`,
/// which every local user can read with `ps`) rather than in the environment, given the
/// matches of the whole command line.
pub fn user_url_on_command_line(matches: &ArgMatches) -> bool {
    matches
        .subcommand_matches("user")
        .and_then(|user| user.value_source("amqp_url"))
        == Some(ValueSource::CommandLine)
}

/// What `chat-tui admin --help` says after the flags: the exit codes.
const ADMIN_AFTER_HELP: &str = "\
Without a command, `chat-tui admin` runs the full-screen console.

Exit codes: 0 done; 1 other failure (e.g. setup not run yet); 2 invalid name or \
argument (or an operator's account, which these commands leave alone); 4 the \
management API does not answer, or its TLS certificate is not trusted (see \
--ca-file); 5 it refuses the operator's credentials (wrong password, or not tagged \
administrator); 6 already exists, or no such user or topic.";

/// Flags of `chat-tui admin`. The connection flags may also follow a command
/// (`chat-tui admin user add bob --vhost chat`).
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// An operator command; without one, the full-screen console runs.
    #[command(subcommand)]
    pub command: Option<AdminCommand>,
    /// Management API URL [default: http://127.0.0.1:15672, or the host of --amqp-url].
    #[arg(long, env = "CHAT_TUI_API_URL", global = true)]
    pub api_url: Option<String>,
    /// Management API user [default: guest].
    #[arg(long, env = "CHAT_TUI_API_USER", global = true)]
    pub api_user: Option<String>,
    /// Management API password [default: guest].
    #[arg(
        long,
        env = "CHAT_TUI_API_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub api_password: Option<String>,
    /// Virtual host to show and change [default: /].
    #[arg(long, env = "CHAT_TUI_VHOST", global = true)]
    pub vhost: Option<String>,
    /// AMQP URL, for exact counts and announcements [default: the API host, port 5672].
    #[arg(long, env = "CHAT_TUI_AMQP_URL", global = true, hide_env_values = true)]
    pub amqp_url: Option<String>,
    /// Time between refreshes: seconds (1, 0.5) or 500ms [default: 1].
    #[arg(long, env = "CHAT_TUI_REFRESH", value_parser = parse_refresh)]
    pub refresh: Option<std::time::Duration>,
    /// A PEM file of certificate authorities to trust for https:// and amqps:// (your
    /// team's own CA), besides the system's.
    #[arg(long, value_name = "PATH", env = "CHAT_TUI_CA_FILE", global = true)]
    pub ca_file: Option<PathBuf>,
    /// Configuration file [default: ~/.config/chat-tui/config.toml].
    #[arg(long, env = "CHAT_TUI_CONFIG", global = true)]
    pub config: Option<PathBuf>,
}

/// The operator's commands, for scripts (each prints what it did and exits).
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create the shared exchanges and the inbox policy, and bind every existing inbox
    /// as accounts need it (idempotent: run it again after an upgrade).
    Setup(SetupArgs),
    /// Chat users' RabbitMQ accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Topics.
    #[command(subcommand)]
    Topic(TopicCommand),
}

/// Flags of `chat-tui admin setup`.
#[derive(Debug, Args)]
pub struct SetupArgs {
    /// Most messages one inbox holds; more are refused to the sender [default: 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub inbox_max_messages: Option<u64>,
    /// Most bytes of messages one inbox holds [default: 104857600, 100 MiB].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub inbox_max_bytes: Option<u64>,
    /// Also say what was already in place.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `chat-tui admin user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create the account NAME (tag management, chat permissions, inbox and bindings);
    /// the generated password is printed alone on stdout.
    Add(PasswordArgs),
    /// Give the account NAME a new password (generated and printed unless given).
    Passwd(PasswordArgs),
    /// Refuse NAME's logins to the virtual host (the account stays) and close its
    /// connections.
    Ban(NameArg),
    /// Let NAME log in again.
    Unban(NameArg),
    /// Delete the account NAME and its inbox with the messages in it.
    Remove(NameArg),
    /// The chat users of the virtual host.
    List(ListArgs),
}

/// `chat-tui admin topic …`.
#[derive(Debug, Subcommand)]
pub enum TopicCommand {
    /// Create the topic NAME.
    Add(NameArg),
    /// Delete the topic NAME (its members' subscriptions go with it).
    Remove(NameArg),
    /// The topics of the virtual host and how many inboxes are bound to each.
    List(ListArgs),
}

/// A user's name and where its password comes from.
#[derive(Debug, Args)]
pub struct PasswordArgs {
    /// The user: 1-20 of a-z, 0-9, '_' or '-', starting with a letter or digit.
    pub name: String,
    /// Read the password from standard input (one line) instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}

/// One name.
#[derive(Debug, Args)]
pub struct NameArg {
    /// The user or topic name.
    pub name: String,
}

/// Flags of the listings.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// One JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

impl AdminArgs {
    /// The flag/environment layer of the configuration.
    pub fn overrides(&self) -> AdminOverrides {
        AdminOverrides {
            amqp_url: self.amqp_url.clone(),
            api_url: self.api_url.clone(),
            api_user: self.api_user.clone(),
            api_password: self.api_password.clone(),
            vhost: self.vhost.clone(),
            refresh: self.refresh,
            ca_file: self.ca_file.clone(),
        }
    }
}

/// Flags of `chat-tui history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Whose history: the name the client runs as.
    #[arg(long, short = 'n', env = "CHAT_TUI_NAME")]
    pub name: String,
    /// Only the conversation with this user (bob) or in this topic ('#news').
    #[arg(long, value_name = "USER|#TOPIC")]
    pub with: Option<String>,
    /// One JSON object per message instead of text lines.
    #[arg(long)]
    pub json: bool,
    /// Repair a damaged history: copy every readable message into a fresh file that
    /// takes its place, keeping the damaged one beside it (the client must not run).
    #[arg(long, conflicts_with_all = ["with", "json"])]
    pub recover: bool,
}

#[cfg(test)]
#[path = "cli_tests.rs"]
mod tests;
