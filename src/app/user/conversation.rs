//! One conversation as the app holds it: its lines, unread count and scroll position.

use time::OffsetDateTime;

use crate::domain::{ChatMessage, ConversationId, DeliveryStatus, MessageId};

/// How a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Command output and information.
    Info,
    /// Someone joined or left: highlighted.
    Presence,
    /// Something went wrong: the user has to know.
    Error,
}

/// A line written by the client itself, never sent nor stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// When it happened.
    pub at: OffsetDateTime,
    /// How to show it.
    pub level: NoticeLevel,
    /// What to show.
    pub text: String,
}

/// One line of a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A chat message (stored in the history).
    Message(ChatMessage),
    /// A notice from the client.
    Notice(Notice),
    /// The separator before what arrived while the user was away.
    AwaySeparator(usize),
}

/// A conversation in the sidebar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Who or what it is with.
    pub id: ConversationId,
    /// Its lines, oldest first.
    pub lines: Vec<Line>,
    /// Incoming messages not yet seen.
    pub unread: usize,
    /// How many rows the view is scrolled up from the bottom (0 = following).
    pub scroll: usize,
}

impl Conversation {
    /// An empty conversation.
    pub fn new(id: ConversationId) -> Self {
        Self {
            id,
            lines: Vec::new(),
            unread: 0,
            scroll: 0,
        }
    }

    /// The message with this id, if it is loaded.
    pub fn message_mut(&mut self, id: &MessageId) -> Option<&mut ChatMessage> {
        self.lines.iter_mut().rev().find_map(|line| match line {
            Line::Message(msg) if &msg.id == id => Some(msg),
            _ => None,
        })
    }

    /// Sets the delivery status of a loaded message; returns the message if found and its
    /// status changed.
    pub fn set_status(&mut self, id: &MessageId, status: DeliveryStatus) -> Option<ChatMessage> {
        let msg = self.message_mut(id)?;
        if msg.status == status {
            // A message sent again after a reconnection is confirmed twice: once is news.
            return None;
        }
        msg.status = status;
        Some(msg.clone())
    }

    /// Whether any line is a message (as opposed to notices only).
    pub fn has_messages(&self) -> bool {
        self.lines.iter().any(|l| matches!(l, Line::Message(_)))
    }
}
