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
        KeyCode::Home if ctrl => KeyIntent::App(Action::ScrollToOldest),
        KeyCode::End if ctrl => KeyIntent::App(Action::ScrollToNewest),
        KeyCode::F(1) => KeyIntent::App(Action::ToggleHelp),
        KeyCode::Up if !ctrl && !alt => KeyIntent::HistoryPrev,
        KeyCode::Down if !ctrl && !alt => KeyIntent::HistoryNext,
        KeyCode::Esc => KeyIntent::Escape,
        _ => KeyIntent::Edit(key),
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
