//! chat-tui: a terminal chat and broker console for teams that run RabbitMQ.
//!
//! The layers, from the inside out (see `ARCHITECTURE.md`):
//! - [`domain`]: names, envelope, conversations, commands; pure.
//! - [`store`]: the local history (SQLite).
//! - [`broker`]: RabbitMQ over AMQP (lapin) and the management API.

pub mod app;
pub mod broker;
pub mod domain;
pub mod store;
pub mod ui;
