//! The runtimes: they wire the pure app to the broker, the store, the terminal and the
//! clock — one event channel in, effects carried out, a redraw only when something
//! changed.

pub mod admin;
pub mod event_loop;
pub mod history;
pub(crate) mod input_pause;
mod shared_sources;
pub mod user;

/// How a front-end's run ended without an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// A signal (or the terminal going away) stopped it; the text says which. The
    /// terminal was restored and everything was shut down cleanly.
    Stopped(String),
}
