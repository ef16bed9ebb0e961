//! Helpers for the admin console's integration tests: a [`BrokerConsole`] on the test
//! broker, the broker's own view through raw management API calls, and confirmed
//! publishing for setting up counts.

use chat_tui::broker::console::{BrokerConsole, ConsoleSettings};
use chat_tui::broker::{ApiTarget, BrokerAddress};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Confirmation};
use serde_json::Value;
use std::time::Duration;

/// The management API the tests use: `CHAT_TUI_API_URL`, or the local one.
pub fn api_url() -> String {
    std::env::var("CHAT_TUI_API_URL").unwrap_or_else(|_| "http://127.0.0.1:15672".to_owned())
}

/// Console settings for the test broker (guest/guest, vhost `/`).
pub fn settings() -> ConsoleSettings {
    ConsoleSettings {
        api: ApiTarget {
            url: api_url(),
            user: "guest".into(),
            password: "guest".into(),
            vhost: "/".into(),
            tls: Default::default(),
        },
        amqp: BrokerAddress::parse(&super::amqp_url()).expect("a valid AMQP URL"),
    }
}

/// A console on the test broker.
pub fn console() -> BrokerConsole {
    BrokerConsole::new(settings()).expect("valid console settings")
}

/// A queue name no other test uses.
pub fn unique_queue(prefix: &str) -> String {
    let id = uuid::Uuid::now_v7().simple().to_string();
    format!("{prefix}-{}", &id[id.len() - 12..])
}

/// GETs `/api/<path>` (path segments already encoded) as guest: the status and the
/// JSON body (`Null` when there is none).
pub async fn api_get(path: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}/api/{path}", api_url()))
        .basic_auth("guest", Some("guest"))
        .send()
        .await
        .expect("the management API answers");
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Whether the broker has the exchange `name` in vhost `/`.
pub async fn exchange_exists(name: &str) -> bool {
    let (status, _) = api_get(&format!("exchanges/%2F/{name}")).await;
    status == 200
}

/// The bindings of queue `name` in vhost `/`, as `(source, routing key)` pairs.
pub async fn queue_bindings(name: &str) -> Vec<(String, String)> {
    let (status, body) = api_get(&format!("queues/%2F/{name}/bindings")).await;
    assert_eq!(status, 200, "bindings of {name}: {body}");
    body.as_array()
        .map(|bindings| {
            bindings
                .iter()
                .map(|b| {
                    (
                        b["source"].as_str().unwrap_or_default().to_owned(),
                        b["routing_key"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Publishes `count` small messages to `queue` through the default exchange and waits
/// for every confirm.
pub async fn publish_confirmed(queue: &str, count: usize) {
    let (connection, channel) = super::raw_channel().await;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .expect("confirms");
    let mut confirms = Vec::with_capacity(count);
    for i in 0..count {
        let confirm = channel
            .basic_publish(
                "".into(),
                queue.into(),
                BasicPublishOptions::default(),
                format!("message {i}").as_bytes(),
                BasicProperties::default(),
            )
            .await
            .expect("publish");
        confirms.push(confirm);
    }
    for confirm in confirms {
        let confirmation = confirm.await.expect("a confirm");
        assert!(
            matches!(confirmation, Confirmation::Ack(None)),
            "confirmed and routed"
        );
    }
    let _ = connection.close(200, "done".into()).await;
}

/// `user`'s chat-tui connection as the management API lists it (any virtual host).
/// Waits (up to 30 s) until the API lists it: its listing lags.
pub async fn client_connection(user: &chat_tui::domain::UserName) -> Value {
    let wanted = format!("chat-tui {user}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (_, listed) = api_get("connections").await;
        let found = listed
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["client_properties"]["connection_name"] == wanted.as_str())
            .cloned();
        if let Some(connection) = found {
            return connection;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the management API never listed {wanted}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Closes `user`'s chat-tui connection through the management API, as a network cut or
/// a broker-side close would end it (the reason is not an administrator's removal).
pub async fn cut_connection(user: &chat_tui::domain::UserName) {
    let connection = client_connection(user).await;
    let name = connection["name"]
        .as_str()
        .expect("a listed connection has a name");
    let response = reqwest::Client::new()
        .delete(format!(
            "{}/api/connections/{}",
            api_url(),
            path_segment(name)
        ))
        .basic_auth("guest", Some("guest"))
        .header("X-Reason", "fault test: connection cut")
        .send()
        .await
        .expect("the management API answers");
    assert!(response.status().is_success(), "{:?}", response.status());
}

/// Percent-encodes a connection name for a URL path.
fn path_segment(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
