//! The lines a conversation shows: chat messages, the client's own notices, and the
//! separator before what arrived while the user was away.

use time::OffsetDateTime;

use crate::domain::{ChatMessage, UserName};

/// How a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Command output and information.
    Info,
    /// Someone joined or left: highlighted.
    Presence,
    /// Something went wrong: the user has to know.
    Error,
}

/// A line written by the client itself, never sent nor stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// When it happened.
    pub at: OffsetDateTime,
    /// How to show it.
    pub level: NoticeLevel,
    /// What to show.
    pub text: String,
}

/// One line of a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A chat message (stored in the history).
    Message(ChatMessage),
    /// A notice from the client.
    Notice(Notice),
    /// The separator before what arrived while the user was away.
    AwaySeparator(usize),
}

/// A collapsed line names this many people; the rest are counted.
const NAMED: usize = 3;

/// Who joined and who left, as one presence line shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PresenceGroup {
    /// People who came online, in the order they did.
    pub joined: Vec<UserName>,
    /// People who went offline, in the order they did.
    pub left: Vec<UserName>,
}

impl PresenceGroup {
    /// Adds one change; someone who leaves again right after joining is in neither.
    pub(super) fn add(&mut self, who: &UserName, joined: bool) {
        let (into, out) = if joined {
            (&mut self.joined, &mut self.left)
        } else {
            (&mut self.left, &mut self.joined)
        };
        if let Some(at) = out.iter().position(|n| n == who) {
            out.remove(at);
        } else if !into.contains(who) {
            into.push(who.clone());
        }
    }

    /// `alice joined`, `alice and bob joined`, `alice, bob, carol and 9 others joined;
    /// dave left`.
    pub fn text(&self) -> String {
        let part = |names: &[UserName], verb: &str| -> Option<String> {
            let shown: Vec<&str> = names.iter().take(NAMED).map(UserName::as_str).collect();
            let rest = names.len().saturating_sub(NAMED);
            let list = match (shown.as_slice(), rest) {
                ([], _) => return None,
                ([one], 0) => (*one).to_owned(),
                (all, 0) => {
                    let (last, first) = all.split_last()?;
                    format!("{} and {last}", first.join(", "))
                }
                (all, rest) => {
                    let others = if rest == 1 { "other" } else { "others" };
                    format!("{} and {rest} {others}", all.join(", "))
                }
            };
            Some(format!("{list} {verb}"))
        };
        let parts: Vec<String> = [part(&self.joined, "joined"), part(&self.left, "left")]
            .into_iter()
            .flatten()
            .collect();
        parts.join("; ")
    }
}
