//! `/search`: every match counted, the newest of them in a list to move through, and a
//! jump from the list to the message in its conversation with the history around it.
//!
//! The list is app state ([`SearchList`]) so that the keys that move through it are
//! tested here; the TUI draws it as an overlay, line mode prints each match as a notice
//! line (never kept in a conversation: the list is the TUI's way to show them).

use crate::domain::{ChatMessage, Content, ConversationId, MessageId, PageAt, SearchHits};

use super::effect::{Effect, Shown};
use super::line::{Notice, NoticeLevel};
use super::state::UserApp;
use super::update::now;
use super::view::{Anchor, View};

/// Most matches listed; every match is counted.
pub const SEARCH_LIMIT: usize = 200;

/// The matches of the last `/search`, while their list is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchList {
    /// What was searched.
    pub query: String,
    /// How many messages match in all.
    pub total: usize,
    /// The newest matches, newest first (at most [`SEARCH_LIMIT`]).
    pub hits: Vec<ChatMessage>,
    /// The match the cursor is on.
    pub selected: usize,
}

impl UserApp {
    /// The answer to `/search`: the count said in a notice, the matches listed.
    pub(super) fn on_search_results(
        &mut self,
        query: &str,
        hits: SearchHits,
        fx: &mut Vec<Effect>,
    ) {
        self.search = None;
        let listed = hits.newest.len();
        let text = match (hits.total, listed) {
            (0, _) => format!("no message contains {query:?}"),
            (1, _) => format!("1 message contains {query:?}"),
            (total, listed) if listed < total => {
                format!("{total} messages contain {query:?} (the newest {listed} are listed)")
            }
            (total, _) => format!("{total} messages contain {query:?}"),
        };
        self.notice(NoticeLevel::Info, text, fx);
        if listed == 0 {
            return;
        }
        for msg in &hits.newest {
            let line = format!("  {}", self.search_line(msg));
            fx.push(Effect::Show(Shown::Notice(Notice {
                at: now(),
                level: NoticeLevel::Info,
                text: line,
            })));
        }
        self.search = Some(SearchList {
            query: query.to_string(),
            total: hits.total,
            hits: hits.newest,
            selected: 0,
        });
    }

    /// One match as the list (and line mode) shows it: `2026-12-04 10:00 #news bob:
    /// text` in a topic, `… bob: text` from a person, `… you → bob: text` to one.
    pub fn search_line(&self, msg: &ChatMessage) -> String {
        let from = match &msg.from {
            Some(from) if from == &self.me => "you".to_string(),
            Some(from) => from.to_string(),
            None => "?".to_string(),
        };
        let who = match &msg.conversation {
            ConversationId::Direct(peer) if from == "you" => format!("you → {peer}"),
            ConversationId::Direct(_) => from,
            place => format!("{place} {from}"),
        };
        let at = msg
            .sent_at
            .checked_to_offset(self.local_offset)
            .unwrap_or(msg.sent_at);
        let body = match &msg.content {
            Content::Text(text) => text.as_str(),
            Content::Unreadable { preview, .. } => preview.as_str(),
        };
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} {who}: {body}",
            at.year(),
            at.month() as u8,
            at.day(),
            at.hour(),
            at.minute(),
        )
    }

    /// Moves the list's cursor by `by` rows (negative: up), stopping at either end.
    pub(super) fn move_selection(&mut self, by: isize) {
        if let Some(list) = &mut self.search {
            let last = list.hits.len().saturating_sub(1);
            list.selected = list.selected.saturating_add_signed(by).min(last);
        }
    }

    /// Enter on the list: closes it and opens the selected message's conversation at
    /// that message, with the history around it read from the store.
    pub(super) fn open_selected(&mut self, fx: &mut Vec<Effect>) {
        let Some(list) = self.search.take() else {
            return;
        };
        let Some(msg) = list.hits.get(list.selected) else {
            return;
        };
        let id = msg.id.clone();
        let conversation = msg.conversation.clone();
        self.reopen_if_closed(&conversation, fx);
        self.switch_to(conversation, fx);
        let index = self.current;
        self.conversations[index].marked = Some(id.clone());
        // A jump wins over a page still on its way: that answer will be dropped.
        self.conversations[index].paging.in_flight = None;
        self.request(index, PageAt::Around(id), fx);
    }

    /// A page around a search match arrived and was applied: the match goes to the
    /// middle of the pane.
    pub(super) fn centre_on(&mut self, index: usize, id: &MessageId) {
        let Some(line) = self.conversations[index].line_of(id) else {
            return;
        };
        self.conversations[index].view = View::Anchored(Anchor { line, below: 0 });
        let view = self.view_down(&self.conversations[index], self.pane_rows() / 2);
        self.conversations[index].view = view;
    }
}
