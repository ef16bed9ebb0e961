//! What Enter shows about one item.

use rabbitmq_http_client::api::HttpClientError;
use rabbitmq_http_client::commons::BindingDestinationType;
use rabbitmq_http_client::responses::{self, XArguments};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::ConsoleError;
use super::actions::user_connections;
use super::http::Http;
use super::read::client_label;
use crate::domain::console::{Details, Target};
use crate::domain::wire::{inbox_queue, topic_exchange, topic_from_exchange, user_from_inbox};

/// Reads the details of `target`; [`ConsoleError::NotFound`] when it is gone.
pub(crate) async fn details(http: &Http, target: &Target) -> Result<Details, ConsoleError> {
    let gone = |e: HttpClientError| http.error(&e, Some(target));
    let api = http.api();
    let vhost = http.vhost();
    let title = target.to_string();
    match target {
        Target::Queue(queue) => {
            let (info, bindings) = tokio::try_join!(
                async {
                    api.get_queue_info(vhost, queue.as_str())
                        .await
                        .map_err(gone)
                },
                async {
                    api.list_queue_bindings(vhost, queue.as_str())
                        .await
                        .map_err(gone)
                },
            )?;
            let ready = info
                .message_count
                .saturating_sub(info.unacknowledged_message_count);
            let fields = vec![
                field("type", &info.queue_type),
                field("durable", yes_no(info.durable)),
                field("auto-delete", yes_no(info.auto_delete)),
                field("exclusive", yes_no(info.exclusive)),
                field("ready", &ready.to_string()),
                field("unacked", &info.unacknowledged_message_count.to_string()),
                field("consumers", &info.consumer_count.to_string()),
                field("node", &info.node),
                field("state", &info.state),
                field("arguments", &arguments(&info.arguments)),
            ];
            let items = bindings
                .iter()
                .map(|b| {
                    let source = if b.source.is_empty() {
                        "(default exchange)"
                    } else {
                        &b.source
                    };
                    format!("{source} -> {}", b.routing_key)
                })
                .collect();
            Ok(Details {
                title,
                fields,
                items_title: "bindings".into(),
                items,
            })
        }
        Target::Topic(topic) => {
            let exchange = topic_exchange(topic);
            let (info, bindings) = tokio::try_join!(
                async { api.get_exchange_info(vhost, &exchange).await.map_err(gone) },
                async {
                    api.list_exchange_bindings_with_source(vhost, &exchange)
                        .await
                        .map_err(gone)
                },
            )?;
            let mut subscribers: Vec<String> = bindings
                .iter()
                .filter(|b| matches!(b.destination_type, BindingDestinationType::Queue))
                .filter_map(|b| user_from_inbox(&b.destination))
                .map(|user| user.to_string())
                .collect();
            subscribers.sort();
            subscribers.dedup();
            Ok(Details {
                title,
                fields: vec![
                    field("exchange", &exchange),
                    field("type", &info.exchange_type),
                    field("durable", yes_no(info.durable)),
                    field("subscribers", &subscribers.len().to_string()),
                ],
                items_title: "subscribers".into(),
                items: subscribers,
            })
        }
        Target::User(user) => {
            let inbox = inbox_queue(user);
            let (info, bindings) = tokio::try_join!(
                async { api.get_queue_info(vhost, &inbox).await.map_err(gone) },
                async { api.list_queue_bindings(vhost, &inbox).await.map_err(gone) },
            )?;
            let ready = info
                .message_count
                .saturating_sub(info.unacknowledged_message_count);
            let mut fields = vec![
                field("inbox", &inbox),
                field("online", yes_no(info.consumer_count > 0)),
                field("waiting", &ready.to_string()),
            ];
            for name in user_connections(http, user).await? {
                match api.get_connection_info(&name).await {
                    Ok(c) => {
                        fields.push(field("connection", &c.name));
                        fields.push(field("peer", &peer(&c)));
                        fields.push(field("client", &client_label(&c.client_properties)));
                    }
                    // Closed since the listing.
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(http.error(&e, None)),
                }
            }
            let mut topics: Vec<String> = bindings
                .iter()
                .filter_map(|b| topic_from_exchange(&b.source))
                .map(|topic| format!("#{topic}"))
                .collect();
            topics.sort();
            topics.dedup();
            Ok(Details {
                title,
                fields,
                items_title: "topics".into(),
                items: topics,
            })
        }
        Target::Connection(name) => {
            let c = api.get_connection_info(name).await.map_err(gone)?;
            Ok(Details {
                title,
                fields: vec![
                    field("user", &c.username),
                    field("client", &client_label(&c.client_properties)),
                    field("peer", &peer(&c)),
                    field("protocol", &c.protocol),
                    field("channels", &c.channel_count.to_string()),
                    field("state", c.state.as_deref().unwrap_or("unknown")),
                    field("connected at", &connected_at(c.connected_at)),
                ],
                items_title: String::new(),
                items: Vec::new(),
            })
        }
    }
}

fn field(label: &str, value: &str) -> (String, String) {
    (label.to_owned(), value.to_owned())
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn peer(c: &responses::Connection) -> String {
    match (&c.client_hostname, c.client_port) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.clone(),
        _ => "unknown".into(),
    }
}

/// Queue arguments as `key=value` pairs, or `none`.
pub(crate) fn arguments(args: &XArguments) -> String {
    if args.0.is_empty() {
        return "none".into();
    }
    args.0
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A connection's start (milliseconds since the epoch) in RFC 3339, UTC.
pub(crate) fn connected_at(millis: u64) -> String {
    i128::from(millis)
        .checked_mul(1_000_000)
        .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_else(|| millis.to_string())
}
