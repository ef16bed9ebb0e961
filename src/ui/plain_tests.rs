//! Unit tests of `plain`.

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
    let mut failed = at_ten(ChatMessage::from_envelope(&out, &me, Direction::Outgoing).unwrap());
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
    let line = format_shown(&Shown::Message(msg), &me, UtcOffset::UTC, LineFormat::Text).unwrap();
    assert!(!line.contains('\u{1b}'), "{line:?}");
    let junk = ChatMessage::unreadable(
        MessageId::generate(),
        "not UTF-8".into(),
        b"\xff\x1b",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    let line = format_shown(&Shown::Message(junk), &me, UtcOffset::UTC, LineFormat::Text).unwrap();
    assert!(line.contains("unreadable message (not UTF-8)"), "{line}");
}

#[test]
fn json_lines_carry_every_field() {
    let me = name("alice");
    let dm = Envelope::direct(name("bob"), me.clone(), "hi".into());
    let msg = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
    let line = format_shown(&Shown::Message(msg), &me, UtcOffset::UTC, LineFormat::Json).unwrap();
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

#[test]
fn history_lines_are_dated_single_lines_in_the_local_zone() {
    let me = name("alice");
    let offset = UtcOffset::from_hms(2, 0, 0).unwrap();
    let dm = Envelope::direct(name("bob"), me.clone(), "hi\r\nthere".into());
    let mut incoming = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
    incoming.sent_at = time::macros::datetime!(2026-12-31 23:05:09 UTC);
    assert_eq!(
        history_text(&incoming, &me, offset),
        "[2027-01-01 01:05:09] bob: hi\u{240d}\u{240a}there"
    );

    let out = Envelope::direct(me.clone(), name("bob"), "later".into());
    let mut pending = at_ten(ChatMessage::from_envelope(&out, &me, Direction::Outgoing).unwrap());
    assert_eq!(
        history_text(&pending, &me, UtcOffset::UTC),
        "[2026-11-21 10:05:00] you -> bob: later  [pending]"
    );
    pending.status = DeliveryStatus::Failed("no such user \u{1b}[31mbob".into());
    let line = history_text(&pending, &me, UtcOffset::UTC);
    assert_eq!(
        line,
        "[2026-11-21 10:05:00] you -> bob: later  [not delivered: no such user bob]"
    );

    let junk = ChatMessage::unreadable(
        MessageId::from_string("u1".into()),
        "not JSON".into(),
        b"\x07bell",
        time::macros::datetime!(2026-11-21 10:05:00 UTC),
    );
    let line = history_text(&junk, &me, UtcOffset::UTC);
    assert!(
        line.starts_with("[2026-11-21 10:05:00] !! unreadable message (not JSON): "),
        "{line}"
    );
    assert!(!line.contains('\u{7}'), "{line:?}");
}

#[test]
fn history_json_is_the_message_event_with_a_direction() {
    let me = name("alice");
    let post = Envelope::topic(me.clone(), TopicName::parse("news").unwrap(), "yo".into());
    let msg = ChatMessage::from_envelope(&post, &me, Direction::Outgoing).unwrap();
    let value: serde_json::Value = serde_json::from_str(&history_json(&msg, &me)).unwrap();
    let mut live = message_json("message", &msg, &me);
    live["direction"] = json!("out");
    assert_eq!(value, live);
    assert_eq!(value["conversation"], "#news");
    assert_eq!(value["status"], "pending");

    let junk = ChatMessage::unreadable(
        MessageId::from_string("u1".into()),
        "not JSON".into(),
        b"junk",
        time::OffsetDateTime::UNIX_EPOCH,
    );
    let value: serde_json::Value = serde_json::from_str(&history_json(&junk, &me)).unwrap();
    assert_eq!(value["direction"], "in");
    assert_eq!(value["unreadable"], "not JSON");
    assert_eq!(value["preview"], "junk");
    assert_eq!(value["from"], serde_json::Value::Null);
    assert_eq!(value["conversation"], "status");
}

#[test]
fn json_lines_escape_what_serde_json_leaves_raw() {
    let me = name("alice");
    // DEL, CSI as a C1 control, a right-to-left override, ESC (serde_json escapes that).
    let body = "a\u{7f}b\u{9b}31mc\u{202e}d\u{1b}e";
    let dm = Envelope::direct(name("bob"), me.clone(), body.into());
    let msg = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
    let line = format_shown(&Shown::Message(msg), &me, UtcOffset::UTC, LineFormat::Json).unwrap();
    assert!(!line.chars().any(needs_care), "{line:?}");
    assert!(
        line.contains(r"\u009b") && line.contains(r"\u202e"),
        "{line}"
    );
    let value: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(value["body"], body, "the JSON still means the same text");
}

#[test]
fn times_at_the_end_of_the_calendar_print_without_panicking() {
    let me = name("alice");
    let mut dm = Envelope::direct(name("bob"), me.clone(), "late".into());
    dm.sent_at = time::macros::datetime!(9999-12-31 23:59 UTC);
    let msg = ChatMessage::from_envelope(&dm, &me, Direction::Incoming).unwrap();
    let ahead = UtcOffset::from_hms(5, 0, 0).unwrap();
    let line = format_shown(&Shown::Message(msg), &me, ahead, LineFormat::Text).unwrap();
    assert!(line.ends_with("bob: late"), "{line}");
}

#[test]
fn actions_replies_and_changes_print_in_both_formats() {
    use crate::domain::marks::{ChangeKind, WireChange, WireMarks, WireReply};
    let me = name("alice");
    let news = TopicName::parse("news").unwrap();
    let received = |env: Envelope| {
        let mut msg = at_ten(ChatMessage::from_envelope(&env, &me, Direction::Incoming).unwrap());
        msg.id = crate::domain::receive::history_id(&env.from, &env.id, &me);
        msg
    };
    let text = |msg: &ChatMessage| {
        format_shown(
            &Shown::Message(msg.clone()),
            &me,
            UtcOffset::UTC,
            LineFormat::Text,
        )
        .unwrap()
    };
    let json = |msg: &ChatMessage| {
        let line = format_shown(
            &Shown::Message(msg.clone()),
            &me,
            UtcOffset::UTC,
            LineFormat::Json,
        );
        serde_json::from_str::<serde_json::Value>(&line.unwrap()).unwrap()
    };
    let action = received(
        Envelope::topic(name("bob"), news.clone(), "waves".into()).with_marks(WireMarks {
            action: true,
            ..WireMarks::default()
        }),
    );
    assert_eq!(text(&action), "[10:05] * #news bob waves");
    assert_eq!(json(&action)["action"], true);

    let mut reply = received(
        Envelope::topic(name("bob"), news.clone(), "yes".into()).with_marks(WireMarks {
            reply: Some(WireReply {
                id: MessageId::from_string("a1".into()),
                author: me.clone(),
            }),
            ..WireMarks::default()
        }),
    );
    assert_eq!(
        text(&reply),
        "[10:05] #news bob: (re a message from alice) yes"
    );
    reply.marks.reply.as_mut().unwrap().quote = Some("lunch?".into());
    assert_eq!(text(&reply), "[10:05] #news bob: (re alice: lunch?) yes");
    assert_eq!(
        json(&reply)["reply_to"],
        serde_json::json!({"id": "a1", "from": "alice", "quote": "lunch?"})
    );

    let change = |kind, body: &str| {
        received(
            Envelope::topic(name("bob"), news.clone(), body.into()).with_marks(WireMarks {
                change: Some(WireChange {
                    kind,
                    target: MessageId::from_string("b1".into()),
                }),
                ..WireMarks::default()
            }),
        )
    };
    let edit = change(ChangeKind::Edit, "noon!");
    assert_eq!(text(&edit), "[10:05] #news bob edited a message: noon!");
    assert_eq!(json(&edit)["edits"], "b1");
    let delete = change(ChangeKind::Delete, "(deleted a message)");
    assert_eq!(text(&delete), "[10:05] #news bob deleted a message");
    assert_eq!(json(&delete)["deletes"], "b1");
    assert_eq!(json(&delete)["body"], serde_json::Value::Null);

    let mut edited = received(Envelope::topic(name("bob"), news, "noon!".into()));
    edited.marks.edited = true;
    assert_eq!(text(&edited), "[10:05] #news bob: noon! (edited)");
    assert_eq!(json(&edited)["edited"], true);
    edited.marks.deleted = true;
    assert_eq!(text(&edited), "[10:05] #news bob: (deleted)");
}

#[test]
fn a_block_notice_continues_on_indented_lines() {
    let notice = Notice {
        at: time::macros::datetime!(2026-11-21 10:05 UTC),
        level: crate::app::user::NoticeLevel::Info,
        text: "online: 2\n● alice  ● bob".into(),
    };
    let line = format_shown(
        &Shown::Notice(notice),
        &name("alice"),
        UtcOffset::UTC,
        LineFormat::Text,
    );
    assert_eq!(line.unwrap(), "-- online: 2\n   ● alice  ● bob");
}
