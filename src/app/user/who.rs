//! `/who` and `/who #topic`: the people online, sorted by name as a person reads it, as
//! a compact block of columns as wide as the pane, the away marked `◌`.
//!
//! Right after connecting, the answers to this client's `join` are still on their way:
//! a `/who` then would list only yourself. So the app waits a moment after connecting
//! ([`Effect::SettlePresence`], answered by [`Event::PresenceSettled`](super::Event)),
//! and a `/who` asked meanwhile says it is still gathering and is answered then.

use crate::domain::{TopicName, UserName, natural_order};

use super::effect::Effect;
use super::line::NoticeLevel;
use super::state::{ConnectionState, UserApp};

/// How long after connecting the answers to the join are awaited, in milliseconds.
pub const SETTLE_MILLIS: u64 = 1_000;

/// Columns a notice's time and mark take before its text (`12:00 -- `).
const NOTICE_PREFIX: usize = 9;

/// `/who` questions waiting for the answers to the join.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    /// The answers to our join may still be on their way.
    pub gathering: bool,
    /// `/who` (`None`) and `/who #topic` asked meanwhile, in order.
    pub waiting: Vec<Option<TopicName>>,
}

impl UserApp {
    /// On connecting: the first time, wait for the answers to the join before a `/who`
    /// is answered (back after a lost connection, the roster was kept).
    pub(super) fn start_gathering(&mut self, reconnected: bool, fx: &mut Vec<Effect>) {
        if reconnected || self.who.gathering {
            return;
        }
        self.who.gathering = true;
        fx.push(Effect::SettlePresence);
    }

    /// The answers to the join are in: `/who` questions asked meanwhile are answered.
    pub(super) fn presence_settled(&mut self, fx: &mut Vec<Effect>) {
        self.who.gathering = false;
        for topic in std::mem::take(&mut self.who.waiting) {
            self.answer_who(topic.as_ref(), fx);
        }
    }

    /// `/who [#topic]`: answered now, or once the answers to the join are in.
    pub(super) fn ask_who(&mut self, topic: Option<TopicName>, fx: &mut Vec<Effect>) {
        if self.who.gathering && self.connection == ConnectionState::Connected {
            if self.who.waiting.is_empty() {
                self.notice(
                    NoticeLevel::Info,
                    "still gathering who is online…".into(),
                    fx,
                );
            }
            self.who.waiting.push(topic);
            return;
        }
        self.answer_who(topic.as_ref(), fx);
    }

    fn answer_who(&mut self, topic: Option<&TopicName>, fx: &mut Vec<Effect>) {
        let text = self.who_block(topic);
        self.notice(NoticeLevel::Info, text, fx);
    }

    /// `online: 3, 1 away` (or `online in #news: …`), then the names in columns, each
    /// `● name` or, away, `◌ name`, then the reasons of those away.
    pub fn who_block(&self, topic: Option<&TopicName>) -> String {
        let mut names: Vec<&UserName> = self
            .online
            .iter()
            .filter(|name| match topic {
                None => true,
                Some(topic) if **name == self.me => self.subscriptions.contains(topic),
                Some(topic) => self
                    .topics_of
                    .get(*name)
                    .is_some_and(|topics| topics.contains(topic)),
            })
            .collect();
        names.sort_by(|a, b| natural_order(a.as_str(), b.as_str()));
        let place = match topic {
            Some(topic) => format!("online in #{topic}"),
            None => "online".to_owned(),
        };
        let place = if self.connection == ConnectionState::Connected {
            place
        } else {
            format!("not connected; {place} when last heard")
        };
        if names.is_empty() {
            return format!("{place}: nobody");
        }
        let away: Vec<(&UserName, &str)> = names
            .iter()
            .filter_map(|name| self.away_reason(name).map(|why| (*name, why)))
            .collect();
        let mut text = match away.len() {
            0 => format!("{place}: {}", names.len()),
            n => format!("{place}: {}, {n} away", names.len()),
        };
        let cells: Vec<String> = names
            .iter()
            .map(|name| {
                let mark = if self.away_reason(name).is_some() {
                    "◌"
                } else {
                    "●"
                };
                format!("{mark} {name}")
            })
            .collect();
        let widest = cells.iter().map(|c| c.chars().count()).max().unwrap_or(0) + 2;
        let width = match usize::from(self.pane.width) {
            0 => 80,
            w => w,
        };
        let per_row = (width.saturating_sub(NOTICE_PREFIX) / widest).max(1);
        for row in cells.chunks(per_row) {
            text.push('\n');
            let line: Vec<String> = row.iter().map(|c| format!("{c:<widest$}")).collect();
            text.push_str(line.concat().trim_end());
        }
        let reasons: Vec<String> = away
            .iter()
            .filter(|(_, why)| !why.is_empty())
            .map(|(name, why)| format!("{name}: {why}"))
            .collect();
        if !reasons.is_empty() {
            text.push_str(&format!("\n◌ away: {}", reasons.join("; ")));
        }
        text
    }
}

#[cfg(test)]
#[path = "who_tests.rs"]
mod tests;
