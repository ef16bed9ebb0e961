//! Making text from the network safe to put on a terminal.
//!
//! Anything that could move the cursor, change colours, retitle the window or reorder
//! text is replaced by a visible stand-in, so a message can never act on the terminal:
//! - ANSI escape sequences (`ESC [ … final`, two-character `ESC x`, and `ESC ] … BEL/ST`
//!   style strings) are dropped whole when well formed; a stray `ESC` shows as `␛`;
//! - other C0 controls show as their control pictures (`\x07` → `␇`), DEL as `␡`;
//! - C1 controls (U+0080–U+009F), bidi overrides and isolates (U+202A–U+202E,
//!   U+2066–U+2069) and line/paragraph separators show as `�`;
//! - a tab becomes [`TAB_SPACES`] spaces.

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

/// Whether a character could act on a terminal (a C0 or C1 control, DEL, a bidi
/// control or a line/paragraph separator), so that [`sanitize`] replaces or drops it.
pub fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidi embeddings, overrides and isolates: they reorder what follows them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
