//! Moving through what is unread: Alt-A to the most important activity, Alt-1..9 to a
//! sidebar position, Alt-Shift-A or `/readall` to mark everything read.

use crate::domain::ConversationId;

use super::conversation::Conversation;
use super::effect::Effect;
use super::line::NoticeLevel;
use super::state::UserApp;

/// How much a conversation's unread activity matters: 3 a topic that mentions you, 2
/// a direct message, 1 any other message, 0 nothing unread.
pub fn importance(conversation: &Conversation) -> u8 {
    match (
        &conversation.id,
        conversation.unread,
        conversation.highlights,
    ) {
        (_, 0, _) => 0,
        (ConversationId::Topic(_), _, highlights) if highlights > 0 => 3,
        (ConversationId::Direct(_), _, _) => 2,
        _ => 1,
    }
}

impl UserApp {
    /// Alt-A: goes to the conversation whose unread activity matters most (a mention,
    /// then a direct message, then any message); between equals, the first in the
    /// sidebar. Says so when nothing is unread.
    pub(super) fn jump_to_activity(&mut self, fx: &mut Vec<Effect>) {
        let best = self
            .conversations
            .iter()
            .enumerate()
            .filter(|(index, c)| *index != self.current && importance(c) > 0)
            // `max_by_key` keeps the last of equals: reversed, that is the first.
            .rev()
            .max_by_key(|(_, c)| importance(c))
            .map(|(_, c)| c.id.clone());
        match best {
            Some(id) => self.switch_to(id, fx),
            None => self.notice(NoticeLevel::Info, "nothing unread".into(), fx),
        }
    }

    /// Alt-N: the Nth conversation of the sidebar (1 is the first); nothing when there
    /// are fewer.
    pub(super) fn go_to_number(&mut self, number: usize, fx: &mut Vec<Effect>) {
        let Some(conversation) = number
            .checked_sub(1)
            .and_then(|i| self.conversations.get(i))
        else {
            return;
        };
        let id = conversation.id.clone();
        self.switch_to(id, fx);
    }

    /// `/readall`, Alt-Shift-A: every conversation with unread messages is read (and
    /// marked so in the history).
    pub(super) fn read_all(&mut self, fx: &mut Vec<Effect>) {
        let mut count = 0;
        for conversation in &mut self.conversations {
            if conversation.unread > 0 || conversation.highlights > 0 {
                conversation.clear_unread();
                fx.push(Effect::MarkRead(conversation.id.clone()));
                count += 1;
            }
        }
        let text = match count {
            0 => "nothing unread".to_owned(),
            1 => "1 conversation marked read".to_owned(),
            n => format!("{n} conversations marked read"),
        };
        self.notice(NoticeLevel::Info, text, fx);
    }
}
