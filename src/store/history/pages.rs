//! Paging through one conversation: a page before or after a message already loaded,
//! or at either end, read through the `(conversation, seq)` index.

use rusqlite::params;

use super::{History, keep, sql_limit};
use crate::domain::{ChatMessage, ConversationId, MessageId, MessagePage, PageAt};
use crate::store::StoreError;
use crate::store::codec::{self, COLUMNS};

/// The `seq` of the cursor message (`?3`), within the conversation (`?1`).
const CURSOR: &str = "(SELECT seq FROM messages WHERE id = ?3 AND conversation = ?1)";

/// The query for a page at `at`: conversation `?1`, `?2` rows, cursor id `?3`; rows
/// come nearest the cursor (or the end) first.
pub(in crate::store) fn page_sql(at: &PageAt) -> String {
    let (filter, order) = match at {
        PageAt::Before(_) => (format!("AND seq < {CURSOR}"), "DESC"),
        PageAt::After(_) => (format!("AND seq > {CURSOR}"), "ASC"),
        PageAt::Newest => (String::new(), "DESC"),
        PageAt::Oldest => (String::new(), "ASC"),
        PageAt::Around(_) => (format!("AND seq = {CURSOR}"), "ASC"),
    };
    format!(
        "SELECT {COLUMNS} FROM messages WHERE conversation = ?1 {filter}
         ORDER BY seq {order} LIMIT ?2"
    )
}

impl History {
    /// At most `limit` consecutive messages of `conversation`, oldest first, at `at`:
    /// just before or after a message (by storage order, not by `sent_at`), or at
    /// either end. [`MessagePage::more`] says whether the store has more beyond the page
    /// in that direction. A cursor message that is not stored in this conversation (an
    /// outgoing line not yet written by the outbox) gives an empty page with `more`
    /// false. Damaged rows are left out but still count towards the page's size.
    pub fn page(
        &self,
        conversation: &ConversationId,
        at: &PageAt,
        limit: usize,
    ) -> Result<MessagePage, StoreError> {
        match at {
            PageAt::Around(id) => self.page_around(conversation, id, limit),
            _ => self.page_inner(conversation, at, limit),
        }
    }

    /// [`History::page`] at an end or next to a message; [`PageAt::Around`] here reads
    /// the message alone.
    fn page_inner(
        &self,
        conversation: &ConversationId,
        at: &PageAt,
        limit: usize,
    ) -> Result<MessagePage, StoreError> {
        let sql = page_sql(at);
        let newest_first = matches!(at, PageAt::Before(_) | PageAt::Newest);
        let cursor = match at {
            PageAt::Before(id) | PageAt::After(id) | PageAt::Around(id) => Some(id.as_str()),
            PageAt::Newest | PageAt::Oldest => None,
        };
        let key = conversation.storage_key();
        // One row more than asked says whether there is more.
        let wanted = sql_limit(limit).saturating_add(1);
        let run = || -> rusqlite::Result<Vec<Result<ChatMessage, String>>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = match cursor {
                Some(id) => stmt.query_map(params![key, wanted, id], codec::decode)?,
                None => stmt.query_map(params![key, wanted], codec::decode)?,
            };
            rows.collect()
        };
        let mut rows = run().map_err(|e| self.err(e))?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        if newest_first {
            rows.reverse();
        }
        let messages = rows
            .into_iter()
            .filter_map(|row| keep(row, &self.path))
            .collect();
        Ok(MessagePage { messages, more })
    }

    /// The message `id` with up to `limit` messages in all around it: the newer half
    /// after it, the rest before. Empty when `id` is not stored in `conversation`;
    /// [`MessagePage::more`] says whether newer ones lie beyond the page.
    fn page_around(
        &self,
        conversation: &ConversationId,
        id: &MessageId,
        limit: usize,
    ) -> Result<MessagePage, StoreError> {
        let target = self.page_inner(conversation, &PageAt::Around(id.clone()), 1)?;
        if target.messages.is_empty() || limit == 0 {
            return Ok(MessagePage::default());
        }
        let after = limit.saturating_sub(1) / 2;
        let before = limit.saturating_sub(1) - after;
        let older = self.page_inner(conversation, &PageAt::Before(id.clone()), before)?;
        let newer = self.page_inner(conversation, &PageAt::After(id.clone()), after)?;
        let mut messages = older.messages;
        messages.extend(target.messages);
        messages.extend(newer.messages);
        Ok(MessagePage {
            messages,
            more: newer.more,
        })
    }
}
