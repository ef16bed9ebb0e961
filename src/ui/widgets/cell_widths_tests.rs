use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::*;
use crate::ui::widgets::wrap::columns;

#[test]
fn plain_text_and_agreed_sequences_are_untouched() {
    for text in ["hello", "ação", "日本語", "👨\u{200d}👩\u{200d}👧", "👍"] {
        assert!(matches!(settle_widths(text), Cow::Borrowed(_)), "{text}");
    }
}

#[test]
fn a_narrow_character_loses_its_emoji_selector() {
    assert_eq!(settle_widths("I ❤\u{fe0f} it"), "I ❤ it");
    assert_eq!(settle_widths("1\u{fe0f}\u{20e3}"), "1\u{20e3}");
    assert_eq!(settle_widths("☺\u{fe0f}"), "☺");
    // Already wide: the selector changes nothing and stays.
    assert_eq!(settle_widths("👍\u{fe0f}"), "👍\u{fe0f}");
}

#[test]
fn a_skin_tone_gets_its_own_cell_and_is_kept() {
    assert_eq!(settle_widths("ok 👍🏽!"), "ok 👍\u{200b}🏽!");
    assert_eq!(settle_widths("🏽 alone"), "🏽 alone");
}

/// The buffer's width (ratatui's, grapheme by grapheme) and the wrapper's agree with
/// what tmux 3.3a draws.
#[test]
fn the_buffer_and_the_wrapper_count_what_the_terminal_draws() {
    let cases = [
        ("❤\u{fe0f}", 1),
        ("☺\u{fe0f}", 1),
        ("1\u{fe0f}\u{20e3}", 1),
        ("👍🏽", 4),
        ("✋🏽", 4),
        ("🇫🇷", 2),
        ("👍", 2),
    ];
    for (text, drawn) in cases {
        let settled = settle_widths(text);
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 1));
        let (end, _) = buffer.set_stringn(0, 0, &*settled, 20, Style::new());
        assert_eq!(usize::from(end), drawn, "buffer width of {text:?}");
        assert_eq!(columns(&settled), drawn, "wrapped width of {text:?}");
    }
}

#[test]
fn each_half_of_a_flag_gets_its_own_cell() {
    assert_eq!(settle_widths("🇫🇷🇩🇪!"), "🇫\u{200b}🇷\u{200b}🇩\u{200b}🇪!");
    assert_eq!(settle_widths("🇫 alone"), "🇫 alone");
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
    buffer.set_string(0, 0, settle_widths("🇫🇷x"), Style::new());
    let cells: Vec<&str> = (0..4).map(|x| buffer[(x, 0)].symbol()).collect();
    assert_eq!(cells, ["🇫", "🇷", "x", " "]);
}

#[test]
fn a_skin_tone_is_drawn_in_a_cell_of_its_own() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 1));
    buffer.set_string(0, 0, settle_widths("👍🏽x"), Style::new());
    let cells: Vec<&str> = (0..6).map(|x| buffer[(x, 0)].symbol()).collect();
    assert_eq!(cells, ["👍", " ", "🏽", " ", "x", " "]);
}
