//! How loudly a conversation may call for attention (`/notify all|mentions|none`).

use std::fmt;

use super::conversation::ConversationId;

/// When a conversation notifies (a bell, a terminal notification, `notify_command`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotifyLevel {
    /// Every message from someone else.
    All,
    /// Only highlights: your name in a topic, and direct messages.
    Mentions,
    /// Never: the conversation is muted.
    None,
}

impl NotifyLevel {
    /// Reads the word typed after `/notify` (`all`, `mentions`, `none`; `mute` is
    /// `none`), in any case.
    pub fn parse(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().as_str() {
            "all" => Some(Self::All),
            "mentions" | "mention" | "highlights" => Some(Self::Mentions),
            "none" | "mute" | "off" => Some(Self::None),
            _ => None,
        }
    }

    /// The level of a conversation nobody set one for: every direct message notifies,
    /// a topic only when it mentions you, the status buffer never.
    pub fn default_for(conversation: &ConversationId) -> Self {
        match conversation {
            ConversationId::Direct(_) => Self::All,
            ConversationId::Topic(_) => Self::Mentions,
            ConversationId::Status => Self::None,
        }
    }
}

impl fmt::Display for NotifyLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::All => "all",
            Self::Mentions => "mentions",
            Self::None => "none",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TopicName, UserName};

    #[test]
    fn reads_the_levels_and_their_synonyms_in_any_case() {
        assert_eq!(NotifyLevel::parse("ALL"), Some(NotifyLevel::All));
        assert_eq!(NotifyLevel::parse("mentions"), Some(NotifyLevel::Mentions));
        assert_eq!(NotifyLevel::parse("mute"), Some(NotifyLevel::None));
        assert_eq!(NotifyLevel::parse("none"), Some(NotifyLevel::None));
        assert_eq!(NotifyLevel::parse("loud"), None);
        assert_eq!(NotifyLevel::parse(""), None);
    }

    #[test]
    fn direct_messages_notify_by_default_topics_only_on_mentions() {
        let bob = ConversationId::Direct(UserName::parse("bob").unwrap());
        let news = ConversationId::Topic(TopicName::parse("news").unwrap());
        assert_eq!(NotifyLevel::default_for(&bob), NotifyLevel::All);
        assert_eq!(NotifyLevel::default_for(&news), NotifyLevel::Mentions);
        assert_eq!(
            NotifyLevel::default_for(&ConversationId::Status),
            NotifyLevel::None
        );
        for level in [NotifyLevel::All, NotifyLevel::Mentions, NotifyLevel::None] {
            assert_eq!(NotifyLevel::parse(&level.to_string()), Some(level));
        }
    }
}
