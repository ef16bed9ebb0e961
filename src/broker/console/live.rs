//! The console's own AMQP connection: exact ready and consumer counts by passive declare
//! (the management statistics lag by `collect_statistics_interval`), and throwaway
//! channels for the actions that go over AMQP. Opened lazily, reopened after errors.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use lapin::options::QueueDeclareOptions;
use lapin::protocol::AMQPSoftError;
use lapin::types::FieldTable;
use lapin::{Channel, Connection, ConnectionProperties};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::ConsoleError;
use crate::broker::address::BrokerAddress;
use crate::broker::error::is_soft_error;
use crate::broker::tls::{connect_amqp, tls_refusal};

/// How long opening the connection may take: snapshots run every second or so.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long to wait before trying again after a failed connect, so a broker without AMQP
/// does not slow down every snapshot.
const RETRY_AFTER: Duration = Duration::from_secs(3);

/// Exact counts of one queue, read now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LiveCounts {
    /// Messages ready.
    pub ready: u64,
    /// Consumers attached.
    pub consumers: u32,
}

#[derive(Default)]
struct State {
    connection: Option<Arc<Connection>>,
    counting: Option<Channel>,
    retry_at: Option<Instant>,
}

/// The lazily opened AMQP connection of one console.
pub(crate) struct Amqp {
    address: BrokerAddress,
    state: Mutex<State>,
}

impl Amqp {
    /// A handle for `address`; nothing is opened yet.
    pub(crate) fn new(address: BrokerAddress) -> Self {
        Self {
            address,
            state: Mutex::new(State::default()),
        }
    }

    /// The account this console logs in with over AMQP (announcements are from it).
    pub(crate) fn login(&self) -> String {
        crate::broker::user::login_of(self.address.as_str()).unwrap_or_default()
    }

    /// The error an action reports when AMQP cannot be used.
    pub(crate) fn unreachable(&self, reason: &str) -> ConsoleError {
        ConsoleError::Broker(format!(
            "cannot reach RabbitMQ over AMQP at {}: {reason}",
            self.address.redacted()
        ))
    }

    /// The open connection, opening it if needed (or an error saying why not).
    async fn connection(
        &self,
        state: &mut State,
        patient: bool,
    ) -> Result<Arc<Connection>, String> {
        if let Some(connection) = &state.connection {
            if connection.status().connected() {
                return Ok(Arc::clone(connection));
            }
            state.connection = None;
            state.counting = None;
        }
        if !patient && state.retry_at.is_some_and(|at| Instant::now() < at) {
            return Err("the last attempt to connect failed; trying again shortly".into());
        }
        let properties =
            ConnectionProperties::default().with_connection_name("chat-tui admin".into());
        let opened = match tokio::time::timeout(
            CONNECT_TIMEOUT,
            connect_amqp(self.address.as_str(), properties, self.address.tls()),
        )
        .await
        {
            Err(_) => Err(format!("no answer within {} s", CONNECT_TIMEOUT.as_secs())),
            Ok(Err(error)) => {
                Err(tls_refusal(&error, self.address.as_str()).unwrap_or_else(|| error.to_string()))
            }
            Ok(Ok(connection)) => Ok(Arc::new(connection)),
        };
        match opened {
            Ok(connection) => {
                state.retry_at = None;
                state.connection = Some(Arc::clone(&connection));
                Ok(connection)
            }
            Err(reason) => {
                state.retry_at = Some(Instant::now() + RETRY_AFTER);
                Err(reason)
            }
        }
    }

    /// A fresh channel for one action (an error on it closes only that channel).
    pub(crate) async fn channel(&self) -> Result<Channel, ConsoleError> {
        let connection = {
            let mut state = self.state.lock().await;
            self.connection(&mut state, true)
                .await
                .map_err(|reason| self.unreachable(&reason))?
        };
        connection
            .create_channel()
            .await
            .map_err(|e| self.unreachable(&e.to_string()))
    }

    /// Reads the exact counts of `queues` by passive declare. Queues that do not exist
    /// are left out; `None` when AMQP cannot be used at all right now.
    pub(crate) async fn counts(&self, queues: &[&str]) -> Option<HashMap<String, LiveCounts>> {
        let mut state = self.state.lock().await;
        let mut counts = HashMap::with_capacity(queues.len());
        for queue in queues {
            let channel = match state.counting.take() {
                Some(channel) if channel.status().connected() => channel,
                _ => {
                    let connection = match self.connection(&mut state, false).await {
                        Ok(connection) => connection,
                        Err(reason) => {
                            tracing::debug!(reason = %crate::logging::safe(&reason), "no live counts");
                            return None;
                        }
                    };
                    match connection.create_channel().await {
                        Ok(channel) => channel,
                        Err(error) => {
                            tracing::debug!(error = %crate::logging::safe(&error), "cannot open the counting channel");
                            state.connection = None;
                            return None;
                        }
                    }
                }
            };
            let declared = channel
                .queue_declare(
                    (*queue).into(),
                    QueueDeclareOptions {
                        passive: true,
                        ..QueueDeclareOptions::default()
                    },
                    FieldTable::default(),
                )
                .await;
            match declared {
                Ok(found) => {
                    counts.insert(
                        (*queue).to_owned(),
                        LiveCounts {
                            ready: u64::from(found.message_count()),
                            consumers: found.consumer_count(),
                        },
                    );
                    state.counting = Some(channel);
                }
                // Gone since the listing (or exclusive to another connection): that
                // closed the channel; the next queue opens a new one.
                Err(error)
                    if is_soft_error(&error, AMQPSoftError::NOTFOUND)
                        || is_soft_error(&error, AMQPSoftError::RESOURCELOCKED) => {}
                Err(error) => {
                    tracing::debug!(error = %crate::logging::safe(&error), queue = %crate::logging::safe(&queue), "passive declare failed");
                    if !state
                        .connection
                        .as_ref()
                        .is_some_and(|c| c.status().connected())
                    {
                        state.connection = None;
                        return None;
                    }
                }
            }
        }
        Some(counts)
    }
}

/// Closes a console channel, if still open; a failure only matters to the log.
pub(crate) async fn close_quietly(channel: &Channel) {
    if channel.status().connected()
        && let Err(error) = channel.close(200, "done".into()).await
    {
        tracing::debug!(error = %crate::logging::safe(&error), "closing a console channel");
    }
}
