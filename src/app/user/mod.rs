//! User mode: conversations (bounded windows of their history, paged from the store),
//! presence, commands and the outbox, as pure state.

mod conversation;
mod effect;
mod event;
mod navigate;
mod paging;
mod replies;
mod state;
mod update;
mod view;

#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod tests;

pub use conversation::{Conversation, Line, Notice, NoticeLevel};
pub use effect::{Effect, Shown};
pub use event::{Action, Event};
pub use paging::{FIRST_PAGE, PAGE_MESSAGES, PREFETCH_LINES, Paging, WINDOW_LINES};
pub use state::{ConnectionState, UserApp};
pub use update::{REMOVED, SEARCH_LIMIT};
pub use view::{Anchor, LineRows, Pane, View, one_row_per_line};
