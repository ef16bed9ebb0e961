//! Unit tests of `attention` and `unread_nav`: highlights, notifications, `/notify`,
//! `/mentions`, Alt-A, Alt-N and `/readall`.

use time::UtcOffset;

use super::*;
use crate::domain::{
    ChatMessage, ConversationId, Direction, Envelope, NotifyLevel, TopicName, UserName,
};

fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

fn id(target: &str) -> ConversationId {
    ConversationId::parse_target(target).unwrap()
}

fn app() -> UserApp {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    app
}

fn dm(from: &str, body: &str) -> ChatMessage {
    let env = Envelope::direct(name(from), name("alice"), body.into());
    ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap()
}

fn post(topic: &str, from: &str, body: &str) -> ChatMessage {
    let env = Envelope::topic(name(from), TopicName::parse(topic).unwrap(), body.into());
    let direction = if from == "alice" {
        Direction::Outgoing
    } else {
        Direction::Incoming
    };
    ChatMessage::from_envelope(&env, &name("alice"), direction).unwrap()
}

fn notifications(fx: &[Effect]) -> Vec<&Notification> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Notify(n) => Some(n),
            _ => None,
        })
        .collect()
}

fn conversation<'a>(app: &'a UserApp, target: &str) -> &'a Conversation {
    &app.conversations[app.position(&id(target)).unwrap()]
}

fn notice_texts(app: &UserApp) -> Vec<String> {
    app.current_conversation()
        .lines
        .iter()
        .filter_map(|l| match l {
            Line::Notice(n) => Some(n.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_mention_elsewhere_is_counted_apart_and_notified() {
    let mut app = app();
    app.update(Event::Received(post("news", "bob", "morning all")));
    let fx = app.update(Event::Received(post("news", "bob", "@alice review?")));
    let news = conversation(&app, "#news");
    assert_eq!((news.unread, news.highlights), (2, 1));
    assert_eq!(
        notifications(&fx),
        vec![&Notification {
            conversation: id("#news"),
            from: name("bob"),
            text: "@alice review?".into(),
        }]
    );
    // Opening it clears both counts.
    app.update(Event::Open(id("#news")));
    let news = conversation(&app, "#news");
    assert_eq!((news.unread, news.highlights), (0, 0));
}

#[test]
fn topic_posts_without_my_name_do_not_notify_by_default_dms_do() {
    let mut app = app();
    let fx = app.update(Event::Received(post("news", "bob", "morning all")));
    assert!(notifications(&fx).is_empty());
    let fx = app.update(Event::Received(dm("carol", "lunch?")));
    assert_eq!(notifications(&fx).len(), 1);
    let carol = conversation(&app, "carol");
    assert_eq!((carol.unread, carol.highlights), (1, 1));
}

#[test]
fn my_own_posts_never_count_nor_notify() {
    let mut app = app();
    let fx = app.update(Event::Received(post("news", "alice", "alice was here")));
    assert!(notifications(&fx).is_empty());
    assert_eq!(conversation(&app, "#news").highlights, 0);
    assert!(app.attention.recent.is_empty());
}

#[test]
fn the_conversation_on_screen_notifies_only_while_the_terminal_is_unfocused() {
    let mut app = app();
    app.update(Event::Open(id("bob")));
    let fx = app.update(Event::Received(dm("bob", "hi")));
    assert!(notifications(&fx).is_empty());
    app.update(Event::Focus(false));
    let fx = app.update(Event::Received(dm("bob", "still there?")));
    assert_eq!(notifications(&fx).len(), 1);
    // On screen it is seen: no unread, no highlight counted.
    assert_eq!(conversation(&app, "bob").highlights, 0);
    app.update(Event::Focus(true));
    let fx = app.update(Event::Received(dm("bob", "ok")));
    assert!(notifications(&fx).is_empty());
}

#[test]
fn notify_levels_mute_or_widen_a_conversation() {
    let mut app = app();
    app.update(Event::Open(id("#news")));
    app.update(Event::Input("/notify all".into()));
    app.update(Event::Open(id("bob")));
    app.update(Event::Input("/notify none".into()));
    app.update(Event::Open(ConversationId::Status));
    let fx = app.update(Event::Received(post("news", "bob", "morning all")));
    assert_eq!(notifications(&fx).len(), 1);
    let fx = app.update(Event::Received(dm("bob", "alice!")));
    assert!(notifications(&fx).is_empty());
    // Muted is not unseen: the highlight is still counted and listed.
    assert_eq!(conversation(&app, "bob").highlights, 1);
    assert_eq!(app.attention.recent.len(), 1);
    app.update(Event::Open(id("bob")));
    app.update(Event::Input("/notify".into()));
    let said = notice_texts(&app);
    assert!(said.last().unwrap().contains("none (muted)"), "{said:?}");
}

#[test]
fn a_notify_level_is_kept_in_the_history_and_a_default_one_forgotten() {
    let mut app = app();
    app.update(Event::Open(id("#news")));
    let fx = app.update(Event::Input("/notify none".into()));
    assert!(fx.contains(&Effect::SetNotifyLevel {
        conversation: id("#news"),
        level: Some(NotifyLevel::None),
    }));
    // Back to what a topic does anyway: nothing to keep.
    let fx = app.update(Event::Input("/notify mentions".into()));
    assert!(fx.contains(&Effect::SetNotifyLevel {
        conversation: id("#news"),
        level: None,
    }));
    assert!(app.attention.levels.is_empty());
    let fx = app.update(Event::Input("/notify".into()));
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::SetNotifyLevel { .. })),
        "asking changes nothing"
    );
}

#[test]
fn notify_in_the_status_buffer_is_refused() {
    let mut app = app();
    app.update(Event::Input("/notify all".into()));
    let said = notice_texts(&app);
    assert!(said.last().unwrap().contains("never notifies"), "{said:?}");
    assert!(app.attention.levels.is_empty());
}

#[test]
fn mentions_lists_the_recent_highlights_oldest_first() {
    let mut app = app();
    app.update(Event::Input("/mentions".into()));
    assert!(notice_texts(&app).last().unwrap().contains("no highlights"));
    app.update(Event::Received(post(
        "news",
        "bob",
        "ALICE: deploy?\nsecond line",
    )));
    app.update(Event::Received(post("news", "bob", "no mention")));
    app.update(Event::Received(dm("carol", "hi")));
    app.update(Event::Input("/mentions".into()));
    let said = notice_texts(&app);
    let listed = &said[said.len() - 3..];
    assert_eq!(listed[0], "2 highlights, oldest first:");
    assert!(listed[1].starts_with("#news "), "{listed:?}");
    assert!(listed[1].ends_with(" bob: ALICE: deploy?…"), "{listed:?}");
    assert!(listed[2].starts_with("carol "), "{listed:?}");
    assert!(listed[2].ends_with(" carol: hi"), "{listed:?}");
}

#[test]
fn only_the_newest_highlights_are_kept() {
    let mut app = app();
    for i in 0..RECENT_HIGHLIGHTS + 5 {
        app.update(Event::Received(dm("bob", &format!("n{i}"))));
    }
    assert_eq!(app.attention.recent.len(), RECENT_HIGHLIGHTS);
    assert_eq!(app.attention.recent[0].text, "n5");
}

#[test]
fn excerpts_are_one_line_and_cut() {
    assert_eq!(excerpt("short"), "short");
    assert_eq!(excerpt("one\ntwo"), "one…");
    let long = "x".repeat(EXCERPT_CHARS + 10);
    assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
    assert_eq!(excerpt(""), "");
}

#[test]
fn alt_a_goes_to_a_mention_before_a_dm_before_a_message() {
    let mut app = app();
    app.update(Event::Received(post("chat", "bob", "hello")));
    app.update(Event::Received(dm("bob", "psst")));
    app.update(Event::Received(post("news", "carol", "alice?")));
    app.update(Event::Received(post("ops", "carol", "alice!")));
    // Two mentions: the first in the sidebar wins (#news before #ops).
    app.update(Event::Key(Action::JumpToActivity));
    assert_eq!(app.current_conversation().id, id("#news"));
    app.update(Event::Key(Action::JumpToActivity));
    assert_eq!(app.current_conversation().id, id("#ops"));
    app.update(Event::Key(Action::JumpToActivity));
    assert_eq!(app.current_conversation().id, id("bob"));
    app.update(Event::Key(Action::JumpToActivity));
    assert_eq!(app.current_conversation().id, id("#chat"));
    let fx = app.update(Event::Key(Action::JumpToActivity));
    assert_eq!(app.current_conversation().id, id("#chat"));
    assert_eq!(notice_texts(&app).last().unwrap(), "nothing unread");
    assert!(!fx.iter().any(|e| matches!(e, Effect::MarkRead(_))));
}

#[test]
fn alt_digits_go_to_the_nth_conversation_of_the_sidebar() {
    let mut app = app();
    app.update(Event::Received(dm("bob", "hi")));
    app.update(Event::Received(post("news", "carol", "hello")));
    // Sidebar: status, bob, #news.
    app.update(Event::Key(Action::GoTo(3)));
    assert_eq!(app.current_conversation().id, id("#news"));
    app.update(Event::Key(Action::GoTo(2)));
    assert_eq!(app.current_conversation().id, id("bob"));
    app.update(Event::Key(Action::GoTo(1)));
    assert_eq!(app.current_conversation().id, ConversationId::Status);
    let fx = app.update(Event::Key(Action::GoTo(9)));
    assert!(fx.is_empty());
    let fx = app.update(Event::Key(Action::GoTo(0)));
    assert!(fx.is_empty());
    assert_eq!(app.current_conversation().id, ConversationId::Status);
}

#[test]
fn read_all_marks_every_unread_conversation_read() {
    let mut app = app();
    app.update(Event::Received(dm("bob", "hi")));
    app.update(Event::Received(post("news", "carol", "alice?")));
    app.update(Event::Received(post("chat", "carol", "x")));
    assert_eq!(app.total_unread(), 3);
    let fx = app.update(Event::Input("/readall".into()));
    let mut marked: Vec<ConversationId> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::MarkRead(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    marked.sort();
    assert_eq!(marked, vec![id("bob"), id("#chat"), id("#news")]);
    assert_eq!(app.total_unread(), 0);
    assert!(app.conversations.iter().all(|c| c.highlights == 0));
    assert_eq!(
        notice_texts(&app).last().unwrap(),
        "3 conversations marked read"
    );
    let fx = app.update(Event::Key(Action::ReadAll));
    assert!(!fx.iter().any(|e| matches!(e, Effect::MarkRead(_))));
    assert_eq!(notice_texts(&app).last().unwrap(), "nothing unread");
}

#[test]
fn highlights_are_counted_among_the_unread_messages_loaded_at_start() {
    let mut app = UserApp::new(name("alice"), "127.0.0.1:5672".into(), UtcOffset::UTC);
    let news = vec![
        post("news", "bob", "alice: old mention, read"),
        post("news", "bob", "@alice new mention"),
        post("news", "carol", "nothing"),
    ];
    let bob = vec![dm("bob", "one"), dm("bob", "two")];
    app.load_history(
        vec![(id("#news"), news), (id("bob"), bob)],
        vec![(id("#news"), 2), (id("bob"), 2)],
        vec![TopicName::parse("news").unwrap()],
    );
    // The first conversation with unread messages (bob) is current: it is seen.
    assert_eq!(app.current_conversation().id, id("bob"));
    assert_eq!(conversation(&app, "bob").highlights, 0);
    let news = conversation(&app, "#news");
    assert_eq!((news.unread, news.highlights), (2, 1));
}

#[test]
fn the_mouse_toggle_is_said() {
    let mut app = app();
    app.update(Event::MouseCapture(false));
    assert!(notice_texts(&app).last().unwrap().starts_with("mouse off"));
    app.update(Event::MouseCapture(true));
    assert!(notice_texts(&app).last().unwrap().starts_with("mouse on"));
}
