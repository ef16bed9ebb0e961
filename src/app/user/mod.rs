//! User mode: conversations (bounded windows of their history, paged from the store),
//! presence, commands and the outbox, as pure state.

mod actions;
mod attention;
mod away;
pub mod completion;
mod conversation;
mod effect;
mod event;
mod line;
mod links;
mod mentions;
mod navigate;
mod open_close;
mod paging;
mod presence;
mod quick_switch;
mod replies;
mod scroll;
mod search;
mod state;
mod typing;
mod unread_nav;
mod update;
mod view;
mod who;
mod window;

#[cfg(test)]
mod attention_tests;
#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod test_fixtures;
#[cfg(test)]
mod tests;

pub use attention::{
    Attention, EXCERPT_CHARS, Highlight, Notification, RECENT_HIGHLIGHTS, excerpt,
};
pub use away::Away;
pub use conversation::Conversation;
pub use effect::{Effect, Shown};
pub use event::{Action, Event};
pub use line::{Line, Notice, NoticeLevel};
pub use links::{LISTED_LINKS, find_links};
pub use mentions::{is_drawn_highlighted, is_highlight, mentions};
pub use paging::{FIRST_PAGE, PAGE_MESSAGES, PREFETCH_LINES, Paging, WINDOW_LINES};
pub use quick_switch::switcher_matches;
pub use search::{SEARCH_LIMIT, SearchList};
pub use state::{ConnectionState, LineRows, UserApp, one_row_per_line};
pub use typing::{TYPING_EVERY_MILLIS, TYPING_SHOWN_MILLIS, Typing};
pub use update::{REMOVED, blocked_text};
pub use view::{Anchor, Pane, View};
pub use who::{SETTLE_MILLIS as WHO_SETTLE_MILLIS, Who};
