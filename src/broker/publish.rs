//! How an envelope goes on the wire: its exchange, routing key and AMQP properties. Shared
//! by user mode's session and the admin console's announcements.

use lapin::options::BasicPublishOptions;
use lapin::{BasicProperties, Channel, PublisherConfirm};

use crate::domain::wire::{APP_ID, DIRECT_EXCHANGE, PRESENCE_EXCHANGE, topic_exchange};
use crate::domain::{Envelope, Payload};

/// Where an envelope is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    /// The exchange: `chat.direct`, `chat.topic.<t>` or `chat.presence`.
    pub exchange: String,
    /// The routing key: the recipient for a DM, empty otherwise.
    pub routing_key: String,
    /// Whether the broker must return it when no queue is bound (DMs and posts).
    pub mandatory: bool,
}

/// The route of an answer to a presence `join`: straight to the joiner's presence
/// queue through the default exchange (named in the join's `reply_to`).
pub(crate) fn reply_route(queue: &str) -> Route {
    Route {
        exchange: String::new(),
        routing_key: queue.to_owned(),
        mandatory: false,
    }
}

/// The route of `env` as the wire contract defines it.
pub(crate) fn route(env: &Envelope) -> Route {
    let (exchange, routing_key, mandatory) = match &env.payload {
        Payload::Direct { to, .. } => (DIRECT_EXCHANGE.to_owned(), to.to_string(), true),
        Payload::Topic { to, .. } => (topic_exchange(to), String::new(), true),
        Payload::Presence { .. } => (PRESENCE_EXCHANGE.to_owned(), String::new(), false),
    };
    Route {
        exchange,
        routing_key,
        mandatory,
    }
}

/// The AMQP properties of `env`: JSON, persistent, `message_id` = id, `app_id` chat-tui,
/// timestamp = when it was sent.
pub(crate) fn properties(env: &Envelope) -> BasicProperties {
    BasicProperties::default()
        .with_content_type("application/json".into())
        .with_delivery_mode(2)
        .with_message_id(env.id.as_str().into())
        .with_app_id(APP_ID.into())
        .with_timestamp(u64::try_from(env.sent_at.unix_timestamp()).unwrap_or(0))
}

/// Publishes `env`, already encoded as `body`, on `channel` as the wire contract says
/// (its route, `mandatory` for DMs and posts, its properties). The returned confirm
/// settles when the broker answers (the channel must be in confirm mode for that).
pub(crate) async fn publish_envelope(
    channel: &Channel,
    env: &Envelope,
    body: &[u8],
) -> Result<PublisherConfirm, lapin::Error> {
    publish_routed(channel, env, body, route(env), None).await
}

/// Publishes `env` on `route`, with `reply_to` set when given (a presence `join` names
/// the queue its answers go to).
pub(crate) async fn publish_routed(
    channel: &Channel,
    env: &Envelope,
    body: &[u8],
    route: Route,
    reply_to: Option<&str>,
) -> Result<PublisherConfirm, lapin::Error> {
    let mut properties = properties(env);
    if let Some(queue) = reply_to {
        properties = properties.with_reply_to(queue.into());
    }
    channel
        .basic_publish(
            route.exchange.into(),
            route.routing_key.into(),
            BasicPublishOptions {
                mandatory: route.mandatory,
                immediate: false,
            },
            body,
            properties,
        )
        .await
}

#[cfg(test)]
#[path = "publish_tests.rs"]
mod tests;
