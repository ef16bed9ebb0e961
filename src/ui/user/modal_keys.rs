//! Keys while the input box is in a mode that reads them itself: the quick switcher
//! open, a long paste waiting for a yes or no, a Ctrl-R search. Ctrl-C quits from any of
//! them.

use ratatui::crossterm::event::KeyEvent;

use crate::app::user::{Action, Event, UserApp};

use super::input_box::{InputBox, SearchKey};
use super::keys::{KeyIntent, map_key};
use super::switcher::SwitcherKey;

/// Whether a mode took a key.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Modal {
    /// It did; this is what the app gets of it (boxed: an event is large, and most
    /// keys are not taken).
    Took(Option<Box<Event>>),
    /// No mode wants it (none is on, or a search ended on it): it is read as usual.
    NotMine,
}

/// Gives a pressed key to the mode the box is in, if any.
pub(super) fn read_modal_key(key: KeyEvent, input: &mut InputBox, app: &UserApp) -> Modal {
    let intent = map_key(key);
    let quits = intent == KeyIntent::App(Action::Quit);
    if quits && input.is_modal() {
        return Modal::Took(Some(Box::new(Event::Key(Action::Quit))));
    }
    if let Some(switcher) = &mut input.switcher {
        let event = match switcher.key(key, app) {
            SwitcherKey::Stays => None,
            SwitcherKey::Closed => {
                input.switcher = None;
                None
            }
            SwitcherKey::Open(id) => {
                input.switcher = None;
                Some(Event::Open(id))
            }
        };
        return Modal::Took(event.map(Box::new));
    }
    if input.held_paste_lines().is_some() {
        match intent {
            KeyIntent::Submit => input.accept_paste(),
            KeyIntent::Escape => input.drop_paste(),
            _ => {}
        }
        return Modal::Took(None);
    }
    if input.is_searching() && input.search_key(key) == SearchKey::Used {
        return Modal::Took(None);
    }
    Modal::NotMine
}
