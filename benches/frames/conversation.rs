//! A user-mode conversation of any length, fed to `UserApp` the way the runtime does:
//! one `Event::Received` per message, after the start-up events of a connected client.
//!
//! The conversation is `#general`: bob, carol and alice (us) take turns, with short,
//! long (wrapping), multi-line, tabbed and CJK/emoji bodies. Messages are seconds to
//! minutes apart, with a gap of a few days every [`MESSAGES_PER_DAY`] messages, so a
//! screenful shows a day separator. Everything is deterministic: the same size always
//! builds the same conversation.

use time::macros::datetime;
use time::{Duration, OffsetDateTime, UtcOffset};

use chat_tui::app::user::{Event, UserApp};
use chat_tui::domain::{
    ChatMessage, Content, ConversationId, DeliveryStatus, Direction, MessageId, PresenceState,
    TopicName, UserName,
};

/// Who we are.
const ME: &str = "alice";

/// Who writes, in the order a message's seed picks them.
const SENDERS: [&str; 3] = ["bob", "carol", ME];

/// What people write: short lines, a long paragraph that wraps on a 200-column
/// screen, multi-line text, a tab, and double-width characters.
const BODIES: [&str; 8] = [
    "ok",
    "on my way",
    "the deploy of api-gateway 4.2 finished; error rate is back to its baseline",
    "I went through yesterday's incident timeline again and I think the root cause is \
     the retry storm from the mobile clients: every client retried three times with no \
     jitter, so each broker restart tripled the load right when the nodes were warming \
     up their caches. Backoff with jitter on the client and a smaller prefetch on the \
     consumers should be enough; I will write it up properly before Friday's review.",
    "checklist for tonight:\n- drain the eu queues\n- rotate the certificates\n\
     - tell #ops when done",
    "週末のリリースは予定通りです 🚀 問題があれば連絡してください",
    "try this:\n\tcargo test --lib\n\tcargo bench --bench frames",
    "+1",
];

/// Messages between two gaps of a few days.
pub const MESSAGES_PER_DAY: u64 = 20;

/// When the first message was sent.
const START: OffsetDateTime = datetime!(2026-03-02 09:00 UTC);

/// The topic of the benchmarked conversation.
pub fn general() -> ConversationId {
    ConversationId::Topic(TopicName::parse("general").expect("a valid topic name"))
}

/// A name that is known to be valid.
fn user(name: &str) -> UserName {
    UserName::parse(name).expect("a valid user name")
}

/// A small deterministic mix of `i` (splitmix64's finaliser), to pick senders and
/// bodies without a random number generator.
fn seed(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// When message `i` was sent: 20 s to 10 min after the one before, plus three days
/// after every [`MESSAGES_PER_DAY`] messages.
fn sent_at(i: u64, previous: OffsetDateTime) -> OffsetDateTime {
    let gap = 20 + (seed(i) >> 8) % 580;
    let days = if i > 0 && i.is_multiple_of(MESSAGES_PER_DAY) {
        3
    } else {
        0
    };
    previous + Duration::seconds(gap as i64) + Duration::days(days)
}

/// Message `i` of `#general`, sent at `at`.
fn message(i: u64, at: OffsetDateTime) -> ChatMessage {
    let mix = seed(i);
    let from = SENDERS[(mix % SENDERS.len() as u64) as usize];
    let body = BODIES[((mix >> 16) % BODIES.len() as u64) as usize];
    ChatMessage {
        id: MessageId::from_string(format!("bench-{i:07}")),
        conversation: general(),
        from: Some(user(from)),
        sent_at: at,
        direction: if from == ME {
            Direction::Outgoing
        } else {
            Direction::Incoming
        },
        status: DeliveryStatus::Delivered,
        content: Content::Text(body.to_owned()),
        marks: Default::default(),
    }
}

/// A connected alice, subscribed to `#general` and `#ops`, with bob and carol online,
/// looking at `#general`: the state before any message arrives.
fn connected_app() -> UserApp {
    let mut app = UserApp::new(user(ME), "127.0.0.1:5672".to_owned(), UtcOffset::UTC);
    // As the runtime does: the app measures lines the way the TUI draws them and knows
    // the pane's size, so PgUp moves by rows.
    app.set_layout(chat_tui::ui::user::line_rows);
    let pane = chat_tui::ui::user::message_pane(
        crate::screen::area(),
        &chat_tui::ui::user::input_box::InputBox::new(),
    );
    app.update(Event::PaneResized {
        width: pane.width,
        height: pane.height,
    });
    let topics = ["general", "ops"].map(|t| TopicName::parse(t).expect("a valid topic name"));
    app.load_history(Vec::new(), Vec::new(), topics.to_vec());
    app.update(Event::Connected { waiting: 0 });
    for name in ["bob", "carol"] {
        app.update(Event::Presence {
            from: user(name),
            state: PresenceState::Here,
            topics: Vec::new(),
            answer: None,
            again: false,
            away: None,
        });
    }
    app.update(Event::Open(general()));
    app
}

/// The app after `count` messages arrived in `#general`, and two direct messages from
/// bob (unread, in the sidebar).
pub fn app_with(count: u64) -> UserApp {
    let mut app = connected_app();
    let mut at = START;
    for i in 0..count {
        at = sent_at(i, at);
        app.update(Event::Received(message(i, at)));
    }
    for (i, text) in ["got a minute?", "never mind, found it"].iter().enumerate() {
        at += Duration::seconds(30);
        app.update(Event::Received(ChatMessage {
            id: MessageId::from_string(format!("bench-dm-{i}")),
            conversation: ConversationId::Direct(user("bob")),
            from: Some(user("bob")),
            sent_at: at,
            direction: Direction::Incoming,
            status: DeliveryStatus::Delivered,
            content: Content::Text((*text).to_owned()),
            marks: Default::default(),
        }));
    }
    app
}
