//! Scrolling as drawn: row by row through wrapped lines, a frame's cost flat at any
//! depth, and pages arriving without moving what is on screen.

use ratatui::text::Line as Row;
use time::UtcOffset;
use time::macros::datetime;

use super::messages::visible_rows;
use super::*;
use crate::app::user::{Action, Effect, Event, FIRST_PAGE, View, WINDOW_LINES};
use crate::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, MessagePage,
    PageAt, TopicName, UserName,
};

/// The pane of these tests.
const WIDTH: u16 = 60;
const HEIGHT: u16 = 20;

fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

/// Post `i` of #news: every seventh one long enough to wrap over several rows, every
/// 500th on a new day.
fn post(i: usize) -> ChatMessage {
    let body = if i.is_multiple_of(7) {
        format!(
            "post {i}: {}",
            "a longer line that wraps ".repeat(1 + i % 5)
        )
    } else {
        format!("post {i}")
    };
    ChatMessage {
        id: MessageId::from_string(format!("p{i}")),
        conversation: news(),
        from: Some(UserName::parse(if i.is_multiple_of(2) { "bob" } else { "carol" }).unwrap()),
        sent_at: datetime!(2026-01-01 00:00 UTC) + time::Duration::minutes(i as i64 * 3),
        direction: Direction::Incoming,
        status: DeliveryStatus::Delivered,
        content: Content::Text(body),
        marks: Default::default(),
    }
}

/// Alice with the newest `loaded` of `stored` posts, laid out as the TUI does.
fn app(stored: usize, loaded: usize) -> UserApp {
    let mut app = UserApp::new(
        UserName::parse("alice").unwrap(),
        String::new(),
        UtcOffset::UTC,
    );
    let history = (stored - loaded..stored).map(post).collect();
    app.load_history(vec![(news(), history)], vec![], vec![]);
    app.set_layout(line_rows);
    app.update(Event::PaneResized {
        width: WIDTH,
        height: HEIGHT,
    });
    app
}

fn rows(app: &UserApp) -> Vec<Row<'static>> {
    let visible = visible_rows(app, app.current_conversation(), WIDTH, HEIGHT);
    assert_eq!(visible.rows.len(), usize::from(HEIGHT));
    visible.rows
}

#[test]
fn one_row_up_or_down_moves_the_picture_by_one_row_through_wrapped_lines() {
    let mut app = app(400, 400);
    for _ in 0..150 {
        let before = rows(&app);
        app.update(Event::Key(Action::ScrollUp(1)));
        let after = rows(&app);
        assert_eq!(after[1..], before[..before.len() - 1]);
    }
    for _ in 0..150 {
        let before = rows(&app);
        app.update(Event::Key(Action::ScrollDown(1)));
        let after = rows(&app);
        assert_eq!(after[..after.len() - 1], before[1..]);
    }
    assert_eq!(app.current_conversation().view, View::Following);
}

#[test]
fn a_frame_lays_out_a_screenful_of_lines_at_any_depth() {
    let mut app = app(WINDOW_LINES, WINDOW_LINES);
    let mut frames = 0;
    loop {
        let visible = visible_rows(&app, app.current_conversation(), WIDTH, HEIGHT);
        assert_eq!(visible.rows.len(), usize::from(HEIGHT));
        assert!(
            visible.laid_out <= usize::from(HEIGHT) + 1,
            "laid out {} lines at frame {frames}",
            visible.laid_out
        );
        let before = app.current_conversation().view;
        app.update(Event::Key(Action::ScrollUp(usize::from(HEIGHT) - 1)));
        if app.current_conversation().view == before {
            break;
        }
        frames += 1;
    }
    assert!(frames > 50, "{frames} pages scrolled");
    let top = rows(&app)[0].to_string();
    assert!(
        top.contains("Thu 1 Jan 2026"),
        "the oldest line's day: {top}"
    );
}

#[test]
fn a_page_of_older_lines_arrives_without_moving_the_screen() {
    let mut app = app(2_000, FIRST_PAGE);
    let mut asked = None;
    while asked.is_none() {
        let fx = app.update(Event::Key(Action::ScrollUp(7)));
        asked = fx.into_iter().find_map(|e| match e {
            Effect::LoadPage { at, limit, .. } => Some((at, limit)),
            _ => None,
        });
    }
    let (at, limit) = asked.unwrap();
    assert_eq!(at, PageAt::Before(MessageId::from_string("p1850".into())));
    let before = rows(&app);
    let messages = (1_850 - limit..1_850).map(post).collect();
    app.update(Event::PageLoaded {
        conversation: news(),
        at,
        result: Ok(MessagePage {
            messages,
            more: true,
        }),
    });
    assert_eq!(app.current_conversation().lines.len(), FIRST_PAGE + limit);
    assert_eq!(rows(&app), before);
}

#[test]
fn the_hint_counts_what_arrived_below() {
    let mut app = app(300, 300);
    app.update(Event::Key(Action::ScrollUp(5)));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let input = super::input_box::InputBox::new();
    let screen = |terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
                  app: &UserApp| {
        terminal
            .draw(|frame| draw(frame, app, &input, &mut 0))
            .unwrap();
        crate::ui::widgets::screen_text::screen_text(terminal.backend().buffer())
    };
    let shown = screen(&mut terminal, &app);
    assert!(shown.contains("↓ more"), "{shown}");
    app.update(Event::Received(post(300)));
    app.update(Event::Received(post(301)));
    let shown = screen(&mut terminal, &app);
    assert!(shown.contains("↓ 2 new"), "{shown}");
    assert!(!shown.contains("post 301"), "{shown}");
    app.update(Event::Key(Action::ScrollToNewest));
    let shown = screen(&mut terminal, &app);
    assert!(!shown.contains('↓'), "{shown}");
    assert!(shown.contains("post 301"), "{shown}");
}

#[test]
fn a_resized_pane_keeps_the_anchor_line_at_the_bottom() {
    let mut app = app(300, 300);
    app.update(Event::Key(Action::ScrollUp(40)));
    // On to a one-row line that ends on the bottom row.
    let anchor = loop {
        match app.current_conversation().view {
            View::Anchored(anchor) if anchor.below == 0 && !anchor.line.is_multiple_of(7) => {
                break anchor;
            }
            _ => app.update(Event::Key(Action::ScrollUp(1))),
        };
    };
    let text = format!("post {}", anchor.line);
    for width in [WIDTH, 40, 25, 12] {
        let visible = visible_rows(&app, app.current_conversation(), width, HEIGHT);
        let bottom = visible.rows.last().unwrap().to_string();
        assert!(bottom.trim_end().ends_with(&text), "{width}: {bottom:?}");
    }
    for width in 0..=WIDTH {
        for height in 0..=HEIGHT {
            let _ = visible_rows(&app, app.current_conversation(), width, height);
        }
    }
}

#[test]
fn widening_the_pane_keeps_one_row_down_one_row() {
    let mut app = app(300, 300);
    app.update(Event::PaneResized {
        width: 25,
        height: HEIGHT,
    });
    // Up to where a long line is cut by the bottom of a narrow pane.
    loop {
        app.update(Event::Key(Action::ScrollUp(1)));
        if let View::Anchored(anchor) = app.current_conversation().view
            && anchor.below >= 3
        {
            break;
        }
    }
    app.update(Event::PaneResized {
        width: WIDTH,
        height: HEIGHT,
    });
    let before = rows(&app);
    app.update(Event::Key(Action::ScrollDown(1)));
    let after = rows(&app);
    assert_eq!(after[..after.len() - 1], before[1..]);
}
