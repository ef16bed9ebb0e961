//! Where the management API is and whom to log in as.

use super::redact::redact_url;
use crate::broker::tls::TlsTrust;

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
    /// The authorities trusted for `https://` (the system's unless `--ca-file`).
    pub tls: TlsTrust,
}

impl ApiTarget {
    /// Whether asking this API would send a real password where others could read it:
    /// plain HTTP to a host other than this machine, with an account other than the
    /// shared `guest` (whose password everyone knows).
    pub fn exposes_password(&self) -> bool {
        let Ok(url) = url::Url::parse(&self.url) else {
            return false;
        };
        let local = match url.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => true,
        };
        url.scheme() == "http" && !local && self.user != crate::domain::wire::GUEST_LOGIN
    }
}

impl std::fmt::Debug for ApiTarget {
    /// Everything but the password (also one written into the URL).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiTarget")
            .field("url", &redact_url(&self.url))
            .field("user", &self.user)
            .field("vhost", &self.vhost)
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}
