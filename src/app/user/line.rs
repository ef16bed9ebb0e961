//! The lines a conversation shows: chat messages, the client's own notices, and the
//! separator before what arrived while the user was away.

use time::OffsetDateTime;

use crate::domain::ChatMessage;

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
