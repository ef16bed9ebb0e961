//! What the admin app asks the runtime to do.

use crate::domain::console::{Action, Target};

/// One request from [`super::AdminApp::update`] to the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Refresh now instead of waiting for the next tick.
    Refresh,
    /// Carry out the action; answer with `Event::ActionDone` or `Event::ActionFailed`.
    Perform(Action),
    /// Read details of the item; answer with `Event::Details`.
    FetchDetails(Target),
    /// Leave the console.
    Quit,
}
