//! Wrapping sanitised text to a width in terminal columns.
//!
//! Widths come from `unicode-width` (CJK and most emoji take two columns), adjusted so
//! that a row is never wider than the terminal draws it: a variation selector 16 turns
//! the character before it into a two-column emoji, and halfwidth sound marks take a
//! column of their own. Sequences the terminal draws narrower (ZWJ emoji families) are
//! over-counted, which only wraps a little early.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// The columns `c` takes on screen, given the width of the character before it.
pub fn char_columns(c: char, previous: usize) -> usize {
    match c {
        '\u{fe0f}' if previous == 1 => 1,
        '\u{ff9e}' | '\u{ff9f}' => 1,
        c => c.width().unwrap_or(0),
    }
}

/// The columns `text` takes on screen (one line, already sanitised).
pub fn columns(text: &str) -> usize {
    let mut previous = 0;
    text.chars()
        .map(|c| {
            previous = char_columns(c, previous);
            previous
        })
        .sum()
}

/// Cuts `text` to at most `width` columns, ending it with `…` when something was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if columns(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    let mut previous = 0;
    for c in text.chars() {
        let w = char_columns(c, previous);
        previous = w;
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// Splits one line of text (no newlines) into rows at most `width` columns wide,
/// breaking after words where it can and inside a word only when a word alone is wider
/// than a row. The space at a break is dropped. Empty text is one empty row; a width of
/// zero gives no rows. A row is wider than `width` only when it holds a single character
/// that is itself wider (a CJK character in a one-column pane).
pub fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut rows = Vec::new();
    if width == 0 {
        return rows;
    }
    let mut start = 0;
    let mut used = 0;
    // The last space in the current row that follows some text: (byte index, columns
    // used before it).
    let mut space: Option<(usize, usize)> = None;
    let mut previous = (0, 0);
    for (i, c) in text.char_indices() {
        let w = char_columns(c, previous.1);
        // A selector that widens the character before it must stay on its row.
        let (cut, carried) = if c == '\u{fe0f}' && w > 0 {
            previous
        } else {
            (i, 0)
        };
        previous = (i, w);
        if c == ' ' && used + w > width {
            // A space that does not fit is where the row ends.
            rows.push(&text[start..i]);
            start = i + 1;
            used = 0;
            space = None;
            continue;
        }
        while used + w > width && start < cut {
            match space.take() {
                Some((at, before)) => {
                    rows.push(&text[start..at]);
                    start = at + 1;
                    used -= before + 1;
                }
                None => {
                    rows.push(&text[start..cut]);
                    start = cut;
                    used = carried;
                }
            }
        }
        if c == ' ' && i > start {
            space = Some((i, used));
        }
        used += w;
    }
    if start < text.len() || rows.is_empty() {
        rows.push(&text[start..]);
    }
    rows
}

#[cfg(test)]
mod tests {
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
}
