//! Unit tests of `wrap`.

use super::*;

fn check(text: &str, width: usize) -> Vec<&str> {
    let rows = wrap(text, width);
    for row in &rows {
        assert!(
            columns(row) <= width || row.trim_end_matches('\u{fe0f}').chars().count() == 1,
            "{row:?} wider than {width} in {rows:?}"
        );
    }
    rows
}

#[test]
fn short_text_is_one_row() {
    assert_eq!(check("hello", 10), ["hello"]);
    assert_eq!(check("hello", 5), ["hello"]);
    assert_eq!(check("", 5), [""]);
}

#[test]
fn breaks_between_words_and_drops_the_space() {
    assert_eq!(check("hello big world", 10), ["hello big", "world"]);
    assert_eq!(check("hello world", 5), ["hello", "world"]);
    assert_eq!(check("aa bb cc dd", 5), ["aa bb", "cc dd"]);
    assert_eq!(check("abc  def", 4), ["abc ", "def"]);
}

#[test]
fn long_words_are_cut() {
    assert_eq!(check("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(check("a abcdefgh", 4), ["a", "abcd", "efgh"]);
}

#[test]
fn leading_spaces_are_kept() {
    assert_eq!(check("    code", 20), ["    code"]);
}

#[test]
fn truncates_with_an_ellipsis() {
    assert_eq!(truncate("hello", 5), "hello");
    assert_eq!(truncate("hello world", 6), "hello…");
    assert_eq!(truncate("日本語", 4), "日…");
    assert_eq!(truncate("日本語", 1), "…");
    assert_eq!(truncate("abc", 0), "");
    for width in 0..12 {
        assert!(columns(&truncate("日本語 and more", width)) <= width);
    }
}

#[test]
fn zero_width_gives_no_rows() {
    assert!(wrap("anything", 0).is_empty());
    assert!(wrap("", 0).is_empty());
}

#[test]
fn cjk_takes_two_columns() {
    assert_eq!(columns("日本語"), 6);
    assert_eq!(check("日本語テキスト", 6), ["日本語", "テキス", "ト"]);
    assert_eq!(check("日本語", 5), ["日本", "語"]);
    assert_eq!(check("a日本", 4), ["a日", "本"]);
    // A one-column pane still makes progress, one character per row.
    assert_eq!(check("日本", 1), ["日", "本"]);
}

#[test]
fn emoji_take_two_columns() {
    assert_eq!(columns("👋"), 2);
    assert_eq!(columns("❤\u{fe0f}"), 2);
    assert_eq!(check("hi 👋👋👋", 4), ["hi", "👋👋", "👋"]);
    assert_eq!(check("❤\u{fe0f}❤\u{fe0f}", 3), ["❤\u{fe0f}", "❤\u{fe0f}"]);
}

#[test]
fn combining_marks_stay_with_their_letter() {
    let text = "e\u{301}e\u{301}e\u{301}";
    assert_eq!(columns(text), 3);
    assert_eq!(check(text, 2), ["e\u{301}e\u{301}", "e\u{301}"]);
}

#[test]
fn every_width_makes_rows_that_fit_and_lose_nothing() {
    let text = "Olá 世界, this is a 👋 longer line with 日本語 and   spaces ❤\u{fe0f}!";
    for width in 1..=80 {
        let rows = check(text, width);
        let kept: usize = rows.iter().map(|r| r.replace(' ', "").len()).sum();
        assert_eq!(kept, text.replace(' ', "").len(), "width {width}: {rows:?}");
    }
}
