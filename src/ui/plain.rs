//! Line mode: the same app without the TUI. Each [`Shown`] becomes one line of text, or
//! one JSON object with `--json` (documented in `docs/line-mode.md`). `chat-tui
//! history` prints stored messages in the same formats ([`history_text`],
//! [`history_json`]).

use serde_json::json;
use time::UtcOffset;

use crate::app::user::{NoticeLevel, Shown};
use crate::domain::envelope::format_time;
use crate::domain::marks::{Change, ChangeKind, wire_key};
use crate::domain::receive::{announcer, marker_label};
use crate::domain::{ChatMessage, Content, ConversationId, DeliveryStatus, Direction, UserName};
use crate::ui::widgets::sanitize::{needs_care, sanitize, sanitize_lines};

/// How line mode prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFormat {
    /// Human-readable text.
    Text,
    /// One JSON object per line.
    Json,
}

/// Formats what the app showed, or `None` when this format prints nothing for it.
pub fn format_shown(
    shown: &Shown,
    me: &UserName,
    offset: UtcOffset,
    format: LineFormat,
) -> Option<String> {
    match format {
        LineFormat::Text => text_line(shown, me, offset),
        LineFormat::Json => Some(inert_json(&json_line(shown, me).to_string())),
    }
}

/// JSON text with every character that could act on a terminal written as a `\uXXXX`
/// escape. `serde_json` escapes C0 controls but writes DEL, C1 controls (U+009B is CSI
/// on some terminals) and bidi overrides raw; escaped, the JSON means the same.
fn inert_json(json: &str) -> String {
    if !json.chars().any(needs_care) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_care(c) {
            // Every such character is in the Basic Multilingual Plane: one escape.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn text_line(shown: &Shown, me: &UserName, offset: UtcOffset) -> Option<String> {
    match shown {
        // An outgoing message is printed once the broker answered, never while pending.
        Shown::Message(msg) if msg.status == DeliveryStatus::Pending => None,
        Shown::Message(msg) | Shown::Status(msg) => {
            Some(message_text(msg, me, offset, Layout::Live))
        }
        Shown::Notice(notice) => {
            let mark = match notice.level {
                NoticeLevel::Info => "--",
                NoticeLevel::Presence => "**",
                NoticeLevel::Error => "!!",
            };
            // A block (`/who`) continues on lines indented under its first.
            let text = sanitize_lines(&notice.text)
                .collect::<Vec<_>>()
                .join("\n   ");
            Some(format!("{mark} {text}"))
        }
        Shown::Switched(_) => None,
    }
}

/// One stored message as a line of `chat-tui history`: like line mode's, but with the
/// date and seconds (`[2026-11-21 10:05:09] bob: hi`), a pending message marked
/// `[pending]`, and always one line (a newline in the text shows as `␊`).
pub fn history_text(msg: &ChatMessage, me: &UserName, offset: UtcOffset) -> String {
    message_text(msg, me, offset, Layout::Export)
}

/// One stored message as a JSON object of `chat-tui history --json`: line mode's
/// `message` event, plus `direction` (`in` or `out`).
pub fn history_json(msg: &ChatMessage, me: &UserName) -> String {
    let mut value = message_json("message", msg, me);
    value["direction"] = json!(match msg.direction {
        Direction::Incoming => "in",
        Direction::Outgoing => "out",
    });
    value.to_string()
}

/// How a message line is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Line mode, as things happen: hours and minutes; more lines of text continue
    /// on indented lines.
    Live,
    /// An export: date and time to the second; always one line per message.
    Export,
}

fn message_text(msg: &ChatMessage, me: &UserName, offset: UtcOffset, layout: Layout) -> String {
    let at = msg.sent_at.checked_to_offset(offset).unwrap_or(msg.sent_at);
    let time = match layout {
        Layout::Live => format!("[{:02}:{:02}]", at.hour(), at.minute()),
        Layout::Export => format!(
            "[{:04}-{:02}-{:02} {:02}:{:02}:{:02}]",
            at.year(),
            u8::from(at.month()),
            at.day(),
            at.hour(),
            at.minute(),
            at.second()
        ),
    };
    let who = match &msg.from {
        Some(from) if from == me => "you".to_string(),
        Some(from) => from.to_string(),
        None => "?".to_string(),
    };
    let place = match (&msg.conversation, msg.direction) {
        (ConversationId::Topic(topic), _) => format!("#{topic} {who}"),
        (ConversationId::Direct(peer), Direction::Outgoing) => format!("you -> {peer}"),
        (ConversationId::Direct(_), Direction::Incoming) if msg.is_mine(me) => {
            format!("{who} -> you")
        }
        (ConversationId::Direct(_), Direction::Incoming) => who,
        (ConversationId::Status, _) => announcer(msg.from.as_ref()),
    };
    let body = match &msg.content {
        Content::Text(text) if layout == Layout::Export => sanitize(text).into_owned(),
        Content::Text(text) => sanitize_lines(text).collect::<Vec<_>>().join("\n        "),
        Content::Unreadable { reason, preview } => {
            let (label, reason) = marker_label(reason);
            return format!(
                "{time} !! {label} ({}): {}",
                sanitize(reason),
                sanitize(preview)
            );
        }
    };
    let body = if msg.marks.deleted {
        "(deleted)".to_owned()
    } else {
        body
    };
    let status = match &msg.status {
        DeliveryStatus::Failed(reason) => format!("  [not delivered: {}]", sanitize(reason)),
        DeliveryStatus::Refused(reason) => {
            format!("  [not delivered yet: {}; retrying]", sanitize(reason))
        }
        DeliveryStatus::Pending => "  [pending]".to_owned(),
        DeliveryStatus::Delivered => String::new(),
    };
    let edited = if msg.marks.edited && !msg.marks.deleted {
        " (edited)"
    } else {
        ""
    };
    let reply = msg.marks.reply.as_ref().map(|reply| match &reply.quote {
        Some(quote) => format!("(re {}: {}) ", reply.author, sanitize(quote)),
        None => format!("(re a message from {}) ", reply.author),
    });
    let reply = reply.unwrap_or_default();
    match &msg.marks.change {
        Some(Change {
            kind: ChangeKind::Edit,
            ..
        }) => format!("{time} {place} edited a message: {body}{status}"),
        Some(Change {
            kind: ChangeKind::Delete,
            ..
        }) => format!("{time} {place} deleted a message{status}"),
        None if msg.marks.action => format!("{time} * {place} {reply}{body}{edited}{status}"),
        None => format!("{time} {place}: {reply}{body}{edited}{status}"),
    }
}

fn json_line(shown: &Shown, me: &UserName) -> serde_json::Value {
    match shown {
        Shown::Message(msg) => message_json("message", msg, me),
        Shown::Status(msg) => message_json("status", msg, me),
        Shown::Notice(notice) => json!({
            "event": "notice",
            "level": match notice.level {
                NoticeLevel::Info => "info",
                NoticeLevel::Presence => "presence",
                NoticeLevel::Error => "error",
            },
            "text": notice.text,
        }),
        Shown::Switched(id) => json!({"event": "switched", "conversation": id.to_string()}),
    }
}

fn message_json(event: &str, msg: &ChatMessage, me: &UserName) -> serde_json::Value {
    let (status, error) = match &msg.status {
        DeliveryStatus::Pending => ("pending", None),
        DeliveryStatus::Delivered => ("delivered", None),
        DeliveryStatus::Failed(reason) => ("failed", Some(reason.as_str())),
        DeliveryStatus::Refused(reason) => ("retrying", Some(reason.as_str())),
    };
    let mut value = json!({
        "event": event,
        "id": msg.wire_id(),
        "conversation": msg.conversation.to_string(),
        "from": msg.from.as_ref().map(|f| f.as_str()),
        "mine": msg.is_mine(me),
        "sent_at": format_time(msg.sent_at),
        "status": status,
    });
    match &msg.content {
        Content::Text(text) => value["body"] = json!(text),
        Content::Unreadable { reason, preview } => {
            value["unreadable"] = json!(reason);
            value["preview"] = json!(preview);
        }
    }
    if let Some(error) = error {
        value["error"] = json!(error);
    }
    marks_json(&mut value, msg);
    value
}

/// Protocol version 4's marks of a message, as optional fields of its JSON object.
fn marks_json(value: &mut serde_json::Value, msg: &ChatMessage) {
    let marks = &msg.marks;
    if marks.action {
        value["action"] = json!(true);
    }
    if let Some(reply) = &marks.reply {
        value["reply_to"] = json!({
            "id": wire_key(&reply.to, &reply.author).as_str(),
            "from": reply.author.as_str(),
            "quote": reply.quote,
        });
    }
    if marks.edited {
        value["edited"] = json!(true);
    }
    if marks.deleted {
        value["deleted"] = json!(true);
    }
    if let (Some(change), Some(from)) = (&marks.change, &msg.from) {
        let field = match change.kind {
            ChangeKind::Edit => "edits",
            ChangeKind::Delete => "deletes",
        };
        value[field] = json!(wire_key(&change.target, from).as_str());
        if change.kind == ChangeKind::Delete {
            value["body"] = serde_json::Value::Null;
        }
    }
}

#[cfg(test)]
#[path = "plain_tests.rs"]
mod tests;
