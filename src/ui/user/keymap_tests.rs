use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::user::{Action, Event};
use crate::ui::user::input_box::InputBox;
use crate::ui::user::keys::read_terminal;

fn key(code: KeyCode, modifiers: KeyModifiers) -> TermEvent {
    TermEvent::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn every_default_key_parses() {
    for (action, default, _) in ACTIONS {
        let mut keymap = Keymap::default();
        assert_eq!(keymap.bind(action, default), Ok(()), "{action}");
    }
}

#[test]
fn a_bound_key_does_what_the_default_does_and_the_default_still_works() {
    let mut keymap = Keymap::default();
    keymap.bind("next_conversation", "alt-n").unwrap();
    keymap.bind("quit", "ctrl-q").unwrap();
    let mut input = InputBox::new();
    let app = crate::app::user::UserApp::new(
        crate::domain::UserName::parse("alice").unwrap(),
        String::new(),
        time::UtcOffset::UTC,
    );
    let read = |event, input: &mut InputBox| read_terminal(keymap.remap(event), input, &app);
    assert_eq!(
        read(key(KeyCode::Char('n'), KeyModifiers::ALT), &mut input),
        Some(Event::Key(Action::NextConversation))
    );
    assert_eq!(
        read(key(KeyCode::Char('q'), KeyModifiers::CONTROL), &mut input),
        Some(Event::Key(Action::Quit))
    );
    assert_eq!(
        read(key(KeyCode::Char('n'), KeyModifiers::CONTROL), &mut input),
        Some(Event::Key(Action::NextConversation))
    );
    // Other keys are typed as before.
    assert_eq!(
        read(key(KeyCode::Char('n'), KeyModifiers::NONE), &mut input),
        None
    );
    assert_eq!(input.text(), "n");
}

#[test]
fn a_wrong_binding_says_what_is_wrong() {
    let mut keymap = Keymap::default();
    let err = keymap.bind("next_convo", "alt-n").unwrap_err();
    assert!(
        err.starts_with("unknown action (one of: next_conversation,"),
        "{err}"
    );
    let err = keymap.bind("quit", "ctrl-").unwrap_err();
    assert!(err.contains("ctrl-"), "{err}");
    let err = keymap.bind("quit", "ctrl-a-b").unwrap_err();
    assert!(err.contains("several keys at once"), "{err}");
    assert_eq!(keymap, Keymap::default(), "nothing bound by a refused line");
}
