//! Wrapping sanitised text to a width in terminal columns.
//!
//! Widths come from `unicode-width` (CJK and most emoji take two columns), adjusted so
//! that a row is never wider than the terminal draws it: a variation selector 16 turns
//! the character before it into a two-column emoji, and halfwidth sound marks take a
//! column of their own. Sequences the terminal draws narrower (ZWJ emoji families) are
//! over-counted, which only wraps a little early. The TUI wraps text after
//! [`cell_widths`](super::cell_widths) settled the sequences terminals disagree on, so
//! these counts are what the terminal draws.

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
#[path = "wrap_tests.rs"]
mod tests;
