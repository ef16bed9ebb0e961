//! What can go wrong when talking to RabbitMQ, worded for the person at the keyboard.

use lapin::protocol::{AMQPErrorKind, AMQPSoftError};

use super::address::{AddressError, redact_url};
use crate::domain::{TopicName, UserName};

/// An error from the broker layer. Its `Display` is a complete sentence for the user.
#[derive(Debug, thiserror::Error)]
pub enum BrokerError {
    /// No broker answered at the AMQP URL (refused, timed out, bad credentials, ...).
    #[error("cannot reach RabbitMQ at {}: {reason}; start one with scripts/broker.sh", redact_url(.url))]
    Unreachable {
        /// The AMQP URL that was tried (shown with its password hidden).
        url: String,
        /// What the connection attempt said.
        reason: String,
    },
    /// The TLS handshake (`amqps://`) failed: the broker's certificate is one this client
    /// does not trust (not signed by a known authority, not for this host), or the port
    /// does not speak TLS. Trying again does not help until the certificate, the URL or
    /// `--ca-file` changes.
    #[error("cannot connect to RabbitMQ at {}: {reason}", redact_url(.url))]
    Tls {
        /// The AMQP URL that was tried (shown with its password hidden).
        url: String,
        /// What went wrong ([`crate::broker::TlsProblem`]).
        reason: String,
    },
    /// Something listens at the AMQP URL but did not finish the AMQP handshake in time:
    /// a busy broker rather than an absent one (the client keeps trying for a while).
    #[error("RabbitMQ at {} did not answer within {secs} seconds (it accepted the connection: busy?)", redact_url(.url))]
    TimedOut {
        /// The AMQP URL that was tried (shown with its password hidden).
        url: String,
        /// How long the attempt waited.
        secs: u64,
    },
    /// The broker refused the login (ACCESS_REFUSED, 403): a wrong password or no such
    /// account. Nothing was declared or consumed.
    #[error(
        "the broker at {broker} refused the login for {user}: wrong password or no such account"
    )]
    LoginRefused {
        /// The login (the account's user name).
        user: String,
        /// The broker's `host:port`.
        broker: String,
    },
    /// Another live session already consumes this user's inbox.
    #[error("{0} is already connected")]
    AlreadyConnected(UserName),
    /// The broker refuses this account the virtual host (protocol version 3: an operator
    /// banned it by clearing its permissions).
    #[error(
        "the broker refuses {0} access: an operator banned the account (ask one to run `chat-tui admin user unban {0}`)"
    )]
    Banned(UserName),
    /// Logged in with its own account, the user has no inbox (protocol version 3: only
    /// an operator creates one).
    #[error(
        "{0} has no inbox on this broker: an operator creates it with `chat-tui admin user add {0}`"
    )]
    NoInbox(UserName),
    /// Logged in with its own account, an object of the wire contract is missing.
    #[error(
        "the broker is not set up for chat-tui accounts ({0} is missing): an operator runs `chat-tui admin setup`"
    )]
    NotSetUp(String),
    /// The topic's exchange does not exist on the broker.
    #[error("there is no topic #{0}: an operator creates it with `chat-tui admin`")]
    NoSuchTopic(TopicName),
    /// The broker refused to take the message (negative confirm); it should be sent again.
    #[error("RabbitMQ did not accept the message (nack); send it again")]
    Nacked,
    /// The connection or a channel went away while working.
    #[error("disconnected from RabbitMQ: {0}")]
    Disconnected(String),
    /// Any other AMQP failure, with what was being done.
    #[error("RabbitMQ refused to {action}: {source}")]
    Amqp {
        /// What chat-tui was doing ("declare the inbox", ...).
        action: String,
        /// The error lapin reported.
        #[source]
        source: lapin::Error,
    },
    /// The management HTTP API failed or did not answer.
    #[error("the RabbitMQ management API at {} failed: {reason}", redact_url(.url))]
    Management {
        /// The API base URL (password hidden when shown).
        url: String,
        /// What went wrong, with a hint when the API does not answer.
        reason: String,
    },
}

impl BrokerError {
    /// Wraps a lapin error raised while doing `action`; connection-level failures become
    /// [`BrokerError::Disconnected`].
    pub fn amqp(action: &str, source: lapin::Error) -> Self {
        if source.is_io_error()
            || matches!(
                source.kind(),
                lapin::ErrorKind::InvalidConnectionState(_)
                    | lapin::ErrorKind::MissingHeartbeatError
            )
            || source.is_amqp_hard_error()
        {
            return Self::Disconnected(format!("{action}: {source}"));
        }
        Self::Amqp {
            action: action.to_owned(),
            source,
        }
    }
}

/// Whether a lapin error is the connection-level AMQP error `code` (e.g. 530
/// NOT_ALLOWED: the virtual host refused).
pub(crate) fn is_hard_error(error: &lapin::Error, code: lapin::protocol::AMQPHardError) -> bool {
    matches!(error.kind(), lapin::ErrorKind::ProtocolError(e) if *e.kind() == AMQPErrorKind::Hard(code))
}

/// Whether a lapin error is the channel-level AMQP error `code` (e.g. 404 NOT_FOUND).
pub(crate) fn is_soft_error(error: &lapin::Error, code: AMQPSoftError) -> bool {
    matches!(error.kind(), lapin::ErrorKind::ProtocolError(e) if *e.kind() == AMQPErrorKind::Soft(code))
}

impl From<AddressError> for BrokerError {
    /// A URL lapin cannot parse is reported as connecting to it is
    /// ([`BrokerError::Unreachable`]); any other unusable address as the management
    /// API it should lead to ([`BrokerError::Management`]).
    fn from(error: AddressError) -> Self {
        match error {
            AddressError::Malformed { url, reason } => Self::Unreachable { url, reason },
            other => Self::Management {
                url: other.url().to_owned(),
                reason: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
