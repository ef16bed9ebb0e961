//! What user mode asks the runtime to do, and what it shows.

use crate::domain::wire::AnswerTo;
use crate::domain::{ChatMessage, ConversationId, Envelope, NotifyLevel, PageAt, TopicName};

use super::attention::Notification;
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
    /// Bind the inbox again to every topic the user is in (on each connection: an inbox
    /// made again has lost its bindings); quiet unless a topic is gone
    /// ([`Event::TopicGone`](super::Event::TopicGone)) or the broker refuses.
    Rejoin(Vec<TopicName>),
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
    /// Records that a conversation was closed (`true`: not listed at the next start
    /// unless something new comes) or opened again (`false`).
    SetClosed {
        /// Which conversation.
        conversation: ConversationId,
        /// Closed, or open again.
        closed: bool,
    },
    /// Records the level a conversation notifies at (`None`: its default again), set
    /// with `/notify`.
    SetNotifyLevel {
        /// Which conversation.
        conversation: ConversationId,
        /// Its level.
        level: Option<NotifyLevel>,
    },
    /// A typed line was refused (a typo in a command, a message over the limit): it goes
    /// back into the input box, if that is still empty, to be corrected (line mode has
    /// nothing to put it back into).
    GiveBack(String),
    /// Call the user: a highlight (or, at level `all`, any message) arrived where they
    /// are not looking.
    Notify(Notification),
    /// Open a link (`http(s)://`, printable ASCII) with the configured opener.
    OpenLink(String),
    /// Answer [`Event::PresenceSettled`](super::Event::PresenceSettled) after
    /// [`WHO_SETTLE_MILLIS`](super::WHO_SETTLE_MILLIS), when the answers to our join are in.
    SettlePresence,
    /// Answer [`Event::TypingExpired`](super::Event::TypingExpired) with this number
    /// after [`TYPING_SHOWN_MILLIS`](super::TYPING_SHOWN_MILLIS).
    ExpireTyping(u64),
    /// Show something (line mode prints it).
    Show(Shown),
    /// Leave: the runtime finishes pending sends and stops.
    Quit,
}
