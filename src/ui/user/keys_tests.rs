//! Unit tests of `keys`.

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn maps_the_documented_keys() {
    let none = KeyModifiers::NONE;
    assert_eq!(map_key(key(KeyCode::Enter, none)), KeyIntent::Submit);
    assert_eq!(
        map_key(key(KeyCode::Enter, KeyModifiers::ALT)),
        KeyIntent::Newline
    );
    assert_eq!(
        map_key(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::Quit)
    );
    assert_eq!(
        map_key(key(KeyCode::Tab, none)),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        KeyIntent::App(Action::PrevConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('p'), KeyModifiers::CONTROL)),
        KeyIntent::App(Action::PrevConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::PageUp, none)),
        KeyIntent::App(Action::PageUp)
    );
    assert_eq!(
        map_key(key(KeyCode::PageDown, none)),
        KeyIntent::App(Action::PageDown)
    );
    assert_eq!(
        map_key(key(KeyCode::Home, KeyModifiers::CONTROL)),
        KeyIntent::App(Action::ScrollToOldest)
    );
    assert_eq!(
        map_key(key(KeyCode::End, KeyModifiers::CONTROL)),
        KeyIntent::App(Action::ScrollToNewest)
    );
    assert!(
        matches!(map_key(key(KeyCode::End, none)), KeyIntent::Edit(_)),
        "End alone moves the cursor in the input box"
    );
    assert_eq!(
        map_key(key(KeyCode::F(1), none)),
        KeyIntent::App(Action::ToggleHelp)
    );
    assert_eq!(map_key(key(KeyCode::Up, none)), KeyIntent::HistoryPrev);
    assert_eq!(map_key(key(KeyCode::Down, none)), KeyIntent::HistoryNext);
    assert!(matches!(
        map_key(key(KeyCode::Char('x'), none)),
        KeyIntent::Edit(_)
    ));
}

#[test]
fn escape_goes_to_the_app_and_releases_are_ignored() {
    assert_eq!(
        map_key(key(KeyCode::Esc, KeyModifiers::NONE)),
        KeyIntent::App(Action::Escape)
    );
    let mut release = key(KeyCode::Char('x'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(map_key(release), KeyIntent::Ignore);
}

#[test]
fn a_submitted_line_leaves_the_input_box_empty_and_edits_stay_in_it() {
    let mut input = InputBox::new();
    for c in "hi".chars() {
        let typed = read_terminal(
            TermEvent::Key(key(KeyCode::Char(c), KeyModifiers::NONE)),
            &mut input,
        );
        assert_eq!(typed, None, "typing is the input box's business");
    }
    let sent = read_terminal(
        TermEvent::Key(key(KeyCode::Enter, KeyModifiers::NONE)),
        &mut input,
    );
    assert_eq!(sent, Some(Event::Input("hi".into())));
    assert_eq!(input.text(), "");
    let paged = read_terminal(
        TermEvent::Key(key(KeyCode::PageUp, KeyModifiers::NONE)),
        &mut input,
    );
    assert_eq!(paged, Some(Event::Key(Action::PageUp)));
}

#[test]
fn alt_keys_move_through_what_is_unread() {
    assert_eq!(
        map_key(key(KeyCode::Char('a'), KeyModifiers::ALT)),
        KeyIntent::App(Action::JumpToActivity)
    );
    assert_eq!(
        map_key(key(
            KeyCode::Char('A'),
            KeyModifiers::ALT | KeyModifiers::SHIFT
        )),
        KeyIntent::App(Action::ReadAll)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('1'), KeyModifiers::ALT)),
        KeyIntent::App(Action::GoTo(1))
    );
    assert_eq!(
        map_key(key(KeyCode::Char('9'), KeyModifiers::ALT)),
        KeyIntent::App(Action::GoTo(9))
    );
    // Without Alt they are typed; Alt-0 is not a conversation.
    for code in [KeyCode::Char('a'), KeyCode::Char('1')] {
        assert!(matches!(
            map_key(key(code, KeyModifiers::NONE)),
            KeyIntent::Edit(_)
        ));
    }
    assert!(matches!(
        map_key(key(KeyCode::Char('0'), KeyModifiers::ALT)),
        KeyIntent::Edit(_)
    ));
}
