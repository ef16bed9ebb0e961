//! The RabbitMQ management HTTP API, as user mode needs it (`/topics`).

use std::time::Duration;

use rabbitmq_http_client::api::{Client, ClientBuilder, HttpClientError};

use super::api_error::{ApiFailure, classify};
use super::error::BrokerError;
use crate::domain::TopicName;
use crate::domain::wire::topics_among;

/// Where the management API is and whom to log in as; derived from the AMQP URL by
/// [`api_url_for`] or given explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Derives the management API target from an AMQP URL: same host, port 15672 (15671 for
/// `amqps`), the URL's credentials (default guest/guest) and virtual host (default `/`).
pub fn api_url_for(amqp_url: &str) -> Result<ApiTarget, BrokerError> {
    let invalid = |reason: &str| BrokerError::Management {
        url: amqp_url.to_owned(),
        reason: format!("cannot derive the management URL: {reason}"),
    };
    let (scheme, rest) = amqp_url
        .split_once("://")
        .ok_or_else(|| invalid("not a URL"))?;
    let (http, port) = match scheme.to_ascii_lowercase().as_str() {
        "amqp" => ("http", 15672),
        "amqps" => ("https", 15671),
        _ => return Err(invalid("the scheme must be amqp or amqps")),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let (user, password) = match userinfo {
        Some(info) => {
            let (user, password) = info.split_once(':').unwrap_or((info, ""));
            (
                percent_decode(user).ok_or_else(|| invalid("bad user name escape"))?,
                percent_decode(password).ok_or_else(|| invalid("bad password escape"))?,
            )
        }
        None => ("guest".to_owned(), "guest".to_owned()),
    };
    let host = if host_port.starts_with('[') {
        let end = host_port
            .find(']')
            .ok_or_else(|| invalid("unclosed [ in the host"))?;
        &host_port[..=end]
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let host = if host.is_empty() { "localhost" } else { host };
    let path = tail
        .strip_prefix('/')
        .map(|p| p.split(['?', '#']).next().unwrap_or_default())
        .unwrap_or_default();
    let vhost = if path.is_empty() {
        "/".to_owned()
    } else {
        percent_decode(path).ok_or_else(|| invalid("bad virtual host escape"))?
    };
    Ok(ApiTarget {
        url: format!("{http}://{host}:{port}"),
        user,
        password,
        vhost,
    })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A small client of the management API, scoped to one virtual host.
pub struct ManagementApi {
    client: Client<String, String, String>,
    url: String,
    vhost: String,
}

impl std::fmt::Debug for ManagementApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManagementApi")
            .field("url", &self.url)
            .field("vhost", &self.vhost)
            .finish_non_exhaustive()
    }
}

impl ManagementApi {
    /// A client for the API at `api_url` (base URL without `/api`), logging in as
    /// `user`, working in `vhost`. Requests give up after a few seconds.
    pub fn new(
        api_url: &str,
        user: &str,
        password: &str,
        vhost: &str,
    ) -> Result<Self, BrokerError> {
        let base = api_url.trim_end_matches('/').to_owned();
        let client = ClientBuilder::new()
            .with_endpoint(format!("{base}/api"))
            .with_basic_auth_credentials(user.to_owned(), password.to_owned())
            .with_connect_timeout(Duration::from_secs(3))
            .with_request_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| BrokerError::Management {
                url: base.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            client,
            url: base,
            vhost: vhost.to_owned(),
        })
    }

    /// A client for the API that goes with `amqp_url` (see [`api_url_for`]).
    pub fn for_amqp_url(amqp_url: &str) -> Result<Self, BrokerError> {
        let target = api_url_for(amqp_url)?;
        Self::new(&target.url, &target.user, &target.password, &target.vhost)
    }

    /// The API base URL this client talks to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every topic in the virtual host (exchanges named `chat.topic.<valid name>`), sorted.
    pub async fn list_topics(&self) -> Result<Vec<TopicName>, BrokerError> {
        let exchanges = self
            .client
            .list_exchanges_in(&self.vhost)
            .await
            .map_err(|e| self.error(e))?;
        Ok(topics_among(exchanges.iter().map(|e| e.name.as_str())))
    }

    fn error(&self, error: HttpClientError) -> BrokerError {
        let reason = match classify(&error) {
            ApiFailure::Unreachable(reason) | ApiFailure::Other(reason) => reason,
            ApiFailure::Refused(status) => {
                format!("the user name or password was refused ({status})")
            }
            ApiFailure::NotFound => format!("not found (404): {}", error.user_message()),
        };
        BrokerError::Management {
            url: self.url.clone(),
            reason,
        }
    }
}

#[cfg(test)]
#[path = "management_tests.rs"]
mod tests;
