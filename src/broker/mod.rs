//! Everything that talks to RabbitMQ: topology, the user session, the management API.
//!
//! - [`BrokerAddress`]: the AMQP URL, parsed once: label, redacted form, management API.
//! - [`topology`]: the declarations of the wire contract (its names are in
//!   [`crate::domain::wire`]).
//! - [`UserSession`]: one user's connection; publish with confirms, join and leave topics.
//! - [`Inbox`] / [`PresenceFeed`]: what arrives.
//! - [`ManagementApi`]: the HTTP management API, one client for `/topics` and the console.
//! - [`console`]: the admin console's broker: [`console::BrokerConsole`] over the
//!   management API and AMQP.

mod address;
mod confirm;
pub mod console;
mod error;
mod incoming;
mod management;
mod publish;
mod session;
pub mod topology;

pub use address::{AddressError, ApiTarget, BrokerAddress, redact_url};
pub use confirm::{PendingConfirm, SendOutcome};
pub use error::BrokerError;
pub use incoming::{Inbox, Incoming, PresenceFeed};
pub use management::api_error::ENABLE_HINT;
pub use management::{EndpointError, ManagementApi};
pub use session::{CONNECT_TIMEOUT, UserSession};
