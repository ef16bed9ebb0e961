//! User mode at run time: start-up checks, the tasks, and the driver on the shared
//! event loop.
//!
//! - `startup`: the real parts (history, [`AmqpBroker`](crate::broker::user::AmqpBroker),
//!   terminal or stdin), then `client::run`.
//! - `client`: one running client over any [`ChatBroker`](crate::broker::user::ChatBroker):
//!   the supervisor (`supervisor`, with the inbox pump `inbox` and the presence feed),
//!   the outbox (`outbox`), the driver (`driver`, with `commands` and `face`) on the
//!   loop, and the orderly stop.

mod client;
mod commands;
mod connect;
mod driver;
mod editor;
mod embedded;
mod events;
mod face;
mod inbox;
mod options;
mod outbox;
mod sources;
mod startup;
mod store_handle;
mod supervisor;

#[cfg(test)]
mod tests;

pub use connect::DEFAULT_CONNECT_LIMIT;
pub use driver::Outcome;
pub use embedded::EmbeddedClient;
pub use face::LineOutput;
pub use options::{Frontend, RunError, UserOptions};
pub use startup::run;
