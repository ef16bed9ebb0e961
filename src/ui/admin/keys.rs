//! Maps terminal keys to the admin console's [`Key`]s.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::admin::Key;

/// Reads one key press; releases, and keys the console has no use for, are `None`.
/// Ctrl-C is [`Key::Interrupt`]; other Ctrl or Alt chords are ignored so that they
/// never type into a form.
pub fn map_key(key: KeyEvent) -> Option<Key> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let mapped = match key.code {
        KeyCode::Char('c') | KeyCode::Char('C') if ctrl => Key::Interrupt,
        _ if ctrl || alt => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        _ => return None,
    };
    Some(mapped)
}

/// Like [`map_key`], but reads Alt+character as Esc then the character: terminals send
/// Esc followed quickly by a key as one Alt chord, and "Esc, then q" must still quit.
pub fn map_keys(key: KeyEvent) -> Vec<Key> {
    let only_alt = key.modifiers == KeyModifiers::ALT;
    match key.code {
        KeyCode::Char(c) if only_alt && key.kind != KeyEventKind::Release => {
            vec![Key::Esc, Key::Char(c)]
        }
        _ => map_key(key).into_iter().collect(),
    }
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
