//! What can happen to user mode: input, keys, and answers from the broker and the store.

use crate::domain::wire::AnswerTo;
use crate::domain::{
    ChatMessage, ConversationId, MessageId, MessagePage, PageAt, PresenceState, SearchHits,
    TopicName, UserName,
};

/// A navigation key, already mapped from the terminal (same in every front-end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Ctrl-N / Alt-Right: the next conversation.
    NextConversation,
    /// Ctrl-P / Alt-Left: the previous conversation.
    PrevConversation,
    /// PgUp: scroll back by a page (the message pane's height, less one row).
    PageUp,
    /// PgDn: scroll forward by a page.
    PageDown,
    /// Scroll back by this many rows.
    ScrollUp(usize),
    /// Scroll forward by this many rows.
    ScrollDown(usize),
    /// Ctrl-Home: the oldest message of the conversation.
    ScrollToOldest,
    /// Ctrl-End: the newest message, following new ones again.
    ScrollToNewest,
    /// F1: show or hide the help overlay.
    ToggleHelp,
    /// Esc: close the help overlay, else the search results, if open.
    Escape,
    /// Up/Down/PgUp/PgDn in the search results: move the cursor by this many rows
    /// (negative: up).
    MoveSelection(isize),
    /// Enter in the search results: open the message in its conversation.
    OpenSelected,
    /// Ctrl-C: leave.
    Quit,
    /// Alt-A: the conversation with the most important unread activity.
    JumpToActivity,
    /// Alt-1..9: the Nth conversation of the sidebar (1 is the first).
    GoTo(usize),
    /// Alt-Shift-A: every conversation read.
    ReadAll,
}

/// One input to [`UserApp::update`](super::UserApp::update).
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A line submitted in the input box (or read from stdin in line mode).
    Input(String),
    /// A navigation key.
    Key(Action),
    /// The inbox is ours (at start, or again after a reconnection); `waiting` messages
    /// were in it when we took it.
    Connected {
        /// Messages that arrived while the user was away.
        waiting: u32,
    },
    /// The first connection is slow: the broker accepts it but does not answer in
    /// time (busy); the client keeps trying for a while.
    SlowToConnect,
    /// The connection was lost (or an attempt to get it back failed) and the next
    /// attempt is `retry_in_secs` away (0: under way). Sent again every second while
    /// the client waits, so the status bar counts down.
    Reconnecting {
        /// Why the connection ended, or why the last attempt failed.
        reason: String,
        /// Seconds until the next attempt.
        retry_in_secs: u64,
    },
    /// The history cannot take what arrives (a full disk, say): receiving is paused,
    /// the messages wait on the broker; the text says why.
    ReceivingPaused(String),
    /// The history file is damaged: nothing more is stored in it; the text says what to
    /// do.
    HistoryDamaged(String),
    /// The history takes messages again: receiving goes on.
    ReceivingResumed,
    /// The connection is gone and will not come back by itself.
    Disconnected(String),
    /// An administrator deleted this user (`chat-tui admin`): the broker closed the
    /// connection and the inbox is gone. Nothing will arrive any more.
    RemovedByAdmin,
    /// The broker refuses this user for good (protocol version 3: the account banned,
    /// removed or its password changed, its inbox gone): the sentence says which.
    /// Nothing will arrive any more.
    ShutOut(String),
    /// A new message, already stored durably (duplicates never reach the app).
    Received(ChatMessage),
    /// A presence announcement from someone.
    Presence {
        /// Who.
        from: UserName,
        /// Their new state.
        state: PresenceState,
        /// The topics they have joined, as they announce them.
        topics: Vec<TopicName>,
        /// For a `join`: where the answer goes (`None` from a version-1 client, which is
        /// answered on the fanout).
        answer: Option<AnswerTo>,
        /// A `join` sent again after a lost connection: answered only when the sender
        /// is not listed already.
        again: bool,
        /// Away, with the reason given (empty: none), as a `join` or `here` says
        /// (protocol version 4); `None`: here.
        away: Option<String>,
    },
    /// An outgoing message is stored (pending) in the history: from now on it is shown,
    /// and it survives anything. Every message written comes back as this first.
    Queued(ChatMessage),
    /// An outgoing message could not be stored, so it was not sent: the text comes
    /// back to the user with the reason.
    NotStored {
        /// Where it was to go.
        to: ConversationId,
        /// What was written.
        text: String,
        /// Why it could not be stored.
        reason: String,
    },
    /// The broker confirmed an outgoing message.
    SendConfirmed(MessageId),
    /// The broker did not take an outgoing message (a negative confirm, e.g. the
    /// recipient's inbox is full); it stays pending and is sent again later.
    SendRefused(MessageId, String),
    /// The broker blocked publishing (a resource alarm; the text is its reason), or
    /// unblocked it (`None`). What is written meanwhile is stored and waits.
    Blocked(Option<String>),
    /// The broker refused an outgoing message; the text says why.
    SendFailed(MessageId, String),
    /// Subscribed to a topic.
    Joined(TopicName),
    /// Unsubscribed from a topic.
    Left(TopicName),
    /// A topic the user was in no longer exists (found when binding to it again): the
    /// subscription is forgotten.
    TopicGone(TopicName),
    /// A command that needed the broker or the store failed; the text says why.
    CommandFailed(String),
    /// The answer to `/topics`.
    TopicsListed(Result<Vec<TopicName>, String>),
    /// The answer to `/search`.
    SearchResults {
        /// What was searched.
        query: String,
        /// How many match, and the newest of them.
        hits: SearchHits,
    },
    /// A key changed the text being written, at this time (the TUI says so; protocol
    /// version 4's typing indicator).
    Typing {
        /// When.
        at: time::OffsetDateTime,
    },
    /// Someone is typing to us or in a topic (a typing notice on the presence feed).
    PeerTyping {
        /// Who.
        from: UserName,
        /// To whom (us) or where (a topic).
        to: ConversationId,
    },
    /// The time of a typing notice is up (the answer to
    /// [`Effect::ExpireTyping`](super::Effect::ExpireTyping)).
    TypingExpired(u64),
    /// The periodic roster timer fired.
    RosterTick,
    /// A moment has passed since connecting (the answer to
    /// [`Effect::SettlePresence`](super::Effect::SettlePresence)): the answers to our
    /// join are in.
    PresenceSettled,
    /// The user asked to switch to a conversation by other means (e.g. a click).
    Open(ConversationId),
    /// The answer to [`Effect::LoadPage`](super::Effect::LoadPage).
    PageLoaded {
        /// Whose history.
        conversation: ConversationId,
        /// Which page was asked for.
        at: PageAt,
        /// The page, or why the store could not read it.
        result: Result<MessagePage, String>,
    },
    /// The terminal gained (`true`) or lost the focus (focus reporting).
    Focus(bool),
    /// The TUI took the mouse (`true`) or gave it back to the terminal (F2).
    MouseCapture(bool),
    /// The message pane was drawn at a new size.
    PaneResized {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
}
