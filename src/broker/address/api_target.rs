//! Where the management API is and whom to log in as.

use super::redact::redact_url;

/// The management API a client talks to: derived from the AMQP URL by
/// [`super::BrokerAddress::api_target`], or given in the settings. Its `Debug` hides
/// the password.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiTarget {
    /// Base URL without `/api`, e.g. `http://127.0.0.1:15672`.
    pub url: String,
    /// User name for HTTP basic auth.
    pub user: String,
    /// Password for HTTP basic auth.
    pub password: String,
    /// The virtual host chat-tui lives in (decoded, e.g. `/`).
    pub vhost: String,
}

impl std::fmt::Debug for ApiTarget {
    /// Everything but the password (also one written into the URL).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiTarget")
            .field("url", &redact_url(&self.url))
            .field("user", &self.user)
            .field("vhost", &self.vhost)
            .finish_non_exhaustive()
    }
}
