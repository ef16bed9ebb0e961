//! Conversations closed with `/close`: each with the last `seq` it had when closed, so
//! that a message stored after that opens it again without anyone having to say so.

use rusqlite::params;

use super::History;
use crate::domain::ConversationId;
use crate::store::StoreError;

impl History {
    /// Records that `conversation` was closed (`true`: up to what is stored now) or
    /// opened again (`false`). Repeating either is harmless.
    pub fn set_closed(
        &mut self,
        conversation: &ConversationId,
        closed: bool,
    ) -> Result<(), StoreError> {
        let sql = if closed {
            "INSERT INTO closed (conversation, seq)
             SELECT ?1, COALESCE(MAX(seq), 0) FROM messages WHERE conversation = ?1
             ON CONFLICT (conversation) DO UPDATE SET seq = excluded.seq"
        } else {
            "DELETE FROM closed WHERE conversation = ?1"
        };
        self.conn
            .execute(sql, params![conversation.storage_key()])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// The conversations closed and given nothing new since: the sidebar leaves them
    /// out. Keys that are not valid (a damaged file) are skipped.
    pub fn closed(&self) -> Result<Vec<ConversationId>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT conversation FROM closed AS c
                 WHERE c.seq >= COALESCE(
                    (SELECT MAX(seq) FROM messages WHERE conversation = c.conversation), 0)
                 ORDER BY conversation",
            )?;
            stmt.query_map([], |row| row.get::<_, String>(0))?.collect()
        };
        let keys = run().map_err(|e| self.err(e))?;
        Ok(keys
            .iter()
            .filter_map(|key| ConversationId::from_storage_key(key))
            .collect())
    }
}
