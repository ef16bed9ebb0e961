//! The name rules against a reference written here from the documented rule:
//! user and topic names are lowercase ASCII letters, digits, `_` and `-`, starting with
//! a letter or digit, 1-20 (users) or 1-32 (topics) characters, after lowercasing the
//! input; queue names (admin) are trimmed, 1-255 bytes, no control characters, not `amq.`.

use chat_tui::domain::console::QueueName;
use chat_tui::domain::{TopicName, UserName};
use proptest::prelude::*;

use super::sanitize::acts_on_terminal;
use super::strategies::any_text;

/// The documented rule, checked byte by byte.
fn reference(input: &str, max: usize) -> Option<String> {
    let lowered = input.to_ascii_lowercase();
    let bytes = lowered.as_bytes();
    let allowed = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-';
    let first_ok = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (first_ok && bytes.len() <= max && bytes.iter().all(allowed)).then_some(lowered)
}

/// The documented queue-name rule.
fn queue_reference(input: &str) -> Option<String> {
    let name = input.trim();
    let ok = !name.is_empty()
        && name.len() <= 255
        && !name.starts_with("amq.")
        && !name.chars().any(char::is_control);
    ok.then(|| name.to_owned())
}

/// Inputs near the rule (most of them valid or almost) and far from it.
fn name_input() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_-]{0,40}",
        "[a-zA-Z0-9_. #@ÀéK\u{212a}\u{130}-]{0,40}",
        any_text(),
    ]
}

proptest! {
    #[test]
    fn user_names_follow_the_rule(input in name_input()) {
        let parsed = UserName::parse(&input);
        prop_assert_eq!(parsed.as_ref().ok().map(|n| n.as_str().to_owned()), reference(&input, 20));
        if let Err(err) = parsed {
            prop_assert!(err.to_string().contains("use 1-20 characters"), "{err}");
        }
    }

    #[test]
    fn topic_names_follow_the_rule(input in name_input()) {
        let parsed = TopicName::parse(&input);
        prop_assert_eq!(parsed.as_ref().ok().map(|n| n.as_str().to_owned()), reference(&input, 32));
        if let Err(err) = parsed {
            prop_assert!(err.to_string().contains("use 1-32 characters"), "{err}");
        }
    }

    /// The refusal is printed on stderr as it is (`chat-tui user --name ...`): the input
    /// is quoted with escapes, so nothing in it can act on the terminal.
    #[test]
    fn refusals_quote_the_input_harmlessly(input in any_text()) {
        for err in [UserName::parse(&input).err(), TopicName::parse(&input).err()].into_iter().flatten() {
            let text = err.to_string();
            prop_assert!(!text.chars().any(acts_on_terminal), "{text:?}");
        }
    }

    #[test]
    fn queue_names_follow_the_rule(input in prop_oneof![name_input(), "amq\\.[a-z]{0,5}", "[ a-z.]{250,260}"]) {
        let parsed = QueueName::parse(&input);
        prop_assert_eq!(parsed.as_ref().ok().map(|n| n.as_str().to_owned()), queue_reference(&input));
    }
}
