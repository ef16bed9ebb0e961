//! Unit tests of `help`.

use super::*;

#[test]
fn lists_every_key_the_brief_names_and_every_command() {
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    for key in [
        "Enter",
        "Alt-Enter",
        "Ctrl-N",
        "Ctrl-P",
        "PgUp",
        "F1",
        "Ctrl-C",
        "Tab",
        "Alt-Left",
        "Ctrl-G",
        "Ctrl-U",
        "Ctrl-W",
        "Esc",
        "Ctrl-R",
        "Ctrl-X",
    ] {
        assert!(keys.iter().any(|k| k.contains(key)), "{key}");
    }
    let [_, (_, commands)] = sections();
    assert_eq!(commands.len(), HELP.len());
}
