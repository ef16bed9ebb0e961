//! Conversations: a person, a topic, or the status buffer that holds notices.

use std::fmt;

use super::name::{NameError, TopicName, UserName};

/// Where a message belongs and what the sidebar lists.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConversationId {
    /// The status buffer: notices, rosters and unreadable messages.
    Status,
    /// Direct messages with one person.
    Direct(UserName),
    /// A topic, written `#news`.
    Topic(TopicName),
}

impl ConversationId {
    /// Reads a conversation as typed: `#news` is a topic, anything else a person.
    pub fn parse_target(input: &str) -> Result<Self, NameError> {
        match input.strip_prefix('#') {
            Some(topic) => TopicName::parse(topic).map(Self::Topic),
            None => UserName::parse(input).map(Self::Direct),
        }
    }

    /// The stable key under which the store files this conversation
    /// (`@bob`, `#news`, `*status`).
    pub fn storage_key(&self) -> String {
        match self {
            Self::Status => "*status".into(),
            Self::Direct(user) => format!("@{user}"),
            Self::Topic(topic) => format!("#{topic}"),
        }
    }

    /// Reads a key written by [`storage_key`](Self::storage_key).
    pub fn from_storage_key(key: &str) -> Option<Self> {
        if key == "*status" {
            return Some(Self::Status);
        }
        if let Some(user) = key.strip_prefix('@') {
            return UserName::parse(user).ok().map(Self::Direct);
        }
        key.strip_prefix('#')
            .and_then(|topic| TopicName::parse(topic).ok())
            .map(Self::Topic)
    }
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status => f.write_str("status"),
            Self::Direct(user) => write!(f, "{user}"),
            Self::Topic(topic) => write!(f, "#{topic}"),
        }
    }
}

#[cfg(test)]
#[path = "conversation_tests.rs"]
mod tests;
