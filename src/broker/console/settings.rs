//! Where the admin console finds the broker.

use crate::broker::address::{ApiTarget, BrokerAddress};

/// Everything [`super::BrokerConsole`] needs to reach the broker. Construction does no
/// I/O; `Debug` hides the passwords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleSettings {
    /// The management API, whom to log in as, and the virtual host the console works in.
    pub api: ApiTarget,
    /// The broker's AMQP address, for exact counts, the user topology and announcements.
    pub amqp: BrokerAddress,
}
