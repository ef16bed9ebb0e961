//! Which conversations the sidebar lists: `/switch` goes to one that is listed (or was
//! closed), `/query` opens one (a new one with a person too), `/close` takes one off
//! the sidebar with its history kept. A closed conversation comes back with a new
//! message, `/query` or `/switch`, its history read again from the store.

use crate::domain::{ConversationId, PageAt};

use super::effect::{Effect, Shown};
use super::line::NoticeLevel;
use super::state::UserApp;

impl UserApp {
    /// Start-up: the conversations the user closed (and that got nothing new since),
    /// which the sidebar does not list.
    pub fn set_closed(&mut self, closed: impl IntoIterator<Item = ConversationId>) {
        self.closed.extend(closed);
    }

    /// `/switch name`: a listed or closed conversation, by its exact name or, failing
    /// that, a start of a name that only one of them has.
    pub(super) fn on_switch(&mut self, wanted: ConversationId, fx: &mut Vec<Effect>) {
        match self.find_conversation(&wanted) {
            Found::One(id) => self.open(id, fx),
            Found::Many(names) => self.notice(
                NoticeLevel::Error,
                format!("/switch {wanted}: which one? {}", names.join(", ")),
                fx,
            ),
            Found::None => {
                let hint = match &wanted {
                    ConversationId::Topic(topic) => {
                        format!("/join #{topic} to subscribe to it")
                    }
                    _ => format!("/query {wanted} opens one, /msg {wanted} <text> writes to them"),
                };
                self.notice(
                    NoticeLevel::Error,
                    format!("no conversation with {wanted}: {hint}"),
                    fx,
                );
            }
        }
    }

    /// `/query target`: opens the conversation, creating one with a person; a topic
    /// must be joined (or have a history) first.
    pub(super) fn on_query(&mut self, id: ConversationId, fx: &mut Vec<Effect>) {
        if let ConversationId::Topic(topic) = &id
            && self.position(&id).is_none()
            && !self.closed.contains(&id)
        {
            return self.notice(
                NoticeLevel::Error,
                format!("you have not joined #{topic}: /join #{topic} first"),
                fx,
            );
        }
        self.open(id, fx);
    }

    /// `/close [target]`: takes a conversation off the sidebar; the store remembers it
    /// (and keeps its history). A joined topic is left too, so that its posts stop.
    pub(super) fn on_close(&mut self, target: Option<ConversationId>, fx: &mut Vec<Effect>) {
        let id = target.unwrap_or_else(|| self.current_conversation().id.clone());
        if id == ConversationId::Status {
            return self.notice(
                NoticeLevel::Error,
                "the status buffer cannot be closed".into(),
                fx,
            );
        }
        let Some(index) = self.position(&id) else {
            return self.notice(
                NoticeLevel::Error,
                format!("{id} is not open: nothing to close"),
                fx,
            );
        };
        let then = match &id {
            ConversationId::Topic(topic) if self.subscriptions.contains(topic) => {
                fx.push(Effect::Leave(topic.clone()));
                format!("; leaving it: /join #{topic} to come back")
            }
            _ => format!(": a new message or /query {id} opens it again"),
        };
        fx.push(Effect::MarkRead(id.clone()));
        fx.push(Effect::SetClosed {
            conversation: id.clone(),
            closed: true,
        });
        let was_current = index == self.current;
        self.conversations.remove(index);
        self.closed.insert(id.clone());
        if self.current > index {
            self.current -= 1;
        }
        self.current = self.current.min(self.conversations.len() - 1);
        if was_current {
            // The next conversation in the sidebar is on screen now: what it had is seen.
            self.conversations[self.current].clear_unread();
            let now = self.current_conversation().id.clone();
            fx.push(Effect::MarkRead(now.clone()));
            fx.push(Effect::Show(Shown::Switched(now)));
        }
        self.notice(
            NoticeLevel::Info,
            format!("closed {id}, its history kept{then}"),
            fx,
        );
    }

    /// A message arrived in (or was written to) a closed conversation: it is listed
    /// again, with its history read back from the store.
    pub(super) fn reopen_if_closed(&mut self, id: &ConversationId, fx: &mut Vec<Effect>) {
        if !self.closed.remove(id) {
            return;
        }
        let index = self.ensure_conversation(id.clone());
        fx.push(Effect::SetClosed {
            conversation: id.clone(),
            closed: false,
        });
        self.request(index, PageAt::Newest, fx);
    }

    /// Goes to a conversation, listing it again if it was closed.
    fn open(&mut self, id: ConversationId, fx: &mut Vec<Effect>) {
        self.reopen_if_closed(&id, fx);
        self.switch_to(id, fx);
    }

    fn find_conversation(&self, wanted: &ConversationId) -> Found {
        let listed = self.conversations.iter().map(|c| &c.id);
        let known: Vec<&ConversationId> = listed.chain(self.closed.iter()).collect();
        if known.contains(&wanted) {
            return Found::One(wanted.clone());
        }
        let typed = wanted.to_string();
        let typed = typed.trim_start_matches('#');
        let mut starting: Vec<&ConversationId> = known
            .into_iter()
            .filter(|id| {
                let name = id.to_string();
                name.trim_start_matches('#').starts_with(typed)
                    && (matches!(wanted, ConversationId::Direct(_))
                        || matches!(id, ConversationId::Topic(_)))
            })
            .collect();
        starting.sort();
        starting.dedup();
        match starting.as_slice() {
            [] => Found::None,
            [one] => Found::One((*one).clone()),
            many => Found::Many(many.iter().map(|id| id.to_string()).collect()),
        }
    }
}

/// What a name given to `/switch` finds.
enum Found {
    One(ConversationId),
    Many(Vec<String>),
    None,
}

#[cfg(test)]
#[path = "open_close_tests.rs"]
mod tests;
