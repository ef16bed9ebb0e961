//! The RabbitMQ management HTTP API, as user mode needs it (`/topics`).

use std::time::Duration;

use rabbitmq_http_client::api::{Client, ClientBuilder, HttpClientError};

use super::address::ApiTarget;
use super::api_error::{ApiFailure, classify};
use super::error::BrokerError;
use crate::domain::TopicName;
use crate::domain::wire::topics_among;

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
    /// A client for the API at `target`. Requests give up after a few seconds.
    pub fn new(target: &ApiTarget) -> Result<Self, BrokerError> {
        let base = target.url.trim_end_matches('/').to_owned();
        let client = ClientBuilder::new()
            .with_endpoint(format!("{base}/api"))
            .with_basic_auth_credentials(target.user.clone(), target.password.clone())
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
            vhost: target.vhost.clone(),
        })
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
