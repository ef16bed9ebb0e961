//! One conversation as the app holds it: its window of lines, unread count, view and
//! paging state.

use std::collections::VecDeque;

use time::OffsetDateTime;

use super::line::{Line, PresenceGroup};
use super::paging::Paging;
use super::view::View;
use crate::domain::{ChatMessage, ConversationId, DeliveryStatus, MessageId};

/// A conversation in the sidebar.
///
/// It holds a bounded window of its history ([`lines`](Self::lines), at most
/// [`WINDOW_LINES`](super::WINDOW_LINES)), not all of it: the store has the rest, and
/// scrolling near either end of the window asks for the next page ([`Paging`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Who or what it is with.
    pub id: ConversationId,
    /// The loaded lines, oldest first.
    pub lines: VecDeque<Line>,
    /// Incoming messages not yet seen.
    pub unread: usize,
    /// Where the message pane's bottom is: following the newest line, or anchored.
    pub view: View,
    /// Messages that arrived while the view was scrolled back (the hint says how many).
    pub new_below: usize,
    /// What the window knows about the rest of the history, and the page asked for.
    pub paging: Paging,
    /// The people of the last presence line (and its time), so that changes close
    /// after it are merged into it.
    pub presence: Option<(OffsetDateTime, PresenceGroup)>,
    /// The message a search jumped to, drawn marked until the user leaves.
    pub marked: Option<MessageId>,
}

impl Conversation {
    /// An empty conversation.
    pub fn new(id: ConversationId) -> Self {
        Self {
            id,
            lines: VecDeque::new(),
            unread: 0,
            view: View::Following,
            new_below: 0,
            paging: Paging::default(),
            presence: None,
            marked: None,
        }
    }

    /// The message with this id, if it is loaded (or waiting to be shown when the
    /// window comes back to the newest lines).
    pub fn message_mut(&mut self, id: &MessageId) -> Option<&mut ChatMessage> {
        let waiting = self.paging.missed.iter_mut().rev();
        waiting
            .chain(self.lines.iter_mut().rev())
            .find_map(|line| match line {
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

    /// Where a loaded message is among the lines.
    pub fn line_of(&self, id: &MessageId) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| matches!(line, Line::Message(msg) if &msg.id == id))
    }

    /// Whether the pane shows the newest line and moves with new ones.
    pub fn is_following(&self) -> bool {
        self.view == View::Following
    }
}
