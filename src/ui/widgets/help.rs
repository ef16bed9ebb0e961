//! The help text: every key and every command, the same wherever it is shown.

use crate::domain::command::HELP;

/// Every key of the user-mode TUI and what it does.
pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "send the message or run the command"),
    ("Alt-Enter", "start a new line in the message"),
    (
        "Tab / Shift-Tab",
        "complete name, #topic, /command; again: cycle",
    ),
    ("Ctrl-N / Alt-Right", "next conversation"),
    ("Ctrl-P / Alt-Left", "previous conversation"),
    ("Ctrl-G", "quick switcher: type to filter, Enter opens"),
    ("PgUp / PgDn", "scroll the messages"),
    ("Ctrl-Home / Ctrl-End", "the oldest / newest message"),
    ("Up / Down", "earlier and later input lines"),
    ("Ctrl-R", "search sent lines; again: older; Enter takes"),
    (
        "Ctrl-U / Ctrl-K / Ctrl-W",
        "delete to line start / line end / word before",
    ),
    ("Ctrl-Y", "put back what was deleted"),
    ("Ctrl-X", "edit the message in $EDITOR"),
    ("Ctrl-Z / Alt-Z", "undo / redo (Ctrl-Shift-Z too)"),
    ("Esc", "end completion, drop selection, close popups"),
    ("F1", "show or hide this help"),
    (
        "Up / Down, Enter, Esc",
        "in /search results: choose, open the message, close",
    ),
    ("Ctrl-C", "quit"),
];

/// One section of the help: a heading and its (what to type, what it does) pairs.
pub type Section = (&'static str, &'static [(&'static str, &'static str)]);

/// The whole help: keys first, then the commands of [`HELP`].
pub fn sections() -> [Section; 2] {
    [("Keys", KEYS), ("Commands", HELP)]
}

#[cfg(test)]
#[path = "help_tests.rs"]
mod tests;
