//! Everything that talks to RabbitMQ, behind one seam per mode.
//!
//! - [`user`]: user mode's broker: the [`user::ChatBroker`] seam, its AMQP side
//!   ([`user::AmqpBroker`], [`user::UserSession`]) and an in-memory fake for tests.
//! - [`console`]: the admin console's broker: the [`console::Console`] seam,
//!   [`console::BrokerConsole`] over the management API and AMQP, and its fake.
//! - [`topology`]: the declarations of the wire contract.
//! - [`ManagementApi`]: the HTTP management API (topic listing).

mod api_error;
pub mod console;
mod error;
mod management;
mod publish;
pub mod topology;
pub mod user;

pub use api_error::ENABLE_HINT;
pub use error::{BrokerError, redact_url};
pub use management::{ApiTarget, ManagementApi, api_url_for};
pub use publish::APP_ID;
