//! User mode: conversations (bounded windows of their history, paged from the store),
//! presence, commands and the outbox, as pure state.

pub mod completion;
mod conversation;
mod effect;
mod event;
mod line;
mod navigate;
mod open_close;
mod paging;
mod presence;
mod quick_switch;
mod replies;
mod scroll;
mod search;
mod state;
mod update;
mod view;
mod window;

#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod test_fixtures;
#[cfg(test)]
mod tests;

pub use conversation::Conversation;
pub use effect::{Effect, Shown};
pub use event::{Action, Event};
pub use line::{Line, Notice, NoticeLevel};
pub use paging::{FIRST_PAGE, PAGE_MESSAGES, PREFETCH_LINES, Paging, WINDOW_LINES};
pub use quick_switch::switcher_matches;
pub use search::{SEARCH_LIMIT, SearchList};
pub use state::{ConnectionState, LineRows, UserApp, one_row_per_line};
pub use update::{REMOVED, blocked_text};
pub use view::{Anchor, Pane, View};
