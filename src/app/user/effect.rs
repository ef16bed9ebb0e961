//! What user mode asks the runtime to do, and what it shows.

use crate::domain::wire::AnswerTo;
use crate::domain::{ChatMessage, ConversationId, Envelope, PageAt, TopicName};

use super::line::Notice;

/// Something new to show; line mode prints these, the TUI redraws from state.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A message appeared (received, or written here and pending).
    Message(ChatMessage),
    /// An outgoing message changed status (confirmed or failed).
    Status(ChatMessage),
    /// A notice.
    Notice(Notice),
    /// The current conversation changed.
    Switched(ConversationId),
}

/// One thing for the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Store (if it is a text message, as pending) and publish with confirm.
    Publish(Envelope),
    /// Answer someone's presence `join`: `envelope` (our `here`) where it asked.
    AnswerPresence {
        /// Our `here`.
        envelope: Envelope,
        /// Where the joiner wants answers.
        to: AnswerTo,
    },
    /// Bind the inbox to a topic.
    Join(TopicName),
    /// Unbind the inbox from a topic.
    Leave(TopicName),
    /// List the topics that exist.
    ListTopics,
    /// Search the local history.
    Search(String),
    /// Read a page of a conversation's history; the answer is
    /// [`Event::PageLoaded`](super::Event::PageLoaded) with the same conversation and `at`.
    LoadPage {
        /// Whose history.
        conversation: ConversationId,
        /// Which page.
        at: PageAt,
        /// At most this many messages.
        limit: usize,
    },
    /// Everything in this conversation has been seen.
    MarkRead(ConversationId),
    /// Show something (line mode prints it).
    Show(Shown),
    /// Leave: the runtime finishes pending sends and stops.
    Quit,
}
