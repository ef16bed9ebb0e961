use super::*;

fn bob() -> UserName {
    UserName::parse("bob").expect("valid")
}

fn matches(pattern: &str, resource: &str) -> bool {
    regex::Regex::new(pattern)
        .expect("a valid regex")
        .is_match(resource)
}

#[test]
fn the_regexes_are_the_documented_ones() {
    let permissions = UserPermissions::for_user(&bob());
    assert_eq!(permissions.configure, r"^amq\.gen-.*$");
    assert_eq!(
        permissions.write,
        r"^(amq\.gen-.*|chat\.user\.bob|chat\.direct|chat\.presence|chat\.presence\.answers|chat\.topic\..*)$"
    );
    assert_eq!(
        permissions.read,
        r"^(amq\.gen-.*|chat\.user\.bob|chat\.presence|chat\.presence\.answers|chat\.topic\..*)$"
    );
}

#[test]
fn a_user_may_touch_only_its_own_inbox() {
    let permissions = UserPermissions::for_user(&bob());
    for own in ["chat.user.bob", "amq.gen-abc123", "chat.topic.news"] {
        assert!(matches(&permissions.write, own), "write {own}");
        assert!(matches(&permissions.read, own), "read {own}");
    }
    for other in [
        "chat.user.alice",
        "chat.user.bob2",
        "chat.user.bo",
        "xchat.user.bob",
        "chat.user.bobx",
        "chat-user-bob",
    ] {
        assert!(!matches(&permissions.write, other), "write {other}");
        assert!(!matches(&permissions.read, other), "read {other}");
    }
}

#[test]
fn shared_exchanges_cannot_be_declared_deleted_or_bound_from() {
    let permissions = UserPermissions::for_user(&bob());
    for shared in [
        "chat.direct",
        "chat.presence",
        "chat.presence.answers",
        "chat.announce",
        "chat.topic.news",
        "chat.user.bob",
    ] {
        assert!(
            !matches(&permissions.configure, shared),
            "configure {shared}"
        );
    }
    // Binding a queue to chat.direct needs read on it; publishing DMs needs write.
    assert!(!matches(&permissions.read, "chat.direct"));
    assert!(matches(&permissions.write, "chat.direct"));
    // Nobody but the operator publishes announcements or reads them off the exchange.
    assert!(!matches(&permissions.write, "chat.announce"));
    assert!(!matches(&permissions.read, "chat.announce"));
    // Dots are literal: a look-alike name is not the exchange.
    assert!(!matches(&permissions.write, "chatXdirect"));
    assert!(!matches(&permissions.read, "chatXpresence"));
}

#[test]
fn every_character_of_a_name_is_literal() {
    // Names are [a-z0-9_-] today; the escaping must keep them literal all the same.
    let name = UserName::parse("a-b_c").expect("valid");
    let permissions = UserPermissions::for_user(&name);
    assert!(permissions.write.contains(r"chat\.user\.a\-b_c"));
    assert!(matches(&permissions.write, "chat.user.a-b_c"));
    assert!(!matches(&permissions.write, "chat.user.a-bXc"));
}
