//! A chat line as the client keeps it: in memory, in the history store, on screen.

use time::OffsetDateTime;

use super::conversation::ConversationId;
use super::envelope::{Envelope, MessageId, Payload};
use super::marks::{Change, Marks, Reply, WireChange, WireMarks, WireReply, history_key, wire_key};
use super::name::UserName;

/// Whether a line was written here or came from the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Received from someone (or from ourselves through a topic binding).
    Incoming,
    /// Written by this user.
    Outgoing,
}

/// Where an outgoing message stands. Incoming messages are always [`Delivered`](Self::Delivered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Handed to the broker, not yet confirmed.
    Pending,
    /// Confirmed by the broker (outgoing) or stored here (incoming).
    Delivered,
    /// Refused; the text says why ("no such user bob").
    Failed(String),
    /// Not taken by the broker yet (a negative confirm, e.g. the recipient's inbox is
    /// full): still pending, and sent again with backoff. Only on screen: the store
    /// keeps it as [`Pending`](Self::Pending).
    Refused(String),
}

/// What the line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Text written by a person.
    Text(String),
    /// Bytes that reached the inbox but are not a valid envelope: the reason and a
    /// printable preview.
    Unreadable {
        /// Why it could not be read.
        reason: String,
        /// The first few characters, with anything unprintable escaped.
        preview: String,
    },
}

/// One message in a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Unique id (de-duplication key).
    pub id: MessageId,
    /// The conversation it belongs to.
    pub conversation: ConversationId,
    /// Who wrote it; `None` for unreadable messages.
    pub from: Option<UserName>,
    /// When it was sent.
    pub sent_at: OffsetDateTime,
    /// Written here or received.
    pub direction: Direction,
    /// Delivery state.
    pub status: DeliveryStatus,
    /// The text or the unreadable marker.
    pub content: Content,
    /// Action, reply, edited, deleted, or a change of another message (protocol
    /// version 4).
    pub marks: Marks,
}

impl ChatMessage {
    /// The chat line for a text envelope as `me` sees it, or `None` for presence.
    pub fn from_envelope(env: &Envelope, me: &UserName, direction: Direction) -> Option<Self> {
        let (conversation, body) = match &env.payload {
            Payload::Direct { to, body } => {
                let peer = if &env.from == me { to } else { &env.from };
                (ConversationId::Direct(peer.clone()), body)
            }
            Payload::Topic { to, body } => (ConversationId::Topic(to.clone()), body),
            Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => {
                return None;
            }
        };
        let status = match direction {
            Direction::Incoming => DeliveryStatus::Delivered,
            Direction::Outgoing => DeliveryStatus::Pending,
        };
        Some(Self {
            id: env.id.clone(),
            conversation,
            from: Some(env.from.clone()),
            sent_at: env.sent_at,
            direction,
            status,
            content: Content::Text(body.clone()),
            marks: marks_of(env, me),
        })
    }

    /// A change (edit or delete) of another message rather than a message of its own.
    pub fn is_change(&self) -> bool {
        self.marks.change.is_some()
    }

    /// A marked line for bytes that are not a valid envelope.
    pub fn unreadable(
        id: MessageId,
        reason: String,
        raw: &[u8],
        received_at: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            conversation: ConversationId::Status,
            from: None,
            sent_at: received_at,
            direction: Direction::Incoming,
            status: DeliveryStatus::Delivered,
            content: Content::Unreadable {
                reason,
                preview: printable_preview(raw, 60),
            },
            marks: Marks::default(),
        }
    }

    /// The envelope to send again for an outgoing text message still pending in the
    /// outbox (same id, so the receiver drops it if the first copy arrived).
    pub fn to_envelope(&self) -> Option<Envelope> {
        let (Direction::Outgoing, Some(from), Content::Text(body)) =
            (self.direction, &self.from, &self.content)
        else {
            return None;
        };
        let payload = match &self.conversation {
            ConversationId::Direct(to) => Payload::Direct {
                to: to.clone(),
                body: body.clone(),
            },
            ConversationId::Topic(to) => Payload::Topic {
                to: to.clone(),
                body: body.clone(),
            },
            ConversationId::Status => return None,
        };
        Some(Envelope {
            id: self.id.clone(),
            from: from.clone(),
            sent_at: self.sent_at,
            payload,
            marks: WireMarks {
                action: self.marks.action,
                reply: self.marks.reply.as_ref().map(|reply| WireReply {
                    id: wire_key(&reply.to, &reply.author),
                    author: reply.author.clone(),
                }),
                change: self.marks.change.as_ref().map(|change| WireChange {
                    kind: change.kind,
                    target: wire_key(&change.target, from),
                }),
            },
        })
    }

    /// The id its sender gave it: the history keys other people's messages by sender
    /// and id (`alice/<id>`, see [`crate::domain::receive::history_id`]).
    pub fn wire_id(&self) -> &str {
        let id = self.id.as_str();
        self.from
            .as_ref()
            .and_then(|from| id.strip_prefix(from.as_str()))
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(id)
    }

    /// Whether `me` wrote this line (shown as "you").
    pub fn is_mine(&self, me: &UserName) -> bool {
        self.from.as_ref() == Some(me)
    }
}

/// An envelope's version-4 additions as `me`'s history keys them: a reference to a
/// message becomes the history's key of that message, so a change from `bob` can only
/// name one of bob's messages.
fn marks_of(env: &Envelope, me: &UserName) -> Marks {
    Marks {
        action: env.marks.action && env.marks.change.is_none(),
        reply: env.marks.reply.as_ref().map(|reply| {
            Box::new(Reply {
                to: history_key(&reply.author, &reply.id, me),
                author: reply.author.clone(),
                quote: None,
            })
        }),
        change: env.marks.change.as_ref().map(|change| Change {
            kind: change.kind,
            target: history_key(&env.from, &change.target, me),
        }),
        edited: false,
        deleted: false,
    }
}

/// The first `max_chars` characters of `raw`, decoded lossily, with control and escape
/// characters shown as `\u{..}` so that nothing can move the cursor.
pub fn printable_preview(raw: &[u8], max_chars: usize) -> String {
    let text = String::from_utf8_lossy(&raw[..raw.len().min(max_chars * 4)]);
    let mut out = String::new();
    for c in text.chars().take(max_chars) {
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    if text.chars().count() > max_chars || raw.len() > max_chars * 4 {
        out.push('…');
    }
    out
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
