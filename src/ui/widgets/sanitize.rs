//! Making text from the network safe to put on a terminal.
//!
//! Anything that could move the cursor, change colours, retitle the window or reorder
//! text is replaced by a visible stand-in, so a message can never act on the terminal:
//! - ANSI escape sequences (`ESC [ … final`, two-character `ESC x`, and `ESC ] … BEL/ST`
//!   style strings) are dropped whole when well formed; a stray `ESC` shows as `␛`;
//! - other C0 controls show as their control pictures (`\x07` → `␇`), DEL as `␡`;
//! - C1 controls (U+0080–U+009F), bidi controls (the marks U+200E, U+200F and U+061C,
//!   embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069), invisible
//!   characters (zero-width space, non-joiner and joiner U+200B–U+200D, word joiner and
//!   invisible operators U+2060–U+2064, the byte order mark U+FEFF) and line/paragraph
//!   separators show as `�`. The one exception is a zero-width joiner between two
//!   emoji, which makes them one (👩‍💻): it is kept;
//! - a tab becomes [`TAB_SPACES`] spaces.
//!
//! [`log_safe`] is the same for the log file, where nothing is dropped: an escape
//! sequence is kept visible with `ESC` written as `␛`, so an attempt shows.

use std::borrow::Cow;

/// How many spaces a tab becomes.
pub const TAB_SPACES: usize = 4;

/// The stand-in for characters that are dropped because they could act on the terminal.
pub const REPLACEMENT: char = '\u{fffd}';

/// Makes one line of text safe to draw. Newlines are not kept (they show as `␊`): split
/// multi-line text with [`sanitize_lines`] first. Borrows when nothing had to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ZERO_WIDTH_JOINER {
            let joins_emoji = out.chars().next_back().is_some_and(is_emoji_part)
                && chars.peek().is_some_and(|&(_, next)| is_emoji(next));
            out.push(if joins_emoji { c } else { REPLACEMENT });
            continue;
        }
        if c == '\u{1b}' {
            match escape_len(&text[i..]) {
                Some(len) => {
                    while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                        chars.next();
                    }
                }
                None => out.push('\u{241b}'),
            }
            continue;
        }
        push_safe(c, &mut out);
    }
    Cow::Owned(out)
}

/// Splits text into its lines (`\n`, `\r\n`) and makes each one safe with [`sanitize`].
/// Empty text is one empty line.
pub fn sanitize_lines(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split('\n')
        .map(|line| sanitize(line.strip_suffix('\r').unwrap_or(line)))
}

/// Makes text from the network safe to write into the log: one line (newlines show as
/// `␊`), no escape sequence (`ESC` shows as `␛`, the rest of the sequence stays as
/// visible text), every other character [`sanitize`] replaces replaced the same way.
/// Borrows when nothing had to change.
pub fn log_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ZERO_WIDTH_JOINER {
            // The log keeps no emoji sequence either: plain and greppable.
            out.push(REPLACEMENT);
        } else {
            push_safe(c, &mut out);
        }
    }
    Cow::Owned(out)
}

/// Whether a character could act on a terminal or hide what text says (a C0 or C1
/// control, DEL, a bidi control, an invisible character or a line/paragraph separator),
/// so that [`sanitize`] replaces or drops it.
pub fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The zero-width joiner, kept between two emoji (it joins them into one).
const ZERO_WIDTH_JOINER: char = '\u{200d}';

/// Bidi controls: the marks (left-to-right, right-to-left, Arabic letter), embeddings,
/// overrides and isolates. They reorder the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that take no room and show nothing: zero-width space, non-joiner and
/// joiner, word joiner, the invisible operators, the byte order mark (zero-width
/// no-break space). They can hide text in a word or make two texts look alike.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Whether `c` is an emoji a zero-width joiner may join to (pictographs, dingbats and
/// symbols): the blocks that emoji sequences are made of.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}')
}

/// Whether `c` may end the emoji before a joiner: an emoji, or the variation selector
/// that asks for emoji presentation (❤️‍🔥). Skin-tone modifiers are emoji themselves.
fn is_emoji_part(c: char) -> bool {
    is_emoji(c) || c == '\u{fe0f}'
}

/// Appends `c`, or its safe stand-in.
fn push_safe(c: char, out: &mut String) {
    match c {
        '\t' => out.extend(std::iter::repeat_n(' ', TAB_SPACES)),
        '\u{0}'..='\u{1f}' => {
            // Control pictures sit at U+2400 + the code of the C0 control.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or(REPLACEMENT));
        }
        '\u{7f}' => out.push('\u{2421}'),
        c if needs_care(c) => out.push(REPLACEMENT),
        c => out.push(c),
    }
}

/// The length in bytes of the well-formed escape sequence at the start of `s` (which
/// starts with ESC), or `None` if it is not one.
fn escape_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    match bytes.get(1)? {
        // CSI: parameters 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
        b'[' => {
            let mut i = 2;
            while bytes.get(i).is_some_and(|b| (0x30..=0x3f).contains(b)) {
                i += 1;
            }
            while bytes.get(i).is_some_and(|b| (0x20..=0x2f).contains(b)) {
                i += 1;
            }
            bytes
                .get(i)
                .filter(|b| (0x40..=0x7e).contains(*b))
                .map(|_| i + 1)
        }
        // OSC, DCS, SOS, PM, APC: a string ended by BEL or ST (ESC \).
        b']' | b'P' | b'X' | b'^' | b'_' => {
            let mut i = 2;
            while let Some(&b) = bytes.get(i) {
                match b {
                    0x07 => return Some(i + 1),
                    0x1b => return (bytes.get(i + 1) == Some(&b'\\')).then_some(i + 2),
                    _ => i += 1,
                }
            }
            None
        }
        // Two-character escapes such as `ESC c` (reset) or `ESC 7` (save cursor).
        b if (0x20..=0x7e).contains(b) => Some(2),
        _ => None,
    }
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
