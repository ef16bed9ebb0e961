//! The admin console's view of the broker: one trait, [`Console`], that reads a
//! [`Snapshot`] and carries out [`Action`]s, with the real implementation over the
//! management HTTP API and AMQP, and an in-memory fake for tests.

use std::future::Future;

mod accounts;
mod actions;
mod announce;
mod details;
mod http;
mod live;
mod read;
mod real;
mod settings;

pub use real::BrokerConsole;
pub use settings::ConsoleSettings;

use crate::domain::console::{Action, Details, Outcome, Recipient, Snapshot, Target};

/// Why a console request failed. Every message is meant to be shown to the operator as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsoleError {
    /// The management API (or the AMQP port) did not answer.
    #[error("cannot reach the management API at {url}: {reason}")]
    Unreachable {
        /// The API base URL.
        url: String,
        /// What went wrong, with a hint of what to do.
        reason: String,
    },
    /// The API answered 401/403: wrong user name or password, or a user without the
    /// `management`/`administrator` tag.
    #[error(
        "the management API at {url} refused the credentials of {user:?} ({status}); check --api-user and --api-password"
    )]
    Refused {
        /// The API base URL.
        url: String,
        /// The user that logged in.
        user: String,
        /// The HTTP status.
        status: u16,
    },
    /// The target does not exist (any more).
    #[error("{0} does not exist (someone may have deleted it already)")]
    NotFound(Target),
    /// Creating something that is already there.
    #[error("{0} already exists")]
    AlreadyExists(Target),
    /// An announcement found nobody to deliver to.
    #[error("nobody would receive an announcement to {0}")]
    Unroutable(Recipient),
    /// Anything else the broker said, in its words.
    #[error("{0}")]
    Broker(String),
}

impl ConsoleError {
    /// True when the broker could not be reached at all (the console then shows
    /// "disconnected, retrying" and keeps the last data).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, ConsoleError::Unreachable { .. })
    }
}

/// What the admin console needs from a broker. The runtime polls [`Console::snapshot`]
/// from a task and runs actions on other tasks, so implementations must be shareable.
pub trait Console: Send + Sync + 'static {
    /// Reads everything the panes show. Queues named in `live` have their ready and
    /// consumer counts read exactly, now (over AMQP), instead of from the broker's
    /// periodic statistics; the rows say which were.
    fn snapshot(
        &self,
        live: &[String],
    ) -> impl Future<Output = Result<Snapshot, ConsoleError>> + Send;

    /// Carries out one change and says what came of it (a generated password, the
    /// connections a ban closed). Nothing is changed when it fails.
    fn perform(
        &self,
        action: &Action,
    ) -> impl Future<Output = Result<Outcome, ConsoleError>> + Send;

    /// Reads what Enter shows about one item.
    fn details(
        &self,
        target: &Target,
    ) -> impl Future<Output = Result<Details, ConsoleError>> + Send;
}

#[cfg(test)]
pub mod fake;

#[cfg(test)]
pub use fake::FakeConsole;
