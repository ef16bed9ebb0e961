//! Admin mode at run time: the pre-flight check, the refresh poller, actions on their own
//! tasks, and the terminal loop. The broker is only ever read from tasks, never from the
//! draw loop, so a slow or absent broker never freezes the console. [`cli`] runs the
//! operator's commands (`chat-tui admin setup|user|topic`) instead of the console.

pub mod cli;
mod driver;
mod poller;
mod startup;

pub use driver::{AdminEvent, Driver};
pub use poller::poll;
pub use startup::{AdminError, AdminOptions, run};
