//! The first connection: nothing listening is an error at once, a busy broker (it
//! accepts the connection but is slow to finish the handshake, as when a thousand
//! clients start together) is tried again until a limit.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::broker::BrokerError;

/// How long the first connection keeps trying a broker that is slow to answer, unless
/// `--connect-timeout` says otherwise.
pub const DEFAULT_CONNECT_LIMIT: Duration = Duration::from_secs(60);

/// Runs `connect` (a first connection), trying again while the broker is only slow
/// to answer ([`BrokerError::TimedOut`]) and `limit` has not passed; `on_slow` hears
/// each slow attempt with the time spent so far. Any other refusal is returned at once.
pub async fn patiently<T, F>(
    mut connect: impl FnMut() -> F,
    limit: Duration,
    mut on_slow: impl FnMut(Duration),
) -> Result<T, BrokerError>
where
    F: Future<Output = Result<T, BrokerError>>,
{
    let started = Instant::now();
    loop {
        match connect().await {
            Err(BrokerError::TimedOut { .. }) if started.elapsed() < limit => {
                on_slow(started.elapsed());
                // A pause of up to a second, so that many clients do not retry together.
                let pause = Duration::from_millis(fastrand::u64(100..1_000));
                tokio::time::sleep(pause).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
#[path = "connect_tests.rs"]
mod tests;
