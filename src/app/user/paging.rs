//! The bounded window of a conversation and the pages that move it.
//!
//! A conversation holds at most [`WINDOW_LINES`] lines. Start-up loads the newest
//! [`FIRST_PAGE`] messages; scrolling within [`PREFETCH_LINES`] of the oldest loaded
//! line asks the store for the [`PAGE_MESSAGES`] before it
//! ([`Effect::LoadPage`](super::Effect::LoadPage) with [`PageAt::Before`]), and the answer
//! ([`Event::PageLoaded`](super::Event::PageLoaded)) is prepended. When the window is
//! full, lines go at the end away from the view: the oldest while following the
//! bottom, the newest while reading back. Once the newest are gone the window is
//! *detached* ([`Paging::newer`]): new messages are stored by the runtime and only
//! counted here, and scrolling back down asks for the pages after the newest loaded
//! line, until a page reaches the newest message again.
//!
//! One page request at a time per conversation. An answer is applied only if it is the
//! one in flight and the window still ends where it was asked from; otherwise it is
//! dropped. Notices and away separators are not stored: once out of the window they
//! are gone, and those that come while the window is detached wait in
//! [`Paging::missed`] until it reaches the newest lines again.
//!
//! Why 1,000 lines: at most five pages, so a page can be prepended and the screen
//! still lies far from the end that is trimmed; and memory stays a few hundred KB per
//! conversation for ordinary chat lines, whatever the history's size.

use std::collections::{HashSet, VecDeque};

use crate::domain::{MessageId, PageAt};

use super::line::Line;

/// Most lines a conversation keeps loaded.
pub const WINDOW_LINES: usize = 1_000;
/// Messages per conversation loaded at start: more than a tall screen shows.
pub const FIRST_PAGE: usize = 150;
/// Messages asked for per page.
pub const PAGE_MESSAGES: usize = 200;
/// A page is asked for when the view comes this many lines (plus a screen) near an
/// end of the window, so that it usually arrives before the view gets there.
pub const PREFETCH_LINES: usize = 100;

/// What the window knows about the history beyond it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paging {
    /// The store may hold messages older than the oldest loaded one.
    pub older: bool,
    /// The window does not reach the newest message (detached): the store has newer ones.
    pub newer: bool,
    /// The page asked for and not answered yet.
    pub in_flight: Option<PageAt>,
    /// The newest page is wanted as soon as the page in flight is answered (End).
    pub(super) then_newest: bool,
    /// Lines that came while detached, shown once the window reaches the newest again
    /// (stored messages among them are dropped then if the page brought them).
    pub(super) missed: VecDeque<Line>,
    /// The messages of the last page that reached the newest: one of them received
    /// after the page was read is already shown.
    pub(super) recent_ids: HashSet<MessageId>,
}
