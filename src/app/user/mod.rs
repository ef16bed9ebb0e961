//! User mode: conversations, presence, commands and the outbox, as pure state.

mod conversation;
mod effect;
mod event;
mod state;
mod update;

#[cfg(test)]
mod tests;

pub use conversation::{Conversation, Line, Notice, NoticeLevel};
pub use effect::{Effect, Shown};
pub use event::{Action, Event};
pub use state::{ConnectionState, UserApp};
pub use update::{REMOVED, SEARCH_LIMIT};
