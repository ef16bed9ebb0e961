//! The runtimes: they wire the pure app to the broker, the store, the terminal and the
//! clock — one event channel in, effects carried out, a redraw only when something
//! changed.

pub mod admin;
pub mod history;
mod shared_sources;
pub mod user;
