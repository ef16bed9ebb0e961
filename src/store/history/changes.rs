//! Edits and deletes (protocol version 4): applied to the message they name, in the
//! transaction that stores the burst they came in, and only when they come from that
//! message's sender in that message's conversation. This user's own changes wait on
//! the changed row (`change_id`, `change_status`) until the broker confirms them.

use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::domain::marks::{Change, ChangeKind, DELETED_BODY, Marks};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, UserName,
};

/// Replaces the text, unless the message is deleted or has a newer edit already (a
/// change sent again, or arriving late, is not applied twice or backwards).
const EDIT_SQL: &str = "UPDATE messages SET body = ?1, edited = 1, changed_at = ?2,
        change_id = COALESCE(?3, change_id),
        change_status = CASE WHEN ?3 IS NULL THEN change_status ELSE 'pending' END
    WHERE id = ?4 AND conversation = ?5 AND sender IS ?6 AND kind = 'text' AND deleted = 0
      AND (changed_at IS NULL OR changed_at < ?2)";

/// Removes the text for good (a delete is final, whatever its time).
const DELETE_SQL: &str = "UPDATE messages SET body = '', deleted = 1, changed_at = ?1,
        change_id = COALESCE(?2, change_id),
        change_status = CASE WHEN ?2 IS NULL THEN change_status ELSE 'pending' END
    WHERE id = ?3 AND conversation = ?4 AND sender IS ?5 AND kind = 'text' AND deleted = 0";

/// Applies the change `msg` to the message it names; `true` when it changed it. A
/// change that names no message of its sender in its conversation (someone else's
/// message, a message not stored here, one already deleted) changes nothing and is
/// logged.
pub(super) fn apply(conn: &Connection, msg: &ChatMessage) -> rusqlite::Result<bool> {
    let (Some(change), Content::Text(body)) = (&msg.marks.change, &msg.content) else {
        return Ok(false);
    };
    let own_change = (msg.direction == Direction::Outgoing).then(|| msg.id.as_str());
    let at = unix_millis(msg.sent_at);
    let target = change.target.as_str();
    let conversation = msg.conversation.storage_key();
    let sender = msg.from.as_ref().map(UserName::as_str);
    let changed = match change.kind {
        ChangeKind::Edit => conn.prepare_cached(EDIT_SQL)?.execute(params![
            body,
            at,
            own_change,
            target,
            conversation,
            sender
        ])?,
        ChangeKind::Delete => conn.prepare_cached(DELETE_SQL)?.execute(params![
            at,
            own_change,
            target,
            conversation,
            sender
        ])?,
    };
    if changed == 0 {
        tracing::info!(
            change = %crate::logging::safe(&msg.id.as_str()),
            target = %crate::logging::safe(&change.target.as_str()),
            sender = ?msg.from.as_ref().map(UserName::as_str),
            "change not applied: no such message of its sender in that conversation, or already applied"
        );
    }
    Ok(changed == 1)
}

/// This user's changes the broker has not confirmed yet, in the order of the rows they
/// changed, as messages to publish again (same id: receivers apply a change once).
pub(super) fn pending(conn: &Connection) -> rusqlite::Result<Vec<ChatMessage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, conversation, sender, change_id, changed_at, deleted, body FROM messages
         WHERE change_status = 'pending' ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, Option<i64>>(4)?,
            row.get::<_, bool>(5)?,
            row.get::<_, String>(6)?,
        ))
    })?;
    let mut pending = Vec::new();
    for row in rows {
        let (target, conversation, sender, change_id, changed_at, deleted, body) = row?;
        let built = (|| {
            Some(ChatMessage {
                id: MessageId::from_string(change_id?),
                conversation: ConversationId::from_storage_key(&conversation)?,
                from: Some(UserName::parse(&sender?).ok()?),
                sent_at: from_unix_millis(changed_at?)?,
                direction: Direction::Outgoing,
                status: DeliveryStatus::Pending,
                content: Content::Text(if deleted {
                    DELETED_BODY.to_owned()
                } else {
                    body
                }),
                marks: Marks {
                    change: Some(Change {
                        kind: if deleted {
                            ChangeKind::Delete
                        } else {
                            ChangeKind::Edit
                        },
                        target: MessageId::from_string(target.clone()),
                    }),
                    ..Marks::default()
                },
            })
        })();
        match built {
            Some(msg) => pending.push(msg),
            None => tracing::warn!(
                target = %crate::logging::safe(&target),
                "skipping a pending change that does not read back"
            ),
        }
    }
    Ok(pending)
}

/// A time as Unix milliseconds (how `changed_at` orders changes).
fn unix_millis(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn from_unix_millis(millis: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).ok()
}
