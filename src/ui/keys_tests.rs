//! Unit tests of `keys`.

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn maps_the_documented_keys() {
    let none = KeyModifiers::NONE;
    assert_eq!(map_key(key(KeyCode::Enter, none), 10), KeyIntent::Submit);
    assert_eq!(
        map_key(key(KeyCode::Enter, KeyModifiers::ALT), 10),
        KeyIntent::Newline
    );
    assert_eq!(
        map_key(key(KeyCode::Char('c'), KeyModifiers::CONTROL), 10),
        KeyIntent::Quit
    );
    assert_eq!(
        map_key(key(KeyCode::Tab, none), 10),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::BackTab, KeyModifiers::SHIFT), 10),
        KeyIntent::App(Action::PrevConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('n'), KeyModifiers::CONTROL), 10),
        KeyIntent::App(Action::NextConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::Char('p'), KeyModifiers::CONTROL), 10),
        KeyIntent::App(Action::PrevConversation)
    );
    assert_eq!(
        map_key(key(KeyCode::PageUp, none), 10),
        KeyIntent::App(Action::ScrollUp(9))
    );
    assert_eq!(
        map_key(key(KeyCode::PageDown, none), 0),
        KeyIntent::App(Action::ScrollDown(1))
    );
    assert_eq!(
        map_key(key(KeyCode::Home, KeyModifiers::CONTROL), 10),
        KeyIntent::App(Action::ScrollToOldest)
    );
    assert_eq!(
        map_key(key(KeyCode::End, KeyModifiers::CONTROL), 10),
        KeyIntent::App(Action::ScrollToNewest)
    );
    assert!(
        matches!(map_key(key(KeyCode::End, none), 10), KeyIntent::Edit(_)),
        "End alone moves the cursor in the input box"
    );
    assert_eq!(
        map_key(key(KeyCode::F(1), none), 10),
        KeyIntent::App(Action::ToggleHelp)
    );
    assert_eq!(map_key(key(KeyCode::Up, none), 10), KeyIntent::HistoryPrev);
    assert_eq!(
        map_key(key(KeyCode::Down, none), 10),
        KeyIntent::HistoryNext
    );
    assert!(matches!(
        map_key(key(KeyCode::Char('x'), none), 10),
        KeyIntent::Edit(_)
    ));
}
