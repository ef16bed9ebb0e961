//! Tests of paging through the history, the start-up queries' answers and plans, and
//! the migration from a version-1 file.

use time::macros::datetime;

use super::{History, HistoryReader, schema};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, MessagePage,
    PageAt, UserName,
};

fn conv(target: &str) -> ConversationId {
    ConversationId::parse_target(target).unwrap()
}

/// Message `id` in conversation `target`, incoming or written by alice.
fn msg(id: &str, target: &str, direction: Direction) -> ChatMessage {
    let from = match direction {
        Direction::Incoming => "bob",
        Direction::Outgoing => "alice",
    };
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation: conv(target),
        from: Some(UserName::parse(from).unwrap()),
        sent_at: datetime!(2026-11-21 10:00:00 UTC),
        direction,
        status: DeliveryStatus::Delivered,
        content: Content::Text(format!("body of {id}")),
        marks: Default::default(),
    }
}

fn id(id: &str) -> MessageId {
    MessageId::from_string(id.into())
}

fn ids(page: &MessagePage) -> Vec<&str> {
    page.messages.iter().map(|m| m.id.as_str()).collect()
}

/// `bob` gets b0..b9 and `#news` n0..n9, interleaved in storage order.
fn interleaved() -> History {
    let mut h = History::open_in_memory().unwrap();
    let mut batch = Vec::new();
    for i in 0..10 {
        batch.push(msg(&format!("b{i}"), "bob", Direction::Incoming));
        batch.push(msg(&format!("n{i}"), "#news", Direction::Outgoing));
    }
    h.insert_batch(&batch).unwrap();
    h
}

#[test]
fn pages_before_and_after_a_message_are_consecutive_and_oldest_first() {
    let h = interleaved();
    let bob = conv("bob");
    let page = h.page(&bob, &PageAt::Before(id("b6")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b3", "b4", "b5"], true));
    let page = h.page(&bob, &PageAt::Before(id("b3")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b0", "b1", "b2"], false));
    let page = h.page(&bob, &PageAt::Before(id("b0")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec![], false));

    let page = h.page(&bob, &PageAt::After(id("b2")), 4).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["b3", "b4", "b5", "b6"], true)
    );
    let page = h.page(&bob, &PageAt::After(id("b6")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b7", "b8", "b9"], false));
    let page = h.page(&bob, &PageAt::After(id("b9")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec![], false));
}

#[test]
fn pages_at_either_end() {
    let h = interleaved();
    let news = conv("#news");
    let page = h.page(&news, &PageAt::Newest, 4).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["n6", "n7", "n8", "n9"], true)
    );
    let page = h.page(&news, &PageAt::Oldest, 4).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["n0", "n1", "n2", "n3"], true)
    );
    let page = h.page(&news, &PageAt::Newest, 10).unwrap();
    assert_eq!((page.messages.len(), page.more), (10, false));
    let page = h.page(&news, &PageAt::Oldest, 0).unwrap();
    assert_eq!((ids(&page), page.more), (vec![], true));
    let page = h.page(&conv("carol"), &PageAt::Newest, 5).unwrap();
    assert_eq!(page, MessagePage::default());
    assert_eq!(
        h.page(&news, &PageAt::Newest, 4).unwrap().messages,
        h.recent(&news, 4).unwrap()
    );
}

#[test]
fn a_page_around_a_message_holds_it_in_the_middle_and_says_whether_newer_ones_follow() {
    let h = interleaved();
    let bob = conv("bob");
    let page = h.page(&bob, &PageAt::Around(id("b5")), 5).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["b3", "b4", "b5", "b6", "b7"], true)
    );
    let page = h.page(&bob, &PageAt::Around(id("b8")), 5).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["b6", "b7", "b8", "b9"], false)
    );
    let page = h.page(&bob, &PageAt::Around(id("b0")), 4).unwrap();
    assert_eq!(
        (ids(&page), page.more),
        (vec!["b0", "b1"], true),
        "nothing before the first: the page is shorter, never shifted"
    );
    let page = h.page(&bob, &PageAt::Around(id("b4")), 1).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b4"], true));
}

#[test]
fn a_cursor_that_is_not_stored_in_the_conversation_gives_an_empty_last_page() {
    let h = interleaved();
    let bob = conv("bob");
    for at in [
        PageAt::Before(id("not stored")),
        PageAt::After(id("not stored")),
        PageAt::Before(id("n5")),
        PageAt::After(id("n5")),
        PageAt::Around(id("not stored")),
        PageAt::Around(id("n5")),
    ] {
        assert_eq!(
            h.page(&bob, &at, 3).unwrap(),
            MessagePage::default(),
            "{at:?}"
        );
    }
}

#[test]
fn a_damaged_row_is_left_out_but_still_fills_its_place_in_the_page() {
    let h = interleaved();
    h.conn_for_tests()
        .execute("UPDATE messages SET sent_at = 'never' WHERE id = 'b4'", [])
        .unwrap();
    let bob = conv("bob");
    let page = h.page(&bob, &PageAt::Before(id("b6")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b3", "b5"], true));
    let page = h.page(&bob, &PageAt::Before(id("b3")), 3).unwrap();
    assert_eq!((ids(&page), page.more), (vec!["b0", "b1", "b2"], false));
}

/// The start-up queries as they were before schema version 2: a pass over every row.
const OLD_CONVERSATIONS: &str = "SELECT conversation, MAX(seq) AS last FROM messages
    GROUP BY conversation ORDER BY last DESC";
const OLD_UNREAD: &str = "SELECT m.conversation, COUNT(*) FROM messages AS m
    LEFT JOIN read_markers AS r ON r.conversation = m.conversation
    WHERE m.direction = 'in' AND m.seq > COALESCE(r.seq, 0)
    GROUP BY m.conversation ORDER BY MAX(m.seq) DESC";

fn old_answer(h: &History, sql: &str) -> Vec<(ConversationId, usize)> {
    let mut stmt = h.conn_for_tests().prepare(sql).unwrap();
    stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })
    .unwrap()
    .map(|row| {
        let (key, n) = row.unwrap();
        (ConversationId::from_storage_key(&key).unwrap(), n as usize)
    })
    .collect()
}

#[test]
fn conversations_and_unread_counts_answer_as_the_full_scans_did() {
    let mut h = History::open_in_memory().unwrap();
    let places = ["bob", "carol", "#news", "#ops", "dave", "*status"];
    // A fixed pseudo-random walk: inserts in bursts, read markers now and then.
    let mut state: u32 = 7;
    let mut next = |bound: u32| {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (state >> 16) % bound
    };
    for round in 0..60 {
        let place = places[next(places.len() as u32) as usize];
        let target = if place == "*status" { "bob" } else { place };
        let direction = if next(3) == 0 {
            Direction::Outgoing
        } else {
            Direction::Incoming
        };
        let burst: Vec<ChatMessage> = (0..=next(4))
            .map(|i| {
                let mut m = msg(&format!("r{round}-{i}"), target, direction);
                if place == "*status" {
                    m.conversation = ConversationId::Status;
                }
                m
            })
            .collect();
        h.insert_batch(&burst).unwrap();
        if next(4) == 0 {
            let read = places[next(places.len() as u32) as usize];
            let read = ConversationId::from_storage_key(read).unwrap_or_else(|| conv(read));
            h.mark_read(&read).unwrap();
        }
        let conversations: Vec<ConversationId> = old_answer(&h, OLD_CONVERSATIONS)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(h.conversations().unwrap(), conversations, "round {round}");
        assert_eq!(
            h.unread_counts().unwrap(),
            old_answer(&h, OLD_UNREAD),
            "round {round}"
        );
    }
    assert!(!h.unread_counts().unwrap().is_empty());
}

/// The plan SQLite picks for `sql`, one step a line.
fn plan(h: &History, sql: &str) -> String {
    let mut stmt = h
        .conn_for_tests()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    // The plan does not depend on the values: bind NULL to every parameter.
    let nulls = vec![rusqlite::types::Value::Null; stmt.parameter_count()];
    let steps: Vec<String> = stmt
        .query_map(rusqlite::params_from_iter(nulls), |row| {
            row.get::<_, String>(3)
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    steps.join("\n")
}

#[test]
fn start_up_and_paging_queries_search_indexes_and_never_scan_the_messages() {
    let h = interleaved();
    let checks = [
        super::history::CONVERSATIONS_SQL.to_owned(),
        super::history::UNREAD_SQL.to_owned(),
        super::history::page_sql(&PageAt::Before(id("b1"))),
        super::history::page_sql(&PageAt::After(id("b1"))),
        super::history::page_sql(&PageAt::Newest),
        super::history::page_sql(&PageAt::Oldest),
        super::history::page_sql(&PageAt::Around(id("b1"))),
    ];
    for query in checks {
        let plan = plan(&h, &query);
        assert!(
            !plan.lines().any(|step| step.starts_with("SCAN messages")),
            "{query}\n{plan}"
        );
        assert!(plan.contains("USING"), "{query}\n{plan}");
    }
    let unread = plan(&h, super::history::UNREAD_SQL);
    assert!(unread.contains("messages_incoming"), "{unread}");
    assert_eq!(
        unread
            .matches("USING COVERING INDEX messages_incoming (conversation=? AND seq>?)")
            .count(),
        1,
        "each count is read once: {unread}"
    );
}

#[test]
fn a_version_1_file_is_migrated_and_keeps_its_messages_and_markers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_version(&conn, 1).unwrap();
        let rows = [
            ("m1", "@bob", "in"),
            ("m2", "@bob", "out"),
            ("m3", "#news", "in"),
            ("m4", "@bob", "in"),
        ];
        for (id, place, direction) in rows {
            conn.execute(
                "INSERT INTO messages (id, conversation, sender, sent_at, direction, status,
                     kind, body) VALUES (?1, ?2, 'bob', '2026-11-21T10:00:00Z', ?3,
                     'delivered', 'text', 'hi')",
                rusqlite::params![id, place, direction],
            )
            .unwrap();
        }
        conn.execute("INSERT INTO read_markers VALUES ('@bob', 1)", [])
            .unwrap();
    }
    let h = History::open(&path).unwrap();
    let version: i64 = h
        .conn_for_tests()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    assert_eq!(version, 5);
    let index: i64 = h
        .conn_for_tests()
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_incoming'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(index, 1);
    assert_eq!(h.conversations().unwrap(), vec![conv("bob"), conv("#news")]);
    assert_eq!(
        h.unread_counts().unwrap(),
        vec![(conv("bob"), 1), (conv("#news"), 1)]
    );
    let page = h.page(&conv("bob"), &PageAt::Before(id("m4")), 5).unwrap();
    assert_eq!(ids(&page), ["m1", "m2"]);
    drop(h);
    // The migrated file still reads for `chat-tui history`, and opening it again is a
    // no-op.
    let reader = HistoryReader::open(&path).unwrap().unwrap();
    let mut seen = 0;
    reader
        .for_each(None, |row| {
            assert!(row.is_ok());
            seen += 1;
            std::ops::ControlFlow::<()>::Continue(())
        })
        .unwrap();
    assert_eq!(seen, 4);
    assert_eq!(History::open(&path).unwrap().all(None).unwrap().len(), 4);
}
