//! What start-up reads before the first frame besides the pages: which conversations
//! exist and what is unread in each. Both walk the `(conversation, seq)` indexes, one
//! short index search per conversation, so they cost the same with a thousand stored
//! messages or a million.

use rusqlite::params;

use super::History;
use crate::domain::ConversationId;
use crate::store::StoreError;

/// Prefixes a query with `keys(k)`: every distinct conversation key, by a skip-scan of
/// `messages_by_conversation` (each step asks the index for the first key after the
/// previous one: one search per conversation instead of a pass over every row).
macro_rules! with_conversation_keys {
    ($query:literal) => {
        concat!(
            "WITH RECURSIVE keys(k) AS (
                SELECT MIN(conversation) FROM messages
                UNION ALL
                SELECT (SELECT MIN(conversation) FROM messages WHERE conversation > k)
                FROM keys WHERE k IS NOT NULL
            ) ",
            $query
        )
    };
}

/// Each conversation and its last `seq`, the most recent first.
pub(in crate::store) const CONVERSATIONS_SQL: &str = with_conversation_keys!(
    "SELECT k, (SELECT MAX(seq) FROM messages WHERE conversation = k) AS last
    FROM keys WHERE k IS NOT NULL ORDER BY last DESC"
);

/// Each conversation with unread messages and how many, the most recent first.
pub(in crate::store) const UNREAD_SQL: &str = with_conversation_keys!(
    ", counts(k, n, last) AS MATERIALIZED (
        SELECT k,
            (SELECT COUNT(*) FROM messages
             WHERE direction = 'in' AND conversation = k
               AND seq > COALESCE((SELECT seq FROM read_markers WHERE conversation = k), 0)),
            (SELECT MAX(seq) FROM messages WHERE direction = 'in' AND conversation = k)
        FROM keys WHERE k IS NOT NULL
    )
    SELECT k, n FROM counts WHERE n > 0 ORDER BY last DESC"
);

impl History {
    /// The conversations that have messages, the most recently active (last stored
    /// message) first.
    pub fn conversations(&self) -> Result<Vec<ConversationId>, StoreError> {
        let rows = self.query_pairs(CONVERSATIONS_SQL)?;
        Ok(rows.into_iter().map(|(conv, _)| conv).collect())
    }

    /// For each conversation with unread messages, how many: incoming messages stored
    /// after its read marker (outgoing ones never count). Most recently active (last
    /// unread message) first; conversations with nothing unread are left out. Each count
    /// reads the range of `messages_incoming` after the marker: the cost is the number
    /// of unread messages, not of stored ones.
    pub fn unread_counts(&self) -> Result<Vec<(ConversationId, usize)>, StoreError> {
        self.query_pairs(UNREAD_SQL).map(|rows| {
            rows.into_iter()
                .map(|(conv, n)| (conv, usize::try_from(n).unwrap_or(0)))
                .collect()
        })
    }

    /// Runs a `SELECT conversation_key, number` query, skipping bad keys with a warning.
    fn query_pairs(&self, sql: &str) -> Result<Vec<(ConversationId, i64)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(ConversationId, i64)>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(params![], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows
                .into_iter()
                .filter_map(|(key, n)| match ConversationId::from_storage_key(&key) {
                    Some(conv) => Some((conv, n)),
                    None => {
                        tracing::warn!(path = %self.path.display(), "skipping bad conversation key {key:?}");
                        None
                    }
                })
                .collect())
        };
        run().map_err(|e| self.err(e))
    }
}
