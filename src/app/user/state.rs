//! The user-mode state: everything the views draw.

use std::collections::{BTreeSet, HashMap};

use time::UtcOffset;

use crate::domain::{ChatMessage, ConversationId, MessageId, TopicName, Trust, UserName};

use super::attention::Attention;
use super::conversation::Conversation;
use super::search::SearchList;
use super::view::Pane;

/// How many rows line `index` of `conversation` takes in a pane `width` columns wide,
/// counting anything drawn above it with it (a day separator).
pub type LineRows = fn(&UserApp, &Conversation, usize, u16) -> usize;

/// The default [`LineRows`]: one row per line (line mode, tests).
pub fn one_row_per_line(_: &UserApp, _: &Conversation, _: usize, _: u16) -> usize {
    1
}

/// The broker connection as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionState {
    /// Connecting or taking the inbox.
    Connecting,
    /// The inbox is ours.
    Connected,
    /// The connection was lost and the client is getting it back by itself.
    Reconnecting {
        /// Why the connection ended, or why the last attempt failed.
        reason: String,
        /// Seconds until the next attempt; 0 while an attempt is under way.
        retry_in_secs: u64,
    },
    /// The connection is gone for good (removed by an administrator); the text says why.
    Disconnected(String),
}

/// The state of one running user client.
#[derive(Debug, Clone)]
pub struct UserApp {
    /// Who we are.
    pub me: UserName,
    /// The broker, for the status bar (no password).
    pub broker_label: String,
    /// Local time offset used to show times.
    pub local_offset: UtcOffset,
    /// Sidebar order: status first, then people, then topics, each sorted by name.
    pub conversations: Vec<Conversation>,
    /// Index of the conversation on screen.
    pub current: usize,
    /// Who is online, as presence told us (includes us once connected).
    pub online: BTreeSet<UserName>,
    /// The topics each person online announced they are in.
    pub topics_of: HashMap<UserName, BTreeSet<TopicName>>,
    /// Topics our inbox is bound to.
    pub subscriptions: BTreeSet<TopicName>,
    /// Connection state.
    pub connection: ConnectionState,
    /// Why the broker blocks publishing right now (a resource alarm), if it does.
    pub blocked: Option<String>,
    /// Receiving is paused: the history cannot take what arrives.
    pub receiving_paused: bool,
    /// Whether names are verified (the user's own account) or not (open mode, the
    /// shared guest account); the status bar says so in open mode.
    pub trust: Trust,
    /// Whether the F1 help overlay is open.
    pub help_open: bool,
    /// Messages still expected from the backlog found at connect.
    pub(super) backlog_remaining: u32,
    /// Conversations that already got an away separator this session.
    pub(super) away_marked: BTreeSet<ConversationId>,
    /// Messages written in this run that the broker has not answered yet, so their
    /// answer is shown even when they have left their conversation's window.
    pub(super) unconfirmed: HashMap<MessageId, ChatMessage>,
    /// Set once `/quit` was asked for.
    pub quitting: bool,
    /// The message pane's size as last drawn (scrolling moves by its rows).
    pub pane: Pane,
    /// How tall a line is on screen: lent by the view ([`UserApp::set_layout`]).
    pub(super) layout: LineRows,
    /// Conversations closed with `/close`: not in the sidebar, their history kept.
    pub closed: BTreeSet<ConversationId>,
    /// Who is away (this user too), as `/away` and presence say.
    pub away: super::away::Away,
    /// `/who` questions waiting for the answers to our join.
    pub(super) who: super::who::Who,
    /// Typing notices sent and seen.
    pub typing: super::typing::Typing,
    /// The matches of the last `/search`, while their list is open.
    pub search: Option<SearchList>,
    /// Highlights, `/notify` levels and the terminal's focus.
    pub attention: Attention,
}

impl UserApp {
    /// A fresh app for `me`, before any history is loaded.
    pub fn new(me: UserName, broker_label: String, local_offset: UtcOffset) -> Self {
        Self {
            me,
            broker_label,
            local_offset,
            conversations: vec![Conversation::new(ConversationId::Status)],
            current: 0,
            online: BTreeSet::new(),
            topics_of: HashMap::new(),
            subscriptions: BTreeSet::new(),
            connection: ConnectionState::Connecting,
            blocked: None,
            receiving_paused: false,
            help_open: false,
            trust: Trust::Accounts,
            backlog_remaining: 0,
            away_marked: BTreeSet::new(),
            unconfirmed: HashMap::new(),
            quitting: false,
            pane: Pane::default(),
            layout: one_row_per_line,
            closed: BTreeSet::new(),
            away: super::away::Away::default(),
            who: super::who::Who::default(),
            typing: super::typing::Typing::default(),
            search: None,
            attention: Attention::default(),
        }
    }

    /// Tells the app how many rows a line takes on screen, so that scrolling moves by
    /// rows (the TUI lends its layout; without one every line counts as one row).
    pub fn set_layout(&mut self, layout: LineRows) {
        self.layout = layout;
    }

    /// Loads what the store kept: each conversation's recent messages (the newest
    /// [`WINDOW_LINES`](super::WINDOW_LINES) of them are kept; a conversation given at
    /// least [`FIRST_PAGE`](super::FIRST_PAGE) may have older ones in the store), unread
    /// counts and subscriptions. The first conversation with unread messages (else the
    /// most recent) becomes current.
    pub fn load_history(
        &mut self,
        history: Vec<(ConversationId, Vec<ChatMessage>)>,
        unread: Vec<(ConversationId, usize)>,
        subscriptions: Vec<TopicName>,
    ) {
        for topic in subscriptions {
            self.ensure_conversation(ConversationId::Topic(topic.clone()));
            self.subscriptions.insert(topic);
        }
        let most_recent = history.first().map(|(id, _)| id.clone());
        for (id, messages) in history {
            let index = self.ensure_conversation(id);
            self.conversations[index].load(messages);
        }
        for (id, count) in unread {
            let index = self.ensure_conversation(id);
            self.conversations[index].unread = count;
        }
        let first_unread = self.conversations.iter().position(|c| c.unread > 0);
        let recent = most_recent.and_then(|id| self.position(&id));
        if let Some(index) = first_unread.or(recent) {
            self.current = index;
            self.conversations[index].clear_unread();
        }
        self.count_loaded_highlights();
    }

    /// The conversation on screen.
    pub fn current_conversation(&self) -> &Conversation {
        &self.conversations[self.current]
    }

    /// Where a conversation sits in the sidebar.
    pub fn position(&self, id: &ConversationId) -> Option<usize> {
        self.conversations.iter().position(|c| &c.id == id)
    }

    /// Whether a person is online as far as presence says.
    pub fn is_online(&self, user: &UserName) -> bool {
        // While reconnecting the roster is kept (see `on_reconnecting`) but not vouched
        // for: nobody is shown online until the connection is back.
        self.connection == ConnectionState::Connected && self.online.contains(user)
    }

    /// Total unread messages outside the current conversation.
    pub fn total_unread(&self) -> usize {
        self.conversations.iter().map(|c| c.unread).sum()
    }

    /// Finds or adds a conversation, keeping the sidebar order; returns its index and
    /// keeps `current` on the same conversation.
    pub(super) fn ensure_conversation(&mut self, id: ConversationId) -> usize {
        if let Some(index) = self.position(&id) {
            return index;
        }
        let index = self
            .conversations
            .iter()
            .position(|c| c.id > id)
            .unwrap_or(self.conversations.len());
        self.conversations.insert(index, Conversation::new(id));
        if index <= self.current && self.conversations.len() > 1 {
            self.current += 1;
        }
        index
    }
}
