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
pub mod keymap;
pub mod keys;
mod links;
mod messages;
mod modal_keys;
pub mod mouse;
pub mod search_overlay;
mod sidebar;
mod status_bar;
pub mod switcher;
pub mod title;

#[cfg(test)]
mod highlight_tests;
#[cfg(test)]
mod input_view_tests;
#[cfg(test)]
mod scroll_tests;
#[cfg(test)]
mod test_draw;
#[cfg(test)]
mod tests;

pub use messages::line_rows;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::user::UserApp;
use crate::ui::widgets::layout::{split_bottom, split_left};
use input_box::{InputBox, MAX_TEXT_ROWS};

/// Columns of the sidebar, its right border included.
pub const SIDEBAR_WIDTH: u16 = 20;

/// Below this terminal width the sidebar is hidden.
pub const SIDEBAR_MIN_TERMINAL_WIDTH: u16 = 50;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Areas {
    sidebar: Option<Rect>,
    messages: Rect,
    input: Rect,
    status: Rect,
}

impl Areas {
    /// Splits the terminal: the status bar on the last row, the input box above it (its
    /// border and as many rows as its text takes, up to [`MAX_TEXT_ROWS`] and at most
    /// about half of what is above the status bar), the sidebar on the left of both when
    /// the terminal is wide enough.
    fn new(area: Rect, input: &InputBox) -> Self {
        let (main, status) = split_bottom(area, 1);
        let (sidebar, main) = if area.width >= SIDEBAR_MIN_TERMINAL_WIDTH {
            let (sidebar, rest) = split_left(main, SIDEBAR_WIDTH);
            (Some(sidebar), rest)
        } else {
            (None, main)
        };
        let room = (main.height.saturating_sub(1) / 2).max(1);
        let wanted = u16::try_from(input.text_rows(main.width)).unwrap_or(u16::MAX);
        let text_rows = wanted.min(MAX_TEXT_ROWS).min(room);
        let (messages, input) = split_bottom(main, text_rows + 1);
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
pub fn draw(frame: &mut Frame, app: &UserApp, input: &InputBox, help_scroll: &mut usize) {
    let area = frame.area();
    let areas = Areas::new(area, input);
    let buf = frame.buffer_mut();
    if let Some(sidebar) = areas.sidebar {
        sidebar::render(app, sidebar, buf);
    }
    messages::render(app, areas.messages, buf);
    let cursor = input::render(app, input, areas.input, buf);
    status_bar::render(app, areas.status, buf);
    if let Some(list) = &app.search {
        search_overlay::render(app, list, area, buf);
    }
    if let Some(switcher) = &input.switcher {
        switcher::render(app, switcher, area, buf);
    }
    if app.help_open {
        help_overlay::render(area, buf, help_scroll);
    } else {
        *help_scroll = 0;
    }
    // The terminal's own cursor where the text goes (input methods place their
    // composition there); hidden under an overlay.
    if let Some(cursor) = cursor
        && !app.help_open
        && input.switcher.is_none()
    {
        frame.set_cursor_position(cursor);
    }
}

/// Rows of the message pane for a terminal of this size with this input (the app
/// scrolls by pages of it).
pub fn message_rows(area: Rect, input: &InputBox) -> usize {
    usize::from(message_pane(area, input).height)
}

/// Where the message pane is in a terminal of this size with this input: the same
/// layout [`draw`] uses.
pub fn message_pane(area: Rect, input: &InputBox) -> Rect {
    Areas::new(area, input).messages
}
