//! Unit tests of `sanitize`.

use super::*;

/// Nothing that a terminal would act on survives.
fn assert_inert(s: &str) {
    assert!(
        !s.chars()
            .any(|c| c.is_control() || is_bidi_control(c) || is_invisible(c)),
        "{s:?}"
    );
}

#[test]
fn plain_text_is_borrowed_unchanged() {
    let text = "hello, 世界 👋 — ok";
    assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
}

#[test]
fn ansi_sequences_are_dropped() {
    assert_eq!(sanitize("\x1b[31mred\x1b[0m"), "red");
    assert_eq!(sanitize("a\x1b[2J\x1b[1;1Hb"), "ab");
    assert_eq!(sanitize("\x1b]0;pwned\x07title"), "title");
    assert_eq!(sanitize("\x1b]8;;http://x\x1b\\link"), "link");
    assert_eq!(sanitize("x\x1bcy"), "xy");
}

#[test]
fn broken_escapes_leave_a_visible_mark() {
    assert_eq!(sanitize("\x1b"), "\u{241b}");
    assert_eq!(sanitize("\x1b[12"), "\u{241b}[12");
    assert_eq!(sanitize("\x1b]0;never ends"), "\u{241b}]0;never ends");
    assert_inert(&sanitize("\x1b\x1b[\x1b]\x1b"));
}

#[test]
fn controls_become_pictures_and_tabs_spaces() {
    assert_eq!(sanitize("a\x07b\rc\x00"), "a\u{2407}b\u{240d}c\u{2400}");
    assert_eq!(sanitize("del\x7f"), "del\u{2421}");
    assert_eq!(sanitize("a\tb"), "a    b");
    assert_eq!(sanitize("two\nlines"), "two\u{240a}lines");
}

#[test]
fn c1_and_bidi_controls_are_replaced() {
    assert_eq!(sanitize("a\u{9b}2Jb"), "a\u{fffd}2Jb");
    assert_eq!(sanitize("\u{202e}evil\u{202c}"), "\u{fffd}evil\u{fffd}");
    assert_eq!(sanitize("\u{2066}x\u{2069}"), "\u{fffd}x\u{fffd}");
    assert_eq!(sanitize("a\u{2028}b"), "a\u{fffd}b");
}

#[test]
fn bidi_marks_and_invisible_characters_are_replaced() {
    for mark in [
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}',
        '\u{202c}', '\u{202d}', '\u{202e}', '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}',
        '\u{2064}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{061c}', '\u{feff}',
    ] {
        let text = format!("pay{mark}pal");
        assert_eq!(
            sanitize(&text),
            "pay\u{fffd}pal",
            "U+{:04X}",
            u32::from(mark)
        );
        assert_eq!(
            log_safe(&text),
            "pay\u{fffd}pal",
            "U+{:04X}",
            u32::from(mark)
        );
    }
    // A right-to-left mark that would flip "txt.exe" around.
    assert_eq!(sanitize("a\u{200f}\u{061c}b"), "a\u{fffd}\u{fffd}b");
}

#[test]
fn a_joiner_between_two_emoji_is_kept_and_nowhere_else() {
    for joined in [
        "👩\u{200d}💻",
        "👨\u{200d}👩\u{200d}👧",
        "❤\u{fe0f}\u{200d}🔥",
        "👋🏽\u{200d}✨",
    ] {
        assert_eq!(sanitize(joined), joined);
    }
    assert_eq!(sanitize("a\u{200d}b"), "a\u{fffd}b");
    assert_eq!(sanitize("👩\u{200d}b"), "👩\u{fffd}b");
    assert_eq!(sanitize("a\u{200d}💻"), "a\u{fffd}💻");
    assert_eq!(sanitize("\u{200d}💻"), "\u{fffd}💻");
    assert_eq!(sanitize("👩\u{200d}"), "👩\u{fffd}");
    assert_eq!(sanitize("👩\u{200d}\u{200d}💻"), "👩\u{fffd}\u{fffd}💻");
}

#[test]
fn log_text_keeps_escapes_visible_on_one_line() {
    let reason = "CONNECTION_FORCED - \x1b[2J\x1b]0;pwned\x07bye\r\nfake line";
    let safe = log_safe(reason);
    assert_eq!(
        safe,
        "CONNECTION_FORCED - \u{241b}[2J\u{241b}]0;pwned\u{2407}bye\u{240d}\u{240a}fake line"
    );
    assert_inert(&safe);
    assert!(matches!(
        log_safe("plain reason"),
        Cow::Borrowed("plain reason")
    ));
    assert_eq!(log_safe("👩\u{200d}💻\t"), "👩\u{fffd}💻    ");
}

#[test]
fn every_char_below_0x100_and_the_bidi_range_is_safe() {
    let all: String = (0u32..0x100)
        .chain(0x2020..0x2070)
        .chain([0x061c, 0xfeff])
        .filter_map(char::from_u32)
        .collect();
    assert_inert(&sanitize(&all));
    assert_inert(&log_safe(&all));
}

#[test]
fn lines_are_split_on_newlines_and_crlf() {
    let lines: Vec<_> = sanitize_lines("one\r\ntwo\n\nthree\x1b[K").collect();
    assert_eq!(lines, ["one", "two", "", "three"]);
    assert_eq!(sanitize_lines("").count(), 1);
}
