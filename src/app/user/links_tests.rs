//! Unit tests of `links`.

use crate::app::user::test_fixtures::notices;
use time::UtcOffset;

use super::*;
use crate::app::user::Event;
use crate::domain::{ChatMessage, Direction, Envelope, UserName};

fn urls(text: &str) -> Vec<&str> {
    find_links(text).into_iter().map(|(_, url)| url).collect()
}

#[test]
fn web_urls_are_found_without_the_punctuation_around_them() {
    assert_eq!(
        urls("see https://example.com/a?b=1, and (http://x.org/y)."),
        vec!["https://example.com/a?b=1", "http://x.org/y"]
    );
    let text = "go to https://example.com now";
    let found = find_links(text);
    assert_eq!(&text[found[0].0.clone()], "https://example.com");
}

#[test]
fn other_schemes_bare_domains_and_non_ascii_urls_are_not_links() {
    assert!(urls("mailto:a@b.c ftp://x.org javascript:alert(1) example.com").is_empty());
    assert!(urls("alice@example.com").is_empty());
    assert!(urls("https://exämple.com/").is_empty());
    assert!(urls("").is_empty());
}

#[test]
fn no_control_character_can_be_part_of_a_link() {
    for text in [
        "https://x.org/\x1b]8;;evil\x07",
        "https://x.org/a\x07b",
        "https://x.org/a\u{9c}b",
    ] {
        for url in urls(text) {
            assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url:?}");
        }
    }
}

fn app_with_links() -> UserApp {
    let me = UserName::parse("alice").unwrap();
    let mut app = UserApp::new(me.clone(), "127.0.0.1:5672".into(), UtcOffset::UTC);
    app.update(Event::Connected { waiting: 0 });
    let bob = UserName::parse("bob").unwrap();
    for body in [
        "first https://a.example/1",
        "two: https://b.example/2 and https://c.example/3",
        "again https://a.example/1",
    ] {
        let env = Envelope::direct(bob.clone(), me.clone(), body.into());
        let msg = ChatMessage::from_envelope(&env, &me, Direction::Incoming).unwrap();
        app.update(Event::Received(msg));
    }
    app.update(Event::Input("/switch bob".into()));
    app
}

fn last_notices(app: &UserApp, count: usize) -> Vec<String> {
    let texts = notices(app);
    texts[texts.len().saturating_sub(count)..].to_vec()
}

#[test]
fn links_are_listed_newest_first_each_once() {
    let mut app = app_with_links();
    assert_eq!(
        app.current_links(),
        vec![
            "https://a.example/1",
            "https://c.example/3",
            "https://b.example/2"
        ]
    );
    app.update(Event::Input("/links".into()));
    assert_eq!(
        last_notices(&app, 4),
        vec![
            "links in bob, newest first (/open N opens one):",
            " 1 https://a.example/1",
            " 2 https://c.example/3",
            " 3 https://b.example/2",
        ]
    );
}

#[test]
fn open_n_asks_the_runtime_to_open_that_link() {
    let mut app = app_with_links();
    let fx = app.update(Event::Input("/open 2".into()));
    assert!(fx.contains(&Effect::OpenLink("https://c.example/3".into())));
    let fx = app.update(Event::Input("/open 4".into()));
    assert!(!fx.iter().any(|e| matches!(e, Effect::OpenLink(_))));
    assert_eq!(
        last_notices(&app, 1),
        vec!["no link 4: there are 3 (/links lists them)"]
    );
    app.update(Event::Input("/switch status".into()));
    app.update(Event::Input("/links".into()));
    assert_eq!(last_notices(&app, 1), vec!["no links in status"]);
}
