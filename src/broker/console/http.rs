//! The management HTTP API as the console uses it: the shared [`ManagementApi`] client,
//! its failures worded as [`ConsoleError`]s, and the listings only the console reads
//! (queues with rates by column selection, consumers, connections), read leniently.

use rabbitmq_http_client::api::{Client, HttpClientError};
use serde::Deserialize;

use super::ConsoleError;
use crate::broker::accounts::{Operator, OperatorError};
use crate::broker::address::{ApiTarget, encode_segment};
use crate::broker::management::ManagementApi;
use crate::broker::management::api_error::{ApiFailure, classify};
use crate::domain::console::{ConnectionRow, QueueRow, Target};

/// The columns the queue listing asks for: enough for the Queues and Users panes, cheap
/// even with 10,000 queues.
const QUEUE_COLUMNS: &str = "name,durable,auto_delete,exclusive,messages_ready,messages_unacknowledged,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

/// The console's view of the management API.
pub(crate) struct Http {
    client: ManagementApi,
    operator: Operator,
}

impl Http {
    /// Builds the client (no I/O).
    pub(crate) fn new(target: &ApiTarget) -> Result<Self, ConsoleError> {
        let client = ManagementApi::new(target).map_err(|e| ConsoleError::Unreachable {
            url: e.url,
            reason: e.reason,
        })?;
        let operator = Operator::new(target).map_err(|e| ConsoleError::Broker(e.to_string()))?;
        Ok(Self { client, operator })
    }

    /// The operator commands on the same API (chat accounts).
    pub(crate) fn operator(&self) -> &Operator {
        &self.operator
    }

    /// Words an operator command's failure; `target` is what a "not found" or "already
    /// exists" is about.
    pub(crate) fn operator_error(&self, error: OperatorError, target: &Target) -> ConsoleError {
        match error {
            OperatorError::Unreachable { url, reason } => ConsoleError::Unreachable { url, reason },
            OperatorError::Refused { url, user, status } => {
                ConsoleError::Refused { url, user, status }
            }
            OperatorError::NotFound(_) => ConsoleError::NotFound(target.clone()),
            OperatorError::AlreadyExists(_) => ConsoleError::AlreadyExists(target.clone()),
            other => ConsoleError::Broker(other.to_string()),
        }
    }

    /// The typed API client.
    pub(crate) fn api(&self) -> &Client<String, String, String> {
        self.client.api()
    }

    /// The virtual host.
    pub(crate) fn vhost(&self) -> &str {
        self.client.vhost()
    }

    /// The base URL.
    pub(crate) fn url(&self) -> &str {
        self.client.url()
    }

    /// Words an API error; a 404 becomes [`ConsoleError::NotFound`] of `target` when one
    /// is given.
    pub(crate) fn error(&self, error: &HttpClientError, target: Option<&Target>) -> ConsoleError {
        self.failure(classify(error), target)
    }

    /// Words a classified failure (see [`Http::error`]).
    pub(crate) fn failure(&self, failure: ApiFailure, target: Option<&Target>) -> ConsoleError {
        match failure {
            ApiFailure::Unreachable(reason) => ConsoleError::Unreachable {
                url: self.url().to_owned(),
                reason,
            },
            ApiFailure::Refused(status) => ConsoleError::Refused {
                url: self.url().to_owned(),
                user: self.client.user().to_owned(),
                status,
            },
            ApiFailure::NotFound => match target {
                Some(target) => ConsoleError::NotFound(target.clone()),
                None => ConsoleError::Broker(format!(
                    "the management API at {} answered 404 (is the virtual host {:?} there?)",
                    self.url(),
                    self.vhost()
                )),
            },
            ApiFailure::Other(message) => ConsoleError::Broker(message),
        }
    }

    /// Every queue of the vhost with counts and rates from the broker's statistics, in
    /// the broker's order. One request, with only the columns the console shows.
    pub(crate) async fn list_queues(&self) -> Result<Vec<QueueRow>, ConsoleError> {
        let path = format!(
            "queues/{}?columns={QUEUE_COLUMNS}",
            encode_segment(self.vhost())
        );
        let queues: Vec<RawQueue> = self.get_json(&path).await?;
        Ok(queues.into_iter().map(RawQueue::into_row).collect())
    }

    /// Every consumer of the vhost as `(queue, connection name)`. A raw request: the
    /// typed client expects fields RabbitMQ 3.10 does not send (`consumer_timeout`).
    pub(crate) async fn list_consumers(&self) -> Result<Vec<(String, String)>, ConsoleError> {
        let path = format!("consumers/{}", encode_segment(self.vhost()));
        let consumers: Vec<serde_json::Value> = self.get_json(&path).await?;
        Ok(consumers
            .iter()
            .filter_map(|c| {
                let queue = c.pointer("/queue/name")?.as_str()?;
                let connection = c.pointer("/channel_details/connection_name")?.as_str()?;
                Some((queue.to_owned(), connection.to_owned()))
            })
            .collect())
    }

    /// Every client connection of the vhost. Read leniently: a connection the broker
    /// has not collected statistics for yet lacks fields the typed client requires.
    pub(crate) async fn list_connections(&self) -> Result<Vec<ConnectionRow>, ConsoleError> {
        let path = format!("vhosts/{}/connections", encode_segment(self.vhost()));
        let connections: Vec<serde_json::Value> = self.get_json(&path).await?;
        Ok(connections.iter().filter_map(connection_row).collect())
    }

    /// GETs `/api/<path>` (segments already encoded), failures worded for the console.
    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
    ) -> Result<T, ConsoleError> {
        self.client
            .get_json(path)
            .await
            .map_err(|failure| self.failure(failure, None))
    }
}

/// One queue as the column-selected listing returns it. Counts are absent until the
/// broker collected statistics for a new queue.
#[derive(Debug, Deserialize)]
pub(crate) struct RawQueue {
    name: String,
    #[serde(default)]
    durable: bool,
    #[serde(default)]
    auto_delete: bool,
    #[serde(default)]
    exclusive: bool,
    #[serde(default)]
    messages_ready: Option<u64>,
    #[serde(default)]
    messages_unacknowledged: Option<u64>,
    #[serde(default)]
    consumers: Option<u32>,
    #[serde(default)]
    message_stats: Option<RawStats>,
}

#[derive(Debug, Default, Deserialize)]
struct RawStats {
    #[serde(default)]
    publish_details: Option<RawRate>,
    #[serde(default)]
    deliver_get_details: Option<RawRate>,
}

#[derive(Debug, Default, Deserialize)]
struct RawRate {
    #[serde(default)]
    rate: Option<f64>,
}

impl RawQueue {
    /// The row the Queues pane shows (not live yet).
    pub(crate) fn into_row(self) -> QueueRow {
        let stats = self.message_stats.unwrap_or_default();
        let rate = |r: Option<RawRate>| r.and_then(|r| r.rate).unwrap_or(0.0);
        QueueRow {
            name: self.name,
            ready: self.messages_ready.unwrap_or(0),
            unacked: self.messages_unacknowledged.unwrap_or(0),
            consumers: self.consumers.unwrap_or(0),
            publish_rate: rate(stats.publish_details),
            deliver_rate: rate(stats.deliver_get_details),
            durable: self.durable,
            auto_delete: self.auto_delete,
            exclusive: self.exclusive,
            live: false,
        }
    }
}

/// A connection row from the API's JSON; `None` without a name.
pub(crate) fn connection_row(json: &serde_json::Value) -> Option<ConnectionRow> {
    let text = |pointer: &str| {
        json.pointer(pointer)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let name = json.get("name")?.as_str()?.to_owned();
    let mut client = text("/client_properties/connection_name");
    if client.is_empty() {
        client = text("/client_properties/product");
    }
    Some(ConnectionRow {
        name,
        user: text("/user"),
        client,
        channels: json
            .get("channels")
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0),
        state: text("/state"),
    })
}
