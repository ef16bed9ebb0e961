//! Pages of a conversation's history: where a page starts and what came back.
//!
//! A page is named by a message already on screen ([`PageAt::Before`] /
//! [`PageAt::After`]) or by an end of the conversation. The message id is the cursor:
//! ids are unique in the store, which finds the message's place in storage order
//! through its index, so a [`ChatMessage`] needs no storage sequence number of its own.

use super::envelope::MessageId;
use super::message::ChatMessage;

/// Which messages a page holds, in storage order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt {
    /// The newest messages stored before this one.
    Before(MessageId),
    /// The oldest messages stored after this one.
    After(MessageId),
    /// The newest messages of the conversation.
    Newest,
    /// The oldest messages of the conversation.
    Oldest,
    /// This message with the messages just before and after it (a search result
    /// jumped to): about half the page on each side.
    Around(MessageId),
}

/// Some consecutive messages of one conversation, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessagePage {
    /// The messages, oldest first (damaged rows are left out).
    pub messages: Vec<ChatMessage>,
    /// Whether the store holds more beyond the page in the direction it was read: older
    /// ones for [`PageAt::Before`] and [`PageAt::Newest`], newer ones for
    /// [`PageAt::After`] and [`PageAt::Oldest`]; newer ones for [`PageAt::Around`]
    /// (which may always have older ones: the page before says).
    pub more: bool,
}

/// What a search of the history found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchHits {
    /// How many messages match, all of them counted.
    pub total: usize,
    /// The newest matches, newest first (at most the limit asked for).
    pub newest: Vec<ChatMessage>,
}
