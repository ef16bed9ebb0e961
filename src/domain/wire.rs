//! The names of the wire contract (`docs/protocol.md`) and the conventions both modes
//! rely on: which exchange and queue a user or topic is, how a client names its
//! connection, and the reason text the console closes a removed user's connection with. Pure names; the declarations are in
//! `broker::topology`.

use super::{TopicName, UserName};

/// The direct exchange that routes a DM to its recipient's inbox (key = recipient).
pub const DIRECT_EXCHANGE: &str = "chat.direct";
/// The fanout exchange every running client reads presence from.
pub const PRESENCE_EXCHANGE: &str = "chat.presence";
/// The direct exchange presence answers go through (protocol version 3): routing key =
/// the joiner's presence queue, to which the joiner bound it with its own name.
pub const PRESENCE_ANSWERS_EXCHANGE: &str = "chat.presence.answers";
/// The routing key under which `user`'s presence queue is also bound to
/// [`PRESENCE_ANSWERS_EXCHANGE`] (protocol version 4): a typing notice in a direct
/// conversation goes there, to that person's clients alone. Server-named queues start
/// `amq.gen-`, so the two keys never meet.
pub fn typing_key(user: &UserName) -> String {
    format!("@{user}")
}

/// The routing key under which the presence queue of everyone in `topic` is also bound
/// to [`PRESENCE_ANSWERS_EXCHANGE`] (protocol version 4): a typing notice in the topic
/// goes there, to its members' clients alone.
pub fn typing_topic_key(topic: &TopicName) -> String {
    format!("#{topic}")
}

/// The direct exchange of operators' announcements (protocol version 3): only operators
/// may publish to it; every inbox is bound to it with the keys [`ANNOUNCE_TO_ALL`] and
/// its user's name.
pub const ANNOUNCE_EXCHANGE: &str = "chat.announce";
/// The routing key of an announcement to everyone.
pub const ANNOUNCE_TO_ALL: &str = "all";
/// The login of the broker's shared development account: a client logged in with it runs
/// in open mode (names are not verified).
pub const GUEST_LOGIN: &str = "guest";
/// Prefix of every user inbox queue.
pub const INBOX_PREFIX: &str = "chat.user.";
/// Prefix of every topic exchange.
pub const TOPIC_PREFIX: &str = "chat.topic.";
/// The `app_id` property of every message chat-tui publishes.
pub const APP_ID: &str = "chat-tui";

/// What the admin console says when it closes a removed user's connection.
const REMOVAL: &str = "chat-tui admin removed user ";

/// Where a presence `join` wants its `here` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerTo {
    /// A version-3 join: through [`PRESENCE_ANSWERS_EXCHANGE`], keyed by the joiner's
    /// presence queue.
    AnswersExchange(String),
    /// A version-2 join: straight to the joiner's presence queue (the default exchange
    /// in open mode; with a user's own account, which may not write there, the fanout).
    Queue(String),
}

/// The AMQP header a version-3 `join` carries next to `reply_to`: its value names the
/// exchange answers go through ([`PRESENCE_ANSWERS_EXCHANGE`]).
pub const ANSWER_EXCHANGE_HEADER: &str = "answer-exchange";

/// The name of `user`'s inbox queue: `chat.user.<name>`.
pub fn inbox_queue(user: &UserName) -> String {
    format!("{INBOX_PREFIX}{user}")
}

/// Reads a user back from a queue name, if it is `chat.user.<valid name>` in canonical
/// (lowercase) form.
pub fn user_from_inbox(queue: &str) -> Option<UserName> {
    let name = queue.strip_prefix(INBOX_PREFIX)?;
    let user = UserName::parse(name).ok()?;
    (user.as_str() == name).then_some(user)
}

/// The name of `topic`'s fanout exchange: `chat.topic.<topic>`.
pub fn topic_exchange(topic: &TopicName) -> String {
    format!("{TOPIC_PREFIX}{topic}")
}

/// Reads a topic back from an exchange name, if it is `chat.topic.<valid name>`.
pub fn topic_from_exchange(exchange: &str) -> Option<TopicName> {
    let name = exchange.strip_prefix(TOPIC_PREFIX)?;
    let topic = TopicName::parse(name).ok()?;
    // Only names already in canonical (lowercase) form are ours.
    (topic.as_str() == name).then_some(topic)
}

/// The topics among `exchanges` (names of exchanges), sorted, without duplicates.
pub fn topics_among<'a>(exchanges: impl IntoIterator<Item = &'a str>) -> Vec<TopicName> {
    let mut topics: Vec<TopicName> = exchanges
        .into_iter()
        .filter_map(topic_from_exchange)
        .collect();
    topics.sort();
    topics.dedup();
    topics
}

/// The name a user's client gives its AMQP connection, `chat-tui <name>`; the admin
/// console finds a user's connections by it.
pub fn client_connection_name(user: &UserName) -> String {
    format!("chat-tui {user}")
}

/// The reason given to a client whose user is deleted, for people reading it. Since
/// protocol version 3 no client acts on a reason text (anyone may close a connection
/// with any text): a removal is the broker's own signal — the inbox consumer cancelled,
/// the login or the virtual host refused.
pub fn removal_reason(user: &UserName) -> String {
    format!("{REMOVAL}{user}")
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
