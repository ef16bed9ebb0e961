//! The `[keys]` table of the config file: more keys for the TUI's actions, checked when
//! the file is read so that a typo is named before anything starts.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::ui::user::keymap::Keymap;

/// One key or several for an action.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "a key like \"ctrl-q\", or a list of them")]
pub enum KeyList {
    /// `quit = "ctrl-q"`.
    One(String),
    /// `quit = ["ctrl-q", "f10"]`.
    Many(Vec<String>),
}

/// `[keys]`: an action's name and the keys bound to it.
pub type KeysConfig = BTreeMap<String, KeyList>;

/// The bindings `keys` asks for, or a sentence naming the key that is wrong.
pub fn keymap(keys: &KeysConfig) -> Result<Keymap, String> {
    let mut keymap = Keymap::default();
    for (action, list) in keys {
        let bound: &[String] = match list {
            KeyList::One(key) => std::slice::from_ref(key),
            KeyList::Many(keys) => keys,
        };
        for key in bound {
            keymap
                .bind(action, key)
                .map_err(|why| format!("keys.{action}: {why}"))?;
        }
    }
    Ok(keymap)
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
