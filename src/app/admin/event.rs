//! What happens to the admin console: keys, refresh results, action outcomes, time.

use std::time::{Duration, Instant};

use crate::domain::console::{Action, Details, Outcome, Snapshot, Target};

/// A key press, already decoded from the terminal (see `ui::admin::keys`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character (no Ctrl/Alt).
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// Ctrl-C: quit from anywhere.
    Interrupt,
}

/// One input to [`super::AdminApp::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The operator pressed a key.
    Key(Key),
    /// A refresh finished: `took` is how long the reads took, `at` when they finished.
    Refreshed {
        /// What the broker holds now.
        snapshot: Snapshot,
        /// When the refresh finished.
        at: Instant,
        /// How long the refresh took.
        took: Duration,
    },
    /// A refresh failed; the console keeps the last data, greyed, and retries.
    RefreshFailed {
        /// Why, in words.
        error: String,
        /// Whether the broker was unreachable (rather than refusing one request).
        unreachable: bool,
        /// When it failed.
        at: Instant,
    },
    /// An action succeeded.
    ActionDone {
        /// The action.
        action: Action,
        /// What came of it (a generated password is shown once, then dropped).
        outcome: Outcome,
    },
    /// An action failed; nothing was changed.
    ActionFailed {
        /// The action.
        action: Action,
        /// Why, in words.
        error: String,
    },
    /// Details of one item arrived (or could not be read).
    Details {
        /// The item.
        target: Target,
        /// Its details, or why they could not be read.
        result: Result<Details, String>,
    },
    /// The clock moved (once a second), so ages like "updated 3 s ago" stay true.
    Tick(Instant),
    /// The table area now shows this many rows (after a resize); paging uses it.
    Viewport {
        /// Visible table rows.
        rows: u16,
    },
}
