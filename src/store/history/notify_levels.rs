//! The level each conversation notifies at, where `/notify` set one: kept so that a
//! muted topic stays muted at the next start.

use rusqlite::params;

use super::History;
use crate::domain::{ConversationId, NotifyLevel};
use crate::store::StoreError;

impl History {
    /// Records the level `conversation` notifies at (`None`: its default again).
    pub fn set_notify_level(
        &mut self,
        conversation: &ConversationId,
        level: Option<NotifyLevel>,
    ) -> Result<(), StoreError> {
        let key = conversation.storage_key();
        let done = match level {
            Some(level) => self.conn.execute(
                "INSERT INTO notify_levels (conversation, level) VALUES (?1, ?2)
                 ON CONFLICT (conversation) DO UPDATE SET level = excluded.level",
                params![key, level.to_string()],
            ),
            None => self.conn.execute(
                "DELETE FROM notify_levels WHERE conversation = ?1",
                params![key],
            ),
        };
        done.map(drop).map_err(|e| self.err(e))
    }

    /// Every level set, by conversation. Rows that are not valid (a damaged file) are
    /// skipped.
    pub fn notify_levels(&self) -> Result<Vec<(ConversationId, NotifyLevel)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(String, String)>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT conversation, level FROM notify_levels ORDER BY conversation",
            )?;
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        };
        let rows = run().map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .filter_map(|(key, level)| {
                Some((
                    ConversationId::from_storage_key(key)?,
                    NotifyLevel::parse(level)?,
                ))
            })
            .collect())
    }
}

#[cfg(test)]
#[path = "notify_levels_tests.rs"]
mod tests;
