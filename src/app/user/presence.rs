//! Presence: who is online and in which topics, answers to joins, and where a join or
//! a leave is shown — only in the conversations where it matters (the person's own, the
//! topics they are in that you have joined or are reading, and the status buffer),
//! with bursts collapsed into one line ("alice, bob and 10 others joined").

use std::collections::BTreeSet;

use time::Duration;

use crate::domain::envelope::now_utc_millis;
use crate::domain::natural_order;
use crate::domain::wire::AnswerTo;
use crate::domain::{ConversationId, Envelope, PresenceState, TopicName, UserName};

use super::effect::{Effect, Shown};
use super::line::{Line, Notice, NoticeLevel, PresenceGroup};
use super::state::{ConnectionState, UserApp};

/// Presence lines this close together in one conversation are one line.
const COLLAPSE_WITHIN: Duration = Duration::seconds(10);
impl UserApp {
    /// A presence announcement from someone. A `join` is answered, unless it comes
    /// `again` (a client back after a lost connection: it still lists whom it knew)
    /// from someone already listed here — after a broker restart everyone comes back at
    /// once, and answering each other would cost N² deliveries.
    pub(super) fn on_presence(
        &mut self,
        from: UserName,
        state: PresenceState,
        topics: Vec<TopicName>,
        answer: Option<AnswerTo>,
        again: bool,
        fx: &mut Vec<Effect>,
    ) {
        if from == self.me {
            return;
        }
        match state {
            PresenceState::Join => {
                let came = self.online.insert(from.clone());
                self.topics_of
                    .insert(from.clone(), topics.into_iter().collect());
                if came {
                    self.presence_changed(&from, true, fx);
                }
                if self.connection == ConnectionState::Connected && (came || !again) {
                    let here = self.announcement(PresenceState::Here);
                    fx.push(match answer {
                        Some(to) => Effect::AnswerPresence { envelope: here, to },
                        // A version-1 client: answered where it listens, the fanout.
                        None => Effect::Publish(here),
                    });
                }
            }
            PresenceState::Here => {
                self.online.insert(from.clone());
                self.topics_of.insert(from, topics.into_iter().collect());
            }
            PresenceState::Leave => {
                if self.online.remove(&from) {
                    self.presence_changed(&from, false, fx);
                    self.topics_of.remove(&from);
                }
            }
        }
    }

    /// Tells everyone online which topics we are in now (after a join or a leave): one
    /// `here` on the fanout.
    pub(super) fn announce_topics(&self, fx: &mut Vec<Effect>) {
        if self.connection == ConnectionState::Connected {
            fx.push(Effect::Publish(self.announcement(PresenceState::Here)));
        }
    }

    /// Our own presence announcement, with the topics we are in.
    pub(super) fn announcement(&self, state: PresenceState) -> Envelope {
        let topics = self.subscriptions.iter().cloned().collect();
        Envelope::presence_in(self.me.clone(), state, topics).with_away(self.away.mine.clone())
    }

    /// Shows that `who` came online (or went): one printed line in line mode; in the
    /// TUI a line in each conversation where it matters, merged into a recent one.
    fn presence_changed(&mut self, who: &UserName, joined: bool, fx: &mut Vec<Effect>) {
        let verb = if joined { "joined" } else { "left" };
        let at = now_utc_millis();
        fx.push(Effect::Show(Shown::Notice(Notice {
            at,
            level: NoticeLevel::Presence,
            text: format!("{who} {verb}"),
        })));
        let height = self.pane_rows();
        for index in self.where_presence_matters(who) {
            let conversation = &mut self.conversations[index];
            let recent = match (conversation.lines.back(), &mut conversation.presence) {
                (Some(Line::Notice(last)), Some((group_at, group)))
                    if last.level == NoticeLevel::Presence
                        && last.at == *group_at
                        && at - last.at <= COLLAPSE_WITHIN =>
                {
                    Some(group)
                }
                _ => None,
            };
            if let Some(group) = recent {
                group.add(who, joined);
                let text = group.text();
                if let Some(Line::Notice(last)) = conversation.lines.back_mut() {
                    last.text = text;
                }
                continue;
            }
            let mut group = PresenceGroup::default();
            group.add(who, joined);
            let notice = Notice {
                at,
                level: NoticeLevel::Presence,
                text: group.text(),
            };
            conversation.presence = Some((at, group));
            conversation.push(Line::Notice(notice), height);
        }
    }

    /// The conversations where a change of `who` is shown: the status buffer, the
    /// conversation with them, and the topics they are in that we have joined or are
    /// reading.
    fn where_presence_matters(&self, who: &UserName) -> BTreeSet<usize> {
        let mut places = BTreeSet::from([0]);
        if let Some(index) = self.position(&ConversationId::Direct(who.clone())) {
            places.insert(index);
        }
        let current = &self.current_conversation().id;
        for topic in self.topics_of.get(who).into_iter().flatten() {
            let id = ConversationId::Topic(topic.clone());
            if (self.subscriptions.contains(topic) || *current == id)
                && let Some(index) = self.position(&id)
            {
                places.insert(index);
            }
        }
        places
    }

    /// `online: alice, bob` — everyone online, sorted by name as a person reads it
    /// (`bob2` before `bob10`).
    pub(super) fn roster_text(&self) -> String {
        let mut names: Vec<&str> = self.online.iter().map(UserName::as_str).collect();
        if names.is_empty() {
            return "online: nobody yet".into();
        }
        names.sort_by(|a, b| natural_order(a, b));
        if self.connection != ConnectionState::Connected {
            return format!(
                "not connected; online when last heard: {}",
                names.join(", ")
            );
        }
        format!("online: {}", names.join(", "))
    }
}

#[cfg(test)]
#[path = "presence_tests.rs"]
mod tests;
