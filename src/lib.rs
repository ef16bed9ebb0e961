//! chat-tui: a terminal chat and broker console for teams that run RabbitMQ.
//!
//! The layers, from the inside out (see `ARCHITECTURE.md`):
//! - [`domain`]: names, envelope, conversations, commands; pure.
//! - [`app`]: the state machines, `update(state, event) -> effects`; pure.
//! - [`store`]: the local history (SQLite), also the outbox.
//! - [`broker`]: RabbitMQ over AMQP (lapin) and the management API.
//! - [`ui`]: the ratatui views, the terminal, and line mode.
//! - [`runtime`]: wires them together: tasks, one event channel, effects carried out.
//! - [`config`], [`cli`], [`logging`]: settings, the command line, the log file;
//!   [`private_fs`]: files and directories only their owner may read.

pub mod app;
pub mod broker;
pub mod cli;
pub mod config;
pub mod domain;
pub mod logging;
pub mod private_fs;
pub mod runtime;
pub mod store;
pub mod ui;
