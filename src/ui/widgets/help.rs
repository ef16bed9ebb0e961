//! The help text: every key and every command, the same wherever it is shown.

use crate::domain::command::HELP;

/// Every key of the user-mode TUI and what it does.
pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "send the message or run the command"),
    ("Alt-Enter", "start a new line in the message"),
    ("Tab / Ctrl-N", "next conversation"),
    ("Shift-Tab / Ctrl-P", "previous conversation"),
    ("PgUp / PgDn", "scroll the messages"),
    ("Ctrl-Home / Ctrl-End", "the oldest / newest message"),
    ("Up / Down", "earlier and later input lines"),
    ("Alt-A", "most important unread (mention, DM, message)"),
    ("Alt-1 … Alt-9", "the Nth conversation of the sidebar"),
    ("Alt-Shift-A", "mark every conversation read"),
    ("click / wheel", "open a conversation / scroll the messages"),
    ("F2", "mouse off / on (off: the terminal selects)"),
    ("F1", "show or hide this help"),
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
