//! Unit tests of `input_box`.

use super::*;

#[test]
fn recalls_history_and_keeps_the_draft() {
    let mut input = InputBox::new();
    input.paste("one");
    assert_eq!(input.take(), "one");
    input.paste("two");
    input.take();
    input.paste("dra");
    input.recall_prev();
    assert_eq!(input.text(), "two");
    input.recall_prev();
    assert_eq!(input.text(), "one");
    input.recall_prev();
    assert_eq!(input.text(), "one");
    input.recall_next();
    assert_eq!(input.text(), "two");
    input.recall_next();
    assert_eq!(input.text(), "dra");
}

#[test]
fn pastes_keep_newlines_and_newline_key_adds_one() {
    let mut input = InputBox::new();
    input.paste("a\r\nb");
    input.newline();
    input.paste("c");
    assert_eq!(input.text(), "a\nb\nc");
    assert_eq!(input.take(), "a\nb\nc");
    assert_eq!(input.text(), "");
}

#[test]
fn a_large_paste_is_fine() {
    let mut input = InputBox::new();
    input.paste(&"x".repeat(1_000_000));
    assert_eq!(input.text().len(), 1_000_000);
}

#[test]
fn pasted_escapes_and_controls_are_made_safe() {
    let mut input = InputBox::new();
    input.paste("\u{1b}[31mred\u{1b}[0m\tx\u{7}\u{202e}y\u{2028}z\r\nnext");
    assert_eq!(input.text(), "red    x\u{2407}\u{fffd}y\u{fffd}z\nnext");
}

#[test]
fn a_refused_line_comes_back_only_into_an_empty_box() {
    let mut input = InputBox::new();
    input.give_back("/mgs bob hi");
    assert_eq!(input.text(), "/mgs bob hi");
    input.give_back("something else");
    assert_eq!(input.text(), "/mgs bob hi", "what is there is not replaced");
}

#[test]
fn the_editors_text_replaces_the_draft_made_safe() {
    let mut input = InputBox::new();
    input.paste("old draft");
    input.replace_text("new\r\n\u{1b}[31mtext");
    assert_eq!(input.text(), "new\ntext");
}
