//! Unit tests of `history`.

use super::escape_like;

#[test]
fn like_wildcards_and_the_escape_character_are_escaped() {
    assert_eq!(escape_like("plain"), "plain");
    assert_eq!(escape_like(r"100%_a\b"), r"100\%\_a\\b");
}
