//! Screen tests of user mode: `TestBackend` buffers as `insta` snapshots, styles checked
//! cell by cell, and no panic at any size.

use crate::ui::user::input_box::InputBox;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use time::macros::datetime;
use time::{OffsetDateTime, UtcOffset};

use super::messages::visible_rows;
use super::*;
use crate::app::user::{Action, Event, Line, Notice, NoticeLevel, View};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, PresenceState,
    TopicName, UserName,
};
use crate::ui::widgets::colour::{ERROR, OWN, WARNING, name_colour};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

fn bob() -> ConversationId {
    ConversationId::Direct(name("bob"))
}

/// A text message with a fixed time; `from` "alice" is our own (outgoing).
fn msg(
    id: &str,
    conversation: ConversationId,
    from: &str,
    at: OffsetDateTime,
    body: &str,
    status: DeliveryStatus,
) -> ChatMessage {
    ChatMessage {
        id: MessageId::from_string(id.into()),
        conversation,
        from: Some(name(from)),
        sent_at: at,
        direction: if from == "alice" {
            Direction::Outgoing
        } else {
            Direction::Incoming
        },
        status,
        content: Content::Text(body.into()),
        marks: Default::default(),
    }
}

fn delivered(
    id: &str,
    conversation: ConversationId,
    from: &str,
    at: OffsetDateTime,
    body: &str,
) -> ChatMessage {
    msg(id, conversation, from, at, body, DeliveryStatus::Delivered)
}

fn empty_app() -> UserApp {
    UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC)
}

/// A connected alice with history in #news, a DM with bob, unread counts, presence,
/// notices of every level, an away separator and an unreadable message; #news is open.
fn busy_app() -> UserApp {
    let mut app = empty_app();
    let news_history = vec![
        delivered(
            "n1",
            news(),
            "bob",
            datetime!(2026-11-20 09:15 UTC),
            "morning all, the deploy is done",
        ),
        delivered(
            "n2",
            news(),
            "carol",
            datetime!(2026-11-20 17:40 UTC),
            "thanks bob",
        ),
        delivered(
            "n3",
            news(),
            "bob",
            datetime!(2026-11-21 10:00 UTC),
            "standup in five minutes, bring your notes and questions",
        ),
        msg(
            "n4",
            news(),
            "alice",
            datetime!(2026-11-21 10:01 UTC),
            "on my way",
            DeliveryStatus::Delivered,
        ),
        msg(
            "n5",
            news(),
            "alice",
            datetime!(2026-11-21 10:02 UTC),
            "sending this one",
            DeliveryStatus::Pending,
        ),
        msg(
            "n6",
            news(),
            "alice",
            datetime!(2026-11-21 10:03 UTC),
            "and this one failed",
            DeliveryStatus::Failed("broker refused: queue full".into()),
        ),
    ];
    let bob_history = vec![
        delivered(
            "d1",
            bob(),
            "bob",
            datetime!(2026-11-21 08:00 UTC),
            "日本語のテキストはちゃんと折り返されますか？ 絵文字も 👋🎉🚀 大丈夫",
        ),
        delivered(
            "d2",
            bob(),
            "alice",
            datetime!(2026-11-21 08:05 UTC),
            "multi-line body:\nsecond line\n\tindented with a tab",
        ),
    ];
    let unreadable = ChatMessage::unreadable(
        MessageId::from_string("u1".into()),
        "not JSON".into(),
        b"\x1b[2J\x1b]0;pwned\x07hello \xe2\x80\xae evil",
        datetime!(2026-11-21 07:00 UTC),
    );
    app.load_history(
        vec![
            (news(), news_history),
            (bob(), bob_history),
            (ConversationId::Status, vec![unreadable]),
        ],
        vec![(bob(), 2)],
        vec![
            TopicName::parse("news").unwrap(),
            TopicName::parse("rust-lang").unwrap(),
        ],
    );
    app.update(Event::Connected { waiting: 2 });
    app.update(Event::Presence {
        from: name("bob"),
        state: PresenceState::Here,
        topics: Vec::new(),
        answer: None,
        again: false,
        away: None,
    });
    app.update(Event::Open(news()));
    app.update(Event::Presence {
        from: name("dave"),
        state: PresenceState::Join,
        topics: vec![TopicName::parse("news").unwrap()],
        answer: None,
        again: false,
        away: None,
    });
    app.update(Event::Input("/frobnicate".into()));
    app.update(Event::Received(delivered(
        "r1",
        news(),
        "dave",
        datetime!(2026-11-21 10:30 UTC),
        "hi, I was away",
    )));
    app.update(Event::Received(delivered(
        "r2",
        news(),
        "carol",
        datetime!(2026-11-21 10:31 UTC),
        "welcome back dave",
    )));
    app.update(Event::Received(delivered(
        "r3",
        bob(),
        "bob",
        datetime!(2026-11-21 10:32 UTC),
        "ping",
    )));
    app.set_layout(line_rows);
    app
}

/// The screen as text, one quoted row per line (the shared view-test helper).
fn text(buffer: &Buffer) -> String {
    crate::ui::widgets::screen_text::screen_text(buffer)
}

/// Draws `app` with every notice's time set to 12:00 UTC, so snapshots do not depend on
/// the clock (notices carry the time they were made).
fn draw_buffer(app: &UserApp, width: u16, height: u16) -> Buffer {
    let mut app = app.clone();
    for conversation in &mut app.conversations {
        for line in &mut conversation.lines {
            if let Line::Notice(notice) = line {
                notice.at = datetime!(2026-11-21 12:00 UTC);
            }
        }
    }
    super::test_draw::draw_screen(&app, width, height)
}

fn screen(app: &UserApp, width: u16, height: u16) -> String {
    text(&draw_buffer(app, width, height))
}

/// Where `needle` starts on screen (column, row), if it is there.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let lines = text(buffer);
    lines.lines().enumerate().find_map(|(y, line)| {
        let start = line.find(needle)?;
        let x = crate::ui::widgets::wrap::columns(&line[1..start]);
        Some((x as u16, y as u16))
    })
}

#[test]
fn empty_app_wide() {
    assert_snapshot!(screen(&empty_app(), 80, 24));
}

#[test]
fn empty_app_narrow() {
    assert_snapshot!(screen(&empty_app(), 40, 12));
}

#[test]
fn busy_topic_wide() {
    assert_snapshot!(screen(&busy_app(), 80, 24));
}

#[test]
fn busy_topic_narrow() {
    assert_snapshot!(screen(&busy_app(), 40, 12));
}

#[test]
fn cjk_and_emoji_wrap_wide() {
    let mut app = busy_app();
    app.update(Event::Open(bob()));
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn cjk_and_emoji_wrap_narrow() {
    let mut app = busy_app();
    app.update(Event::Open(bob()));
    assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn unreadable_in_status() {
    let mut app = busy_app();
    app.update(Event::Open(ConversationId::Status));
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_overlay_wide() {
    let mut app = busy_app();
    app.update(Event::Key(Action::ToggleHelp));
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_overlay_narrow() {
    let mut app = busy_app();
    app.update(Event::Key(Action::ToggleHelp));
    assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn disconnected_wide() {
    let mut app = busy_app();
    app.update(Event::Disconnected("connection reset by peer".into()));
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn reconnecting_counts_down_in_the_status_bar() {
    let mut app = busy_app();
    app.update(Event::Reconnecting {
        reason: "connection reset by peer".into(),
        retry_in_secs: 4,
    });
    assert_snapshot!("reconnecting_in_4s", screen(&app, 80, 24));
    app.update(Event::Reconnecting {
        reason: "connection reset by peer".into(),
        retry_in_secs: 0,
    });
    assert_snapshot!("reconnecting_now_narrow", screen(&app, 40, 12));
}

#[test]
fn disconnected_narrow() {
    let mut app = busy_app();
    app.update(Event::Disconnected("connection reset by peer".into()));
    assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn scrolled_up_shows_more_hint() {
    let mut app = busy_app();
    app.update(Event::PaneResized {
        width: 60,
        height: 10,
    });
    app.update(Event::Key(Action::ScrollUp(3)));
    let shown = screen(&app, 80, 14);
    assert!(shown.contains("↓ more"), "{shown}");
    assert_snapshot!(shown);
}

#[test]
fn message_rows_is_the_pane_height() {
    let input = InputBox::new();
    assert_eq!(message_rows(Rect::new(0, 0, 80, 24), &input), 21);
    assert_eq!(message_rows(Rect::new(0, 0, 40, 12), &input), 9);
    assert_eq!(message_rows(Rect::new(0, 0, 10, 3), &input), 0);
    assert_eq!(message_rows(Rect::ZERO, &input), 0);
}

#[test]
fn sidebar_hides_on_narrow_terminals() {
    let app = busy_app();
    assert!(screen(&app, 80, 24).contains("#rust-lang"));
    assert!(!screen(&app, 40, 12).contains("#rust-lang"));
}

#[test]
fn tiny_sizes_draw_without_panicking() {
    let app = busy_app();
    for (w, h) in [(20, 5), (1, 1), (0, 0), (0, 10), (10, 0), (2, 2)] {
        let _ = screen(&app, w, h);
    }
    let small = screen(&app, 20, 5);
    assert_eq!(small.lines().count(), 5);
    assert!(small.contains("news"), "{small}");
}

#[test]
fn every_size_draws_without_panicking() {
    let mut app = busy_app();
    let mut scrolled = busy_app();
    scrolled.update(Event::Key(Action::ScrollUp(3)));
    let mut help = busy_app();
    help.update(Event::Key(Action::ToggleHelp));
    for width in 1..=100 {
        for height in 1..=40 {
            for app in [&app, &scrolled, &help] {
                let buffer = draw_buffer(app, width, height);
                assert_eq!(buffer.area, Rect::new(0, 0, width, height));
            }
        }
    }
    app.update(Event::Open(bob()));
    for width in 1..=100 {
        let _ = draw_buffer(&app, width, 7);
    }
}

#[test]
fn only_the_visible_lines_are_laid_out() {
    let mut app = empty_app();
    let start = datetime!(2026-11-21 00:00 UTC);
    let history: Vec<ChatMessage> = (0..100_000)
        .map(|i| {
            let at = start + time::Duration::seconds(i);
            delivered(
                &format!("m{i}"),
                news(),
                "bob",
                at,
                &format!("message number {i}"),
            )
        })
        .collect();
    app.load_history(vec![(news(), history)], vec![], vec![]);
    app.set_layout(line_rows);
    app.update(Event::PaneResized {
        width: 60,
        height: 20,
    });
    let conversation = app.current_conversation();
    let visible = visible_rows(&app, conversation, 60, 20);
    assert_eq!(visible.rows.len(), 20);
    assert!(visible.laid_out <= 20, "laid out {}", visible.laid_out);
    let last = visible.rows.last().unwrap().to_string();
    assert!(last.ends_with("message number 99999"), "{last}");

    app.update(Event::Key(Action::ScrollUp(100)));
    let visible = visible_rows(&app, app.current_conversation(), 60, 20);
    assert!(visible.laid_out <= 21, "laid out {}", visible.laid_out);
    let last = visible.rows.last().unwrap().to_string();
    assert!(last.ends_with("message number 99899"), "{last}");
}

#[test]
fn scrolling_past_the_top_stops_at_the_oldest_line() {
    let mut app = busy_app();
    app.update(Event::PaneResized {
        width: 60,
        height: 10,
    });
    app.update(Event::Key(Action::ScrollUp(1_000_000)));
    let visible = visible_rows(&app, app.current_conversation(), 60, 10);
    assert_eq!(visible.rows.len(), 10);
    let first = visible.rows[0].to_string();
    assert!(first.contains("Fri 20 Nov 2026"), "{first}");
    assert!(matches!(app.current_conversation().view, View::Anchored(_)));
    // One row down shows the next row, not a clamped remainder of a million.
    app.update(Event::Key(Action::ScrollDown(1)));
    let down = visible_rows(&app, app.current_conversation(), 60, 10);
    assert_eq!(down.rows[0], visible.rows[1]);
}

#[test]
fn day_separators_come_before_each_local_day() {
    let mut app = busy_app();
    let screen_utc = screen(&app, 80, 40);
    assert!(screen_utc.contains(" Fri 20 Nov 2026 "), "{screen_utc}");
    assert!(screen_utc.contains(" Sat 21 Nov 2026 "), "{screen_utc}");
    assert_eq!(screen_utc.matches(" 2026 ").count(), 2);
    // Nine hours ahead, carol's 17:40 on the 20th is already 02:40 on the 21st.
    app.local_offset = UtcOffset::from_hms(9, 0, 0).unwrap();
    let tokyo = screen(&app, 80, 40);
    let rows: Vec<&str> = tokyo.lines().collect();
    let day = rows.iter().position(|r| r.contains(" Sat 21 Nov 2026 "));
    let carol = rows
        .iter()
        .position(|r| r.contains("02:40 carol: thanks bob"));
    assert_eq!(day.map(|d| d + 1), carol, "{tokyo}");
    assert!(tokyo.contains("18:15 bob:"), "{tokyo}");
}

#[test]
fn styles_mark_senders_status_and_notices() {
    let app = busy_app();
    let buffer = draw_buffer(&app, 80, 24);
    let at =
        |needle: &str| find(&buffer, needle).unwrap_or_else(|| panic!("{needle} not on screen"));

    let (x, y) = at("carol: welcome");
    assert_eq!(buffer[(x, y)].fg, name_colour("carol"));
    let (x, y) = at("you: on my way");
    assert_eq!(buffer[(x, y)].fg, OWN);
    let (x, y) = at("sending this one");
    assert!(buffer[(x, y)].modifier.contains(Modifier::DIM));
    let (x, y) = at("✗ broker refused");
    assert_eq!(buffer[(x, y)].fg, ERROR);
    let (x, y) = at("→ dave joined");
    assert_eq!(buffer[(x, y)].fg, Color::Yellow);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = at("! unknown command");
    assert_eq!(buffer[(x, y)].fg, ERROR);
    let (x, y) = at("● connected");
    assert_eq!(buffer[(x, y)].fg, Color::LightGreen);
    let (x, y) = at("#news");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn unreadable_lines_are_marked_and_inert() {
    let mut app = busy_app();
    app.update(Event::Open(ConversationId::Status));
    let buffer = draw_buffer(&app, 100, 24);
    let (x, y) = find(&buffer, "⚠ unreadable message (not JSON)").unwrap();
    assert_eq!(buffer[(x, y)].fg, WARNING);
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn network_text_cannot_reach_the_terminal() {
    let mut app = empty_app();
    let body = "\x1b[2J\x1b[H\u{9b}31m\u{202e}gnp.exe\x07\ttab\r\nnext";
    app.load_history(
        vec![(
            news(),
            vec![delivered(
                "x",
                news(),
                "mallory",
                datetime!(2026-11-21 10:00 UTC),
                body,
            )],
        )],
        vec![],
        vec![],
    );
    app.update(Event::Disconnected("bad \x1b[31mreason\x07".into()));
    let buffer = draw_buffer(&app, 80, 12);
    for cell in buffer.content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c),
                "{c:?}"
            );
        }
    }
    let shown = text(&buffer);
    assert!(shown.contains("gnp.exe␇    tab"), "{shown}");
    assert!(shown.contains("next"), "{shown}");
    assert!(shown.contains("✗ disconnected: bad reason␇"), "{shown}");
}

#[test]
fn sidebar_keeps_the_current_conversation_visible() {
    let mut app = empty_app();
    let topics: Vec<TopicName> = (0..30)
        .map(|i| TopicName::parse(&format!("topic-{i:02}")).unwrap())
        .collect();
    app.load_history(vec![], vec![], topics);
    app.update(Event::Open(ConversationId::Topic(
        TopicName::parse("topic-29").unwrap(),
    )));
    let shown = screen(&app, 60, 12);
    assert!(shown.contains("#topic-29"), "{shown}");
    assert!(!shown.contains("#topic-00"), "{shown}");
}

#[test]
fn notices_show_their_time() {
    let mut app = empty_app();
    app.update(Event::Connected { waiting: 0 });
    let conversation = &mut app.conversations[0];
    conversation.lines.push_back(Line::Notice(Notice {
        at: datetime!(2026-11-21 12:34 UTC),
        level: NoticeLevel::Info,
        text: "fixed".into(),
    }));
    let mut terminal = Terminal::new(TestBackend::new(60, 10)).unwrap();
    let input = InputBox::new();
    terminal
        .draw(|frame| draw(frame, &app, &input, &mut 0))
        .unwrap();
    let shown = text(terminal.backend().buffer());
    assert!(shown.contains("12:34 -- fixed"), "{shown}");
}

/// `busy_app` with the results of `/search o` open, the second match selected.
fn searching_app() -> UserApp {
    let mut app = busy_app();
    let newest = app
        .current_conversation()
        .lines
        .iter()
        .rev()
        .filter_map(|line| match line {
            Line::Message(msg) => Some(msg.clone()),
            _ => None,
        })
        .take(4)
        .collect();
    app.update(Event::SearchResults {
        query: "o".into(),
        hits: crate::domain::SearchHits { total: 57, newest },
    });
    app.update(Event::Key(Action::MoveSelection(1)));
    app
}

#[test]
fn search_results_wide() {
    assert_snapshot!(screen(&searching_app(), 80, 24));
}

#[test]
fn search_results_narrow() {
    assert_snapshot!(screen(&searching_app(), 40, 12));
}

#[test]
fn the_search_cursor_is_reversed_and_the_match_jumped_to_is_marked() {
    let mut app = searching_app();
    let buffer = draw_buffer(&app, 80, 24);
    let selected = app.search.as_ref().unwrap().selected;
    let line = app.search_line(&app.search.as_ref().unwrap().hits[selected]);
    let (x, y) = find(&buffer, &line[..20]).expect("the selected match is listed");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));

    let id = app.search.as_ref().unwrap().hits[selected].id.clone();
    app.search = None;
    app.conversations[app.current].marked = Some(id.clone());
    let buffer = draw_buffer(&app, 80, 24);
    let Some(Line::Message(msg)) = app
        .current_conversation()
        .lines
        .iter()
        .find(|l| matches!(l, Line::Message(m) if m.id == id))
    else {
        panic!("the marked message is in the current conversation");
    };
    let Content::Text(body) = &msg.content else {
        panic!("text");
    };
    let (x, y) = find(&buffer, body).expect("the marked message is on screen");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_light_theme_redraws_the_whole_screen_for_a_light_background() {
    let mut buffer = draw_buffer(&busy_app(), 80, 24);
    let light = crate::ui::theme::Theme::named("light").unwrap();
    light.paint(&mut buffer);
    let (x, y) = find(&buffer, "you: on my way").unwrap();
    assert!(
        matches!(buffer[(x, y)].fg, Color::Rgb(..)),
        "own lines darkened"
    );
    let (x, y) = find(&buffer, "● connected").unwrap();
    assert_eq!(
        buffer[(x, y)].bg,
        Color::Rgb(215, 215, 215),
        "a light status bar"
    );
}
