//! `Envelope::decode` on anything: arbitrary bytes, arbitrary JSON, envelopes with one
//! field of the wrong type, deep nesting, huge bodies; and `decode(encode(e)) == e`.

use chat_tui::app::user::{Event, Shown, UserApp};
use chat_tui::domain::envelope::{MAX_BODY_BYTES, MAX_ENVELOPE_BYTES, MAX_ID_BYTES};
use chat_tui::domain::{
    ChatMessage, Direction, Envelope, MessageId, Payload, PresenceState, SearchHits, TopicName,
    UserName,
};
use chat_tui::ui::plain::{LineFormat, format_shown};
use proptest::prelude::*;
use serde_json::{Value, json};
use time::{OffsetDateTime, UtcOffset};

use super::strategies::{any_text, hostile_text, json_value, topic_name, user_name};

/// A valid envelope of any kind, with any id, body and time the contract allows.
fn envelope() -> impl Strategy<Value = Envelope> {
    let id = prop_oneof![
        "[!-~]{1,128}",
        any::<String>().prop_filter("1 to 128 bytes", |s| {
            !s.is_empty() && s.len() <= MAX_ID_BYTES
        }),
    ];
    // Any instant from year 0 to year 9999 (UTC), at nanosecond precision, written in
    // any offset the instant can be written in.
    let seconds = OffsetDateTime::new_utc(
        time::Date::from_calendar_date(0, time::Month::January, 1).expect("a date"),
        time::Time::MIDNIGHT,
    )
    .unix_timestamp()..=253_402_300_799i64;
    let sent_at = (seconds, 0u32..1_000_000_000, -86_399i32..=86_399).prop_filter_map(
        "the instant exists in that offset",
        |(secs, nanos, offset)| {
            let utc = OffsetDateTime::from_unix_timestamp(secs)
                .ok()?
                .replace_nanosecond(nanos)
                .ok()?;
            utc.checked_to_offset(UtcOffset::from_whole_seconds(offset).ok()?)
        },
    );
    let payload = prop_oneof![
        (user_name(), any_text()).prop_map(|(to, body)| Payload::Direct {
            to: UserName::parse(&to).expect("a valid name"),
            body,
        }),
        (topic_name(), any_text()).prop_map(|(to, body)| Payload::Topic {
            to: TopicName::parse(&to).expect("a valid name"),
            body,
        }),
        prop::sample::select(vec![
            PresenceState::Join,
            PresenceState::Here,
            PresenceState::Leave
        ])
        .prop_flat_map(|state| (Just(state), any::<bool>(), any::<Option<String>>()))
        .prop_map(|(state, again, away)| Payload::Presence {
            state,
            topics: Vec::new(),
            // Only a join is ever "again".
            again: again && state == PresenceState::Join,
            // A leave is never away; a reason is read up to 200 characters.
            away: away
                .filter(|_| state != PresenceState::Leave)
                .map(|r| r.chars().take(200).collect()),
        }),
    ];
    (id, user_name(), sent_at, payload).prop_map(|(id, from, sent_at, payload)| Envelope {
        id: MessageId::from_string(id),
        from: UserName::parse(&from).expect("a valid name"),
        sent_at,
        payload,
        marks: Default::default(),
    })
}

/// Whatever `decode` accepts, it reads back the same after encoding it again.
fn assert_stable(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(env) = Envelope::decode(bytes) {
        prop_assert_eq!(Envelope::decode(&env.encode()), Ok(env));
    }
    Ok(())
}

/// A valid direct message as a JSON object, to spoil one field of.
fn direct_object() -> Value {
    json!({"v": 1, "id": "m1", "kind": "direct", "from": "alice", "to": "bob",
           "body": "hi", "sent_at": "2026-11-21T10:00:00Z"})
}

/// `depth` nested arrays or objects.
fn nested(depth: usize, objects: bool) -> String {
    if objects {
        format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
    } else {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        assert_stable(&bytes)?;
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        let bytes = serde_json::to_vec(&value).expect("JSON serialises");
        if let Ok(env) = Envelope::decode(&bytes) {
            prop_assert_eq!(&value["v"], &json!(1));
            prop_assert_eq!(value["id"].as_str(), Some(env.id.as_str()));
        }
        assert_stable(&bytes)?;
    }

    #[test]
    fn a_field_of_the_wrong_type_is_unreadable_or_ignored(
        field in prop::sample::select(vec!["v", "id", "kind", "from", "to", "body", "sent_at", "state", "extra"]),
        value in json_value(),
    ) {
        let mut object = direct_object();
        object[field] = value.clone();
        let bytes = serde_json::to_vec(&object).expect("JSON serialises");
        match Envelope::decode(&bytes) {
            Ok(env) => {
                // Only a value that still fits the contract may be accepted ("kind"
                // may have become "topic"; names are read lowercased).
                let (to, body) = match &env.payload {
                    Payload::Direct { to, body } => (to.as_str(), body),
                    Payload::Topic { to, body } => (to.as_str(), body),
                    Payload::Presence { .. } | Payload::Typing { .. } => {
                        return Err(TestCaseError::fail(format!("presence: {env:?}")));
                    }
                    // "kind" may have become "announce", which has no recipient.
                    Payload::Announce { body } => {
                        prop_assert_eq!(object["kind"].as_str(), Some("announce"));
                        prop_assert_eq!(Some(body.as_str()), object["body"].as_str());
                        return Ok(());
                    }
                };
                let lowered = |key: &str| object[key].as_str().map(str::to_ascii_lowercase);
                prop_assert_eq!(Some(env.id.as_str()), object["id"].as_str());
                prop_assert_eq!(Some(env.from.to_string()), lowered("from"));
                prop_assert_eq!(Some(to.to_owned()), lowered("to"));
                prop_assert_eq!(Some(body.as_str()), object["body"].as_str());
            }
            Err(unreadable) => prop_assert!(!unreadable.0.is_empty()),
        }
    }

    #[test]
    fn hostile_strings_in_every_field_never_panic(
        field in prop::sample::select(vec!["id", "kind", "from", "to", "body", "sent_at", "state"]),
        text in hostile_text(),
    ) {
        let mut object = direct_object();
        object[field] = Value::String(text);
        assert_stable(&serde_json::to_vec(&object).expect("JSON serialises"))?;
    }

    #[test]
    fn valid_envelopes_round_trip(env in envelope()) {
        prop_assert_eq!(Envelope::decode(&env.encode()), Ok(env));
    }
}

/// A `sent_at` as a sender could write it, mostly near the ends of the calendar, in any
/// offset RFC 3339 allows.
fn sent_at_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![prop::sample::select(vec![0, 1, 9998, 9999]), 0..=9999i32];
    let offset = prop_oneof![
        Just("Z".to_owned()),
        (any::<bool>(), 0..=23u8, 0..=59u8)
            .prop_map(|(east, h, m)| format!("{}{h:02}:{m:02}", if east { '+' } else { '-' })),
    ];
    let day = prop_oneof![Just((1u8, 1u8)), Just((12, 31)), (1..=12u8, 1..=28u8)];
    (year, day, 0..=23u8, 0..=59u8, offset).prop_map(|(year, (month, day), h, m, offset)| {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:59.999{offset}")
    })
}

proptest! {
    /// Whatever time a sender claims, decoding either refuses it or gives an envelope
    /// that encodes, stores and prints (in any local offset) without a panic.
    #[test]
    fn any_sent_at_is_refused_or_usable(at in sent_at_text(), local in -86_399i32..=86_399) {
        let raw = format!(
            r#"{{"v":1,"id":"m1","kind":"direct","from":"bob","to":"me","body":"hi","sent_at":"{at}"}}"#
        );
        let Ok(env) = Envelope::decode(raw.as_bytes()) else { return Ok(()) };
        assert_stable(raw.as_bytes())?;
        let me = UserName::parse("me").expect("valid");
        let msg = ChatMessage::from_envelope(&env, &me, Direction::Incoming).expect("a text message");
        let local = UtcOffset::from_whole_seconds(local).expect("in range");
        for format in [LineFormat::Text, LineFormat::Json] {
            let line = format_shown(&Shown::Message(msg.clone()), &me, local, format);
            prop_assert!(line.is_some_and(|l| l.contains("hi")));
        }
        let mut app = UserApp::new(me, "test".into(), local);
        app.update(Event::SearchResults { query: "hi".into(), hits: SearchHits { total: 1, newest: vec![msg] } });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Deep nesting is refused without overflowing the stack (serde_json stops at 128
    /// levels); nested inside an unknown field it is skipped without recursion.
    #[test]
    fn deep_nesting_is_refused_or_skipped(depth in 100usize..100_000, objects in any::<bool>()) {
        let doc = nested(depth, objects);
        if depth > 127 {
            prop_assert!(Envelope::decode(doc.as_bytes()).is_err());
        }
        let mut env = Envelope::direct(
            UserName::parse("alice").expect("valid"),
            UserName::parse("bob").expect("valid"),
            "hi".into(),
        );
        env.sent_at = time::macros::datetime!(2026-11-21 10:00 UTC);
        let plain = String::from_utf8(env.encode()).expect("UTF-8");
        let spoiled = format!("{},\"extra\":{doc}}}", plain.trim_end_matches('}'));
        let decoded = Envelope::decode(spoiled.as_bytes());
        if spoiled.len() <= MAX_ENVELOPE_BYTES {
            prop_assert_eq!(decoded, Ok(env), "unknown fields are ignored");
        } else {
            prop_assert!(decoded.is_err());
        }
        let in_body = format!(
            r#"{{"v":1,"id":"m1","kind":"direct","from":"alice","to":"bob","body":{doc},"sent_at":"2026-11-21T10:00:00Z"}}"#
        );
        prop_assert!(Envelope::decode(in_body.as_bytes()).is_err());
    }

    /// A body up to the limit round-trips (even when every character is escaped six
    /// times its size on the wire); one byte more is unreadable, never a panic.
    #[test]
    fn bodies_at_the_limit(extra in -8i64..=8, fill in prop::sample::select(vec!['x', '\u{1}', '"', 'é'])) {
        let len = usize::try_from(MAX_BODY_BYTES as i64 + extra).expect("positive");
        let mut body: String = std::iter::repeat_n(fill, len / fill.len_utf8()).collect();
        while body.len() < len {
            body.push('x');
        }
        let env = Envelope::direct(
            UserName::parse("alice").expect("valid"),
            UserName::parse("bob").expect("valid"),
            body.clone(),
        );
        let decoded = Envelope::decode(&env.encode());
        if body.len() <= MAX_BODY_BYTES {
            prop_assert_eq!(decoded, Ok(env));
        } else {
            prop_assert!(decoded.expect_err("over the limit").0.contains("too large"));
        }
    }
}

#[test]
fn ten_megabytes_of_anything_is_refused_at_once() {
    let started = std::time::Instant::now();
    for fill in [b'[', b'{', b'"', b' ', 0xff] {
        let bytes = vec![fill; 10 * 1024 * 1024];
        let err = Envelope::decode(&bytes).expect_err("10 MB is too large");
        assert!(err.0.contains("too large"), "{err}");
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
