//! The broker as the admin console sees it: queues, topics, chat users, the overview and
//! connections, plus the actions an operator can take. Plain data, no I/O: the broker
//! layer fills it in, the admin app and its views read it.

use std::fmt;

use super::name::{TopicName, UserName};
use crate::config::Password;

/// Longest queue name RabbitMQ accepts, in bytes (an AMQP short string).
pub const MAX_QUEUE_NAME_BYTES: usize = 255;

/// A queue name the console may create: 1–255 bytes of UTF-8, not starting with the
/// reserved `amq.` prefix, without control characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueName(String);

/// Why a queue name was refused. The message says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid queue name {input:?}: {problem}")]
pub struct QueueNameError {
    /// The input as given (cut short for display).
    pub input: String,
    /// What is wrong with it, and what is allowed instead.
    pub problem: String,
}

impl QueueName {
    /// Checks `input` (surrounding whitespace is trimmed) against RabbitMQ's rules.
    pub fn parse(input: &str) -> Result<Self, QueueNameError> {
        let name = input.trim();
        let refuse = |problem: &str| QueueNameError {
            input: name.chars().take(40).collect(),
            problem: problem.to_owned(),
        };
        if name.is_empty() {
            return Err(refuse("it is empty; type a name"));
        }
        if name.len() > MAX_QUEUE_NAME_BYTES {
            return Err(refuse("it is longer than 255 bytes"));
        }
        if name.starts_with("amq.") {
            return Err(refuse(
                "names starting with 'amq.' are reserved by RabbitMQ",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(refuse("it contains control characters"));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name of a queue that already exists, as the broker listed it. Only creation
    /// is bound by [`QueueName::parse`]'s rules: an existing `amq.gen-…` queue can still
    /// be inspected, purged or deleted. `None` for an empty name.
    pub fn existing(name: &str) -> Option<Self> {
        (!name.is_empty()).then(|| Self(name.to_owned()))
    }

    /// The name as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for QueueName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One queue in the Queues pane.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    /// The queue's name (any queue of the vhost, not only chat-tui's).
    pub name: String,
    /// Messages ready for delivery.
    pub ready: u64,
    /// Messages delivered but not yet acknowledged.
    pub unacked: u64,
    /// Consumers attached.
    pub consumers: u32,
    /// Messages published into the queue per second (broker statistics).
    pub publish_rate: f64,
    /// Messages delivered or fetched from the queue per second (broker statistics).
    pub deliver_rate: f64,
    /// Survives a broker restart.
    pub durable: bool,
    /// Deleted when its last consumer goes.
    pub auto_delete: bool,
    /// Owned by one connection (cannot be inspected over AMQP by others).
    pub exclusive: bool,
    /// `ready` and `consumers` were read live over AMQP in this refresh (exact now),
    /// rather than taken from the broker's periodic statistics.
    pub live: bool,
}

impl QueueRow {
    /// Ready plus unacknowledged.
    pub fn total(&self) -> u64 {
        self.ready + self.unacked
    }
}

/// One topic (`chat.topic.<name>` exchange) in the Topics pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    /// The topic's name.
    pub name: TopicName,
    /// Chat users whose inbox is bound to the topic, sorted.
    pub subscribers: Vec<UserName>,
}

/// One chat user (`chat.user.<name>` inbox) in the Users pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// The user's name.
    pub name: UserName,
    /// A client is consuming the inbox right now.
    pub online: bool,
    /// Messages waiting in the inbox (ready).
    pub waiting: u64,
    /// Topics the inbox is bound to, sorted.
    pub topics: Vec<TopicName>,
    /// Whether it has an account of its own and may log in.
    pub account: AccountState,
}

/// Whether a chat user has a RabbitMQ account of its own (protocol version 3), and
/// whether that account may log in to the virtual host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountState {
    /// An account with its permissions: it may log in.
    Active,
    /// An account without permissions on the virtual host: the broker refuses its logins.
    Banned,
    /// No account: an inbox only (open mode, everyone on a shared login).
    NoAccount,
    /// The management API did not let the console list accounts (its user is not tagged
    /// administrator).
    Unknown,
}

impl AccountState {
    /// The word the Users pane shows: `active`, `banned`, `no account` or `?`.
    pub fn label(self) -> &'static str {
        match self {
            AccountState::Active => "active",
            AccountState::Banned => "banned",
            AccountState::NoAccount => "no account",
            AccountState::Unknown => "?",
        }
    }
}

/// One client connection, in the Broker pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionRow {
    /// The broker's name for it (used to close it), e.g. `127.0.0.1:50312 -> 127.0.0.1:5672`.
    pub name: String,
    /// The RabbitMQ user it logged in as.
    pub user: String,
    /// What the client calls itself (`connection_name` client property, or its product).
    pub client: String,
    /// Open channels.
    pub channels: u32,
    /// `running`, `blocked`, … as the broker reports it.
    pub state: String,
}

/// Message totals and rates over the whole virtual host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    /// RabbitMQ version, e.g. `3.10.8`.
    pub rabbitmq_version: String,
    /// Erlang/OTP version.
    pub erlang_version: String,
    /// The node answering, e.g. `rabbit@host`.
    pub node: String,
    /// The cluster's name.
    pub cluster_name: String,
    /// Queues in the cluster.
    pub queues: u64,
    /// Exchanges in the cluster.
    pub exchanges: u64,
    /// Open connections.
    pub connections: u64,
    /// Open channels.
    pub channels: u64,
    /// Consumers.
    pub consumers: u64,
    /// Messages ready, over all queues.
    pub messages_ready: u64,
    /// Messages unacknowledged, over all queues.
    pub messages_unacked: u64,
    /// Messages published per second, cluster-wide.
    pub publish_rate: f64,
    /// Messages delivered per second, cluster-wide.
    pub deliver_rate: f64,
}

/// Everything one refresh read from the broker.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// Totals and versions.
    pub overview: Overview,
    /// Every queue in the vhost, in the broker's order.
    pub queues: Vec<QueueRow>,
    /// Every `chat.topic.*` exchange.
    pub topics: Vec<TopicRow>,
    /// Every `chat.user.*` inbox.
    pub users: Vec<UserRow>,
    /// Every client connection.
    pub connections: Vec<ConnectionRow>,
    /// How many queues had their counts read live over AMQP (0 when AMQP is down:
    /// then every count comes from the broker's statistics).
    pub live_queues: usize,
}

/// Something the console can create, delete or inspect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A queue of the vhost.
    Queue(QueueName),
    /// A topic: the `chat.topic.<name>` fanout exchange.
    Topic(TopicName),
    /// A chat user: the `chat.user.<name>` inbox bound to `chat.direct`.
    User(UserName),
    /// A client connection, by the broker's name for it (delete = close it).
    Connection(String),
}

impl Target {
    /// What kind of thing this is, for messages ("queue", "topic", "user", "connection").
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Queue(_) => "queue",
            Target::Topic(_) => "topic",
            Target::User(_) => "user",
            Target::Connection(_) => "connection",
        }
    }
}

impl fmt::Display for Target {
    /// `queue orders`, `topic #news`, `user alice`, `connection 127.0.0.1:5000 -> …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Queue(name) => write!(f, "queue {name}"),
            Target::Topic(name) => write!(f, "topic #{name}"),
            Target::User(name) => write!(f, "user {name}"),
            Target::Connection(name) => write!(f, "connection {name}"),
        }
    }
}

/// Who an announcement goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// Everyone subscribed to the topic.
    Topic(TopicName),
    /// One user's inbox.
    User(UserName),
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Topic(name) => write!(f, "#{name}"),
            Recipient::User(name) => write!(f, "{name}"),
        }
    }
}

/// A change the operator asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Create it; refused if it exists.
    Create(Target),
    /// Delete it (a user: its inbox and its account, after closing its connections).
    Delete(Target),
    /// Drop every ready message of the queue.
    Purge(QueueName),
    /// Send a message from "admin".
    Announce {
        /// To whom.
        to: Recipient,
        /// The text (at most the envelope's body limit).
        text: String,
    },
    /// Create a chat user with an account of its own: the account, its permissions, its
    /// inbox (an existing inbox is kept) and the inbox's bindings.
    CreateAccount {
        /// Who.
        user: UserName,
        /// Its password.
        password: NewPassword,
    },
    /// Give the account `user` a new password.
    SetPassword {
        /// Whose.
        user: UserName,
        /// The new password.
        password: NewPassword,
    },
    /// Refuse the account's logins (the account stays) and close its connections.
    Ban(UserName),
    /// Let a banned account log in again.
    Unban(UserName),
}

/// The password an account gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewPassword {
    /// One generated by the console (132 random bits), shown to the operator once.
    Generate,
    /// One the operator typed (twice).
    Typed(Password),
}

/// What a finished action has to tell beyond "done".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more.
    Done,
    /// The password generated for the account: shown once, then forgotten.
    Generated(Password),
    /// The account was banned.
    Banned {
        /// It was banned already.
        already: bool,
        /// Connections closed.
        closed: usize,
    },
    /// The account was unbanned.
    Unbanned {
        /// It was not banned (its permissions were set again all the same).
        was_active: bool,
    },
}

impl fmt::Display for Action {
    /// What the action does, in words: `create queue orders`, `announce to #news`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Create(target) => write!(f, "create {target}"),
            Action::Delete(target) => write!(f, "delete {target}"),
            Action::Purge(queue) => write!(f, "purge queue {queue}"),
            Action::Announce { to, .. } => write!(f, "announce to {to}"),
            Action::CreateAccount { user, .. } => write!(f, "create the account {user}"),
            Action::SetPassword { user, .. } => write!(f, "set a new password for {user}"),
            Action::Ban(user) => write!(f, "ban {user}"),
            Action::Unban(user) => write!(f, "unban {user}"),
        }
    }
}

/// What Enter shows about one item: labelled fields, then a titled list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    /// The item, e.g. `queue orders`.
    pub title: String,
    /// `(label, value)` pairs, in display order.
    pub fields: Vec<(String, String)>,
    /// The heading of `items`, e.g. `bindings` or `subscribers`.
    pub items_title: String,
    /// One line each.
    pub items: Vec<String>,
}

#[cfg(test)]
#[path = "console_tests.rs"]
mod tests;
