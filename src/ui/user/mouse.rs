//! The mouse in the TUI: a click on a conversation in the sidebar opens it, the wheel
//! over the messages scrolls them. Positions are read with the same layout the screen
//! is drawn with ([`Areas`]), so a click lands where the eye sees it. Anything else (a
//! click in the input box, the status bar, a drag) means nothing.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::app::user::{Action, Event, UserApp};

use super::input_box::InputBox;
use super::{Areas, sidebar};

/// Rows one notch of the wheel scrolls.
pub const WHEEL_ROWS: usize = 3;

/// What a mouse event on a terminal of size `area` means for the app, if anything
/// (`input` decides how tall the input box is drawn).
pub fn map_mouse(event: MouseEvent, area: Rect, app: &UserApp, input: &InputBox) -> Option<Event> {
    if app.help_open {
        // The help is drawn over everything: what is under it is not clickable.
        return None;
    }
    let areas = Areas::new(area, input);
    let at = Position::new(event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            let rows = sidebar::inner(areas.sidebar?);
            if !rows.contains(at) {
                return None;
            }
            let index = sidebar::first_shown(app, rows.height) + usize::from(at.y - rows.y);
            let conversation = app.conversations.get(index)?;
            Some(Event::Open(conversation.id.clone()))
        }
        MouseEventKind::ScrollUp if areas.messages.contains(at) => {
            Some(Event::Key(Action::ScrollUp(WHEEL_ROWS)))
        }
        MouseEventKind::ScrollDown if areas.messages.contains(at) => {
            Some(Event::Key(Action::ScrollDown(WHEEL_ROWS)))
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "mouse_tests.rs"]
mod tests;
