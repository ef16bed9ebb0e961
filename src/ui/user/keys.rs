//! The TUI's keyboard: terminal events read into events for the app, or into edits of
//! the input box. What a key *means* (closing the help, the size of a page, quitting)
//! is the app's business; this only names the key.

use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};

use crate::app::user::{Action, Event, UserApp};

use super::input_box::InputBox;
use super::modal_keys::{Modal, read_modal_key};
use super::switcher::Switcher;

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
    /// Tab: complete the word before the cursor, or the next candidate.
    Complete,
    /// Shift-Tab: the previous candidate.
    CompleteBack,
    /// Ctrl-G: open the quick switcher.
    OpenSwitcher,
    /// Esc: end a completion, drop a selection, close an overlay.
    Escape,
    /// Ctrl-U: delete from the line's start to the cursor (readline).
    DeleteToLineStart,
    /// Ctrl-Z: undo the last edit.
    Undo,
    /// Alt-Z (or Ctrl-Shift-Z where the terminal tells it apart): redo.
    Redo,
    /// Ctrl-R: search back through the lines sent before.
    ReverseSearch,
    /// Ctrl-X: edit the draft in `$EDITOR` (the runtime's face runs it: it owns the
    /// terminal).
    OpenEditor,
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
        KeyCode::Right if alt => KeyIntent::App(Action::NextConversation),
        KeyCode::Left if alt => KeyIntent::App(Action::PrevConversation),
        KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => KeyIntent::CompleteBack,
        KeyCode::Tab => KeyIntent::Complete,
        KeyCode::BackTab => KeyIntent::CompleteBack,
        KeyCode::Char('g') if ctrl => KeyIntent::OpenSwitcher,
        KeyCode::Char('x') if ctrl => KeyIntent::OpenEditor,
        KeyCode::Char('r') if ctrl => KeyIntent::ReverseSearch,
        KeyCode::Char('u') if ctrl => KeyIntent::DeleteToLineStart,
        KeyCode::Char('z' | 'Z') if ctrl && key.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyIntent::Redo
        }
        KeyCode::Char('Z') if ctrl => KeyIntent::Redo,
        KeyCode::Char('z') if ctrl => KeyIntent::Undo,
        KeyCode::Char('z') if alt => KeyIntent::Redo,
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
        KeyCode::Esc => KeyIntent::Escape,
        _ => KeyIntent::Edit(key),
    }
}

/// Reads one terminal event: keys for the app and a submitted line become an [`Event`];
/// editing keys, recall, completion and pastes change `input` and give nothing for the
/// app. While the quick switcher is open, a long paste waits for its answer or a Ctrl-R
/// search runs, they read the keys first (`modal_keys.rs`; Ctrl-C still quits). `app` is
/// what completion and the switcher choose from.
pub fn read_terminal(event: TermEvent, input: &mut InputBox, app: &UserApp) -> Option<Event> {
    if let TermEvent::Key(key) = event
        && key.kind != KeyEventKind::Release
        && let Modal::Took(event) = read_modal_key(key, input, app)
    {
        return event.map(|event| *event);
    }
    match event {
        TermEvent::Key(key) => {
            let intent = map_key(key);
            if !matches!(
                intent,
                KeyIntent::Complete | KeyIntent::CompleteBack | KeyIntent::Ignore
            ) {
                input.end_completion();
            }
            read_key(intent, input, app)
        }
        TermEvent::Paste(text) => {
            if let Some(switcher) = &mut input.switcher {
                switcher.paste(&text);
            } else if input.is_searching() {
                input.search_paste(&text);
            } else {
                input.end_completion();
                input.receive_paste(text);
            }
            None
        }
        _ => None,
    }
}

/// Carries out one named key.
fn read_key(intent: KeyIntent, input: &mut InputBox, app: &UserApp) -> Option<Event> {
    match intent {
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
        KeyIntent::Complete | KeyIntent::CompleteBack => {
            input.complete(app, intent == KeyIntent::CompleteBack);
            None
        }
        KeyIntent::OpenSwitcher => {
            input.switcher = Some(Switcher::new());
            None
        }
        KeyIntent::Escape => {
            input.escape();
            Some(Event::Key(Action::Escape))
        }
        KeyIntent::DeleteToLineStart => {
            input.textarea.delete_line_by_head();
            None
        }
        KeyIntent::Undo => {
            input.textarea.undo();
            None
        }
        KeyIntent::Redo => {
            input.textarea.redo();
            None
        }
        KeyIntent::Edit(key) => {
            input.edit(key);
            None
        }
        KeyIntent::ReverseSearch => {
            input.search_back();
            None
        }
        KeyIntent::OpenEditor | KeyIntent::Ignore => None,
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
