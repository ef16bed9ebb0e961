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
mod tests {
    use super::*;

    #[test]
    fn parses_targets() {
        assert_eq!(
            ConversationId::parse_target("#News").unwrap(),
            ConversationId::Topic(TopicName::parse("news").unwrap())
        );
        assert_eq!(
            ConversationId::parse_target("Bob").unwrap(),
            ConversationId::Direct(UserName::parse("bob").unwrap())
        );
        assert!(ConversationId::parse_target("#").is_err());
        assert!(ConversationId::parse_target("b b").is_err());
    }

    #[test]
    fn storage_keys_round_trip() {
        for id in [
            ConversationId::Status,
            ConversationId::parse_target("bob").unwrap(),
            ConversationId::parse_target("#news").unwrap(),
        ] {
            assert_eq!(
                ConversationId::from_storage_key(&id.storage_key()),
                Some(id)
            );
        }
        assert_eq!(ConversationId::from_storage_key("garbage"), None);
    }

    #[test]
    fn displays_topics_with_a_hash() {
        assert_eq!(
            ConversationId::parse_target("#news").unwrap().to_string(),
            "#news"
        );
        assert_eq!(
            ConversationId::parse_target("bob").unwrap().to_string(),
            "bob"
        );
    }
}
