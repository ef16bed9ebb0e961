//! Where the broker is. The AMQP URL is parsed once, with the `url` crate, into a
//! [`BrokerAddress`] that gives what the rest of chat-tui needs from it: the text handed
//! to lapin, the `host:port` label of the status bar, a form safe to show and log
//! ([`redact_url`]) and the management API that goes with it ([`ApiTarget`]).
//!
//! `amqp` and `amqps` are not special schemes to the URL standard (`http` is): their
//! host is kept as written (no lowercasing, no IPv4 normalisation; IPv6 in brackets),
//! they have no default port, and an absent path stays empty. lapin parses the URL with
//! the same crate (`lapin::uri::AMQPUri`), so what it refuses is refused here too.

mod api_target;
mod escape;
mod login;
mod redact;

pub use api_target::ApiTarget;
pub(crate) use escape::encode_segment;
pub use login::{UrlLogin, url_login, with_login};
pub use redact::redact_url;

use url::Url;

use super::tls::TlsTrust;

/// The AMQP port of an address derived from the management API's settings.
const AMQP_PORT: u16 = 5672;

/// The management API's scheme and port for `amqp` URLs.
const API_FOR_AMQP: (&str, u16) = ("http", 15672);
/// The management API's scheme and port for `amqps` URLs.
const API_FOR_AMQPS: (&str, u16) = ("https", 15671);

/// A broker's AMQP URL, parsed and checked, with what follows from it. Its `Debug` hides
/// the password.
#[derive(Clone, PartialEq, Eq)]
pub struct BrokerAddress {
    text: String,
    label: String,
    api: ApiTarget,
}

/// Why a URL is no usable broker address. The URLs it holds are redacted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// The URL parser refused the AMQP URL (a bad port, a character not allowed in a
    /// host, ...): lapin refuses it the same way when connecting.
    #[error("cannot derive the management URL: {reason}")]
    Malformed {
        /// The URL (password hidden).
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// A URL, but not an AMQP one the management API can be derived from: no `://`, a
    /// scheme other than `amqp`/`amqps`, a bad escape in the user name, password or
    /// virtual host.
    #[error("cannot derive the management URL: {reason}")]
    Underivable {
        /// The URL (password hidden).
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A management API URL that is not `http(s)://host[:port]`.
    #[error("invalid management API URL {url:?}: use http(s)://host:port")]
    NotAnApiUrl {
        /// The URL (password hidden).
        url: String,
    },
}

impl AddressError {
    /// The URL that was refused, password hidden.
    pub fn url(&self) -> &str {
        match self {
            AddressError::Malformed { url, .. }
            | AddressError::Underivable { url, .. }
            | AddressError::NotAnApiUrl { url } => url,
        }
    }
}

impl BrokerAddress {
    /// Parses an AMQP URL: `amqp(s)://[user[:password]@]host[:port][/vhost][?query]`.
    /// Without credentials the management API is logged into as guest/guest (a user
    /// without a password has an empty one); without a virtual host it is `/`.
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        let underivable = |reason: &str| AddressError::Underivable {
            url: redact_url(text),
            reason: reason.to_owned(),
        };
        let url = match Url::parse(text) {
            Ok(url) => url,
            Err(url::ParseError::RelativeUrlWithoutBase) => return Err(underivable("not a URL")),
            Err(url::ParseError::InvalidIpv6Address) => {
                return Err(underivable("bad IPv6 address in the host"));
            }
            Err(error) => {
                return Err(AddressError::Malformed {
                    url: redact_url(text),
                    reason: error.to_string(),
                });
            }
        };
        if !url.has_authority() {
            return Err(underivable("not a URL"));
        }
        let (http, port) = match url.scheme() {
            "amqp" => API_FOR_AMQP,
            "amqps" => API_FOR_AMQPS,
            _ => return Err(underivable("the scheme must be amqp or amqps")),
        };
        let (user, password) = if url.username().is_empty() && url.password().is_none() {
            ("guest".to_owned(), "guest".to_owned())
        } else {
            (
                escape::decode(url.username())
                    .ok_or_else(|| underivable("bad user name escape"))?,
                escape::decode(url.password().unwrap_or_default())
                    .ok_or_else(|| underivable("bad password escape"))?,
            )
        };
        let path = url.path();
        let vhost = match path.strip_prefix('/').unwrap_or(path) {
            "" => "/".to_owned(),
            vhost => escape::decode(vhost).ok_or_else(|| underivable("bad virtual host escape"))?,
        };
        let host = url.host_str().unwrap_or_default();
        let label = match url.port() {
            Some(amqp_port) => format!("{host}:{amqp_port}"),
            None => host.to_owned(),
        };
        let api_host = if host.is_empty() { "localhost" } else { host };
        Ok(Self {
            text: text.to_owned(),
            label,
            api: ApiTarget {
                url: format!("{http}://{api_host}:{port}"),
                user,
                password,
                vhost,
                tls: TlsTrust::system(),
            },
        })
    }

    /// This address trusting `tls`'s authorities, for `amqps://` and its management
    /// API's `https://` (an address parsed from a URL trusts the system's).
    pub fn with_tls(mut self, tls: TlsTrust) -> Self {
        self.api.tls = tls;
        self
    }

    /// The authorities this address trusts for TLS.
    pub fn tls(&self) -> &TlsTrust {
        &self.api.tls
    }

    /// The AMQP address beside a management API: the API URL's host, port
    /// 5672, the API's user, password, virtual host (percent-encoded) and TLS trust.
    /// Refuses an API URL that is not `http(s)://host[:port]`.
    pub fn beside(api: &ApiTarget) -> Result<Self, AddressError> {
        let host = api_host(&api.url)?;
        Self::parse(&format!(
            "amqp://{}:{}@{host}:{AMQP_PORT}/{}",
            encode_segment(&api.user),
            encode_segment(&api.password),
            encode_segment(&api.vhost)
        ))
        .map(|address| address.with_tls(api.tls.clone()))
    }

    /// The URL as given: what lapin connects to.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `host:port` (just the host when the URL has no port), for the status bar.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The URL with its password replaced by `***`, safe to show and log.
    pub fn redacted(&self) -> String {
        redact_url(&self.text)
    }

    /// The management API that goes with this broker: same host, port 15672 (15671 for
    /// `amqps`, over https), the URL's credentials and virtual host.
    pub fn api_target(&self) -> &ApiTarget {
        &self.api
    }
}

impl std::fmt::Debug for BrokerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BrokerAddress")
            .field(&self.redacted())
            .finish()
    }
}

/// The host of an `http(s)://host[:port][/…]` URL, IPv6 in brackets.
fn api_host(api_url: &str) -> Result<String, AddressError> {
    let invalid = || AddressError::NotAnApiUrl {
        url: redact_url(api_url),
    };
    let url = Url::parse(api_url).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid());
    }
    match url.host_str() {
        Some(host) if !host.is_empty() => Ok(host.to_owned()),
        _ => Err(invalid()),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
