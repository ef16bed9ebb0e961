//! The names of the wire contract (`docs/protocol.md`) and the conventions both modes
//! rely on: which exchange and queue a user or topic is, how a client names its
//! connection, who announcements come from and how a removal by an administrator is
//! told to the removed user's client. Pure names; the declarations are in
//! `broker::topology`.

use super::{TopicName, UserName};

/// The direct exchange that routes a DM to its recipient's inbox (key = recipient).
pub const DIRECT_EXCHANGE: &str = "chat.direct";
/// The fanout exchange every running client reads presence from.
pub const PRESENCE_EXCHANGE: &str = "chat.presence";
/// The direct exchange presence answers go through (protocol version 3), routed by the
/// joiner's feed queue name.
pub const PRESENCE_ANSWERS_EXCHANGE: &str = "chat.presence.answers";
/// The direct exchange of operator announcements (protocol version 3): every inbox is
/// bound to it with the keys `all` and its user's name.
pub const ANNOUNCE_EXCHANGE: &str = "chat.announce";
/// Prefix of every user inbox queue.
pub const INBOX_PREFIX: &str = "chat.user.";
/// Prefix of every topic exchange.
pub const TOPIC_PREFIX: &str = "chat.topic.";
/// The `app_id` property of every message chat-tui publishes.
pub const APP_ID: &str = "chat-tui";
/// Who announcements from the admin console come from.
pub const ANNOUNCER: &str = "admin";

/// What the admin console says when it closes a removed user's connection; see
/// [`removal_reason`] and [`is_removal`].
const REMOVAL: &str = "chat-tui admin removed user ";

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

/// The reason given to a client whose user is deleted. User mode recognises it (see
/// [`is_removal`]) and tells its user they were removed.
pub fn removal_reason(user: &UserName) -> String {
    format!("{REMOVAL}{user}")
}

/// Whether a disconnect reason (as the broker relays it, e.g. `CONNECTION_FORCED - …`)
/// says an administrator removed the user.
pub fn is_removal(reason: &str) -> bool {
    reason.contains(REMOVAL)
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
