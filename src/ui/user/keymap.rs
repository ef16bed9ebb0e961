//! Key bindings of one's own: the `[keys]` table of the config file binds more keys to
//! the TUI's actions.
//!
//! A binding is a remap: a key bound to an action is read as that action's default key,
//! before anything else looks at it, so every part of the TUI (the input box, the help,
//! the lists) treats it as the default key. Defaults keep working; a key bound here
//! stops doing what it did before. Keys are parsed by `crokey`, the crossterm key-name
//! crate (`ctrl-n`, `alt-left`, `f2`, `shift-tab`).

use std::sync::OnceLock;

use crokey::KeyCombination;
use ratatui::crossterm::event::{Event as TermEvent, KeyEvent, KeyEventKind};

/// Every action a key can be bound to: its name in `[keys]`, its default key, and what
/// it does.
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("next_conversation", "ctrl-n", "the next conversation"),
    ("prev_conversation", "ctrl-p", "the previous conversation"),
    ("page_up", "pageup", "scroll back a page"),
    ("page_down", "pagedown", "scroll forward a page"),
    ("oldest", "ctrl-home", "the oldest message"),
    ("newest", "ctrl-end", "the newest message"),
    ("newline", "alt-enter", "a new line in the message"),
    ("complete", "tab", "complete the word under the cursor"),
    ("complete_back", "shift-tab", "the previous completion"),
    ("switcher", "ctrl-g", "the quick switcher"),
    ("editor", "ctrl-x", "write the message in $EDITOR"),
    ("reverse_search", "ctrl-r", "search the lines you sent"),
    ("undo", "ctrl-z", "undo in the input"),
    ("redo", "alt-z", "redo in the input"),
    ("recall_prev", "up", "the previous input line"),
    ("recall_next", "down", "the next input line"),
    ("help", "f1", "show or hide the help"),
    ("redraw", "ctrl-l", "clear and redraw the screen"),
    ("quit", "ctrl-c", "quit"),
];

/// The keys bound by the user, each read as an action's default key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap {
    remaps: Vec<(KeyCombination, KeyEvent)>,
}

impl Keymap {
    /// Binds `key` to `action` (names as in [`ACTIONS`]); a sentence saying which is
    /// wrong otherwise.
    pub fn bind(&mut self, action: &str, key: &str) -> Result<(), String> {
        let (_, default, _) = ACTIONS
            .iter()
            .find(|(name, _, _)| *name == action)
            .ok_or_else(|| {
                let names: Vec<&str> = ACTIONS.iter().map(|(name, _, _)| *name).collect();
                format!("unknown action (one of: {})", names.join(", "))
            })?;
        let pressed = parse(key)?;
        let default = parse(default)?;
        let Some(default) = as_event(default) else {
            return Err(format!("{key:?}: the default of {action} is not one key"));
        };
        self.remaps.retain(|(bound, _)| *bound != pressed);
        self.remaps.push((pressed, default));
        Ok(())
    }

    /// The event as the TUI reads it: a bound key becomes its action's default key.
    pub fn remap(&self, event: TermEvent) -> TermEvent {
        let TermEvent::Key(key) = event else {
            return event;
        };
        let pressed = KeyCombination::from(key);
        match self.remaps.iter().find(|(bound, _)| *bound == pressed) {
            Some((_, default)) => TermEvent::Key(KeyEvent {
                kind: key.kind,
                ..*default
            }),
            None => event,
        }
    }
}

/// A key by its name, or a sentence saying why it is not one.
fn parse(key: &str) -> Result<KeyCombination, String> {
    let combination = crokey::parse(key).map_err(|_| {
        format!("{key:?} is not a key (keys look like \"ctrl-n\", \"alt-left\", \"f2\")")
    })?;
    if !combination.is_ansi_compatible() {
        return Err(format!(
            "{key:?} is several keys at once: terminals send one key with modifiers"
        ));
    }
    Ok(combination)
}

/// The key event of a one-key combination.
fn as_event(combination: KeyCombination) -> Option<KeyEvent> {
    let crokey::OneToThree::One(code) = combination.codes else {
        return None;
    };
    let mut event = KeyEvent::new(code, combination.modifiers);
    event.kind = KeyEventKind::Press;
    Some(event)
}

static KEYMAP: OnceLock<Keymap> = OnceLock::new();

/// Sets the bindings the TUI reads keys with, once at start-up.
pub fn install(keymap: Keymap) {
    let _ = KEYMAP.set(keymap);
}

/// A terminal event as the TUI reads it with the installed bindings.
pub fn remap(event: TermEvent) -> TermEvent {
    match KEYMAP.get() {
        Some(keymap) => keymap.remap(event),
        None => event,
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
