//! Searching the history's text: every match counted, the newest of them returned.

use rusqlite::params;

use super::{History, escape_like, keep};
use crate::domain::{Content, SearchHits};
use crate::store::StoreError;
use crate::store::codec::{self, COLUMNS};

impl History {
    /// Messages whose text contains `text`, ignoring case (Unicode lowercase, so `AÇÃO`
    /// finds `ação`); `%` and `_` are plain characters. [`SearchHits::total`] counts
    /// every match; [`SearchHits::newest`] holds at most `limit` of them, newest first.
    /// Only text bodies are searched: unreadable lines never match, not even by their
    /// preview. An empty `text` matches every text message.
    pub fn search(&self, text: &str, limit: usize) -> Result<SearchHits, StoreError> {
        let needle = text.to_lowercase();
        // SQLite's LIKE folds ASCII case only; it narrows the scan when the needle is
        // ASCII, and the exact Unicode test below decides.
        let pattern = if needle.is_ascii() {
            format!("%{}%", escape_like(&needle))
        } else {
            "%".to_owned()
        };
        let sql = format!(
            "SELECT {COLUMNS} FROM messages WHERE kind = 'text' AND body LIKE ?1 ESCAPE '\\'
             ORDER BY seq DESC"
        );
        let run = || -> rusqlite::Result<SearchHits> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![pattern])?;
            let mut hits = SearchHits::default();
            while let Some(row) = rows.next()? {
                let Some(msg) = keep(codec::decode(row)?, &self.path) else {
                    continue;
                };
                if let Content::Text(body) = &msg.content
                    && body.to_lowercase().contains(&needle)
                {
                    hits.total += 1;
                    if hits.newest.len() < limit {
                        hits.newest.push(msg);
                    }
                }
            }
            Ok(hits)
        };
        run().map_err(|e| self.err(e))
    }
}
