//! What `chat-tui user` runs with, and why it can fail.

use time::UtcOffset;

use crate::broker::{BrokerError, CaFileError};
use crate::config::UserSettings;
use crate::domain::{NameError, UserName};
use crate::store::StoreError;
use crate::ui::plain::LineFormat;

/// Which face user mode shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frontend {
    /// The full-screen ratatui client.
    Tui,
    /// Line mode: stdin lines in, one printed line per event out.
    Plain(LineFormat),
}

/// What `chat-tui user` runs with.
#[derive(Debug, Clone)]
pub struct UserOptions {
    /// The name as typed (checked here).
    pub name: String,
    /// Merged configuration.
    pub settings: UserSettings,
    /// TUI or line mode.
    pub frontend: Frontend,
    /// Local time offset for showing times (read before threads start).
    pub local_offset: UtcOffset,
    /// Where the log file is, to mention it on errors.
    pub log_path: Option<std::path::PathBuf>,
    /// How long line mode waits for the broker at the end of its input (`None`: as long
    /// as it takes).
    pub max_wait: Option<std::time::Duration>,
    /// How long the first connection keeps trying a broker that is slow to answer.
    pub connect_limit: std::time::Duration,
}

/// Why user mode could not run. `Display` is the message for the person.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `--name` is not a valid user name.
    #[error("{0}")]
    InvalidName(#[from] NameError),
    /// The broker refused or is not there.
    #[error("{0}")]
    Broker(#[from] BrokerError),
    /// `--ca-file` names a file that cannot be read or holds no certificate.
    #[error("{0}")]
    CaFile(#[from] CaFileError),
    /// The local history could not be opened.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// An administrator deleted this user while it was connected (line mode ends then).
    #[error(
        "{0} was removed by an administrator: the user and its inbox no longer exist; ask an operator to create it again"
    )]
    Removed(UserName),
    /// The broker refused this user for good while it ran (banned, removed, its
    /// password changed): the sentence says which.
    #[error("{0}")]
    ShutOut(String),
    /// The terminal could not be set up.
    #[error("cannot use the terminal: {0}")]
    Terminal(#[from] std::io::Error),
    /// Another chat-tui on this machine runs as this user (it holds the history).
    #[error("{0} is already connected from this machine (another chat-tui holds its history)")]
    HistoryInUse(UserName),
    /// Line mode ended (a signal, or `--max-wait` passed) before the broker confirmed
    /// everything: those messages are kept.
    #[error("{}", unsent_text(*.0))]
    Unsent(usize),
}

/// What a client says when it ends with messages the broker has not confirmed.
pub fn unsent_text(count: usize) -> String {
    let (messages, are, they, go) = if count == 1 {
        ("message", "is", "it", "goes")
    } else {
        ("messages", "are", "they", "go")
    };
    format!(
        "{count} {messages} {are} not confirmed by the broker yet: kept in your history, {they} {go} out the next time you start (see `chat-tui history`)"
    )
}

impl RunError {
    /// The process exit code: 2 for bad input (also an unusable CA file), 3 for a name
    /// already connected, 4 for a broker that cannot be reached (also one whose TLS
    /// certificate is refused), 5 for a login the broker refused or a user removed
    /// by an administrator, 7 for line mode ending with messages unconfirmed, 1 for the
    /// rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::InvalidName(_) | RunError::CaFile(_) => 2,
            RunError::Broker(BrokerError::AlreadyConnected(_)) | RunError::HistoryInUse(_) => 3,
            RunError::Broker(
                BrokerError::Unreachable { .. }
                | BrokerError::TimedOut { .. }
                | BrokerError::Tls { .. },
            ) => 4,
            RunError::Removed(_)
            | RunError::ShutOut(_)
            | RunError::Broker(
                BrokerError::Banned(_)
                | BrokerError::NoInbox(_)
                | BrokerError::NotSetUp(_)
                | BrokerError::LoginRefused { .. },
            ) => 5,
            RunError::Unsent(_) => 7,
            _ => 1,
        }
    }
}
