//! What calls for the user's attention: highlights counted and collected (`/mentions`),
//! notifications decided (per conversation `/notify` level, the terminal's focus), and
//! the unread conversations navigated (Alt-A, Alt-1..9, `/readall`).
//!
//! `/notify` levels live in memory for the run (the defaults: every direct message, a
//! topic's mentions); nothing here is stored.

use std::collections::{HashMap, VecDeque};

use time::OffsetDateTime;

use crate::domain::{ChatMessage, Content, ConversationId, NotifyLevel, UserName};

use super::effect::Effect;
use super::line::{Line, NoticeLevel};
use super::mentions::{is_highlight, mentions};
use super::state::UserApp;

/// `/mentions` lists at most this many highlights (the newest).
pub const RECENT_HIGHLIGHTS: usize = 50;

/// A highlight's text in `/mentions` and in a notification is cut to this many
/// characters.
pub const EXCERPT_CHARS: usize = 120;

/// One highlight of this run, as `/mentions` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Where it was.
    pub conversation: ConversationId,
    /// When it was sent.
    pub at: OffsetDateTime,
    /// Who wrote it.
    pub from: UserName,
    /// Its first line, cut to [`EXCERPT_CHARS`].
    pub text: String,
}

/// A notification for the runtime to give (bell, OSC 9 / 777, `notify_command`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Where the message is.
    pub conversation: ConversationId,
    /// Who wrote it.
    pub from: UserName,
    /// Its first line, cut to [`EXCERPT_CHARS`] (not yet made safe for a terminal).
    pub text: String,
}

/// The attention state of one client.
#[derive(Debug, Clone, Default)]
pub struct Attention {
    /// The newest highlights of this run, oldest first.
    pub recent: VecDeque<Highlight>,
    /// Levels set with `/notify`; the others are [`NotifyLevel::default_for`].
    pub levels: HashMap<ConversationId, NotifyLevel>,
    /// The terminal said it lost the focus (and has not said it has it again).
    pub unfocused: bool,
}

impl Attention {
    /// The level a conversation notifies at.
    pub fn level(&self, conversation: &ConversationId) -> NotifyLevel {
        self.levels
            .get(conversation)
            .copied()
            .unwrap_or_else(|| NotifyLevel::default_for(conversation))
    }
}

/// The first line of a text, cut to [`EXCERPT_CHARS`] characters (`…` when cut).
pub fn excerpt(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let mut cut: String = first.chars().take(EXCERPT_CHARS).collect();
    if cut.len() < first.len() || first.len() < text.trim_end().len() {
        cut.push('…');
    }
    cut
}

impl UserApp {
    /// A message was received into conversation `index` (its unread count already
    /// counted): a highlight is counted and collected, and a notification asked for
    /// when the conversation's level wants one and the user is not looking at it (or
    /// the terminal is unfocused).
    pub(super) fn note_arrival(&mut self, msg: &ChatMessage, index: usize, fx: &mut Vec<Effect>) {
        let (Some(from), Content::Text(body)) = (&msg.from, &msg.content) else {
            return;
        };
        if msg.is_mine(&self.me) {
            return;
        }
        let highlight = is_highlight(msg, &self.me);
        let looking = index == self.current && !self.attention.unfocused;
        if highlight {
            if index != self.current {
                self.conversations[index].highlights += 1;
            }
            let recent = &mut self.attention.recent;
            recent.push_back(Highlight {
                conversation: msg.conversation.clone(),
                at: msg.sent_at,
                from: from.clone(),
                text: excerpt(body),
            });
            if recent.len() > RECENT_HIGHLIGHTS {
                recent.pop_front();
            }
        }
        let wanted = match self.attention.level(&msg.conversation) {
            NotifyLevel::All => true,
            NotifyLevel::Mentions => highlight,
            NotifyLevel::None => false,
        };
        if wanted && !looking {
            fx.push(Effect::Notify(Notification {
                conversation: msg.conversation.clone(),
                from: from.clone(),
                text: excerpt(body),
            }));
        }
    }

    /// The terminal gained (`true`) or lost the focus.
    pub(super) fn on_focus(&mut self, focused: bool) {
        self.attention.unfocused = !focused;
    }

    /// `/mentions`: the recent highlights as notices, oldest first.
    pub(super) fn list_mentions(&mut self, fx: &mut Vec<Effect>) {
        if self.attention.recent.is_empty() {
            return self.notice(
                NoticeLevel::Info,
                "no highlights yet in this run (your name, @name, or a direct message)".into(),
                fx,
            );
        }
        let count = self.attention.recent.len();
        let plural = if count == 1 { "" } else { "s" };
        let mut texts = vec![format!("{count} highlight{plural}, oldest first:")];
        for highlight in &self.attention.recent {
            let at = highlight
                .at
                .checked_to_offset(self.local_offset)
                .unwrap_or(highlight.at);
            texts.push(format!(
                "{} {:02}:{:02} {}: {}",
                highlight.conversation,
                at.hour(),
                at.minute(),
                highlight.from,
                highlight.text
            ));
        }
        for text in texts {
            self.notice(NoticeLevel::Info, text, fx);
        }
    }

    /// `/notify [level]`: sets the current conversation's level, or says what it is.
    pub(super) fn set_notify_level(&mut self, level: Option<NotifyLevel>, fx: &mut Vec<Effect>) {
        let id = self.current_conversation().id.clone();
        if id == ConversationId::Status {
            return self.notice(
                NoticeLevel::Error,
                "the status buffer never notifies: /notify in a conversation with a person or a topic".into(),
                fx,
            );
        }
        let text = match level {
            None => format!(
                "{id} notifies: {} (/notify all|mentions|none changes it)",
                describe(self.attention.level(&id))
            ),
            Some(level) => {
                let stored = (level != NotifyLevel::default_for(&id)).then_some(level);
                match stored {
                    Some(level) => self.attention.levels.insert(id.clone(), level),
                    None => self.attention.levels.remove(&id),
                };
                fx.push(Effect::SetNotifyLevel {
                    conversation: id.clone(),
                    level: stored,
                });
                format!("{id} now notifies: {}", describe(level))
            }
        };
        self.notice(NoticeLevel::Info, text, fx);
    }

    /// Counts the highlights among the unread messages loaded at start: every unread
    /// direct message, and the unread topic posts of the loaded window that name me.
    pub(super) fn count_loaded_highlights(&mut self) {
        for conversation in &mut self.conversations {
            conversation.highlights = match &conversation.id {
                ConversationId::Direct(_) => conversation.unread,
                ConversationId::Topic(_) => conversation
                    .lines
                    .iter()
                    .rev()
                    .filter_map(|line| match line {
                        Line::Message(msg) if !msg.is_mine(&self.me) => Some(msg),
                        _ => None,
                    })
                    .take(conversation.unread)
                    .filter(|msg| match &msg.content {
                        Content::Text(body) => mentions(body, &self.me),
                        Content::Unreadable { .. } => false,
                    })
                    .count(),
                ConversationId::Status => 0,
            };
        }
    }
}

/// A level in words.
fn describe(level: NotifyLevel) -> &'static str {
    match level {
        NotifyLevel::All => "all (every message)",
        NotifyLevel::Mentions => "mentions (your name, @name, direct messages)",
        NotifyLevel::None => "none (muted)",
    }
}

impl UserApp {
    /// The TUI took the mouse or gave it back (F2): says what that means.
    pub(super) fn on_mouse_capture(&mut self, on: bool, fx: &mut Vec<Effect>) {
        let text = if on {
            "mouse on: click a conversation, the wheel scrolls; F2 gives the mouse back to the terminal (to select text)"
        } else {
            "mouse off: the terminal selects and copies text as usual; F2 turns the mouse back on"
        };
        self.notice(NoticeLevel::Info, text.into(), fx);
    }
}
