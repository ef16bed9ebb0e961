//! The user-mode screen: sidebar, message pane, input box, status bar and help overlay.
//!
//! ```text
//! ┌ sidebar ─┬ messages ─────────────────────┐
//! │ status   │ 10:00 bob: hi                 │
//! │ ● bob  2 │                               │
//! │ #news    │── to bob ─────────────────────│
//! │          │ (input)                       │
//! └──────────┴───────────────────────────────┘
//!  alice │ 127.0.0.1:5672 │ ● connected │ bob │ F1 help
//! ```
//! Every view draws from [`UserApp`] without changing it, and none of them panics at any
//! terminal size.

pub mod help_overlay;
mod input;
pub mod input_box;
pub mod keys;
mod links;
mod messages;
pub mod mouse;
mod sidebar;
mod status_bar;
pub mod title;

#[cfg(test)]
mod highlight_tests;
#[cfg(test)]
mod scroll_tests;
#[cfg(test)]
mod tests;

pub use messages::line_rows;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::app::user::UserApp;
use crate::ui::widgets::layout::{split_bottom, split_left};

/// Columns of the sidebar, its right border included.
pub const SIDEBAR_WIDTH: u16 = 20;

/// Below this terminal width the sidebar is hidden.
pub const SIDEBAR_MIN_TERMINAL_WIDTH: u16 = 50;

/// Rows of the input box, its top border included.
pub const INPUT_HEIGHT: u16 = 3;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Areas {
    sidebar: Option<Rect>,
    messages: Rect,
    input: Rect,
    status: Rect,
}

impl Areas {
    /// Splits the terminal: the status bar on the last row, the input box above it, the
    /// sidebar on the left of both when the terminal is wide enough.
    fn new(area: Rect) -> Self {
        let (main, status) = split_bottom(area, 1);
        let (sidebar, main) = if area.width >= SIDEBAR_MIN_TERMINAL_WIDTH {
            let (sidebar, rest) = split_left(main, SIDEBAR_WIDTH);
            (Some(sidebar), rest)
        } else {
            (None, main)
        };
        let (messages, input) = split_bottom(main, INPUT_HEIGHT);
        Self {
            sidebar,
            messages,
            input,
            status,
        }
    }
}

/// Draws the whole user-mode screen. `help_scroll` is the help overlay's first row,
/// brought within range when the help is drawn.
pub fn draw(frame: &mut Frame, app: &UserApp, input: &TextArea<'_>, help_scroll: &mut usize) {
    let area = frame.area();
    let areas = Areas::new(area);
    let buf = frame.buffer_mut();
    if let Some(sidebar) = areas.sidebar {
        sidebar::render(app, sidebar, buf);
    }
    messages::render(app, areas.messages, buf);
    input::render(app, input, areas.input, buf);
    status_bar::render(app, areas.status, buf);
    if app.help_open {
        help_overlay::render(area, buf, help_scroll);
    } else {
        *help_scroll = 0;
    }
}

/// Rows of the message pane for a terminal of this size (the lead uses it for PgUp/PgDn).
pub fn message_rows(area: Rect) -> usize {
    usize::from(message_pane(area).height)
}

/// Where the message pane is in a terminal of this size.
pub fn message_pane(area: Rect) -> Rect {
    Areas::new(area).messages
}
