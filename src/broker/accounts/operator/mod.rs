//! [`Operator`]: the operator commands over the management API, one file per group.

mod listing;
mod setup;
mod topics;
mod users;

pub use listing::{ChatUser, TopicMembers, UserState};
pub use setup::{InboxLimits, SetupStep};
pub use users::{AddedUser, Banned, Removed, Unbanned};

use super::api::{Api, ConnectionInfo};
use super::error::OperatorError;
use crate::broker::address::ApiTarget;
use crate::broker::management::ManagementApi;
use crate::domain::UserName;
use crate::domain::wire::client_connection_name;

/// Carries out operator commands on one virtual host, logged in to the management API as
/// an administrator. Each command checks what it needs before it changes anything.
pub struct Operator {
    api: Api,
}

impl std::fmt::Debug for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operator")
            .field("vhost", &self.api.vhost())
            .finish_non_exhaustive()
    }
}

impl Operator {
    /// An operator for the API at `target` (its virtual host is the one worked on). Does
    /// no I/O; a URL that is not `http://` or `https://` is refused.
    pub fn new(target: &ApiTarget) -> Result<Self, OperatorError> {
        let client = ManagementApi::new(target).map_err(|e| OperatorError::Unreachable {
            url: e.url,
            reason: e.reason,
        })?;
        Ok(Self {
            api: Api::new(client),
        })
    }

    /// The virtual host worked on.
    pub fn vhost(&self) -> &str {
        self.api.vhost()
    }

    /// Closes every connection of `user`'s clients with `reason`; how many there were.
    /// Those logged in as the account are found in the broker's connection tracking, so
    /// one opened a moment ago is among them; those of a client still in open mode (a
    /// shared account, the connection named `chat-tui <user>`) in the statistics.
    async fn close_connections_of(
        &self,
        user: &UserName,
        reason: &str,
    ) -> Result<usize, OperatorError> {
        let vhost = self.api.vhost().to_owned();
        let (tracked, listed) = tokio::try_join!(
            self.api.tracked_connections(user.as_str()),
            self.api.connections()
        )?;
        let ours: Vec<&String> = tracked
            .iter()
            .filter(|(_, v)| *v == vhost)
            .map(|(name, _)| name)
            .collect();
        if !ours.is_empty() && ours.len() == tracked.len() {
            // All of them are in this virtual host: closed in one request, at once.
            self.api
                .close_connections_of_account(user.as_str(), reason)
                .await?;
        } else {
            for name in &ours {
                self.close_patiently(user, name, reason).await?;
            }
        }
        let mut closed = ours.len();
        for connection in listed.iter().filter(|c| belongs_to(c, user)) {
            if !ours.contains(&&connection.name)
                && self
                    .api
                    .close_listed_connection(&connection.name, reason)
                    .await?
            {
                closed += 1;
            }
        }
        Ok(closed)
    }

    /// Closes the tracked connection `name` of `user`, waiting while the statistics do
    /// not list it yet (closing goes by them), for as long as the tracking still does.
    async fn close_patiently(
        &self,
        user: &UserName,
        name: &str,
        reason: &str,
    ) -> Result<(), OperatorError> {
        let deadline = tokio::time::Instant::now() + STATISTICS_WAIT;
        loop {
            if self.api.close_listed_connection(name, reason).await? {
                return Ok(());
            }
            let tracked = self.api.tracked_connections(user.as_str()).await?;
            if !tracked.iter().any(|(n, _)| n == name) {
                return Ok(());
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(OperatorError::Other(format!(
                    "the connection {name} of {user} could not be closed: the broker's statistics do not list it"
                )));
            }
            tokio::time::sleep(STATISTICS_POLL).await;
        }
    }
}

/// How long closing a connection waits for the statistics to list it: a little more
/// than RabbitMQ's default `collect_statistics_interval` of 5 s.
const STATISTICS_WAIT: std::time::Duration = std::time::Duration::from_secs(8);
/// How often it asks meanwhile.
const STATISTICS_POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// Whether connection `c` is one of `user`'s clients: logged in as the account, or
/// calling itself `chat-tui <user>` (a client of the user still in open mode, logged in
/// as a shared account).
fn belongs_to(c: &ConnectionInfo, user: &UserName) -> bool {
    c.user == user.as_str() || c.client_name == client_connection_name(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_connections_are_its_logins_and_its_clients_by_name() {
        let bob = UserName::parse("bob").expect("valid");
        let connection = |user: &str, client: &str| ConnectionInfo {
            name: "c".into(),
            user: user.into(),
            client_name: client.into(),
        };
        assert!(belongs_to(&connection("bob", ""), &bob));
        assert!(belongs_to(&connection("guest", "chat-tui bob"), &bob));
        assert!(!belongs_to(&connection("bob2", "chat-tui bob2"), &bob));
        assert!(!belongs_to(&connection("guest", "chat-tui bobby"), &bob));
    }
}
