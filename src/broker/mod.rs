//! Everything that talks to RabbitMQ, behind one seam per mode.
//!
//! - [`user`]: user mode's broker: the [`user::ChatBroker`] seam, its AMQP side
//!   ([`user::AmqpBroker`], [`user::UserSession`]) and an in-memory fake for tests.
//! - [`console`]: the admin console's broker: the [`console::Console`] seam,
//!   [`console::BrokerConsole`] over the management API and AMQP, and its fake.
//! - [`BrokerAddress`]: the AMQP URL, parsed once: label, redacted form, management API.
//! - [`topology`]: the declarations of the wire contract (its names are in
//!   [`crate::domain::wire`]).
//! - [`ManagementApi`]: the HTTP management API, one client for `/topics` and the console.
//! - [`accounts`]: the operator's commands (setup, chat accounts, bans, topics) over it.
//! - [`TlsTrust`]: whom `amqps://` and `https://` trust (the system, `--ca-file`), and
//!   [`TlsProblem`]: a refused certificate, worded.

pub mod accounts;
mod address;
pub mod console;
mod error;
mod management;
mod publish;
mod tls;
pub mod topology;
pub mod user;

pub use address::{
    AddressError, ApiTarget, BrokerAddress, UrlLogin, redact_url, url_login, with_login,
};
pub use error::BrokerError;
pub use management::api_error::ENABLE_HINT;
pub use management::{EndpointError, ManagementApi};
pub use tls::{CaFileError, TlsProblem, TlsTrust, tls_problem};
