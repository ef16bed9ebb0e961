//! Admin mode: the broker console's panes, tables, forms and confirmations, as pure state.
//!
//! [`AdminApp::update`] takes an [`Event`] (a key, a refresh, an action's outcome, the
//! clock) and returns the [`Effect`]s the runtime should carry out; the views in
//! `ui::admin` draw the state through its accessors. No I/O here.

mod effect;
mod event;
mod form;
mod input;
mod pane;
mod password;
mod state;
mod table;
mod trends;
mod update;
mod users;
mod words;

#[cfg(test)]
mod tests;

pub use effect::Effect;
pub use event::{Event, Key};
pub use form::{Form, FormKind};
pub use pane::{Pane, Sort, SortColumn};
pub use password::{Masked, PasswordForm, PasswordPurpose, PasswordStep, ShownPassword};
pub use state::{
    AdminApp, Confirm, ConsoleInfo, DEFAULT_VIEWPORT_ROWS, DetailsView, Link, MAX_WATCHED, Notice,
    NoticeLevel, Overlay,
};
pub use table::Table;
pub use trends::{QUEUE_TREND_POINTS, RATE_POINTS, RatePoint, Trends};
