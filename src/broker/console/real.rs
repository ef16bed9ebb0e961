//! [`BrokerConsole`]: the [`Console`] over a real broker.

use super::http::Http;
use super::live::Amqp;
use super::settings::ConsoleSettings;
use super::{Console, ConsoleError, actions, details, read};
use crate::domain::console::{Action, Details, Outcome, Overview, Snapshot, Target};

/// The admin console's broker: the management HTTP API for listings and changes, plus
/// one lazily opened AMQP connection for exact live counts, user topology and
/// announcements.
pub struct BrokerConsole {
    http: Http,
    amqp: Amqp,
}

impl std::fmt::Debug for BrokerConsole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrokerConsole")
            .field("api_url", &self.http.url())
            .field("vhost", &self.http.vhost())
            .finish_non_exhaustive()
    }
}

impl BrokerConsole {
    /// A console for the broker in `settings`. Does no I/O; a malformed API URL is
    /// refused here.
    pub fn new(settings: ConsoleSettings) -> Result<Self, ConsoleError> {
        Ok(Self {
            http: Http::new(&settings.api)?,
            amqp: Amqp::new(settings.amqp),
        })
    }

    /// The pre-flight check: one overview request. [`ConsoleError::Unreachable`] (with
    /// the hint to enable the management plugin) when nothing answers,
    /// [`ConsoleError::Refused`] for wrong credentials.
    pub async fn check(&self) -> Result<Overview, ConsoleError> {
        read::overview(&self.http).await
    }
}

impl Console for BrokerConsole {
    async fn snapshot(&self, live: &[String]) -> Result<Snapshot, ConsoleError> {
        read::snapshot(&self.http, &self.amqp, live).await
    }

    async fn perform(&self, action: &Action) -> Result<Outcome, ConsoleError> {
        actions::perform(&self.http, &self.amqp, action).await
    }

    async fn details(&self, target: &Target) -> Result<Details, ConsoleError> {
        details::details(&self.http, target).await
    }
}
