//! The permissions of a chat account on its virtual host (protocol version 3): what the
//! broker itself allows user U, written out per user because permission regexes do not
//! expand `{username}`.
//!
//! U may declare only server-named queues (`amq.gen-…`: the presence feed); write to its
//! own inbox (ack, bind it to topics), to the exchanges it publishes to and to its
//! server-named queues; read its own inbox, the presence exchanges and topics. So it
//! cannot consume, purge, delete or unbind another inbox, bind anything to
//! `chat.direct` (that needs read on `chat.direct`), or declare or delete a shared
//! exchange (that needs configure).

use crate::domain::UserName;
use crate::domain::wire::{
    DIRECT_EXCHANGE, INBOX_PREFIX, PRESENCE_ANSWERS_EXCHANGE, PRESENCE_EXCHANGE, TOPIC_PREFIX,
};

/// The three permission regexes of one account on the virtual host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPermissions {
    /// Which resources it may declare and delete.
    pub configure: String,
    /// Which resources it may write to (publish, bind a queue, ack).
    pub write: String,
    /// Which resources it may read from (consume, bind from an exchange).
    pub read: String,
}

/// Server-named queues, as a regex alternative.
const SERVER_NAMED: &str = r"amq\.gen-.*";

impl UserPermissions {
    /// The permissions of a chat user `user`.
    pub fn for_user(user: &UserName) -> Self {
        let inbox = regex::escape(&format!("{INBOX_PREFIX}{user}"));
        let direct = regex::escape(DIRECT_EXCHANGE);
        let presence = regex::escape(PRESENCE_EXCHANGE);
        let answers = regex::escape(PRESENCE_ANSWERS_EXCHANGE);
        let topics = format!("{}.*", regex::escape(TOPIC_PREFIX));
        Self {
            configure: format!("^{SERVER_NAMED}$"),
            write: format!("^({SERVER_NAMED}|{inbox}|{direct}|{presence}|{answers}|{topics})$"),
            read: format!("^({SERVER_NAMED}|{inbox}|{presence}|{answers}|{topics})$"),
        }
    }
}

#[cfg(test)]
#[path = "permissions_tests.rs"]
mod tests;
