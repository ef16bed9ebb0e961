//! What protocol version 4 adds to a text message: an action (`/me`), a reply to
//! another message, or a change (edit, delete) of one of the sender's own messages
//! (`docs/protocol.md`, "Actions on messages").
//!
//! On the wire ([`WireMarks`]) a reference is the referenced message's wire id (plus
//! its author for a reply); in the history ([`Marks`]) it is the history's key of that
//! message (see [`crate::domain::receive::history_id`]), so that a change can only reach
//! a message of the same sender.

use super::envelope::MessageId;
use super::name::UserName;

/// What a change does to the message it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The message's text is replaced (shown "(edited)").
    Edit,
    /// The message's text is removed (shown "(deleted)").
    Delete,
}

/// The body a delete carries, for readers older than version 4 (which show it as a
/// message of its own).
pub const DELETED_BODY: &str = "(deleted a message)";

/// The optional version-4 fields of a `direct` or `topic` envelope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireMarks {
    /// `action: true`: the body is an action (`/me waves`: `* alice waves`).
    pub action: bool,
    /// `reply_to` and `reply_author`: the message this one answers.
    pub reply: Option<WireReply>,
    /// `edits` or `deletes`: a change of one of the sender's own messages.
    pub change: Option<WireChange>,
}

/// The message a reply answers, as the wire names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireReply {
    /// Its wire id (`reply_to`).
    pub id: MessageId,
    /// Who wrote it (`reply_author`).
    pub author: UserName,
}

/// A change of the sender's own message, as the wire names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireChange {
    /// Edit or delete.
    pub kind: ChangeKind,
    /// The wire id of the sender's message it changes (`edits` or `deletes`).
    pub target: MessageId,
}

/// What a stored or shown message carries besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// An action (`* alice waves`).
    pub action: bool,
    /// The message it answers (boxed: most messages answer none).
    pub reply: Option<Box<Reply>>,
    /// Set on a change (edit or delete) rather than a message: it is applied to its
    /// target, never shown as a line of its own.
    pub change: Option<Change>,
    /// Its text was replaced by its sender.
    pub edited: bool,
    /// Its text was removed by its sender.
    pub deleted: bool,
}

/// The message a reply answers, as the history keys it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The history's key of the answered message.
    pub to: MessageId,
    /// Who wrote the answered message.
    pub author: UserName,
    /// The start of the answered message's text, when it is in the history
    /// ([`QUOTE_CHARS`] at most; "(deleted)" once deleted).
    pub quote: Option<String>,
}

/// A change of one of the sender's own messages, as the history keys it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Edit or delete.
    pub kind: ChangeKind,
    /// The history's key of the changed message.
    pub target: MessageId,
}

/// How much of an answered message a reply quotes.
pub const QUOTE_CHARS: usize = 60;

/// What a reply quotes of a message: the start of its text (or "(deleted)").
pub fn quote_of(text: &str, deleted: bool) -> String {
    if deleted {
        return "(deleted)".to_owned();
    }
    let first_line = text.lines().next().unwrap_or("");
    let mut quote: String = first_line.chars().take(QUOTE_CHARS).collect();
    if first_line.chars().count() > QUOTE_CHARS || text.lines().nth(1).is_some() {
        quote.push('…');
    }
    quote
}

/// The history key of a message `author` sent with wire id `id`, as `me` keeps it (my
/// own as they are, everyone else's prefixed by their name).
pub fn history_key(author: &UserName, id: &MessageId, me: &UserName) -> MessageId {
    super::receive::history_id(author, id, me)
}

/// The wire id of the message the history keys `key` and `author` wrote: the key with
/// `author/` taken off.
pub fn wire_key(key: &MessageId, author: &UserName) -> MessageId {
    let text = key.as_str();
    let bare = text
        .strip_prefix(author.as_str())
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(text);
    MessageId::from_string(bare.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str) -> UserName {
        UserName::parse(name).unwrap()
    }

    #[test]
    fn a_quote_is_the_start_of_the_first_line() {
        assert_eq!(quote_of("short", false), "short");
        assert_eq!(quote_of("two\nlines", false), "two…");
        let long = "x".repeat(QUOTE_CHARS + 5);
        assert_eq!(quote_of(&long, false).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(quote_of("gone", true), "(deleted)");
    }

    #[test]
    fn keys_and_wire_ids_convert_both_ways() {
        let me = user("alice");
        let bob = user("bob");
        let id = MessageId::from_string("x1".into());
        let theirs = history_key(&bob, &id, &me);
        assert_eq!(theirs.as_str(), "bob/x1");
        assert_eq!(wire_key(&theirs, &bob), id);
        let mine = history_key(&me, &id, &me);
        assert_eq!(mine, id);
        assert_eq!(wire_key(&mine, &me), id);
    }
}
