//! The typing indicator (protocol version 4, opt-out with `typing = false`): while you
//! type in a conversation, at most one small transient notice every
//! [`TYPING_EVERY_MILLIS`]; someone else's is shown as `bob is typing…` above the input
//! for [`TYPING_SHOWN_MILLIS`], or until their message arrives. Nothing of it is
//! stored or counted as unread.

use time::{Duration, OffsetDateTime};

use crate::domain::{ConversationId, Envelope, UserName};

use super::effect::Effect;
use super::state::{ConnectionState, UserApp};

/// At most one typing notice per conversation this often, in milliseconds.
pub const TYPING_EVERY_MILLIS: i64 = 3_000;
/// How long someone is shown typing after their last notice, in milliseconds.
pub const TYPING_SHOWN_MILLIS: u64 = 5_000;

/// Typing notices sent and seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typing {
    /// Whether this user's typing is announced (the `typing` setting).
    pub enabled: bool,
    /// Where and when our last notice went.
    last_sent: Option<(ConversationId, OffsetDateTime)>,
    /// Who is typing where, each with the number of the notice that said so (it is
    /// forgotten when that notice's time is up, unless a newer one came).
    pub others: Vec<(UserName, ConversationId, u64)>,
    /// Numbers the notices seen.
    seen: u64,
}

impl Default for Typing {
    fn default() -> Self {
        Self {
            enabled: true,
            last_sent: None,
            others: Vec::new(),
            seen: 0,
        }
    }
}

impl UserApp {
    /// A key changed the text being written (at `at`): tells the conversation, at most
    /// once every [`TYPING_EVERY_MILLIS`].
    pub(super) fn on_typing(&mut self, at: OffsetDateTime, fx: &mut Vec<Effect>) {
        if !self.typing.enabled || self.connection != ConnectionState::Connected {
            return;
        }
        let to = self.current_conversation().id.clone();
        match &to {
            ConversationId::Status => return,
            ConversationId::Topic(topic) if !self.subscriptions.contains(topic) => return,
            _ => {}
        }
        if let Some((last, when)) = &self.typing.last_sent
            && *last == to
            && at - *when < Duration::milliseconds(TYPING_EVERY_MILLIS)
        {
            return;
        }
        self.typing.last_sent = Some((to.clone(), at));
        fx.push(Effect::Publish(Envelope::typing(self.me.clone(), to)));
    }

    /// `from` is typing to `to` (us, or a topic): shown in that conversation for a while.
    pub(super) fn on_peer_typing(
        &mut self,
        from: UserName,
        to: ConversationId,
        fx: &mut Vec<Effect>,
    ) {
        let place = match to {
            ConversationId::Direct(ref user) if *user == self.me => {
                ConversationId::Direct(from.clone())
            }
            ConversationId::Topic(ref topic)
                if self.subscriptions.contains(topic) || self.current_conversation().id == to =>
            {
                to
            }
            _ => return,
        };
        if from == self.me {
            return;
        }
        self.typing.seen += 1;
        let number = self.typing.seen;
        self.typing
            .others
            .retain(|(who, where_, _)| !(*who == from && *where_ == place));
        self.typing.others.push((from, place, number));
        fx.push(Effect::ExpireTyping(number));
    }

    /// The time of the typing notice `number` is up.
    pub(super) fn typing_expired(&mut self, number: u64) {
        self.typing.others.retain(|(_, _, n)| *n != number);
    }

    /// A message from `from` in `place` arrived: they are done typing it.
    pub(super) fn typing_done(&mut self, from: Option<&UserName>, place: &ConversationId) {
        self.typing
            .others
            .retain(|(who, where_, _)| Some(who) != from || where_ != place);
    }

    /// `bob is typing…`, `bob and carol are typing…`, `3 people are typing…` for the
    /// current conversation, if anyone is.
    pub fn typing_text(&self) -> Option<String> {
        let here = &self.current_conversation().id;
        let mut names: Vec<&str> = self
            .typing
            .others
            .iter()
            .filter(|(_, place, _)| place == here)
            .map(|(who, _, _)| who.as_str())
            .collect();
        names.sort_unstable();
        match names.as_slice() {
            [] => None,
            [one] => Some(format!("{one} is typing…")),
            [a, b] => Some(format!("{a} and {b} are typing…")),
            more => Some(format!("{} people are typing…", more.len())),
        }
    }
}

#[cfg(test)]
#[path = "typing_tests.rs"]
mod tests;
