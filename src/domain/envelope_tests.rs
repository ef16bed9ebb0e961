//! Unit tests of `envelope`.

use super::*;

fn alice() -> UserName {
    UserName::parse("alice").unwrap()
}

#[test]
fn round_trips_every_kind() {
    let all = [
        Envelope::direct(
            alice(),
            UserName::parse("bob").unwrap(),
            "hi ünïcødé 🎉".into(),
        ),
        Envelope::topic(
            alice(),
            TopicName::parse("news").unwrap(),
            "hi all\nline 2".into(),
        ),
        Envelope::announce(alice(), "the broker restarts at noon".into()),
        Envelope::presence(alice(), PresenceState::Join),
        Envelope::presence(alice(), PresenceState::Here),
        Envelope::presence(alice(), PresenceState::Leave),
    ];
    for env in all {
        assert_eq!(Envelope::decode(&env.encode()).unwrap(), env);
    }
}

#[test]
fn writes_the_documented_shape() {
    let mut env = Envelope::direct(alice(), UserName::parse("bob").unwrap(), "hi".into());
    env.id = MessageId::from_string("m1".into());
    env.sent_at = time::macros::datetime!(2026-11-21 10:00 UTC);
    assert_eq!(
        String::from_utf8(env.encode()).unwrap(),
        r#"{"v":1,"id":"m1","kind":"direct","from":"alice","to":"bob","body":"hi","sent_at":"2026-11-21T10:00:00Z"}"#
    );
}

#[test]
fn reads_the_examples_from_the_design() {
    let direct = br#"{"v":1,"id":"x","kind":"direct","from":"alice","to":"bob","body":"hi","sent_at":"2026-11-21T10:00:00Z"}"#;
    let presence = br#"{"v":1,"id":"y","kind":"presence","from":"alice","state":"join","sent_at":"2026-11-21T10:00:00Z"}"#;
    assert!(matches!(
        Envelope::decode(direct).unwrap().payload,
        Payload::Direct { .. }
    ));
    assert_eq!(
        Envelope::decode(presence).unwrap().payload,
        Payload::Presence {
            state: PresenceState::Join,
            topics: Vec::new(),
            again: false,
            away: None,
        }
    );
}

#[test]
fn ignores_unknown_fields_and_lowercases_names() {
    let raw = br#"{"v":1,"id":"x","kind":"topic","from":"Alice","to":"News","body":"b","sent_at":"2026-11-21T10:00:00+01:00","extra":{"a":[1]}}"#;
    let env = Envelope::decode(raw).unwrap();
    assert_eq!(env.from.as_str(), "alice");
    assert_eq!(
        env.payload,
        Payload::Topic {
            to: TopicName::parse("news").unwrap(),
            body: "b".into()
        }
    );
}

#[test]
fn refuses_every_malformed_case() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        ("not json", b"hello".to_vec()),
        ("invalid utf-8", vec![0xff, 0xfe, b'{']),
        ("array", b"[1,2]".to_vec()),
        ("null", b"null".to_vec()),
        ("unknown version", br#"{"v":2,"id":"x","kind":"direct","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("v as string", br#"{"v":"1","id":"x","kind":"direct","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("missing id", br#"{"v":1,"kind":"direct","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("empty id", br#"{"v":1,"id":"","kind":"direct","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("id as number", br#"{"v":1,"id":5,"kind":"direct","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("unknown kind", br#"{"v":1,"id":"x","kind":"shout","from":"a","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("invalid from", br#"{"v":1,"id":"x","kind":"direct","from":"\u001b[2J","to":"b","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("missing to", br#"{"v":1,"id":"x","kind":"direct","from":"a","body":"c","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("invalid to", br##"{"v":1,"id":"x","kind":"topic","from":"a","to":"#x","body":"c","sent_at":"2026-11-21T10:00:00Z"}"##.to_vec()),
        ("missing body", br#"{"v":1,"id":"x","kind":"direct","from":"a","to":"b","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("body as object", br#"{"v":1,"id":"x","kind":"direct","from":"a","to":"b","body":{},"sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("bad time", br#"{"v":1,"id":"x","kind":"direct","from":"a","to":"b","body":"c","sent_at":"yesterday"}"#.to_vec()),
        ("announcement without body", br#"{"v":1,"id":"x","kind":"announce","from":"a","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("missing state", br#"{"v":1,"id":"x","kind":"presence","from":"a","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("unknown state", br#"{"v":1,"id":"x","kind":"presence","from":"a","state":"away","sent_at":"2026-11-21T10:00:00Z"}"#.to_vec()),
        ("deep nesting", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()),
        ("too large", vec![b' '; MAX_ENVELOPE_BYTES + 1]),
    ];
    for (what, bytes) in cases {
        assert!(Envelope::decode(&bytes).is_err(), "{what} was accepted");
    }
}

#[test]
fn refuses_an_over_long_body() {
    let body = "x".repeat(MAX_BODY_BYTES + 1);
    let raw = format!(
        r#"{{"v":1,"id":"x","kind":"direct","from":"a","to":"b","body":"{body}","sent_at":"2026-11-21T10:00:00Z"}}"#
    );
    assert!(
        Envelope::decode(raw.as_bytes())
            .unwrap_err()
            .0
            .contains("too large")
    );
}

#[test]
fn generated_ids_are_unique() {
    let a = MessageId::generate();
    let b = MessageId::generate();
    assert_ne!(a, b);
}

/// A direct message from a to b with this `sent_at`.
fn sent_at(at: &str) -> Vec<u8> {
    format!(
        r#"{{"v":1,"id":"x","kind":"direct","from":"a","to":"b","body":"hi","sent_at":"{at}"}}"#
    )
    .into_bytes()
}

#[test]
fn sent_at_is_brought_to_utc() {
    let env = Envelope::decode(&sent_at("2026-11-21T11:00:00+01:00")).unwrap();
    assert_eq!(env.sent_at, time::macros::datetime!(2026-11-21 10:00 UTC));
    assert_eq!(env.sent_at.offset(), UtcOffset::UTC);
}

#[test]
fn refuses_a_sent_at_whose_utc_form_leaves_the_calendar() {
    // Year 10000 and year -1 in UTC: converting them panicked, formatting them failed.
    for at in ["9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00"] {
        let err = Envelope::decode(&sent_at(at)).unwrap_err();
        assert!(err.0.contains("invalid sent_at"), "{at}: {err}");
    }
    let edge = Envelope::decode(&sent_at("9999-12-31T23:59:59Z")).unwrap();
    assert_eq!(Envelope::decode(&edge.encode()).unwrap(), edge);
}

#[test]
fn format_time_never_panics_at_the_ends_of_the_calendar() {
    let late = time::macros::datetime!(9999-12-31 23:59:59 -01:00);
    let early = time::macros::datetime!(-0001-12-31 23:00 UTC);
    assert_eq!(format_time(late), "1970-01-01T00:00:00Z");
    assert_eq!(format_time(early), "1970-01-01T00:00:00Z");
}

mod version_4 {
    use super::*;
    use crate::domain::marks::{ChangeKind, WireChange, WireMarks, WireReply};

    fn bob() -> UserName {
        UserName::parse("bob").unwrap()
    }

    fn marked() -> Vec<Envelope> {
        let reply = WireMarks {
            reply: Some(WireReply {
                id: MessageId::from_string("b1".into()),
                author: bob(),
            }),
            ..WireMarks::default()
        };
        let action = WireMarks {
            action: true,
            ..WireMarks::default()
        };
        let change = |kind| WireMarks {
            change: Some(WireChange {
                kind,
                target: MessageId::from_string("a1".into()),
            }),
            ..WireMarks::default()
        };
        let news = TopicName::parse("news").unwrap();
        vec![
            Envelope::topic(alice(), news.clone(), "waves".into()).with_marks(action),
            Envelope::direct(alice(), bob(), "sure".into()).with_marks(reply),
            Envelope::topic(alice(), news, "fixed".into()).with_marks(change(ChangeKind::Edit)),
            Envelope::direct(alice(), bob(), "(deleted a message)".into())
                .with_marks(change(ChangeKind::Delete)),
        ]
    }

    #[test]
    fn actions_replies_and_changes_round_trip() {
        for env in marked() {
            assert_eq!(Envelope::decode(&env.encode()).unwrap(), env);
        }
    }

    #[test]
    fn writes_the_documented_fields() {
        let mut env = marked().remove(2);
        env.id = MessageId::from_string("e1".into());
        env.sent_at = time::macros::datetime!(2026-11-21 10:00 UTC);
        assert_eq!(
            String::from_utf8(env.encode()).unwrap(),
            r#"{"v":1,"id":"e1","kind":"topic","from":"alice","to":"news","body":"fixed","edits":"a1","sent_at":"2026-11-21T10:00:00Z"}"#
        );
    }

    /// The wire struct of a version-3 reader (chat-tui before protocol version 4),
    /// field for field: serde ignores the fields it does not name, as it does there
    /// (no `deny_unknown_fields`).
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Version3Wire {
        v: u64,
        id: String,
        kind: String,
        from: String,
        to: Option<String>,
        body: Option<String>,
        state: Option<PresenceState>,
        #[serde(default)]
        topics: Vec<String>,
        #[serde(default)]
        again: bool,
        sent_at: String,
    }

    #[test]
    fn a_version_3_reader_reads_them_as_plain_messages() {
        for env in marked() {
            let old: Version3Wire = serde_json::from_slice(&env.encode()).unwrap();
            // What a version-3 reader checks before it takes a message.
            assert_eq!(old.v, 1);
            assert!(matches!(old.kind.as_str(), "direct" | "topic"));
            assert!(old.to.is_some() && old.body.is_some());
            // And with the new fields stripped, it is exactly the plain message.
            let mut plain = env.clone();
            plain.marks = WireMarks::default();
            let mut json: serde_json::Value = serde_json::from_slice(&env.encode()).unwrap();
            for field in ["action", "reply_to", "reply_author", "edits", "deletes"] {
                json.as_object_mut().unwrap().remove(field);
            }
            let stripped = serde_json::to_vec(&json).unwrap();
            assert_eq!(Envelope::decode(&stripped).unwrap(), plain);
        }
    }

    #[test]
    fn fields_a_later_version_adds_are_ignored_too() {
        let future = br#"{"v":1,"id":"x","kind":"topic","from":"bob","to":"news","body":"hi","sent_at":"2026-11-21T10:00:00Z","reactions":{"+1":3},"action":true}"#;
        let env = Envelope::decode(future).unwrap();
        assert!(env.marks.action);
    }

    #[test]
    fn a_change_that_cannot_be_applied_rightly_is_unreadable() {
        let both = br#"{"v":1,"id":"x","kind":"topic","from":"bob","to":"news","body":"hi","edits":"a","deletes":"b","sent_at":"2026-11-21T10:00:00Z"}"#;
        let empty = br#"{"v":1,"id":"x","kind":"topic","from":"bob","to":"news","body":"hi","edits":"","sent_at":"2026-11-21T10:00:00Z"}"#;
        assert!(Envelope::decode(both).is_err());
        assert!(Envelope::decode(empty).is_err());
    }

    #[test]
    fn a_reply_with_a_bad_reference_is_still_a_message() {
        let bad = br#"{"v":1,"id":"x","kind":"topic","from":"bob","to":"news","body":"hi","reply_to":"b1","reply_author":"B!","sent_at":"2026-11-21T10:00:00Z"}"#;
        let env = Envelope::decode(bad).unwrap();
        assert_eq!(env.marks, WireMarks::default());
    }

    #[test]
    fn presence_carries_no_marks() {
        let odd = br#"{"v":1,"id":"x","kind":"presence","from":"bob","state":"here","edits":"a","sent_at":"2026-11-21T10:00:00Z"}"#;
        assert_eq!(Envelope::decode(odd).unwrap().marks, WireMarks::default());
    }
}

#[test]
fn away_rides_on_join_and_here_never_on_leave() {
    let here = Envelope::presence(alice(), PresenceState::Here).with_away(Some("lunch".into()));
    let decoded = Envelope::decode(&here.encode()).unwrap();
    assert!(matches!(
        &decoded.payload,
        Payload::Presence { away: Some(why), .. } if why == "lunch"
    ));
    assert_eq!(decoded, here);
    let leave = Envelope::presence(alice(), PresenceState::Leave).with_away(Some("x".into()));
    assert!(matches!(
        leave.payload,
        Payload::Presence { away: None, .. }
    ));
    let odd = br#"{"v":1,"id":"y","kind":"presence","from":"alice","state":"leave","away":"x","sent_at":"2026-11-21T10:00:00Z"}"#;
    assert!(matches!(
        Envelope::decode(odd).unwrap().payload,
        Payload::Presence { away: None, .. }
    ));
    let long = format!(
        r#"{{"v":1,"id":"y","kind":"presence","from":"alice","state":"here","away":"{}","sent_at":"2026-11-21T10:00:00Z"}}"#,
        "z".repeat(500)
    );
    let Payload::Presence { away, .. } = Envelope::decode(long.as_bytes()).unwrap().payload else {
        panic!("presence");
    };
    assert_eq!(away.unwrap().len(), MAX_AWAY_CHARS);
}

#[test]
fn typing_round_trips_and_names_its_place() {
    use crate::domain::ConversationId;
    for to in [
        ConversationId::Direct(UserName::parse("bob").unwrap()),
        ConversationId::Topic(TopicName::parse("news").unwrap()),
    ] {
        let env = Envelope::typing(alice(), to);
        assert_eq!(Envelope::decode(&env.encode()).unwrap(), env);
    }
    let mut env = Envelope::typing(
        alice(),
        ConversationId::Direct(UserName::parse("bob").unwrap()),
    );
    env.id = MessageId::from_string("t1".into());
    env.sent_at = time::macros::datetime!(2026-11-21 10:00 UTC);
    assert_eq!(
        String::from_utf8(env.encode()).unwrap(),
        r#"{"v":1,"id":"t1","kind":"typing","from":"alice","to":"@bob","sent_at":"2026-11-21T10:00:00Z"}"#
    );
    let nowhere = br#"{"v":1,"id":"t","kind":"typing","from":"alice","to":"*status","sent_at":"2026-11-21T10:00:00Z"}"#;
    assert!(Envelope::decode(nowhere).is_err());
}
