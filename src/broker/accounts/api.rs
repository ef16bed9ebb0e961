//! The management API requests the operator commands make, over the shared
//! [`ManagementApi`]: reads as raw JSON read leniently (RabbitMQ versions differ in the
//! fields they send; the typed client is strict), writes typed where the typed client
//! has them, failures worded as [`OperatorError`]s.

use reqwest::Method;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::error::OperatorError;
use super::password::{HASHING_ALGORITHM, password_hash};
use super::permissions::UserPermissions;
use crate::broker::address::encode_segment;
use crate::broker::management::ManagementApi;
use crate::broker::management::api_error::{ApiFailure, classify};

/// One RabbitMQ account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Account {
    /// Its name.
    pub name: String,
    /// Its tags (`management`, `administrator`, …).
    pub tags: Vec<String>,
}

impl Account {
    /// Whether it is tagged `administrator`.
    pub fn is_administrator(&self) -> bool {
        self.tags.iter().any(|t| t == "administrator")
    }
}

#[derive(Debug, Deserialize)]
struct RawAccount {
    name: String,
    #[serde(default)]
    tags: Value,
}

impl RawAccount {
    /// Tags come as a list (RabbitMQ 3.9 and later) or a comma-separated string.
    fn into_account(self) -> Account {
        let tags = match self.tags {
            Value::Array(tags) => tags
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Value::String(tags) => tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        Account {
            name: self.name,
            tags,
        }
    }
}

/// One queue: its name and the messages in it (the broker's last statistics; absent
/// until it collected them for a new queue).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct QueueInfo {
    /// Its name.
    pub name: String,
    /// Ready and unacknowledged messages.
    #[serde(default)]
    pub messages: Option<u64>,
}

/// One exchange: its name and type.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ExchangeInfo {
    /// Its name (empty for the default exchange).
    pub name: String,
    /// `direct`, `fanout`, `topic`, `headers`, …
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// One binding.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct BindingInfo {
    /// The exchange it routes from.
    pub source: String,
    /// The queue or exchange it routes to.
    pub destination: String,
    /// `queue` or `exchange`.
    #[serde(default)]
    pub destination_type: String,
    /// The key it matches.
    #[serde(default)]
    pub routing_key: String,
}

/// One user's permissions on the virtual host.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PermissionInfo {
    /// Whose.
    pub user: String,
}

/// A policy as the API returns it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PolicyInfo {
    /// The queue or exchange names it applies to.
    #[serde(default)]
    pub pattern: String,
    /// `queues`, `exchanges` or `all`.
    #[serde(rename = "apply-to", default)]
    pub apply_to: String,
    /// Its priority.
    #[serde(default)]
    pub priority: i64,
    /// Its keys and values.
    #[serde(default)]
    pub definition: serde_json::Map<String, Value>,
}

/// One client connection: its name (for closing it), account and own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConnectionInfo {
    /// The broker's name of it.
    pub name: String,
    /// The account it logged in as.
    pub user: String,
    /// The name the client gave it (`chat-tui bob`), or empty.
    pub client_name: String,
}

/// The operator commands' view of the management API, for one virtual host.
pub(crate) struct Api {
    client: ManagementApi,
    vhost: String,
}

impl Api {
    /// Wraps `client`; its virtual host is the one worked on.
    pub fn new(client: ManagementApi) -> Self {
        let vhost = encode_segment(client.vhost());
        Self { client, vhost }
    }

    /// The virtual host (as given, not encoded).
    pub fn vhost(&self) -> &str {
        self.client.vhost()
    }

    /// The account these commands log in as.
    pub fn operator(&self) -> &str {
        self.client.user()
    }

    fn failed(&self, failure: ApiFailure, what: &str) -> OperatorError {
        OperatorError::from_api(failure, self.client.url(), self.client.user(), what)
    }

    fn vhost_missing(&self) -> String {
        format!("virtual host {:?}", self.client.vhost())
    }

    /// GETs one object: `None` when it is not there.
    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, OperatorError> {
        match self.client.get_json(path).await {
            Ok(found) => Ok(Some(found)),
            Err(ApiFailure::NotFound) => Ok(None),
            Err(failure) => Err(self.failed(failure, path)),
        }
    }

    /// GETs a listing of the virtual host (a 404 means the virtual host is missing).
    async fn list<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>, OperatorError> {
        self.client
            .get_json(path)
            .await
            .map_err(|failure| self.failed(failure, &self.vhost_missing()))
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(), OperatorError> {
        self.client
            .send_json(method, path, body)
            .await
            .map_err(|failure| self.failed(failure, &self.vhost_missing()))
    }

    /// Words an error of the typed client.
    fn typed(&self, error: &rabbitmq_http_client::api::HttpClientError) -> OperatorError {
        self.failed(classify(error), &self.vhost_missing())
    }

    /// Checks that the API answers, accepts the operator and has the virtual host.
    pub async fn check_vhost(&self) -> Result<(), OperatorError> {
        let path = format!("vhosts/{}", self.vhost);
        match self.get::<Value>(&path).await? {
            Some(_) => Ok(()),
            None => Err(OperatorError::Other(format!(
                "the broker has no {}",
                self.vhost_missing()
            ))),
        }
    }

    /// The account `name`, if there is one.
    pub async fn account(&self, name: &str) -> Result<Option<Account>, OperatorError> {
        let found: Option<RawAccount> =
            self.get(&format!("users/{}", encode_segment(name))).await?;
        Ok(found.map(RawAccount::into_account))
    }

    /// Every account of the broker.
    pub async fn accounts(&self) -> Result<Vec<Account>, OperatorError> {
        let raw: Vec<RawAccount> = self.list("users").await?;
        Ok(raw.into_iter().map(RawAccount::into_account).collect())
    }

    /// Creates or updates the account `name` with `password` (only its salted hash is
    /// sent) and `tags`.
    pub async fn put_account(
        &self,
        name: &str,
        password: &str,
        tags: &[String],
    ) -> Result<(), OperatorError> {
        let body = json!({
            "password_hash": password_hash(password),
            "hashing_algorithm": HASHING_ALGORITHM,
            "tags": tags.join(","),
        });
        self.send(
            Method::PUT,
            &format!("users/{}", encode_segment(name)),
            Some(&body),
        )
        .await
    }

    /// Deletes the account `name`.
    pub async fn delete_account(&self, name: &str) -> Result<(), OperatorError> {
        self.client
            .api()
            .delete_user(name, false)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// Whether `name` has permissions on the virtual host.
    pub async fn has_permissions(&self, name: &str) -> Result<bool, OperatorError> {
        let path = format!("permissions/{}/{}", self.vhost, encode_segment(name));
        Ok(self.get::<Value>(&path).await?.is_some())
    }

    /// The users with permissions on the virtual host.
    pub async fn permitted_users(&self) -> Result<Vec<String>, OperatorError> {
        let listed: Vec<PermissionInfo> = self
            .list(&format!("vhosts/{}/permissions", self.vhost))
            .await?;
        Ok(listed.into_iter().map(|p| p.user).collect())
    }

    /// Sets `name`'s permissions on the virtual host.
    pub async fn grant(
        &self,
        name: &str,
        permissions: &UserPermissions,
    ) -> Result<(), OperatorError> {
        let params = rabbitmq_http_client::requests::Permissions {
            user: name,
            vhost: self.client.vhost(),
            configure: &permissions.configure,
            write: &permissions.write,
            read: &permissions.read,
        };
        self.client
            .api()
            .declare_permissions(&params)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// Clears `name`'s permissions on the virtual host (none is not an error).
    pub async fn revoke(&self, name: &str) -> Result<(), OperatorError> {
        self.client
            .api()
            .clear_permissions(self.client.vhost(), name, true)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// The queue `name`, if it is there.
    pub async fn queue(&self, name: &str) -> Result<Option<QueueInfo>, OperatorError> {
        self.get(&format!("queues/{}/{}", self.vhost, encode_segment(name)))
            .await
    }

    /// Every queue of the virtual host, with its messages.
    pub async fn queues(&self) -> Result<Vec<QueueInfo>, OperatorError> {
        self.list(&format!("queues/{}?columns=name,messages", self.vhost))
            .await
    }

    /// Declares a classic, durable queue without arguments (its limits come from a
    /// policy); declaring one that exists alike changes nothing.
    pub async fn declare_durable_queue(&self, name: &str) -> Result<(), OperatorError> {
        let body = json!({"durable": true, "auto_delete": false, "arguments": {}});
        self.send(
            Method::PUT,
            &format!("queues/{}/{}", self.vhost, encode_segment(name)),
            Some(&body),
        )
        .await
    }

    /// Deletes the queue `name` with its messages.
    pub async fn delete_queue(&self, name: &str) -> Result<(), OperatorError> {
        self.client
            .api()
            .delete_queue(self.client.vhost(), name, false)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// The exchange `name`, if it is there.
    pub async fn exchange(&self, name: &str) -> Result<Option<ExchangeInfo>, OperatorError> {
        self.get(&format!(
            "exchanges/{}/{}",
            self.vhost,
            encode_segment(name)
        ))
        .await
    }

    /// Every exchange of the virtual host.
    pub async fn exchanges(&self) -> Result<Vec<ExchangeInfo>, OperatorError> {
        self.list(&format!("exchanges/{}?columns=name,type", self.vhost))
            .await
    }

    /// Declares a durable exchange of `kind` (`direct`, `fanout`).
    pub async fn declare_exchange(&self, name: &str, kind: &str) -> Result<(), OperatorError> {
        let body = json!({"type": kind, "durable": true, "auto_delete": false, "internal": false, "arguments": {}});
        self.send(
            Method::PUT,
            &format!("exchanges/{}/{}", self.vhost, encode_segment(name)),
            Some(&body),
        )
        .await
    }

    /// Deletes the exchange `name` (and its bindings).
    pub async fn delete_exchange(&self, name: &str) -> Result<(), OperatorError> {
        self.client
            .api()
            .delete_exchange(self.client.vhost(), name, false)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// Every binding of the virtual host.
    pub async fn bindings(&self) -> Result<Vec<BindingInfo>, OperatorError> {
        self.list(&format!("bindings/{}", self.vhost)).await
    }

    /// Binds queue `queue` to `exchange` with `key` (binding twice changes nothing).
    pub async fn bind(&self, exchange: &str, queue: &str, key: &str) -> Result<(), OperatorError> {
        self.client
            .api()
            .bind_queue(self.client.vhost(), queue, exchange, Some(key), None)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// The policy `name` of the virtual host, if there is one.
    pub async fn policy(&self, name: &str) -> Result<Option<PolicyInfo>, OperatorError> {
        self.get(&format!("policies/{}/{}", self.vhost, encode_segment(name)))
            .await
    }

    /// Creates or replaces the policy `name` (priority 0).
    pub async fn put_policy(
        &self,
        name: &str,
        pattern: &str,
        apply_to: &str,
        definition: &serde_json::Map<String, Value>,
    ) -> Result<(), OperatorError> {
        let body = json!({
            "pattern": pattern,
            "apply-to": apply_to,
            "priority": 0,
            "definition": definition,
        });
        self.send(
            Method::PUT,
            &format!("policies/{}/{}", self.vhost, encode_segment(name)),
            Some(&body),
        )
        .await
    }

    /// Every client connection to the virtual host (as far as the broker's statistics
    /// know them).
    pub async fn connections(&self) -> Result<Vec<ConnectionInfo>, OperatorError> {
        let listed: Vec<Value> = self
            .list(&format!("vhosts/{}/connections", self.vhost))
            .await?;
        Ok(listed.iter().filter_map(connection_info).collect())
    }

    /// The connections logged in as `user`, to any virtual host, as
    /// `(connection name, virtual host)`: from the broker's connection tracking, current
    /// at once (unlike the statistics behind [`Api::connections`]).
    pub async fn tracked_connections(
        &self,
        user: &str,
    ) -> Result<Vec<(String, String)>, OperatorError> {
        #[derive(Deserialize)]
        struct Tracked {
            name: String,
            #[serde(default)]
            vhost: String,
        }
        let tracked: Vec<Tracked> = self
            .list(&format!("connections/username/{}", encode_segment(user)))
            .await?;
        Ok(tracked.into_iter().map(|c| (c.name, c.vhost)).collect())
    }

    /// Closes every connection logged in as `user` (to any virtual host), at once,
    /// telling each client `reason`.
    pub async fn close_connections_of_account(
        &self,
        user: &str,
        reason: &str,
    ) -> Result<(), OperatorError> {
        self.client
            .api()
            .close_user_connections(user, Some(reason), true)
            .await
            .map_err(|e| self.typed(&e))
    }

    /// Closes the connection `name` (by the statistics' name for it); `false` when the
    /// statistics do not know it (yet, or any more).
    pub async fn close_listed_connection(
        &self,
        name: &str,
        reason: &str,
    ) -> Result<bool, OperatorError> {
        match self
            .client
            .api()
            .close_connection(name, Some(reason), false)
            .await
        {
            Ok(()) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(self.typed(&e)),
        }
    }
}

fn connection_info(json: &Value) -> Option<ConnectionInfo> {
    let text = |pointer: &str| {
        json.pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Some(ConnectionInfo {
        name: json.get("name")?.as_str()?.to_owned(),
        user: text("/user"),
        client_name: text("/client_properties/connection_name"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_a_list_or_a_string() {
        let listed: RawAccount =
            serde_json::from_value(json!({"name": "ops", "tags": ["administrator", "x"]}))
                .expect("valid");
        let account = listed.into_account();
        assert_eq!(account.tags, ["administrator", "x"]);
        assert!(account.is_administrator());
        let old: RawAccount =
            serde_json::from_value(json!({"name": "bob", "tags": "management, monitoring"}))
                .expect("valid");
        assert_eq!(old.into_account().tags, ["management", "monitoring"]);
        let none: RawAccount =
            serde_json::from_value(json!({"name": "x", "tags": ""})).expect("valid");
        assert!(none.into_account().tags.is_empty());
    }

    #[test]
    fn a_connection_needs_a_name_and_reads_the_rest_leniently() {
        let full = json!({"name": "127.0.0.1:5 -> 127.0.0.1:5672", "user": "bob",
            "client_properties": {"connection_name": "chat-tui bob"}});
        assert_eq!(
            connection_info(&full),
            Some(ConnectionInfo {
                name: "127.0.0.1:5 -> 127.0.0.1:5672".into(),
                user: "bob".into(),
                client_name: "chat-tui bob".into(),
            })
        );
        let bare = json!({"name": "c"});
        assert_eq!(connection_info(&bare).map(|c| c.user), Some(String::new()));
        assert_eq!(connection_info(&json!({"user": "bob"})), None);
    }
}
