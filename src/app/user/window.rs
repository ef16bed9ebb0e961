//! How a conversation's window moves: new lines at the newest end, pages of history
//! prepended or appended, lines trimmed at the end away from the view (see [`paging`]
//! for the rules and their sizes).
//!
//! [`paging`]: super::Paging

use std::collections::HashSet;

use crate::domain::{ChatMessage, Direction, MessageId, MessagePage, PageAt};

use super::conversation::Conversation;
use super::effect::Effect;
use super::line::Line;
use super::paging::{FIRST_PAGE, PAGE_MESSAGES, WINDOW_LINES};
use super::view::{Anchor, View};

impl Conversation {
    /// Adds a new line at the newest end: a message received or written here, a notice.
    /// `height` is the pane's height (what may be on screen is never dropped).
    pub(super) fn push(&mut self, line: Line, height: usize) {
        if let Line::Message(msg) = &line {
            if self.paging.recent_ids.remove(&msg.id) {
                return;
            }
            if !self.is_following() {
                self.new_below += 1;
            }
        }
        if self.paging.newer {
            return self.keep_missed(line);
        }
        self.lines.push_back(line);
        let excess = self.lines.len().saturating_sub(WINDOW_LINES);
        if excess == 0 {
            return;
        }
        if self.is_following() || excess <= self.front_room(height) {
            self.drop_front(excess);
        } else if let Some(line) = self.lines.pop_back() {
            // Reading back near the oldest lines: those stay, the newest goes (it is
            // stored) and the window detaches.
            self.paging.newer = true;
            self.keep_missed(line);
        }
    }

    /// Loads messages read at start-up after what is already there, keeping the newest
    /// [`WINDOW_LINES`].
    pub(super) fn load(&mut self, messages: Vec<ChatMessage>) {
        self.paging.older = messages.len() >= FIRST_PAGE;
        self.lines.extend(messages.into_iter().map(Line::Message));
        let excess = self.lines.len().saturating_sub(WINDOW_LINES);
        self.drop_front(excess);
    }

    /// Applies an answered page; `false` if it no longer fits the window (which moved
    /// meanwhile) and was dropped. The view of an [`PageAt::Oldest`] page is left to the
    /// caller.
    pub(super) fn apply_page(&mut self, at: &PageAt, page: MessagePage, height: usize) -> bool {
        match at {
            PageAt::Before(id) => {
                if self.first_message_id() != Some(id) {
                    return false;
                }
                let fresh = self.fresh(page.messages);
                let added = fresh.len();
                for line in fresh.into_iter().rev() {
                    self.lines.push_front(line);
                }
                if let View::Anchored(anchor) = &mut self.view {
                    anchor.line += added;
                }
                self.paging.older = page.more;
                self.fit(true, height);
            }
            PageAt::After(id) => {
                if !self.paging.newer || self.last_message_id() != Some(id) {
                    return false;
                }
                let ids = page.messages.iter().map(|m| m.id.clone()).collect();
                let fresh = self.fresh(page.messages);
                self.lines.extend(fresh);
                if !page.more {
                    self.attach(ids);
                }
                self.fit(false, height);
            }
            PageAt::Newest => {
                let ids = page.messages.iter().map(|m| m.id.clone()).collect();
                self.lines = page.messages.into_iter().map(Line::Message).collect();
                self.paging.older = page.more;
                self.view = View::Following;
                self.new_below = 0;
                self.attach(ids);
                self.fit(false, height);
            }
            PageAt::Oldest => {
                let ids = page.messages.iter().map(|m| m.id.clone()).collect();
                self.lines = page.messages.into_iter().map(Line::Message).collect();
                self.paging.older = false;
                self.paging.newer = true;
                self.view = View::Anchored(Anchor { line: 0, below: 0 });
                if !page.more {
                    self.attach(ids);
                }
                self.fit(true, height);
            }
            PageAt::Around(id) => {
                let Some(line) = page.messages.iter().position(|m| &m.id == id) else {
                    // Not stored in this conversation: the window stays as it is.
                    return false;
                };
                let ids = page.messages.iter().map(|m| m.id.clone()).collect();
                self.lines = page.messages.into_iter().map(Line::Message).collect();
                // Older ones may exist: the page before says.
                self.paging.older = true;
                self.paging.newer = true;
                self.new_below = 0;
                self.view = View::Anchored(Anchor { line, below: 0 });
                if !page.more {
                    self.attach(ids);
                }
                self.fit(true, height);
            }
        }
        true
    }

    /// The id of the oldest loaded message.
    pub(super) fn first_message_id(&self) -> Option<&MessageId> {
        self.lines.iter().find_map(message_id)
    }

    /// The id of the newest loaded message.
    pub(super) fn last_message_id(&self) -> Option<&MessageId> {
        self.lines.iter().rev().find_map(message_id)
    }

    /// The window reaches the newest message again: what waited in `missed` follows
    /// (unless the page brought it), and later arrivals among `page_ids` are dropped.
    fn attach(&mut self, page_ids: HashSet<MessageId>) {
        self.paging.newer = false;
        let missed = std::mem::take(&mut self.paging.missed);
        let fresh: Vec<Line> = {
            let known = self.loaded_ids();
            missed
                .into_iter()
                .filter(|line| message_id(line).is_none_or(|id| !known.contains(id)))
                .collect()
        };
        self.lines.extend(fresh);
        self.paging.recent_ids = page_ids;
    }

    /// The messages of a page not already loaded (an outgoing line is shown before the
    /// outbox stores it, so its place in storage order can come after a line below it).
    fn fresh(&self, messages: Vec<ChatMessage>) -> Vec<Line> {
        let known = self.loaded_ids();
        messages
            .into_iter()
            .filter(|m| !known.contains(&m.id))
            .map(Line::Message)
            .collect()
    }

    fn loaded_ids(&self) -> HashSet<&MessageId> {
        self.lines.iter().filter_map(message_id).collect()
    }

    /// Keeps a line that came while detached, at most [`WINDOW_LINES`] of them: beyond
    /// that the oldest received message goes first (it is stored; a page brings it).
    fn keep_missed(&mut self, line: Line) {
        let missed = &mut self.paging.missed;
        missed.push_back(line);
        if missed.len() > WINDOW_LINES {
            let received = missed
                .iter()
                .position(|l| matches!(l, Line::Message(m) if m.direction == Direction::Incoming));
            missed.remove(received.unwrap_or(0));
        }
    }

    /// Brings the window back to [`WINDOW_LINES`], dropping lines first at the back
    /// (`prefer_back`) or the front, never any that may be on screen.
    fn fit(&mut self, prefer_back: bool, height: usize) {
        let mut excess = self.lines.len().saturating_sub(WINDOW_LINES);
        for back in [prefer_back, !prefer_back] {
            let (room, drop): (usize, fn(&mut Self, usize)) = if back {
                (self.back_room(), Self::drop_back)
            } else {
                (self.front_room(height), Self::drop_front)
            };
            let count = excess.min(room);
            drop(self, count);
            excess -= count;
        }
    }

    /// How many of the oldest lines are surely off screen.
    fn front_room(&self, height: usize) -> usize {
        let (bottom, _) = self.bottom();
        (bottom + 1).saturating_sub(height)
    }

    /// How many of the newest lines are below the pane.
    fn back_room(&self) -> usize {
        match self.view {
            View::Following => 0,
            View::Anchored(_) => self.lines.len().saturating_sub(self.bottom().0 + 1),
        }
    }

    /// Drops the `count` oldest lines; the store still has the messages among them.
    fn drop_front(&mut self, count: usize) {
        let dropped = self.lines.drain(..count.min(self.lines.len()));
        let messages = dropped.filter(|l| matches!(l, Line::Message(_))).count();
        if messages > 0 {
            self.paging.older = true;
        }
        if let View::Anchored(anchor) = &mut self.view {
            anchor.line = anchor.line.saturating_sub(count);
        }
    }

    /// Drops the `count` newest lines (below the pane); the window detaches if a
    /// message was among them.
    fn drop_back(&mut self, count: usize) {
        let keep = self.lines.len().saturating_sub(count);
        let dropped = self.lines.drain(keep..);
        if dropped.filter(|l| matches!(l, Line::Message(_))).count() > 0 {
            self.paging.newer = true;
        }
    }
}

/// The id of a message line.
fn message_id(line: &Line) -> Option<&MessageId> {
    match line {
        Line::Message(msg) => Some(&msg.id),
        _ => None,
    }
}

/// The request for a page of `conversation` at `at`.
pub(super) fn load_page(conversation: &Conversation, at: PageAt) -> Effect {
    Effect::LoadPage {
        conversation: conversation.id.clone(),
        at,
        limit: PAGE_MESSAGES,
    }
}
