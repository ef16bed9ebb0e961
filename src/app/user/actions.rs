//! Actions on messages (protocol version 4): `/me`, `/reply`, `/edit`, `/delete`, and
//! what the app does when a change or a reply is stored (sent or received).
//!
//! `-N` counts back from the newest line of the current conversation's window: `/reply`
//! without it answers the newest message from someone else; `/edit` and `/delete` count
//! only your own messages.

use crate::domain::marks::{ChangeKind, DELETED_BODY, WireChange, WireMarks, WireReply, quote_of};
use crate::domain::{ChatMessage, Content, ConversationId, Envelope, MessageId};

use super::effect::{Effect, Shown};
use super::line::{Line, NoticeLevel};
use super::state::UserApp;

/// Which message of the current conversation a command names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The `n`th newest message, whoever wrote it (`/reply -N`).
    AnyBack(usize),
    /// The newest message from someone else (`/reply`).
    LastFromOthers,
    /// The `n`th newest of your own messages (`/edit`, `/delete`).
    MineBack(usize),
}

impl UserApp {
    /// `/me <text>`: an action, drawn `* alice waves`.
    pub(super) fn send_action(&mut self, text: String, fx: &mut Vec<Effect>) {
        let Some(to) = self.talking_to("/me", fx) else {
            return;
        };
        let marks = WireMarks {
            action: true,
            ..WireMarks::default()
        };
        self.send_marked(to, text, marks, fx);
    }

    /// `/reply [-N] <text>`: answers a message of the current conversation.
    pub(super) fn send_reply(&mut self, back: Option<usize>, text: String, fx: &mut Vec<Effect>) {
        let Some(to) = self.talking_to("/reply", fx) else {
            return;
        };
        let pick = back.map_or(Pick::LastFromOthers, Pick::AnyBack);
        let Some(original) = self.pick(pick) else {
            return self.nothing_to(pick, "reply to", fx);
        };
        let Some(author) = original.from.clone() else {
            return self.nothing_to(pick, "reply to", fx);
        };
        let marks = WireMarks {
            reply: Some(WireReply {
                id: MessageId::from_string(original.wire_id().to_owned()),
                author,
            }),
            ..WireMarks::default()
        };
        self.send_marked(to, text, marks, fx);
    }

    /// `/edit [-N] <text>` (`Some`) or `/delete [-N]` (`None`): changes one of your own
    /// messages of the current conversation, here and at every receiver.
    pub(super) fn send_change(
        &mut self,
        back: Option<usize>,
        text: Option<String>,
        fx: &mut Vec<Effect>,
    ) {
        let (command, verb) = match text {
            Some(_) => ("/edit", "edit"),
            None => ("/delete", "delete"),
        };
        let Some(to) = self.talking_to(command, fx) else {
            return;
        };
        let pick = Pick::MineBack(back.unwrap_or(1));
        let Some(original) = self.pick(pick) else {
            return self.nothing_to(pick, verb, fx);
        };
        let (kind, body) = match text {
            Some(text) => (ChangeKind::Edit, text),
            None => (ChangeKind::Delete, DELETED_BODY.to_owned()),
        };
        let marks = WireMarks {
            change: Some(WireChange {
                kind,
                target: original.id.clone(),
            }),
            ..WireMarks::default()
        };
        self.send_marked(to, body, marks, fx);
    }

    /// A stored change (ours, or someone's through the inbox: the store applied it) is
    /// applied to its message in the window and shown; never a line of its own. `true`
    /// when `msg` is a change.
    pub(super) fn take_change(&mut self, msg: &ChatMessage, fx: &mut Vec<Effect>) -> bool {
        let Some(change) = &msg.marks.change else {
            return false;
        };
        let Content::Text(body) = &msg.content else {
            return true;
        };
        if let Some(index) = self.position(&msg.conversation)
            && let Some(target) = self.conversations[index].message_mut(&change.target)
            && target.from == msg.from
        {
            match change.kind {
                ChangeKind::Edit => {
                    target.content = Content::Text(body.clone());
                    target.marks.edited = true;
                }
                ChangeKind::Delete => {
                    target.content = Content::Text(String::new());
                    target.marks.deleted = true;
                }
            }
            let quote = quote_of(body, change.kind == ChangeKind::Delete);
            self.requote(&msg.conversation, &change.target, &quote);
        }
        if msg.direction == crate::domain::Direction::Outgoing {
            // Its answer is shown (line mode prints it then), as a message's is.
            self.unconfirmed.insert(msg.id.clone(), msg.clone());
        }
        fx.push(Effect::Show(Shown::Message(msg.clone())));
        true
    }

    /// Fills in what a reply quotes when its original is in the window.
    pub(super) fn fill_quote(&self, msg: &mut ChatMessage) {
        let Some(reply) = msg.marks.reply.as_mut() else {
            return;
        };
        if reply.quote.is_some() {
            return;
        }
        let Some(index) = self.position(&msg.conversation) else {
            return;
        };
        let conversation = &self.conversations[index];
        reply.quote = conversation
            .paging
            .missed
            .iter()
            .chain(conversation.lines.iter())
            .find_map(|line| match line {
                Line::Message(original) if original.id == reply.to => match &original.content {
                    Content::Text(text) => Some(quote_of(text, original.marks.deleted)),
                    Content::Unreadable { .. } => None,
                },
                _ => None,
            });
    }

    /// Replies in the window that quote `target` quote its new text.
    fn requote(&mut self, conversation: &ConversationId, target: &MessageId, quote: &str) {
        let Some(index) = self.position(conversation) else {
            return;
        };
        let conversation = &mut self.conversations[index];
        for line in conversation
            .paging
            .missed
            .iter_mut()
            .chain(conversation.lines.iter_mut())
        {
            if let Line::Message(msg) = line
                && let Some(reply) = msg.marks.reply.as_mut()
                && &reply.to == target
            {
                reply.quote = Some(quote.to_owned());
            }
        }
    }

    /// The conversation a command about messages acts in: the current one, unless it
    /// is the status buffer (then said, and `None`).
    fn talking_to(&mut self, command: &str, fx: &mut Vec<Effect>) -> Option<ConversationId> {
        let to = self.current_conversation().id.clone();
        if to == ConversationId::Status {
            self.notice(
                NoticeLevel::Error,
                format!("{command} works in a conversation: /query <user|#topic> first"),
                fx,
            );
            return None;
        }
        Some(to)
    }

    /// Sends `body` with `marks` in `to`, shown once it is stored (`Event::Queued`).
    fn send_marked(
        &mut self,
        to: ConversationId,
        body: String,
        marks: WireMarks,
        fx: &mut Vec<Effect>,
    ) {
        let envelope = match &to {
            ConversationId::Direct(user) => Envelope::direct(self.me.clone(), user.clone(), body),
            ConversationId::Topic(topic) => Envelope::topic(self.me.clone(), topic.clone(), body),
            ConversationId::Status => return,
        };
        let index = self.ensure_conversation(to);
        self.go_to_newest(index, fx);
        fx.push(Effect::Publish(envelope.with_marks(marks)));
    }

    /// The message of the current conversation that `pick` names, if the window has it:
    /// a message with text, not deleted.
    fn pick(&self, pick: Pick) -> Option<ChatMessage> {
        let conversation = self.current_conversation();
        let mut candidates = conversation
            .paging
            .missed
            .iter()
            .rev()
            .chain(conversation.lines.iter().rev())
            .filter_map(|line| match line {
                Line::Message(msg)
                    if matches!(msg.content, Content::Text(_)) && !msg.marks.deleted =>
                {
                    Some(msg)
                }
                _ => None,
            });
        let found = match pick {
            Pick::AnyBack(n) => candidates.nth(n.checked_sub(1)?),
            Pick::LastFromOthers => candidates.find(|msg| !msg.is_mine(&self.me)),
            Pick::MineBack(n) => candidates
                .filter(|msg| msg.is_mine(&self.me))
                .nth(n.checked_sub(1)?),
        };
        found.cloned()
    }

    /// Says that `pick` names no message to `verb`.
    fn nothing_to(&mut self, pick: Pick, verb: &str, fx: &mut Vec<Effect>) {
        let text = match pick {
            Pick::LastFromOthers => {
                format!("nothing to {verb} here: nobody else has written in this conversation")
            }
            Pick::AnyBack(n) => format!("nothing to {verb}: there is no message {n} back here"),
            Pick::MineBack(1) => format!("nothing to {verb}: you have written nothing here"),
            Pick::MineBack(n) => {
                format!("nothing to {verb}: you have no message {n} back here")
            }
        };
        self.notice(NoticeLevel::Error, text, fx);
    }
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
