//! How an envelope goes on the wire: its exchange, routing key and AMQP properties. Shared
//! by user mode's session and the admin console's announcements.

use lapin::options::BasicPublishOptions;
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel, PublisherConfirm};

use crate::domain::wire::{
    ANNOUNCE_EXCHANGE, ANNOUNCE_TO_ALL, ANSWER_EXCHANGE_HEADER, APP_ID, DIRECT_EXCHANGE,
    PRESENCE_ANSWERS_EXCHANGE, PRESENCE_EXCHANGE, topic_exchange, typing_key, typing_topic_key,
};
use crate::domain::{ConversationId, Envelope, Payload};

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

/// The route of an answer to a version-3 presence `join`: through
/// `chat.presence.answers`, keyed by the joiner's presence queue (its `reply_to`), which
/// the joiner bound there under its own name.
pub(crate) fn answer_route(queue: &str) -> Route {
    Route {
        exchange: PRESENCE_ANSWERS_EXCHANGE.to_owned(),
        routing_key: queue.to_owned(),
        mandatory: false,
    }
}

/// The route of an answer to a version-2 presence `join` in open mode: straight to the
/// joiner's presence queue through the default exchange (which a user's own account may
/// not write to: with one, a version-2 join is answered on the fanout instead).
pub(crate) fn default_exchange_route(queue: &str) -> Route {
    Route {
        exchange: String::new(),
        routing_key: queue.to_owned(),
        mandatory: false,
    }
}

/// The route of an operator's announcement to `key` (a user's name, or
/// [`ANNOUNCE_TO_ALL`](crate::domain::wire::ANNOUNCE_TO_ALL)): `chat.announce`,
/// `mandatory` (an inbox not bound there is returned).
pub(crate) fn announce_route(key: &str) -> Route {
    Route {
        exchange: ANNOUNCE_EXCHANGE.to_owned(),
        routing_key: key.to_owned(),
        mandatory: true,
    }
}

/// The route of `env` as the wire contract defines it (an announcement goes to
/// everyone; see [`announce_route`] for one person).
pub(crate) fn route(env: &Envelope) -> Route {
    let (exchange, routing_key, mandatory) = match &env.payload {
        Payload::Direct { to, .. } => (DIRECT_EXCHANGE.to_owned(), to.to_string(), true),
        Payload::Topic { to, .. } => (topic_exchange(to), String::new(), true),
        Payload::Announce { .. } => return announce_route(ANNOUNCE_TO_ALL),
        // A typing notice goes to the presence feeds of that person, or of the topic's
        // members, alone.
        Payload::Typing {
            to: ConversationId::Direct(peer),
        } => (
            PRESENCE_ANSWERS_EXCHANGE.to_owned(),
            typing_key(peer),
            false,
        ),
        Payload::Typing {
            to: ConversationId::Topic(topic),
        } => (
            PRESENCE_ANSWERS_EXCHANGE.to_owned(),
            typing_topic_key(topic),
            false,
        ),
        Payload::Presence { .. } | Payload::Typing { .. } => {
            (PRESENCE_EXCHANGE.to_owned(), String::new(), false)
        }
    };
    Route {
        exchange,
        routing_key,
        mandatory,
    }
}

/// The AMQP properties of `env` sent by the account `login`: JSON, persistent,
/// `message_id` = id, `app_id` chat-tui, `user_id` = the login (the broker refuses a
/// `user_id` that is not the connection's own), timestamp = when it was sent.
///
/// A typing notice (protocol version 4) is transient instead: not persistent, and it
/// expires after [`TYPING_EXPIRES_MS`] in any queue that has not delivered it yet.
pub(crate) fn properties(env: &Envelope, login: &str) -> BasicProperties {
    let properties = BasicProperties::default()
        .with_content_type("application/json".into())
        .with_delivery_mode(2)
        .with_message_id(env.id.as_str().into())
        .with_app_id(APP_ID.into())
        .with_user_id(login.into())
        .with_timestamp(u64::try_from(env.sent_at.unix_timestamp()).unwrap_or(0));
    match env.payload {
        Payload::Typing { .. } => properties
            .with_delivery_mode(1)
            .with_expiration(TYPING_EXPIRES_MS.into()),
        _ => properties,
    }
}

/// How long a typing notice may wait in a queue, in milliseconds (AMQP `expiration`).
pub(crate) const TYPING_EXPIRES_MS: &str = "5000";

/// Publishes `env`, already encoded as `body`, as `login` on `channel`, on `route`, with
/// `reply_to` set when given: a presence `join` names the queue its answers go to, and
/// in the header `answer-exchange` that they go through `chat.presence.answers`. The
/// returned confirm settles when the broker answers (the channel must be in confirm
/// mode for that).
pub(crate) async fn publish_routed(
    channel: &Channel,
    login: &str,
    env: &Envelope,
    body: &[u8],
    route: Route,
    reply_to: Option<&str>,
) -> Result<PublisherConfirm, lapin::Error> {
    let mut properties = properties(env, login);
    if let Some(queue) = reply_to {
        let mut headers = FieldTable::default();
        headers.insert(
            ANSWER_EXCHANGE_HEADER.into(),
            AMQPValue::LongString(PRESENCE_ANSWERS_EXCHANGE.into()),
        );
        properties = properties.with_reply_to(queue.into()).with_headers(headers);
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
