//! How a [`ChatMessage`] is spelled in the `messages` table, and read back.
//!
//! Columns: `conversation` is [`ConversationId::storage_key`], `sent_at` RFC 3339 UTC,
//! `direction` `in`/`out`, `status` `pending`/`delivered`/`failed` with `failure` holding
//! the reason, `kind` `text`/`unreadable` with `body` holding the text or the preview and
//! `reason` why it was unreadable.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::domain::envelope::format_time;
use crate::domain::marks::{Marks, Reply, quote_of};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName,
};

/// The columns every message query selects, in the order [`decode`] reads them: the
/// row's own, then (schema version 4) its marks and the start of the message it
/// replies to, when that is stored in the same conversation. Every query selecting them
/// reads `FROM messages` without an alias (the quote's subquery names the outer row so);
/// a message that replies to nothing costs no look-up.
pub const COLUMNS: &str = "seq, id, conversation, sender, sent_at, direction, status, failure, \
    kind, body, reason, action, reply_to, reply_author, edited, deleted, \
    CASE WHEN reply_to IS NULL THEN NULL ELSE (SELECT substr(q.body, 1, 400) FROM messages AS q \
        WHERE q.id = messages.reply_to AND q.conversation = messages.conversation) END, \
    CASE WHEN reply_to IS NULL THEN NULL ELSE (SELECT q.deleted FROM messages AS q \
        WHERE q.id = messages.reply_to AND q.conversation = messages.conversation) END";

/// [`COLUMNS`] for a file of a schema older than version 4 (read without migrating it,
/// by `chat-tui history`): no message has marks there.
pub const LEGACY_COLUMNS: &str = "seq, id, conversation, sender, sent_at, direction, status, \
    failure, kind, body, reason, 0, NULL, NULL, 0, 0, NULL, NULL";

/// A message as column values, borrowed from the message.
pub struct Row<'a> {
    /// `id`
    pub id: &'a str,
    /// `conversation`
    pub conversation: String,
    /// `sender`
    pub sender: Option<&'a str>,
    /// `sent_at`
    pub sent_at: String,
    /// `direction`
    pub direction: &'static str,
    /// `status`
    pub status: &'static str,
    /// `failure`
    pub failure: Option<&'a str>,
    /// `kind`
    pub kind: &'static str,
    /// `body`
    pub body: &'a str,
    /// `reason`
    pub reason: Option<&'a str>,
    /// `action`
    pub action: bool,
    /// `reply_to`
    pub reply_to: Option<&'a str>,
    /// `reply_author`
    pub reply_author: Option<&'a str>,
    /// `edited`
    pub edited: bool,
    /// `deleted`
    pub deleted: bool,
}

/// Spells a message as column values.
pub fn encode(msg: &ChatMessage) -> Row<'_> {
    let (status, failure) = status_columns(&msg.status);
    let (kind, body, reason) = match &msg.content {
        Content::Text(text) => ("text", text.as_str(), None),
        Content::Unreadable { reason, preview } => {
            ("unreadable", preview.as_str(), Some(reason.as_str()))
        }
    };
    Row {
        id: msg.id.as_str(),
        conversation: msg.conversation.storage_key(),
        sender: msg.from.as_ref().map(UserName::as_str),
        sent_at: format_time(msg.sent_at),
        direction: match msg.direction {
            Direction::Incoming => "in",
            Direction::Outgoing => "out",
        },
        status,
        failure,
        kind,
        body,
        reason,
        action: msg.marks.action,
        reply_to: msg.marks.reply.as_ref().map(|r| r.to.as_str()),
        reply_author: msg.marks.reply.as_ref().map(|r| r.author.as_str()),
        edited: msg.marks.edited,
        deleted: msg.marks.deleted,
    }
}

/// The `status` and `failure` columns for a delivery status.
pub fn status_columns(status: &DeliveryStatus) -> (&'static str, Option<&str>) {
    match status {
        DeliveryStatus::Pending | DeliveryStatus::Refused(_) => ("pending", None),
        DeliveryStatus::Delivered => ("delivered", None),
        DeliveryStatus::Failed(reason) => ("failed", Some(reason.as_str())),
    }
}

/// Reads a row selected with [`COLUMNS`]. The outer error is SQLite's (wrong column
/// types); the inner one says why a row with valid types still is not a message (a bad
/// conversation key, sender, time or enum value), so the caller can skip it.
pub fn decode(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<ChatMessage, String>> {
    let seq: i64 = row.get(0)?;
    let id: String = row.get(1)?;
    let conversation: String = row.get(2)?;
    let sender: Option<String> = row.get(3)?;
    let sent_at: String = row.get(4)?;
    let direction: String = row.get(5)?;
    let status: String = row.get(6)?;
    let failure: Option<String> = row.get(7)?;
    let kind: String = row.get(8)?;
    let body: String = row.get(9)?;
    let reason: Option<String> = row.get(10)?;
    let action: bool = row.get(11)?;
    let reply_to: Option<String> = row.get(12)?;
    let reply_author: Option<String> = row.get(13)?;
    let edited: bool = row.get(14)?;
    let deleted: bool = row.get(15)?;
    let quoted_body: Option<String> = row.get(16)?;
    let quoted_deleted: Option<bool> = row.get(17)?;
    let build = || -> Result<ChatMessage, String> {
        let conversation = ConversationId::from_storage_key(&conversation)
            .ok_or_else(|| format!("bad conversation key {conversation:?}"))?;
        let from = sender
            .map(|s| UserName::parse(&s).map_err(|e| e.to_string()))
            .transpose()?;
        let sent_at = OffsetDateTime::parse(&sent_at, &Rfc3339)
            .map_err(|e| format!("bad sent_at {sent_at:?}: {e}"))?;
        let direction = match direction.as_str() {
            "in" => Direction::Incoming,
            "out" => Direction::Outgoing,
            other => return Err(format!("bad direction {other:?}")),
        };
        let status = match (status.as_str(), failure) {
            ("pending", _) => DeliveryStatus::Pending,
            ("delivered", _) => DeliveryStatus::Delivered,
            ("failed", reason) => DeliveryStatus::Failed(reason.unwrap_or_default()),
            (other, _) => return Err(format!("bad status {other:?}")),
        };
        let content = match kind.as_str() {
            "text" => Content::Text(body),
            "unreadable" => Content::Unreadable {
                reason: reason.unwrap_or_default(),
                preview: body,
            },
            other => return Err(format!("bad kind {other:?}")),
        };
        let reply = match (reply_to, reply_author) {
            (Some(to), Some(author)) => Some(Box::new(Reply {
                to: MessageId::from_string(to),
                author: UserName::parse(&author).map_err(|e| e.to_string())?,
                quote: quoted_body.map(|body| quote_of(&body, quoted_deleted.unwrap_or(false))),
            })),
            _ => None,
        };
        let marks = Marks {
            action,
            reply,
            change: None,
            edited,
            deleted,
        };
        Ok(ChatMessage {
            id: MessageId::from_string(id),
            conversation,
            from,
            sent_at,
            direction,
            status,
            content,
            marks,
        })
    };
    Ok(build().map_err(|problem| format!("row {seq}: {problem}")))
}
