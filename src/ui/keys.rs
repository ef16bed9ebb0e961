//! Maps terminal keys to what they mean in user mode. Editing keys go to the input box.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::user::Action;

/// What a key press means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyIntent {
    /// Enter: send the input line.
    Submit,
    /// Alt-Enter: a newline in the input.
    Newline,
    /// A navigation action for the app.
    App(Action),
    /// Up: the previous input from history.
    HistoryPrev,
    /// Down: the next input from history.
    HistoryNext,
    /// Esc: close the help overlay if open.
    Escape,
    /// Ctrl-C: quit.
    Quit,
    /// Anything else: an editing key for the input box.
    Edit(KeyEvent),
    /// A key release or repeat we ignore.
    Ignore,
}

/// Reads one key; `page_rows` is the height of the message pane (for PgUp/PgDn).
pub fn map_key(key: KeyEvent, page_rows: usize) -> KeyIntent {
    if key.kind == KeyEventKind::Release {
        return KeyIntent::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let page = page_rows.saturating_sub(1).max(1);
    match key.code {
        KeyCode::Enter if alt => KeyIntent::Newline,
        KeyCode::Enter => KeyIntent::Submit,
        KeyCode::Char('c') if ctrl => KeyIntent::Quit,
        KeyCode::Char('n') if ctrl => KeyIntent::App(Action::NextConversation),
        KeyCode::Char('p') if ctrl => KeyIntent::App(Action::PrevConversation),
        KeyCode::Tab => KeyIntent::App(Action::NextConversation),
        KeyCode::BackTab => KeyIntent::App(Action::PrevConversation),
        KeyCode::PageUp => KeyIntent::App(Action::ScrollUp(page)),
        KeyCode::PageDown => KeyIntent::App(Action::ScrollDown(page)),
        KeyCode::F(1) => KeyIntent::App(Action::ToggleHelp),
        KeyCode::Up if !ctrl && !alt => KeyIntent::HistoryPrev,
        KeyCode::Down if !ctrl && !alt => KeyIntent::HistoryNext,
        KeyCode::Esc => KeyIntent::Escape,
        _ => KeyIntent::Edit(key),
    }
}

#[cfg(test)]
mod tests {
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
}
