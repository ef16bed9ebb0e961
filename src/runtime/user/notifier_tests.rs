//! Unit tests of `notifier`: the bytes written, their safety, the pace, the command.

use super::*;
use crate::domain::{ConversationId, TopicName, UserName};

fn from_bob(conversation: ConversationId, text: &str) -> Notification {
    Notification {
        conversation,
        from: UserName::parse("bob").unwrap(),
        text: text.into(),
    }
}

fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

fn bob() -> ConversationId {
    ConversationId::Direct(UserName::parse("bob").unwrap())
}

fn settings(notify: NotifyStyle, command: Option<Vec<String>>) -> TuiSettings {
    TuiSettings {
        notify,
        notify_command: command,
        ..TuiSettings::default()
    }
}

#[test]
fn each_style_writes_its_sequence() {
    let n = from_bob(news(), "alice: lunch?");
    assert_eq!(terminal_bytes(NotifyStyle::Bell, &n), b"\x07");
    assert_eq!(terminal_bytes(NotifyStyle::None, &n), b"");
    assert_eq!(
        terminal_bytes(NotifyStyle::Osc9, &n),
        b"\x1b]9;bob in #news: alice: lunch?\x07"
    );
    assert_eq!(
        terminal_bytes(NotifyStyle::Osc777, &from_bob(bob(), "hi; there")),
        b"\x1b]777;notify;bob;hi; there\x07"
    );
}

#[test]
fn no_control_character_from_the_network_reaches_the_terminal() {
    let hostile = "\x07\x1b]0;owned\x07\x1b[2J\x1b\\\u{9b}31m\r\nend\u{202e}";
    for style in [NotifyStyle::Osc9, NotifyStyle::Osc777] {
        let bytes = terminal_bytes(style, &from_bob(news(), hostile));
        let text = String::from_utf8(bytes).unwrap();
        // The sequence's own ESC at the start and BEL at the end, and nothing else.
        let inner = &text[1..text.len() - 1];
        assert!(
            !inner.chars().any(|c| c.is_control()),
            "{style:?}: {inner:?}"
        );
        assert!(!inner.contains('\u{202e}'), "{inner:?}");
        assert!(inner.ends_with("end�"), "{inner:?}");
    }
    assert_eq!(terminal_safe("a\nb\tc"), "a b    c");
}

#[test]
fn a_conversation_notifies_at_most_once_per_interval() {
    let mut notifier = Notifier::new(&settings(NotifyStyle::Bell, None));
    let mut out = Vec::new();
    let start = Instant::now();
    let n = from_bob(bob(), "hi");
    assert!(notifier.notify(&n, start, &mut out));
    assert!(!notifier.notify(&n, start + MIN_GAP, &mut out));
    assert!(!notifier.notify(&n, start + MIN_INTERVAL / 2, &mut out));
    assert!(notifier.notify(&n, start + MIN_INTERVAL, &mut out));
    assert_eq!(out, b"\x07\x07");
}

#[test]
fn another_conversation_notifies_after_the_gap_a_burst_only_once() {
    let mut notifier = Notifier::new(&settings(NotifyStyle::Bell, None));
    let mut out = Vec::new();
    let start = Instant::now();
    assert!(notifier.notify(&from_bob(news(), "@alice"), start, &mut out));
    // A burst (a backlog at connect): nothing more within the gap, whatever the place.
    let ops = ConversationId::Topic(TopicName::parse("ops").unwrap());
    assert!(!notifier.notify(&from_bob(bob(), "hi"), start, &mut out));
    assert!(!notifier.notify(&from_bob(ops, "x"), start + MIN_GAP / 2, &mut out));
    // A direct message right after: it calls.
    assert!(notifier.notify(&from_bob(bob(), "hi"), start + MIN_GAP, &mut out));
    assert_eq!(out, b"\x07\x07");
}

#[tokio::test]
async fn the_command_runs_without_a_shell_with_the_notification_in_its_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("got");
    // `sh` is the program here only to write the environment down; the notification's
    // text is never read as shell code (its `$(…)` stays text).
    let script = format!(
        "printf '%s|%s|%s' \"$CHAT_SENDER\" \"$CHAT_CONVERSATION\" \"$CHAT_TEXT\" > {}",
        file.display()
    );
    let argv = vec!["sh".to_owned(), "-c".to_owned(), script];
    let mut notifier = Notifier::new(&settings(NotifyStyle::None, Some(argv)));
    let mut out = Vec::new();
    let n = from_bob(news(), "hi $(touch pwned) \x1b[2J");
    assert!(notifier.notify(&n, Instant::now(), &mut out));
    assert!(out.is_empty());
    let mut got = String::new();
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        got = std::fs::read_to_string(&file).unwrap_or_default();
        if !got.is_empty() {
            break;
        }
    }
    assert_eq!(got, "bob|#news|hi $(touch pwned) ");
}

#[tokio::test]
async fn a_command_that_cannot_start_is_only_logged() {
    let argv = vec!["/nonexistent/chat-tui-notify".to_owned()];
    let mut notifier = Notifier::new(&settings(NotifyStyle::Bell, Some(argv)));
    let mut out = Vec::new();
    assert!(notifier.notify(&from_bob(bob(), "hi"), Instant::now(), &mut out));
    assert_eq!(out, b"\x07");
}
