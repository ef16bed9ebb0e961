use std::collections::BTreeMap;

use super::*;
use crate::broker::console::details::{arguments, connected_at};
use crate::broker::console::http::RawQueue;

fn queue(name: &str, ready: u64, consumers: u32) -> QueueRow {
    QueueRow {
        name: name.into(),
        ready,
        unacked: 0,
        consumers,
        publish_rate: 0.0,
        deliver_rate: 0.0,
        durable: true,
        auto_delete: false,
        exclusive: false,
        live: false,
    }
}

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid user")
}

fn topic(name: &str) -> TopicName {
    TopicName::parse(name).expect("valid topic")
}

#[test]
fn users_come_from_inboxes_with_their_topics() {
    let queues = vec![
        queue("orders", 5, 1),
        queue("chat.user.bob", 3, 0),
        queue("chat.user.alice", 0, 1),
        queue("chat.user.BAD", 1, 1),
    ];
    let mut subscribers = BTreeMap::new();
    subscribers.insert(topic("news"), vec![user("alice"), user("bob")]);
    subscribers.insert(topic("dev"), vec![user("alice")]);
    let rows = users(&queues, &subscribers, None);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].name, user("alice"));
    assert!(rows[0].online);
    assert_eq!(rows[0].waiting, 0);
    assert_eq!(rows[0].topics, vec![topic("dev"), topic("news")]);
    assert_eq!(rows[1].name, user("bob"));
    assert!(!rows[1].online);
    assert_eq!(rows[1].waiting, 3);
    assert_eq!(rows[1].topics, vec![topic("news")]);
    assert!(
        rows.iter().all(|r| r.account == AccountState::Unknown),
        "accounts not listed: unknown"
    );
}

#[test]
fn users_show_their_accounts_state() {
    let queues = vec![
        queue("chat.user.alice", 0, 1),
        queue("chat.user.bob", 0, 0),
        queue("chat.user.carol", 0, 0),
    ];
    let accounts = HashMap::from([
        ("alice".to_owned(), UserState::Active),
        ("bob".to_owned(), UserState::Banned),
        ("guest".to_owned(), UserState::Active),
    ]);
    let rows = users(&queues, &BTreeMap::new(), Some(&accounts));
    let states: Vec<AccountState> = rows.iter().map(|r| r.account).collect();
    assert_eq!(
        states,
        [
            AccountState::Active,
            AccountState::Banned,
            AccountState::NoAccount
        ]
    );
}

#[test]
fn topic_rows_list_subscribers_or_none() {
    let mut subscribers = BTreeMap::new();
    subscribers.insert(topic("news"), vec![user("bob")]);
    let rows = topic_rows(vec![topic("dev"), topic("news")], &subscribers);
    assert_eq!(rows[0].subscribers, Vec::<UserName>::new());
    assert_eq!(rows[1].subscribers, vec![user("bob")]);
}

#[test]
fn the_column_selected_listing_parses_as_rabbitmq_3_10_sends_it() {
    // Shapes seen from RabbitMQ 3.10.8: a queue with statistics, and a new one without.
    let json = r#"[
        {"auto_delete":false,"consumers":2,"durable":true,"exclusive":false,
         "message_stats":{"publish_details":{"rate":12.5},"deliver_get_details":{"rate":3.0}},
         "messages_ready":7,"messages_unacknowledged":4,"name":"orders"},
        {"auto_delete":true,"durable":false,"exclusive":true,"name":"amq.gen-x"}
    ]"#;
    let raw: Vec<RawQueue> = serde_json::from_str(json).expect("parses");
    let rows: Vec<QueueRow> = raw.into_iter().map(RawQueue::into_row).collect();
    assert_eq!(rows[0].name, "orders");
    assert_eq!(
        (rows[0].ready, rows[0].unacked, rows[0].consumers),
        (7, 4, 2)
    );
    assert_eq!(rows[0].total(), 11);
    assert!((rows[0].publish_rate - 12.5).abs() < 1e-9);
    assert!((rows[0].deliver_rate - 3.0).abs() < 1e-9);
    assert!(!rows[0].live);
    assert_eq!((rows[1].ready, rows[1].consumers), (0, 0));
    assert!(rows[1].exclusive && rows[1].auto_delete && !rows[1].durable);
}

#[test]
fn details_helpers_format_arguments_and_times() {
    let empty = rabbitmq_http_client::responses::XArguments(serde_json::Map::new());
    assert_eq!(arguments(&empty), "none");
    let mut map = serde_json::Map::new();
    map.insert("x-max-length".into(), serde_json::json!(10));
    let args = rabbitmq_http_client::responses::XArguments(map);
    assert_eq!(arguments(&args), "x-max-length=10");
    assert_eq!(connected_at(0), "1970-01-01T00:00:00Z");
    assert_eq!(connected_at(1_500), "1970-01-01T00:00:01.5Z");
}

#[test]
fn connections_are_read_leniently() {
    use crate::broker::console::http::connection_row;
    let full = serde_json::json!({
        "name": "127.0.0.1:5000 -> 127.0.0.1:5672", "user": "guest", "channels": 3,
        "state": "running",
        "client_properties": {"connection_name": "chat-tui alice", "product": "lapin"}
    });
    let row = connection_row(&full).expect("a row");
    assert_eq!(row.client, "chat-tui alice");
    assert_eq!((row.user.as_str(), row.channels), ("guest", 3));
    assert_eq!(row.state, "running");
    let bare = serde_json::json!({"name": "x", "client_properties": {"product": "pika"}});
    let row = connection_row(&bare).expect("a row without statistics yet");
    assert_eq!((row.client.as_str(), row.channels), ("pika", 0));
    assert_eq!(connection_row(&serde_json::json!({"user": "guest"})), None);
}
