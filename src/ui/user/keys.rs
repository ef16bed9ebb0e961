//! The TUI's keyboard: terminal events read into events for the app, or into edits of
//! the input box. What a key *means* (closing the help, the size of a page, quitting)
//! is the app's business; this only names the key.

use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};

use crate::app::user::{Action, Event};

use super::input_box::InputBox;

/// What a key press is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyIntent {
    /// Enter: send the input line.
    Submit,
    /// Alt-Enter: a newline in the input.
    Newline,
    /// A key for the app.
    App(Action),
    /// Up: the previous input from history.
    HistoryPrev,
    /// Down: the next input from history.
    HistoryNext,
    /// Anything else: an editing key for the input box.
    Edit(KeyEvent),
    /// A key release we ignore.
    Ignore,
}

/// Names one key.
pub fn map_key(key: KeyEvent) -> KeyIntent {
    if key.kind == KeyEventKind::Release {
        return KeyIntent::Ignore;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Enter if alt => KeyIntent::Newline,
        KeyCode::Enter => KeyIntent::Submit,
        KeyCode::Char('c') if ctrl => KeyIntent::App(Action::Quit),
        KeyCode::Char('n') if ctrl => KeyIntent::App(Action::NextConversation),
        KeyCode::Char('p') if ctrl => KeyIntent::App(Action::PrevConversation),
        KeyCode::Tab => KeyIntent::App(Action::NextConversation),
        KeyCode::BackTab => KeyIntent::App(Action::PrevConversation),
        KeyCode::PageUp => KeyIntent::App(Action::PageUp),
        KeyCode::PageDown => KeyIntent::App(Action::PageDown),
        KeyCode::Home if ctrl => KeyIntent::App(Action::ScrollToOldest),
        KeyCode::End if ctrl => KeyIntent::App(Action::ScrollToNewest),
        KeyCode::F(1) => KeyIntent::App(Action::ToggleHelp),
        KeyCode::Char('a') if alt => KeyIntent::App(Action::JumpToActivity),
        KeyCode::Char('A') if alt => KeyIntent::App(Action::ReadAll),
        KeyCode::Char(digit @ '1'..='9') if alt => {
            KeyIntent::App(Action::GoTo(usize::from(digit as u8 - b'0')))
        }
        KeyCode::Up if !ctrl && !alt => KeyIntent::HistoryPrev,
        KeyCode::Down if !ctrl && !alt => KeyIntent::HistoryNext,
        KeyCode::Esc => KeyIntent::App(Action::Escape),
        _ => KeyIntent::Edit(key),
    }
}

/// Reads one terminal event: keys for the app and a submitted line become an [`Event`];
/// editing keys, recall and pastes change `input` and give nothing for the app.
pub fn read_terminal(event: TermEvent, input: &mut InputBox) -> Option<Event> {
    match event {
        TermEvent::Key(key) => match map_key(key) {
            KeyIntent::Submit => Some(Event::Input(input.take())),
            KeyIntent::App(action) => Some(Event::Key(action)),
            KeyIntent::Newline => {
                input.newline();
                None
            }
            KeyIntent::HistoryPrev => {
                input.recall_prev();
                None
            }
            KeyIntent::HistoryNext => {
                input.recall_next();
                None
            }
            KeyIntent::Edit(key) => {
                input.edit(key);
                None
            }
            KeyIntent::Ignore => None,
        },
        TermEvent::Paste(text) => {
            input.paste(&text);
            None
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
