//! The wire envelope: one UTF-8 JSON object per AMQP message (see `docs/protocol.md`).
//!
//! [`Envelope::encode`] writes it; [`Envelope::decode`] reads it and refuses anything that
//! is not a valid version-1 envelope with an [`Unreadable`] reason, never a panic. The
//! envelope format stays `v: 1`: protocol version 4's additions are optional fields that
//! older readers ignore ([`WireMarks`]).

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use super::marks::{ChangeKind, WireChange, WireMarks, WireReply};
use super::name::{TopicName, UserName};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u64 = 1;
/// Longest message body accepted for sending, in bytes of UTF-8 (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest message id accepted, in bytes.
pub const MAX_ID_BYTES: usize = 128;

/// A unique message id, used for de-duplication and as the AMQP `message_id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MessageId(String);

impl MessageId {
    /// A fresh, time-ordered unique id (UUID v7).
    pub fn generate() -> Self {
        Self(uuid::Uuid::now_v7().to_string())
    }

    /// Wraps an id read from the wire or the store.
    pub fn from_string(id: String) -> Self {
        Self(id)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A presence state, announced on `chat.presence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PresenceState {
    /// The client just started.
    Join,
    /// The client is online (answer to a join, or a periodic roster beat).
    Here,
    /// The client is quitting.
    Leave,
}

/// What an envelope carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// A direct message to one person.
    Direct {
        /// The recipient.
        to: UserName,
        /// The text.
        body: String,
    },
    /// A post in a topic.
    Topic {
        /// The topic posted in.
        to: TopicName,
        /// The text.
        body: String,
    },
    /// An operator's announcement (protocol version 3): published by an operator's
    /// account through `chat.announce`, which no user may write to.
    Announce {
        /// The text.
        body: String,
    },
    /// Someone is typing in a conversation (protocol version 4, kind `typing`, on the
    /// presence exchange): transient, never stored, at most one per typist every few
    /// seconds. `to` is the person typed to, or the topic.
    Typing {
        /// Where: the person written to (`@bob`) or the topic (`#news`).
        to: super::conversation::ConversationId,
    },
    /// A presence announcement.
    Presence {
        /// The sender's new state.
        state: PresenceState,
        /// The topics the sender has joined (so that others know who is in a topic);
        /// empty when not told.
        topics: Vec<TopicName>,
        /// A `join` sent again by a running client that lost its connection (version
        /// 3, field `again`): whoever already lists the sender need not answer it.
        again: bool,
        /// Away (version 4, field `away` of a `join` or `here`), with the reason given
        /// (empty: none); `None` when the sender is here.
        away: Option<String>,
    },
}

/// One decoded, valid message of the wire contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// Unique id, also the AMQP `message_id`.
    pub id: MessageId,
    /// Who sent it.
    pub from: UserName,
    /// When the sender sent it (UTC, second precision or finer).
    pub sent_at: OffsetDateTime,
    /// What it carries.
    pub payload: Payload,
    /// A `direct` or `topic` message's version-4 additions (action, reply, change);
    /// empty for every other kind.
    pub marks: WireMarks,
}

/// Why bytes from the broker are not a valid envelope. Shown as an "unreadable message".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable message: {0}")]
pub struct Unreadable(pub String);

#[derive(Serialize, Deserialize)]
struct Wire<'a> {
    v: u64,
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
    kind: std::borrow::Cow<'a, str>,
    from: std::borrow::Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<PresenceState>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    topics: Vec<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    again: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    away: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    action: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_to: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_author: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    edits: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deletes: Option<std::borrow::Cow<'a, str>>,
    sent_at: std::borrow::Cow<'a, str>,
}

/// Longest away reason kept, in characters (the rest is cut off).
pub const MAX_AWAY_CHARS: usize = 200;

/// An away reason cut to [`MAX_AWAY_CHARS`].
fn clip_away(reason: &str) -> String {
    reason.chars().take(MAX_AWAY_CHARS).collect()
}

/// Most topics a presence announcement lists; the rest is not read.
pub const MAX_PRESENCE_TOPICS: usize = 256;

/// Upper bound on the size of an envelope we are willing to parse (a body of
/// [`MAX_BODY_BYTES`] escaped to `\uXXXX` plus the other fields fits comfortably).
pub const MAX_ENVELOPE_BYTES: usize = 8 * MAX_BODY_BYTES;

impl Envelope {
    /// Builds a direct message from `from` to `to`, sent now, with a fresh id.
    pub fn direct(from: UserName, to: UserName, body: String) -> Self {
        Self::new(from, Payload::Direct { to, body })
    }

    /// Builds a topic post from `from` in `to`, sent now, with a fresh id.
    pub fn topic(from: UserName, to: TopicName, body: String) -> Self {
        Self::new(from, Payload::Topic { to, body })
    }

    /// Builds an operator's announcement from the account `from`, sent now, with a
    /// fresh id.
    pub fn announce(from: UserName, body: String) -> Self {
        Self::new(from, Payload::Announce { body })
    }

    /// Builds a typing notice from `from` in `to` (a person or a topic), sent now.
    pub fn typing(from: UserName, to: super::conversation::ConversationId) -> Self {
        Self::new(from, Payload::Typing { to })
    }

    /// Builds a presence announcement, sent now, with a fresh id.
    pub fn presence(from: UserName, state: PresenceState) -> Self {
        Self::presence_in(from, state, Vec::new())
    }

    /// Builds a presence announcement that lists the sender's topics.
    pub fn presence_in(from: UserName, state: PresenceState, topics: Vec<TopicName>) -> Self {
        Self::presence_with(from, state, topics, false)
    }

    /// Builds the `join` of a client back after losing its connection (it still knows
    /// who is online): answered only by those who do not list it.
    pub fn rejoin(from: UserName, topics: Vec<TopicName>) -> Self {
        Self::presence_with(from, PresenceState::Join, topics, true)
    }

    fn presence_with(
        from: UserName,
        state: PresenceState,
        topics: Vec<TopicName>,
        again: bool,
    ) -> Self {
        let payload = Payload::Presence {
            state,
            topics,
            again,
            away: None,
        };
        Self::new(from, payload)
    }

    /// The same presence announcement saying the sender is away (with the reason given,
    /// empty for none), or here (`None`). Only a `join` or `here` carries it.
    pub fn with_away(mut self, reason: Option<String>) -> Self {
        if let Payload::Presence { state, away, .. } = &mut self.payload
            && *state != PresenceState::Leave
        {
            *away = reason.map(|r| clip_away(&r));
        }
        self
    }

    fn new(from: UserName, payload: Payload) -> Self {
        Self {
            id: MessageId::generate(),
            from,
            sent_at: now_utc_millis(),
            payload,
            marks: WireMarks::default(),
        }
    }

    /// The same message with version-4 additions (action, reply, change).
    pub fn with_marks(self, marks: WireMarks) -> Self {
        Self { marks, ..self }
    }

    /// The wire form: compact UTF-8 JSON.
    pub fn encode(&self) -> Vec<u8> {
        let (kind, to, body, state) = match &self.payload {
            Payload::Direct { to, body } => {
                ("direct", Some(to.as_str()), Some(body.as_str()), None)
            }
            Payload::Topic { to, body } => ("topic", Some(to.as_str()), Some(body.as_str()), None),
            Payload::Announce { body } => ("announce", None, Some(body.as_str()), None),
            Payload::Typing { .. } => ("typing", None, None, None),
            Payload::Presence { state, .. } => ("presence", None, None, Some(*state)),
        };
        let (topics, again, away) = match &self.payload {
            Payload::Presence {
                topics,
                again,
                away,
                ..
            } => (
                topics.iter().map(|t| t.as_str().into()).collect(),
                *again,
                away.as_deref().map(Into::into),
            ),
            _ => (Vec::new(), false, None),
        };
        let wire = Wire {
            v: PROTOCOL_VERSION,
            id: self.id.as_str().into(),
            kind: kind.into(),
            from: self.from.as_str().into(),
            to: match &self.payload {
                Payload::Typing { to } => Some(to.storage_key().into()),
                _ => to.map(Into::into),
            },
            body: body.map(Into::into),
            state,
            topics,
            again,
            away,
            action: self.marks.action,
            reply_to: self.marks.reply.as_ref().map(|r| r.id.as_str().into()),
            reply_author: self.marks.reply.as_ref().map(|r| r.author.as_str().into()),
            edits: change_target(&self.marks, ChangeKind::Edit),
            deletes: change_target(&self.marks, ChangeKind::Delete),
            sent_at: format_time(self.sent_at).into(),
        };
        // Only strings, a number and an enum of unit variants: serde_json cannot fail on
        // them (it fails on non-string map keys and on custom serialisers, neither here).
        #[allow(clippy::expect_used)]
        serde_json::to_vec(&wire).expect("an envelope always serialises")
    }

    /// Reads bytes from the broker. Anything but a valid version-1 envelope is refused
    /// with the reason; unknown fields are ignored.
    pub fn decode(bytes: &[u8]) -> Result<Self, Unreadable> {
        if bytes.len() > MAX_ENVELOPE_BYTES {
            return Err(Unreadable(format!("{} bytes is too large", bytes.len())));
        }
        let text =
            std::str::from_utf8(bytes).map_err(|e| Unreadable(format!("not UTF-8 ({e})")))?;
        let wire: Wire = serde_json::from_str(text)
            .map_err(|e| Unreadable(format!("not a chat envelope ({e})")))?;
        if wire.v != PROTOCOL_VERSION {
            return Err(Unreadable(format!("unknown protocol version {}", wire.v)));
        }
        if wire.id.is_empty() || wire.id.len() > MAX_ID_BYTES {
            return Err(Unreadable("missing or over-long id".into()));
        }
        let from = UserName::parse(&wire.from)
            .map_err(|_| Unreadable(format!("invalid sender {:?}", clip(&wire.from))))?;
        let sent_at = parse_sent_at(&wire.sent_at)
            .ok_or_else(|| Unreadable(format!("invalid sent_at {:?}", clip(&wire.sent_at))))?;
        let text_body = |body: Option<std::borrow::Cow<'_, str>>| {
            let body = body.ok_or_else(|| Unreadable("missing body".into()))?;
            if body.len() > MAX_BODY_BYTES {
                return Err(Unreadable(format!(
                    "body of {} bytes is too large",
                    body.len()
                )));
            }
            Ok(body.into_owned())
        };
        let missing_to = || Unreadable("missing recipient".into());
        let payload = match wire.kind.as_ref() {
            "direct" => Payload::Direct {
                to: UserName::parse(&wire.to.ok_or_else(missing_to)?)
                    .map_err(|_| Unreadable("invalid recipient".into()))?,
                body: text_body(wire.body)?,
            },
            "topic" => Payload::Topic {
                to: TopicName::parse(&wire.to.ok_or_else(missing_to)?)
                    .map_err(|_| Unreadable("invalid topic".into()))?,
                body: text_body(wire.body)?,
            },
            "announce" => Payload::Announce {
                body: text_body(wire.body)?,
            },
            "typing" => Payload::Typing {
                to: wire
                    .to
                    .as_deref()
                    .and_then(super::conversation::ConversationId::from_storage_key)
                    .filter(|to| *to != super::conversation::ConversationId::Status)
                    .ok_or_else(|| Unreadable("typing without a valid place".into()))?,
            },
            "presence" => Payload::Presence {
                state: wire
                    .state
                    .ok_or_else(|| Unreadable("missing presence state".into()))?,
                // A name that is not a topic is not read; the announcement still is.
                topics: wire
                    .topics
                    .iter()
                    .take(MAX_PRESENCE_TOPICS)
                    .filter_map(|t| TopicName::parse(t).ok())
                    .collect(),
                again: wire.again && wire.state == Some(PresenceState::Join),
                away: wire
                    .away
                    .filter(|_| wire.state != Some(PresenceState::Leave))
                    .map(|reason| clip_away(&reason)),
            },
            other => return Err(Unreadable(format!("unknown kind {:?}", clip(other)))),
        };
        let marks = match &payload {
            Payload::Direct { .. } | Payload::Topic { .. } => read_marks(
                wire.action,
                wire.reply_to.as_deref(),
                wire.reply_author.as_deref(),
                wire.edits.as_deref(),
                wire.deletes.as_deref(),
            )?,
            _ => WireMarks::default(),
        };
        Ok(Self {
            id: MessageId::from_string(wire.id.into_owned()),
            from,
            sent_at,
            payload,
            marks,
        })
    }
}

/// The `edits` or `deletes` field: the target's id when the change is of that kind.
fn change_target(marks: &WireMarks, kind: ChangeKind) -> Option<std::borrow::Cow<'_, str>> {
    marks
        .change
        .as_ref()
        .filter(|change| change.kind == kind)
        .map(|change| change.target.as_str().into())
}

/// Whether `id` is a valid message id (1 to [`MAX_ID_BYTES`] bytes).
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID_BYTES
}

/// Reads the version-4 fields of a text message. A reply whose reference is not
/// valid is read as a plain message (the text still is one); a change that names no
/// valid message, or both an edit and a delete, is unreadable (it could only be applied
/// wrongly).
fn read_marks(
    action: bool,
    reply_to: Option<&str>,
    reply_author: Option<&str>,
    edits: Option<&str>,
    deletes: Option<&str>,
) -> Result<WireMarks, Unreadable> {
    let change = match (edits, deletes) {
        (Some(_), Some(_)) => {
            return Err(Unreadable("both an edit and a delete".into()));
        }
        (Some(id), None) | (None, Some(id)) if !valid_id(id) => {
            return Err(Unreadable("a change of an invalid message id".into()));
        }
        (Some(id), None) => Some(WireChange {
            kind: ChangeKind::Edit,
            target: MessageId::from_string(id.to_owned()),
        }),
        (None, Some(id)) => Some(WireChange {
            kind: ChangeKind::Delete,
            target: MessageId::from_string(id.to_owned()),
        }),
        (None, None) => None,
    };
    let reply = match (reply_to, reply_author) {
        (Some(id), Some(author)) if valid_id(id) => {
            UserName::parse(author).ok().map(|author| WireReply {
                id: MessageId::from_string(id.to_owned()),
                author,
            })
        }
        _ => None,
    };
    Ok(WireMarks {
        action,
        reply,
        change,
    })
}

/// The current time in UTC, cut to milliseconds (what the wire carries).
pub fn now_utc_millis() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.millisecond() as u32 * 1_000_000)
        .unwrap_or(now)
}

/// Formats a time as RFC 3339 in UTC, as the wire and the store write it.
pub fn format_time(at: OffsetDateTime) -> String {
    at.checked_to_offset(UtcOffset::UTC)
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// Reads a wire `sent_at`: RFC 3339, brought to UTC. `None` when it is not RFC 3339 or
/// its UTC form cannot be written back (`9999-12-31T23:59:59-01:00` is in year 10000),
/// so every decoded time can be stored, shown and sent again unchanged.
fn parse_sent_at(text: &str) -> Option<OffsetDateTime> {
    let at = OffsetDateTime::parse(text, &Rfc3339)
        .ok()?
        .checked_to_offset(UtcOffset::UTC)?;
    (0..=9999).contains(&at.year()).then_some(at)
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
#[path = "envelope_tests.rs"]
mod tests;
