//! Where the message pane is in a conversation, and how scrolling moves it.
//!
//! The position is an [`Anchor`], not a count of rows up from the bottom: the line
//! shown on the pane's bottom row and how many of its rows are hidden below the pane.
//! Drawing lays out from the anchor upwards until the pane is full, so a frame costs
//! the same at the bottom or a thousand pages back; scrolling by `n` rows measures the
//! lines it passes, `O(n + pane)`, never the rows in between the anchor and the newest
//! line. The anchor is an index into the conversation's window, so prepending a page of
//! older lines shifts it by the page's length and dropping lines at the newest end does
//! not touch it: neither moves what is on screen.
//!
//! How many rows a line takes depends on the pane's width and on how the view wraps
//! and decorates it, which only the view knows: it lends the app a [`LineRows`]
//! function ([`UserApp::set_layout`](super::UserApp::set_layout)). The app's default counts one row per line.

/// The message pane's size, as last drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Default for Pane {
    fn default() -> Self {
        Self {
            width: 80,
            height: 20,
        }
    }
}

/// Where the message pane's bottom is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The newest line is at the bottom and new lines push the view along.
    Following,
    /// Scrolled back: the pane's bottom row is a row of this line.
    Anchored(Anchor),
}

/// A scrolled-back position: the line on the pane's bottom row and how many of its
/// rows are hidden below the pane (0: the line ends on the bottom row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Index into the conversation's lines.
    pub line: usize,
    /// Rows of that line below the pane.
    pub below: usize,
}
