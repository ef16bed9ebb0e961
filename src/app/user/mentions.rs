//! Highlights: which messages call for *you*. Your name as a whole word (any case) or
//! `@name` in a topic post, and every direct message from someone else.

use crate::domain::{ChatMessage, Content, ConversationId, UserName};

/// Whether `text` names `me`: as a whole word in any case (`Alice,`, `ALICE`), or as
/// `@alice`; never inside another word or name (`malice`, `alice_bot`, `alice-2`).
pub fn mentions(text: &str, me: &UserName) -> bool {
    let name = me.as_str();
    if name.is_empty() {
        return false;
    }
    // ASCII lowering keeps every byte offset, so offsets found in `lowered` are
    // character boundaries of `text` too (names are ASCII).
    let lowered = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lowered[from..].find(name) {
        let start = from + found;
        let end = start + name.len();
        let before = lowered[..start].chars().next_back();
        let after = lowered[end..].chars().next();
        if !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char) {
            return true;
        }
        from = start + 1;
        while !lowered.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Whether a character can be part of a word or a name: letters and digits of any
/// script, `_` and `-` (the name rules' other characters).
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether a message is a highlight for `me`: a direct message from someone else, or
/// a topic post from someone else that [`mentions`] `me`. Your own lines, the status
/// buffer (notices, announcements) and unreadable messages never are.
pub fn is_highlight(msg: &ChatMessage, me: &UserName) -> bool {
    if msg.is_mine(me) {
        return false;
    }
    let Content::Text(body) = &msg.content else {
        return false;
    };
    match &msg.conversation {
        ConversationId::Direct(_) => true,
        ConversationId::Topic(_) => mentions(body, me),
        ConversationId::Status => false,
    }
}

/// Whether a message is drawn highlighted in the message pane: from someone else and
/// naming `me` (in a topic or a direct message). A direct message is a highlight for
/// counting and notifying, but drawing every line of one as such would mark nothing.
pub fn is_drawn_highlighted(msg: &ChatMessage, me: &UserName) -> bool {
    match &msg.content {
        Content::Text(body) => {
            !msg.is_mine(me) && msg.conversation != ConversationId::Status && mentions(body, me)
        }
        Content::Unreadable { .. } => false,
    }
}

#[cfg(test)]
#[path = "mentions_tests.rs"]
mod tests;
