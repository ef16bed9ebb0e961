//! Emoji sequences that terminals draw at different widths, rewritten so that every
//! terminal draws them as wide as the screen buffer thinks they are.
//!
//! The buffer gives each grapheme the width `unicode-width` says; a terminal that draws
//! it narrower leaves a cell that is never written again (a "ghost" of whatever was
//! there), one that draws it wider is overwritten by what follows. Measured in tmux 3.3a
//! against `unicode-width` 0.2 (what ratatui uses), two kinds of sequence disagree:
//!
//! - a narrow character with the emoji selector U+FE0F (`❤️`, `☺️`, keycaps `1️⃣`): the
//!   buffer says two columns, tmux and older terminals draw one. The selector is dropped:
//!   the character is drawn in its text form, one column everywhere.
//! - a skin-tone modifier U+1F3FB–U+1F3FF after an emoji (`👍🏽`): the buffer says two
//!   columns, tmux and terminals without modifier support draw four (the hand, then the
//!   tone). A zero-width space is put between them, which the buffer drops while giving
//!   each its own cell: four columns everywhere, the tone shown next to the hand.
//!
//! - a flag, two regional indicators (`🇫🇷`): the buffer says one grapheme two columns
//!   wide, tmux keeps two cells of one column. Once the flag's first cell was written
//!   over, its second stayed on screen. Each indicator gets its own cell: written one
//!   after the other, a terminal that draws flags still joins them into one.
//!
//! ZWJ sequences (`👨‍👩‍👧`) agree and are left as they are.
//! Only what the TUI draws goes through here (after [`sanitize`](super::sanitize)), never
//! what is stored or printed in line mode.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// The emoji presentation selector.
const EMOJI_SELECTOR: char = '\u{fe0f}';

/// Splits a grapheme in two cells without taking a column.
const CELL_BREAK: char = '\u{200b}';

/// Whether `c` is half of a flag.
fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// Whether `c` is a skin-tone modifier.
fn is_skin_tone(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Whether `text` holds anything [`settle_widths`] rewrites.
fn needs_settling(text: &str) -> bool {
    text.chars()
        .any(|c| c == EMOJI_SELECTOR || is_skin_tone(c) || is_regional_indicator(c))
}

/// [`settle_widths`] of a line already made safe, without copying it when nothing
/// changes.
pub fn settled(line: Cow<'_, str>) -> Cow<'_, str> {
    if needs_settling(&line) {
        Cow::Owned(settle_widths(&line).into_owned())
    } else {
        line
    }
}

/// `text` with the sequences terminals disagree on rewritten (see the module doc).
pub fn settle_widths(text: &str) -> Cow<'_, str> {
    if !needs_settling(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    for c in text.chars() {
        match c {
            EMOJI_SELECTOR if previous.is_some_and(|p| p.width() == Some(1)) => continue,
            c if is_skin_tone(c) && previous.is_some() => out.push(CELL_BREAK),
            c if is_regional_indicator(c) && previous.is_some_and(is_regional_indicator) => {
                out.push(CELL_BREAK)
            }
            _ => {}
        }
        out.push(c);
        previous = Some(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
#[path = "cell_widths_tests.rs"]
mod tests;
