//! Line mode: the same app without the TUI. Each [`Shown`] becomes one line of text, or
//! one JSON object with `--json` (documented in `docs/line-mode.md`).

use serde_json::json;
use time::UtcOffset;

use crate::app::user::{NoticeLevel, Shown};
use crate::domain::envelope::format_time;
use crate::domain::{ChatMessage, Content, ConversationId, DeliveryStatus, Direction, UserName};
use crate::ui::widgets::sanitize::{sanitize, sanitize_lines};

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
        LineFormat::Json => Some(json_line(shown, me).to_string()),
    }
}

fn text_line(shown: &Shown, me: &UserName, offset: UtcOffset) -> Option<String> {
    match shown {
        // An outgoing message is printed once the broker answered, never while pending.
        Shown::Message(msg) if msg.status == DeliveryStatus::Pending => None,
        Shown::Message(msg) | Shown::Status(msg) => Some(message_text(msg, me, offset)),
        Shown::Notice(notice) => {
            let mark = match notice.level {
                NoticeLevel::Info => "--",
                NoticeLevel::Presence => "**",
                NoticeLevel::Error => "!!",
            };
            Some(format!("{mark} {}", sanitize(&notice.text)))
        }
        Shown::Switched(_) => None,
    }
}

fn message_text(msg: &ChatMessage, me: &UserName, offset: UtcOffset) -> String {
    let at = msg.sent_at.to_offset(offset);
    let time = format!("[{:02}:{:02}]", at.hour(), at.minute());
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
        (ConversationId::Status, _) => who,
    };
    let body = match &msg.content {
        Content::Text(text) => sanitize_lines(text).collect::<Vec<_>>().join("\n        "),
        Content::Unreadable { reason, preview } => {
            return format!(
                "{time} !! unreadable message ({}): {}",
                sanitize(reason),
                sanitize(preview)
            );
        }
    };
    let failed = match &msg.status {
        DeliveryStatus::Failed(reason) => format!("  [not delivered: {}]", sanitize(reason)),
        _ => String::new(),
    };
    format!("{time} {place}: {body}{failed}")
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
    };
    let mut value = json!({
        "event": event,
        "id": msg.id.as_str(),
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
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::user::Notice;
    use crate::domain::{Envelope, MessageId, TopicName};

    fn name(n: &str) -> UserName {
        UserName::parse(n).unwrap()
    }

    fn at_ten(mut msg: ChatMessage) -> ChatMessage {
        msg.sent_at = time::macros::datetime!(2026-11-21 10:05 UTC);
        msg
    }

    #[test]
    fn text_lines_read_naturally() {
        let me = name("alice");
        let dm = Envelope::direct(name("bob"), me.clone(), "hi\nthere".into());
        let incoming = at_ten(ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap());
        let line = format_shown(
            &Shown::Message(incoming),
            &me,
            UtcOffset::UTC,
            LineFormat::Text,
        );
        assert_eq!(line.unwrap(), "[10:05] bob: hi\n        there");

        let post = Envelope::topic(me.clone(), TopicName::parse("news").unwrap(), "yo".into());
        let mut mine = at_ten(ChatMessage::from_envelope(&post, &me, Direction::Outgoing).unwrap());
        assert_eq!(
            format_shown(
                &Shown::Message(mine.clone()),
                &me,
                UtcOffset::UTC,
                LineFormat::Text
            ),
            None
        );
        mine.status = DeliveryStatus::Delivered;
        let line = format_shown(&Shown::Status(mine), &me, UtcOffset::UTC, LineFormat::Text);
        assert_eq!(line.unwrap(), "[10:05] #news you: yo");

        let out = Envelope::direct(me.clone(), name("ghost"), "boo".into());
        let mut failed =
            at_ten(ChatMessage::from_envelope(&out, &me, Direction::Outgoing).unwrap());
        failed.status = DeliveryStatus::Failed("no such user ghost".into());
        let line = format_shown(
            &Shown::Status(failed),
            &me,
            UtcOffset::UTC,
            LineFormat::Text,
        );
        assert_eq!(
            line.unwrap(),
            "[10:05] you -> ghost: boo  [not delivered: no such user ghost]"
        );
    }

    #[test]
    fn hostile_text_is_neutralised() {
        let me = name("alice");
        let dm = Envelope::direct(name("bob"), me.clone(), "\u{1b}[2Jgone".into());
        let msg = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
        let line =
            format_shown(&Shown::Message(msg), &me, UtcOffset::UTC, LineFormat::Text).unwrap();
        assert!(!line.contains('\u{1b}'), "{line:?}");
        let junk = ChatMessage::unreadable(
            MessageId::generate(),
            "not UTF-8".into(),
            b"\xff\x1b",
            time::OffsetDateTime::UNIX_EPOCH,
        );
        let line =
            format_shown(&Shown::Message(junk), &me, UtcOffset::UTC, LineFormat::Text).unwrap();
        assert!(line.contains("unreadable message (not UTF-8)"), "{line}");
    }

    #[test]
    fn json_lines_carry_every_field() {
        let me = name("alice");
        let dm = Envelope::direct(name("bob"), me.clone(), "hi".into());
        let msg = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
        let line =
            format_shown(&Shown::Message(msg), &me, UtcOffset::UTC, LineFormat::Json).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["event"], "message");
        assert_eq!(value["conversation"], "bob");
        assert_eq!(value["from"], "bob");
        assert_eq!(value["body"], "hi");
        assert_eq!(value["mine"], false);
        assert_eq!(value["status"], "delivered");
        let notice = Shown::Notice(Notice {
            at: time::OffsetDateTime::UNIX_EPOCH,
            level: NoticeLevel::Presence,
            text: "bob joined".into(),
        });
        let value: serde_json::Value = serde_json::from_str(
            &format_shown(&notice, &me, UtcOffset::UTC, LineFormat::Json).unwrap(),
        )
        .unwrap();
        assert_eq!(
            value,
            json!({"event": "notice", "level": "presence", "text": "bob joined"})
        );
    }
}
