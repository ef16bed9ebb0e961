//! Unit tests of `name`.

use super::*;

#[test]
fn accepts_and_lowercases() {
    assert_eq!(UserName::parse("Alice").unwrap().as_str(), "alice");
    assert_eq!(UserName::parse("a").unwrap().as_str(), "a");
    assert_eq!(
        UserName::parse("9lives_x-y").unwrap().as_str(),
        "9lives_x-y"
    );
    assert_eq!(TopicName::parse("NEWS").unwrap().as_str(), "news");
}

#[test]
fn length_limits_differ_by_kind() {
    let twenty = "a".repeat(20);
    let twenty_one = "a".repeat(21);
    assert!(UserName::parse(&twenty).is_ok());
    assert!(UserName::parse(&twenty_one).is_err());
    assert!(TopicName::parse(&twenty_one).is_ok());
    assert!(TopicName::parse(&"t".repeat(32)).is_ok());
    assert!(TopicName::parse(&"t".repeat(33)).is_err());
}

#[test]
fn refuses_bad_input_with_the_rule() {
    for bad in [
        "",
        "_alice",
        "-bob",
        "al ice",
        "al.ice",
        "é",
        "ali\u{0}ce",
        "#news",
        "İ",
    ] {
        let err = UserName::parse(bad).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("lowercase letters a-z"), "{bad:?}: {text}");
        assert!(text.starts_with("invalid user name"), "{bad:?}: {text}");
    }
}

#[test]
fn error_names_the_problem() {
    assert!(UserName::parse("").unwrap_err().problem.contains("empty"));
    assert!(UserName::parse("a b").unwrap_err().problem.contains("' '"));
    assert!(
        UserName::parse(&"x".repeat(25))
            .unwrap_err()
            .problem
            .contains("25 characters")
    );
    assert!(
        TopicName::parse("_x")
            .unwrap_err()
            .to_string()
            .contains("1-32")
    );
}

#[test]
fn very_long_input_is_cut_in_the_message() {
    let err = UserName::parse(&"x".repeat(10_000)).unwrap_err();
    assert!(err.to_string().len() < 300);
}
