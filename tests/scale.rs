//! Issue 5's numbers on a big history, measured by hand (ignored by default; no broker):
//!
//! ```sh
//! cargo test --release --test scale -- --ignored --nocapture --test-threads=1
//! ```
//!
//! The history (1,000,000 messages over 20 conversations, stored with
//! `History::insert_unsynced` in batches of 10,000) is built once in
//! `$CHAT_TUI_SCALE_DIR` (default: `chat-tui-scale` in the temporary directory) and
//! reused. `start_up` times what user mode runs before its first frame, first as the
//! previous schema and queries did (on a version-1 copy), then as they do now.
//! `scrolling_back` pages back through 100,000 messages of one conversation the way the
//! event loop does, timing frames on the way and reading the resident memory at the end.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chat_tui::app::user::{Action, Effect, Event, FIRST_PAGE, UserApp};
use chat_tui::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, TopicName, UserName,
};
use chat_tui::store::History;
use chat_tui::ui::user::input_box::InputBox;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::UtcOffset;
use time::macros::datetime;

const MESSAGES: usize = 1_000_000;
const CONVERSATIONS: usize = 20;
const BATCH: usize = 10_000;
/// The conversation with a quarter of the messages.
const BUSIEST: usize = CONVERSATIONS - 1;
/// The terminal of issue 5's frame target.
const SIZE: (u16, u16) = (200, 60);

/// The conversations: 15 people and 5 topics.
fn conversation(i: usize) -> ConversationId {
    if i < 15 {
        ConversationId::Direct(UserName::parse(&format!("peer{i:02}")).expect("valid"))
    } else {
        ConversationId::Topic(TopicName::parse(&format!("topic{i:02}")).expect("valid"))
    }
}

/// Message `n`: a quarter of them in the busiest topic (250,000), the others taking
/// turns in the other conversations; seven in ten incoming, bodies from a few words to
/// a few wrapped lines, a minute apart (so days change now and then).
fn message(n: usize) -> ChatMessage {
    let place = if n.is_multiple_of(4) {
        conversation(BUSIEST)
    } else {
        conversation((n / 4) % (CONVERSATIONS - 1))
    };
    let incoming = (n / 4) % 10 < 7;
    let from = if incoming {
        match &place {
            ConversationId::Direct(peer) => peer.clone(),
            _ => UserName::parse(&format!("member{}", n % 13)).expect("valid"),
        }
    } else {
        UserName::parse("alice").expect("valid")
    };
    let words = [3, 12, 40, 7, 90][n % 5];
    let body = (0..words)
        .map(|w| ["chat", "queue", "deploy", "lunch", "ok", "tomorrow"][(n + w) % 6])
        .collect::<Vec<_>>()
        .join(" ");
    ChatMessage {
        id: MessageId::from_string(format!("scale-{n:07}")),
        conversation: place,
        from: Some(from),
        sent_at: datetime!(2024-01-01 00:00 UTC) + time::Duration::minutes(n as i64),
        direction: if incoming {
            Direction::Incoming
        } else {
            Direction::Outgoing
        },
        status: DeliveryStatus::Delivered,
        content: Content::Text(format!("{n}: {body}")),
        marks: Default::default(),
    }
}

/// The big history, built on first use. Every conversation but the last two was read
/// up to 98% of the history, so a few thousand messages are unread, and the last two
/// (the busiest topic among them) have tens of thousands.
fn big_history() -> PathBuf {
    let dir = std::env::var_os("CHAT_TUI_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("chat-tui-scale"));
    let path = dir.join("history.sqlite3");
    let done = dir.join("complete");
    if done.exists() {
        return path;
    }
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut history = History::open(&path).expect("a new history");
    for start in (0..MESSAGES).step_by(BATCH) {
        let batch: Vec<ChatMessage> = (start..start + BATCH).map(message).collect();
        history.insert_unsynced(&batch).expect("stored");
        if start == MESSAGES / 50 * 49 {
            for i in 0..CONVERSATIONS - 2 {
                history.mark_read(&conversation(i)).expect("marked");
            }
        }
    }
    drop(history);
    std::fs::write(&done, b"").expect("a marker");
    eprintln!(
        "built {MESSAGES} messages in {:.1?} at {}",
        started.elapsed(),
        path.display()
    );
    path
}

/// Runs `work` `times` times; the fastest run and its result.
fn fastest<T>(times: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..times {
        let started = Instant::now();
        let value = work();
        let took = started.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, value));
        }
    }
    best.expect("at least once")
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Rows of a query on a raw connection (every column read as a value).
fn rows(conn: &rusqlite::Connection, sql: &str, params: impl rusqlite::Params) -> usize {
    let mut stmt = conn.prepare_cached(sql).expect("valid SQL");
    let width = stmt.column_count();
    let mut rows = stmt.query(params).expect("runs");
    let mut count = 0;
    while let Some(row) = rows.next().expect("a row") {
        for i in 0..width {
            let _: rusqlite::types::Value = row.get(i).expect("a value");
        }
        count += 1;
    }
    count
}

/// What start-up ran before this branch, on a copy of the file as version 1 left it
/// (no partial index): the GROUP BY over every row, 500 messages per conversation, the
/// unread counts over every incoming row after the markers.
fn before(path: &Path) {
    let old = path.with_file_name("history-v1.sqlite3");
    std::fs::copy(path, &old).expect("a copy");
    let conn = rusqlite::Connection::open(&old).expect("opens");
    conn.execute_batch("DROP INDEX IF EXISTS messages_incoming; PRAGMA user_version = 1;")
        .expect("back to version 1");
    let columns =
        "seq, id, conversation, sender, sent_at, direction, status, failure, kind, body, reason";
    let (conversations, keys) = fastest(3, || {
        let mut stmt = conn
            .prepare_cached(
                "SELECT conversation, MAX(seq) AS last FROM messages
                 GROUP BY conversation ORDER BY last DESC",
            )
            .expect("valid");
        stmt.query_map([], |row| row.get::<_, String>(0))
            .expect("runs")
            .collect::<Result<Vec<String>, _>>()
            .expect("keys")
    });
    let recent_sql = format!(
        "SELECT * FROM (SELECT {columns} FROM messages WHERE conversation = ?1
         ORDER BY seq DESC LIMIT 500) ORDER BY seq ASC"
    );
    let (recent, _) = fastest(3, || {
        keys.iter()
            .map(|key| rows(&conn, &recent_sql, [key]))
            .sum::<usize>()
    });
    let (unread, _) = fastest(3, || {
        rows(
            &conn,
            "SELECT m.conversation, COUNT(*) FROM messages AS m
             LEFT JOIN read_markers AS r ON r.conversation = m.conversation
             WHERE m.direction = 'in' AND m.seq > COALESCE(r.seq, 0)
             GROUP BY m.conversation ORDER BY MAX(m.seq) DESC",
            [],
        )
    });
    eprintln!(
        "before: conversations {}, recent(500) x {} {}, unread counts {}; total {}",
        ms(conversations),
        keys.len(),
        ms(recent),
        ms(unread),
        ms(conversations + recent + unread)
    );
    drop(conn);
    let started = Instant::now();
    drop(History::open(&old).expect("migrates"));
    eprintln!(
        "migration 1 -> 2 of the copy (once per file): {}",
        ms(started.elapsed())
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", old.display()));
    }
}

/// Start-up as it is now, up to the first frame; returns the app.
fn after(path: &Path, report: bool) -> UserApp {
    let t0 = Instant::now();
    let history = History::open(path).expect("opens");
    let t1 = Instant::now();
    let conversations = history.conversations().expect("conversations");
    let t2 = Instant::now();
    let loaded: Vec<(ConversationId, Vec<ChatMessage>)> = conversations
        .into_iter()
        .map(|c| {
            let page = history.recent(&c, FIRST_PAGE).expect("a page");
            (c, page)
        })
        .collect();
    let t3 = Instant::now();
    let unread = history.unread_counts().expect("unread");
    let t4 = Instant::now();
    let subscriptions = history.subscriptions().expect("subscriptions");
    let mut app = UserApp::new(
        UserName::parse("alice").expect("valid"),
        "127.0.0.1:5672".into(),
        UtcOffset::UTC,
    );
    app.set_layout(chat_tui::ui::user::line_rows);
    app.load_history(loaded, unread.clone(), subscriptions);
    let t5 = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
    let input = InputBox::new();
    terminal
        .draw(|frame| chat_tui::ui::user::draw(frame, &app, &input, &mut 0))
        .expect("drawn");
    let t6 = Instant::now();
    if report {
        let unread_total: usize = unread.iter().map(|(_, n)| n).sum();
        eprintln!(
            "after: open {}, conversations {}, recent({FIRST_PAGE}) x {} {}, unread counts {} ({unread_total} unread), app {}, first frame {}; total {}",
            ms(t1 - t0),
            ms(t2 - t1),
            app.conversations.len() - 1,
            ms(t3 - t2),
            ms(t4 - t3),
            ms(t5 - t4),
            ms(t6 - t5),
            ms(t6 - t0)
        );
    }
    app
}

#[test]
#[ignore = "a measurement: builds a 1M-message history (minutes) and prints timings"]
fn start_up() {
    let path = big_history();
    before(&path);
    for _ in 0..3 {
        after(&path, true);
    }
}

/// The resident set and its peak, in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Average time of `frames` frames of `app` at issue 5's size.
fn frame_time(app: &UserApp, frames: u32) -> Duration {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
    let input = InputBox::new();
    let mut draw = || {
        terminal
            .draw(|frame| chat_tui::ui::user::draw(frame, app, &input, &mut 0))
            .expect("drawn");
    };
    for _ in 0..frames / 10 {
        draw();
    }
    let started = Instant::now();
    for _ in 0..frames {
        draw();
    }
    started.elapsed() / frames
}

/// Answers the pages the app asks for among `effects` (and any it asks for while
/// taking them) from `history`, as the event loop does; returns how many messages came.
fn serve_pages(app: &mut UserApp, history: &History, mut effects: Vec<Effect>) -> usize {
    let mut messages = 0;
    while let Some(effect) = effects.pop() {
        if let Effect::LoadPage {
            conversation,
            at,
            limit,
        } = effect
        {
            let page = history.page(&conversation, &at, limit).expect("a page");
            messages += page.messages.len();
            effects.extend(app.update(Event::PageLoaded {
                conversation,
                at,
                result: Ok(page),
            }));
        }
    }
    messages
}

#[test]
#[ignore = "a measurement: pages back through 100,000 messages and prints frame times and memory"]
fn scrolling_back() {
    let path = big_history();
    let history = History::open(&path).expect("opens");
    let mut app = after(&path, false);
    let pane = chat_tui::ui::user::message_pane(
        ratatui::layout::Rect::new(0, 0, SIZE.0, SIZE.1),
        &InputBox::new(),
    );
    app.update(Event::PaneResized {
        width: pane.width,
        height: pane.height,
    });
    let topic = conversation(BUSIEST);
    app.update(Event::Open(topic.clone()));
    let (rss, _) = memory();
    eprintln!(
        "after start-up: {rss:.1} MB resident; frame at the bottom {}",
        ms(frame_time(&app, 200))
    );
    let mut paged = 0;
    let mut presses = 0;
    let mut slowest = Duration::ZERO;
    while paged < 100_000 {
        let effects = app.update(Event::Key(Action::ScrollUp(usize::from(pane.height) - 1)));
        presses += 1;
        paged += serve_pages(&mut app, &history, effects);
        if presses % 500 == 0 {
            slowest = slowest.max(frame_time(&app, 20));
            let c = app.current_conversation();
            assert!(c.lines.len() <= chat_tui::app::user::WINDOW_LINES);
        }
        assert!(presses < 100_000, "stuck after {paged} messages");
    }
    let conversation = app.current_conversation();
    let (rss, peak) = memory();
    eprintln!(
        "scrolled back through {paged} messages in {presses} PgUp: {} lines loaded; frame far back {} (slowest sampled on the way {}); {rss:.1} MB resident, peak {peak:.1} MB",
        conversation.lines.len(),
        ms(frame_time(&app, 200)),
        ms(slowest)
    );
    assert!(conversation.lines.len() <= chat_tui::app::user::WINDOW_LINES);
    assert!(rss < 60.0, "{rss:.1} MB resident");
    let effects = app.update(Event::Key(Action::ScrollToNewest));
    serve_pages(&mut app, &history, effects);
    assert!(app.current_conversation().is_following());
    eprintln!(
        "back at the newest (Ctrl-End): frame {}",
        ms(frame_time(&app, 200))
    );
    // A conversation of a thousand messages, for comparison.
    let small = UserApp::new(
        UserName::parse("alice").expect("valid"),
        String::new(),
        UtcOffset::UTC,
    );
    let mut small = small;
    small.load_history(
        vec![(topic.clone(), (0..1_000).map(message).collect())],
        vec![],
        vec![],
    );
    eprintln!(
        "frame of a 1,000-message conversation: {}",
        ms(frame_time(&small, 200))
    );
}

#[test]
#[ignore = "a measurement: the integrity check on a 1M-message history, warm and cold"]
fn integrity_check() {
    let path = big_history();
    // Cold: drop the page cache first where allowed (root on Linux); warm: right after.
    let cold = std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok();
    for pass in ["first", "second", "third"] {
        let started = Instant::now();
        let found = chat_tui::store::integrity::check(&path).expect("checked");
        println!(
            "integrity check ({pass} pass{}): {} — {found:?}",
            if pass == "first" && cold {
                ", page cache dropped"
            } else {
                ""
            },
            ms(started.elapsed())
        );
    }
}
