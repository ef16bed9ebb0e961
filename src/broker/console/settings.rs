//! Where the admin console finds the broker.

/// Everything [`super::BrokerConsole`] needs to reach the broker. Construction does no I/O.
#[derive(Clone, PartialEq, Eq)]
pub struct ConsoleSettings {
    /// Management API base URL without `/api`, e.g. `http://127.0.0.1:15672`.
    pub api_url: String,
    /// User name for the management API (HTTP basic auth).
    pub api_user: String,
    /// Password for the management API.
    pub api_password: String,
    /// The virtual host the console works in (decoded, e.g. `/`).
    pub vhost: String,
    /// AMQP URL used for exact counts, user topology and announcements.
    pub amqp_url: String,
}

impl std::fmt::Debug for ConsoleSettings {
    /// Everything but the password (and the AMQP URL's password).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsoleSettings")
            .field("api_url", &self.api_url)
            .field("api_user", &self.api_user)
            .field("vhost", &self.vhost)
            .field("amqp_url", &crate::broker::redact_url(&self.amqp_url))
            .finish_non_exhaustive()
    }
}

/// Percent-encodes one path segment (a vhost or object name) for a raw API URL: every
/// byte but ASCII letters, digits and `-._~` becomes `%XX`, so `/` is `%2F`.
pub(crate) fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
