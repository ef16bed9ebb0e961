//! What a delivery from the inbox becomes, and whom it may be shown as from (protocol
//! version 3, `docs/protocol.md`).
//!
//! With its own account a client knows who sent each message: the broker refuses a
//! `user_id` that is not the publisher's login, so `user_id` is the sender's account.
//! A line is shown as from `alice` only when `user_id` is `alice` and it came the way
//! the contract routes it (a DM through `chat.direct` to me, a post through its topic's
//! exchange); anything else is kept and shown as *unverified* in the status
//! conversation, never under the name it claims. In open mode (the shared guest
//! account) nobody's name can be checked and `from` is taken as written, as before.
//!
//! The history's key of a received message is its id *within its sender*, so nobody can
//! suppress someone else's message by sending one with the same id first.

use time::OffsetDateTime;

use super::conversation::ConversationId;
use super::envelope::{Envelope, MAX_ID_BYTES, MessageId, Payload};
use super::marks::Marks;
use super::message::{ChatMessage, Content, DeliveryStatus, Direction, printable_preview};
use super::name::UserName;
use super::wire::{ANNOUNCE_EXCHANGE, DIRECT_EXCHANGE, topic_exchange};

/// How far this client can trust the names on what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Logged in with a shared account (guest): names are not verified, `from` is taken
    /// as written.
    Open,
    /// Logged in with its own account: a name is shown only when the broker-validated
    /// `user_id` says so.
    Accounts,
}

/// What the broker tells about a delivery besides its body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Provenance<'a> {
    /// The AMQP `message_id`, if the sender set one.
    pub message_id: Option<&'a str>,
    /// The exchange it was published to.
    pub exchange: &'a str,
    /// The AMQP `user_id`: the sender's login, validated by the broker; `None` when the
    /// sender set none.
    pub user_id: Option<&'a str>,
}

/// How much of an unverified body is kept as its preview.
const PREVIEW_CHARS: usize = 200;

/// What the delivery `body` with `provenance` becomes in `me`'s history: a chat line, an
/// announcement or an unverified or unreadable marker in the status conversation, or
/// nothing (presence has no business in an inbox).
pub fn read_delivery(
    body: &[u8],
    provenance: &Provenance<'_>,
    me: &UserName,
    trust: Trust,
    received_at: OffsetDateTime,
) -> Option<ChatMessage> {
    let env = match Envelope::decode(body) {
        Ok(env) => env,
        Err(unreadable) => {
            let id = provenance
                .message_id
                .filter(|id| !id.is_empty() && id.len() <= MAX_ID_BYTES)
                .map(|id| MessageId::from_string(format!("unreadable:{id}")))
                .unwrap_or_else(MessageId::generate);
            return Some(ChatMessage::unreadable(id, unreadable.0, body, received_at));
        }
    };
    match &env.payload {
        Payload::Presence { .. } | Payload::Typing { .. } => None,
        Payload::Announce { body } => Some(announcement(&env, body, provenance, received_at)),
        Payload::Direct { .. } | Payload::Topic { .. } => {
            if trust == Trust::Accounts
                && let Some(why) = doubt(&env, provenance, me)
            {
                let text = match &env.payload {
                    Payload::Direct { body, .. } | Payload::Topic { body, .. } => body,
                    _ => "",
                };
                return Some(unverified(&env, why, text, provenance, received_at));
            }
            let mut msg = ChatMessage::from_envelope(&env, me, Direction::Incoming)?;
            msg.id = history_id(&env.from, &env.id, me);
            Some(msg)
        }
    }
}

/// Whether a presence announcement claiming to be from `from` may be believed.
pub fn presence_is_trusted(from: &UserName, user_id: Option<&str>, trust: Trust) -> bool {
    trust == Trust::Open || user_id == Some(from.as_str())
}

/// The history's key of a message with wire id `id` from `from`: the id itself for my
/// own messages (a topic post coming back through my binding matches its stored
/// outgoing copy), `<from>/<id>` for everyone else's.
pub fn history_id(from: &UserName, id: &MessageId, me: &UserName) -> MessageId {
    if from == me {
        id.clone()
    } else {
        MessageId::from_string(format!("{from}/{id}"))
    }
}

/// Why a DM or post cannot be shown under its sender's name, if it cannot.
fn doubt(env: &Envelope, provenance: &Provenance<'_>, me: &UserName) -> Option<String> {
    let claimed = env.from.as_str();
    match provenance.user_id {
        None => return Some(format!("no sender account, claims to be from {claimed}")),
        Some(account) if account != claimed => {
            return Some(format!(
                "sent by the account {}, claims to be from {claimed}",
                printable_preview(account.as_bytes(), 40)
            ));
        }
        Some(_) => {}
    }
    match &env.payload {
        Payload::Direct { to, .. } if provenance.exchange != DIRECT_EXCHANGE => Some(format!(
            "a direct message from {claimed} that did not come through {DIRECT_EXCHANGE}"
        )),
        Payload::Direct { to, .. } if to != me => Some(format!(
            "a direct message from {claimed} to {to}, not to you"
        )),
        Payload::Topic { to, .. } if provenance.exchange != topic_exchange(to) => Some(format!(
            "a post from {claimed} in #{to} that did not come through #{to}"
        )),
        _ => None,
    }
}

/// The marker kept for a message that cannot be shown under its name: in the status
/// conversation, with why and what it says.
fn unverified(
    env: &Envelope,
    why: String,
    text: &str,
    provenance: &Provenance<'_>,
    received_at: OffsetDateTime,
) -> ChatMessage {
    let account = provenance.user_id.unwrap_or("-");
    ChatMessage {
        id: MessageId::from_string(format!("unverified:{account}/{}", env.id)),
        conversation: ConversationId::Status,
        from: None,
        sent_at: received_at,
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Unreadable {
            reason: format!("{UNVERIFIED}: {why}"),
            preview: printable_preview(text.as_bytes(), PREVIEW_CHARS),
        },
        marks: Marks::default(),
    }
}

/// How the reason of an unverified marker begins (the views name such lines by it).
pub const UNVERIFIED: &str = "unverified";

/// What a marker line is called and the reason to show with it: "unverified message"
/// for a message that could not be shown under its name, else "unreadable message".
pub fn marker_label(reason: &str) -> (&'static str, &str) {
    match reason
        .strip_prefix(UNVERIFIED)
        .and_then(|r| r.strip_prefix(": "))
    {
        Some(why) => ("unverified message", why),
        None => ("unreadable message", reason),
    }
}

/// Who a line of the status conversation with text is from: an announcement, named
/// after the operator's account that published it.
pub fn announcer(from: Option<&UserName>) -> String {
    match from {
        Some(account) => format!("announcement from {account}"),
        None => "announcement from an operator".to_owned(),
    }
}

/// An operator's announcement: shown in the status conversation as from the account that
/// published it — only when it came through `chat.announce`, which no user may write to.
fn announcement(
    env: &Envelope,
    body: &str,
    provenance: &Provenance<'_>,
    received_at: OffsetDateTime,
) -> ChatMessage {
    if provenance.exchange != ANNOUNCE_EXCHANGE {
        let why = format!(
            "an announcement from {} that did not come through {ANNOUNCE_EXCHANGE}",
            env.from
        );
        return unverified(env, why, body, provenance, received_at);
    }
    // The account is what the broker checked; the envelope's `from` is only a claim.
    let account = provenance
        .user_id
        .and_then(|account| UserName::parse(account).ok())
        .filter(|account| provenance.user_id == Some(account.as_str()));
    let key = account.as_ref().map_or("-", UserName::as_str);
    ChatMessage {
        id: MessageId::from_string(format!("announce:{key}/{}", env.id)),
        conversation: ConversationId::Status,
        from: account,
        sent_at: env.sent_at,
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.to_owned()),
        marks: Marks::default(),
    }
}

#[cfg(test)]
#[path = "receive_tests.rs"]
mod tests;
