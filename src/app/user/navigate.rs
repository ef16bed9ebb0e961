//! Scrolling keys and the pages they ask for: `UserApp`'s side of [`super::paging`].

use crate::domain::{ConversationId, MessagePage, PageAt};

use super::effect::Effect;
use super::line::NoticeLevel;
use super::paging::PREFETCH_LINES;
use super::state::UserApp;
use super::view::{Anchor, Pane, View};
use super::window::load_page;

impl UserApp {
    /// PgUp: `rows` rows back in the current conversation, asking for the page before
    /// when the view nears the oldest loaded line.
    pub(super) fn scroll_up(&mut self, rows: usize, fx: &mut Vec<Effect>) {
        let index = self.current;
        let view = self.view_up(&self.conversations[index], rows);
        self.set_view(index, view);
        self.prefetch(index, fx);
    }

    /// PgDn: `rows` rows forward, asking for the page after when the window does not
    /// reach the newest message and the view nears its newest loaded line.
    pub(super) fn scroll_down(&mut self, rows: usize, fx: &mut Vec<Effect>) {
        let index = self.current;
        let view = self.view_down(&self.conversations[index], rows);
        self.set_view(index, view);
        self.prefetch(index, fx);
    }

    /// End: follow the newest line, asking for the newest page first when the window
    /// moved away from it (the view waits at the newest loaded line meanwhile).
    pub(super) fn go_to_newest(&mut self, index: usize, fx: &mut Vec<Effect>) {
        let conversation = &mut self.conversations[index];
        if !conversation.paging.newer {
            return self.set_view(index, View::Following);
        }
        let line = conversation.lines.len().saturating_sub(1);
        conversation.view = View::Anchored(Anchor { line, below: 0 });
        if !self.request(index, PageAt::Newest, fx) {
            self.conversations[index].paging.then_newest = true;
        }
    }

    /// Home: the oldest loaded line at the top, and the oldest page if the store has
    /// older messages.
    pub(super) fn go_to_oldest(&mut self, fx: &mut Vec<Effect>) {
        let index = self.current;
        let view = self.view_from_top(&self.conversations[index]);
        self.set_view(index, view);
        if self.conversations[index].paging.older {
            self.request(index, PageAt::Oldest, fx);
        }
    }

    /// A page came back from the store: applied if it is the one asked for and the
    /// window still ends where it was asked from, else dropped.
    pub(super) fn on_page_loaded(
        &mut self,
        conversation: &ConversationId,
        at: &PageAt,
        result: Result<MessagePage, String>,
        fx: &mut Vec<Effect>,
    ) {
        let Some(index) = self.position(conversation) else {
            return;
        };
        let height = self.pane_rows();
        let paging = &mut self.conversations[index].paging;
        if paging.in_flight.as_ref() != Some(at) {
            return;
        }
        paging.in_flight = None;
        match result {
            Ok(page) => {
                let applied = self.conversations[index].apply_page(at, page, height);
                match at {
                    PageAt::Oldest if applied => {
                        let view = self.view_from_top(&self.conversations[index]);
                        self.set_view(index, view);
                    }
                    PageAt::Around(id) if applied => self.centre_on(index, id),
                    PageAt::Around(_) => {
                        self.conversations[index].marked = None;
                        self.notice(
                            NoticeLevel::Error,
                            format!("that message is no longer in the history of {conversation}"),
                            fx,
                        );
                    }
                    _ => {}
                }
            }
            Err(reason) => self.notice(
                NoticeLevel::Error,
                format!("cannot read more of {conversation} from the history: {reason}"),
                fx,
            ),
        }
        if std::mem::take(&mut self.conversations[index].paging.then_newest) {
            self.go_to_newest(index, fx);
        }
    }

    /// The pane was drawn at a new size: lines may wrap to fewer rows, so no anchor may
    /// hide more rows of its line than the line has now.
    pub(super) fn on_pane_resized(&mut self, pane: Pane) {
        self.pane = pane;
        for index in 0..self.conversations.len() {
            let conversation = &self.conversations[index];
            let View::Anchored(anchor) = conversation.view else {
                continue;
            };
            let rows = self.rows_of(conversation, anchor.line);
            if let View::Anchored(anchor) = &mut self.conversations[index].view {
                anchor.below = anchor.below.min(rows - 1);
            }
        }
    }

    /// Sets a conversation's view; following again clears the count of new lines.
    fn set_view(&mut self, index: usize, view: View) {
        let conversation = &mut self.conversations[index];
        conversation.view = view;
        if view == View::Following {
            conversation.new_below = 0;
        }
    }

    /// Asks for the next page if the view is near an end of the window that is not an
    /// end of the history.
    fn prefetch(&mut self, index: usize, fx: &mut Vec<Effect>) {
        let near = PREFETCH_LINES + self.pane_rows();
        let conversation = &self.conversations[index];
        let (bottom, _) = conversation.bottom();
        let at = if conversation.paging.older && bottom < near {
            conversation.first_message_id().cloned().map(PageAt::Before)
        } else if conversation.paging.newer && bottom + near >= conversation.lines.len() {
            let after = conversation.last_message_id().cloned();
            Some(after.map_or(PageAt::Newest, PageAt::After))
        } else {
            None
        };
        if let Some(at) = at {
            self.request(index, at, fx);
        }
    }

    /// Asks for a page unless one is in flight for this conversation; `true` if asked.
    pub(super) fn request(&mut self, index: usize, at: PageAt, fx: &mut Vec<Effect>) -> bool {
        let conversation = &mut self.conversations[index];
        if conversation.paging.in_flight.is_some() {
            return false;
        }
        conversation.paging.in_flight = Some(at.clone());
        fx.push(load_page(conversation, at));
        true
    }
}
