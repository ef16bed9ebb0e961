//! Local history: every message received or sent, durable before it is acked.
//!
//! One SQLite file per user ([`History::default_path`]); it is also the outbox of
//! outgoing messages waiting for the broker's confirmation
//! ([`History::pending_outgoing`]). [`HistoryReader`] reads it without writing, for
//! `chat-tui history`.

mod codec;
pub mod disk_sync;
pub mod error;
pub mod history;
pub mod integrity;
pub mod lock;
pub mod paths;
pub mod reader;
pub mod recover;
pub mod schema;

pub use disk_sync::DiskSync;
pub use error::StoreError;
pub use history::History;
pub use integrity::{Integrity, Salvaged};
pub use lock::HistoryLock;
pub use reader::HistoryReader;

#[cfg(test)]
mod changes_tests;
#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod tests;
