//! The RabbitMQ management HTTP API: one client, [`ManagementApi`], for both modes —
//! user mode's `/topics` and the admin console (which words its failures its own way,
//! see `broker::console`). Failures are classified once, in [`api_error`].

pub(crate) mod api_error;

use std::time::Duration;

use rabbitmq_http_client::api::{Client, ClientBuilder, HttpClientError};

use self::api_error::{ApiFailure, classify, classify_reqwest, classify_status};
use super::address::{ApiTarget, redact_url};
use super::error::BrokerError;
use crate::domain::TopicName;
use crate::domain::wire::topics_among;

/// How long connecting to the API may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a client could not be built (nothing was sent).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct EndpointError {
    /// The API base URL (password hidden).
    pub url: String,
    /// What is wrong with it.
    pub reason: String,
}

impl From<EndpointError> for BrokerError {
    fn from(error: EndpointError) -> Self {
        BrokerError::Management {
            url: error.url,
            reason: error.reason,
        }
    }
}

/// A client of the management API, logged in as one user, scoped to one virtual host:
/// the typed `rabbitmq_http_client` for what it covers, and raw requests on the same
/// HTTP client (same timeouts) for the rest.
pub struct ManagementApi {
    api: Client<String, String, String>,
    raw: reqwest::Client,
    target: ApiTarget,
}

impl std::fmt::Debug for ManagementApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManagementApi")
            .field("url", &redact_url(&self.target.url))
            .field("vhost", &self.target.vhost)
            .finish_non_exhaustive()
    }
}

impl ManagementApi {
    /// A client for the API at `target` (its base URL without `/api`; a trailing `/`
    /// is ignored). Does no I/O; a URL that is not `http://` or `https://` is refused.
    /// Requests give up after a few seconds.
    pub fn new(target: &ApiTarget) -> Result<Self, EndpointError> {
        let url = target.url.trim_end_matches('/').to_owned();
        let invalid = |reason: String| EndpointError {
            url: redact_url(&url),
            reason,
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid(
                "the API URL must start with http:// or https://".into(),
            ));
        }
        let raw = target
            .tls
            .http(reqwest::Client::builder())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .build()
            .map_err(|e| invalid(format!("cannot build an HTTP client: {e}")))?;
        let api = ClientBuilder::new()
            .with_endpoint(format!("{url}/api"))
            .with_basic_auth_credentials(target.user.clone(), target.password.clone())
            .with_client(raw.clone())
            .build()
            .map_err(|e| invalid(e.to_string()))?;
        Ok(Self {
            api,
            raw,
            target: ApiTarget {
                url,
                ..target.clone()
            },
        })
    }

    /// The API base URL this client talks to.
    pub fn url(&self) -> &str {
        &self.target.url
    }

    /// The user it logs in as.
    pub fn user(&self) -> &str {
        &self.target.user
    }

    /// The virtual host it works in.
    pub fn vhost(&self) -> &str {
        &self.target.vhost
    }

    /// The typed API client.
    pub(crate) fn api(&self) -> &Client<String, String, String> {
        &self.api
    }

    /// GETs `/api/<path>` (segments already encoded) and reads its JSON answer.
    pub(crate) async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<T, ApiFailure> {
        let response = self
            .raw
            .get(format!("{}/api/{path}", self.target.url))
            .basic_auth(&self.target.user, Some(&self.target.password))
            .send()
            .await
            .map_err(|e| classify_reqwest(&e))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(classify_status(status.as_u16(), &body));
        }
        response.json().await.map_err(|e| classify_reqwest(&e))
    }

    /// Sends a `PUT`, `POST` or `DELETE` to `/api/<path>` (segments already encoded),
    /// with `body` as JSON when given; any success status is success.
    pub(crate) async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(), ApiFailure> {
        let mut request = self
            .raw
            .request(method, format!("{}/api/{path}", self.target.url))
            .basic_auth(&self.target.user, Some(&self.target.password));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.map_err(|e| classify_reqwest(&e))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(classify_status(status.as_u16(), &body));
        }
        Ok(())
    }

    /// Every topic in the virtual host (exchanges named `chat.topic.<valid name>`),
    /// sorted. Failures are worded for user mode.
    pub async fn list_topics(&self) -> Result<Vec<TopicName>, BrokerError> {
        if self.target.exposes_password() {
            return Err(BrokerError::Management {
                url: self.target.url.clone(),
                reason: format!(
                    "not sending {}'s password over plain HTTP to another machine: set an https:// management API (--api-url), or join a topic you know with /join #name",
                    self.target.user
                ),
            });
        }
        let exchanges = self
            .api
            .list_exchanges_in(&self.target.vhost)
            .await
            .map_err(|e| self.error(e))?;
        Ok(topics_among(exchanges.iter().map(|e| e.name.as_str())))
    }

    /// Words a failed request for user mode.
    fn error(&self, error: HttpClientError) -> BrokerError {
        let reason = match classify(&error) {
            ApiFailure::Unreachable(reason) | ApiFailure::Other(reason) => reason,
            ApiFailure::Refused(status) => {
                format!("the user name or password was refused ({status})")
            }
            ApiFailure::NotFound => format!("not found (404): {}", error.user_message()),
        };
        BrokerError::Management {
            url: self.target.url.clone(),
            reason,
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
