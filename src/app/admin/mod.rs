//! Admin mode: the broker console's panes, tables, forms and confirmations, as pure state.

mod effect;
mod event;

pub use effect::Effect;
pub use event::{Event, Key};
