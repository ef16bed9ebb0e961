use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn plain_keys_map_one_to_one() {
    let none = KeyModifiers::NONE;
    assert_eq!(
        map_key(press(KeyCode::Char('q'), none)),
        Some(Key::Char('q'))
    );
    assert_eq!(
        map_key(press(KeyCode::Char('S'), KeyModifiers::SHIFT)),
        Some(Key::Char('S'))
    );
    assert_eq!(map_key(press(KeyCode::Enter, none)), Some(Key::Enter));
    assert_eq!(map_key(press(KeyCode::Esc, none)), Some(Key::Esc));
    assert_eq!(
        map_key(press(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(Key::BackTab)
    );
    assert_eq!(map_key(press(KeyCode::Delete, none)), Some(Key::Delete));
    assert_eq!(map_key(press(KeyCode::PageDown, none)), Some(Key::PageDown));
    assert_eq!(map_key(press(KeyCode::End, none)), Some(Key::End));
}

#[test]
fn ctrl_c_interrupts_and_other_chords_are_ignored() {
    assert_eq!(
        map_key(press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Key::Interrupt)
    );
    assert_eq!(
        map_key(press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        None
    );
    assert_eq!(map_key(press(KeyCode::Char('x'), KeyModifiers::ALT)), None);
    assert_eq!(map_key(press(KeyCode::F(5), KeyModifiers::NONE)), None);
}

#[test]
fn releases_are_ignored() {
    let mut key = press(KeyCode::Char('q'), KeyModifiers::NONE);
    key.kind = KeyEventKind::Release;
    assert_eq!(map_key(key), None);
}

#[test]
fn an_alt_chord_reads_as_esc_then_the_key() {
    let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
    assert_eq!(map_keys(alt_q), vec![Key::Esc, Key::Char('q')]);
    let plain = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(map_keys(plain), vec![Key::Char('q')]);
    let ctrl_alt = KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::ALT | KeyModifiers::CONTROL,
    );
    assert!(map_keys(ctrl_alt).is_empty());
}
