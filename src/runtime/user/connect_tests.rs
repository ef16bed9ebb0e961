//! Unit tests of the first connection's patience.

use std::cell::Cell;

use super::*;

fn timed_out() -> BrokerError {
    BrokerError::TimedOut {
        url: "amqp://busy".into(),
        secs: 5,
    }
}

#[tokio::test(start_paused = true)]
async fn a_busy_broker_is_tried_again_until_it_answers() {
    let attempts = Cell::new(0);
    let slow = Cell::new(0);
    let result = patiently(
        || {
            attempts.set(attempts.get() + 1);
            let n = attempts.get();
            async move { if n < 4 { Err(timed_out()) } else { Ok(n) } }
        },
        Duration::from_secs(60),
        |_| slow.set(slow.get() + 1),
    )
    .await;
    assert_eq!(result.unwrap(), 4);
    assert_eq!(slow.get(), 3, "each slow attempt is told");
}

#[tokio::test(start_paused = true)]
async fn a_busy_broker_is_given_up_on_after_the_limit() {
    let started = Instant::now();
    let result: Result<(), _> = patiently(
        || async {
            // Each attempt takes its timeout, as the real one does.
            tokio::time::sleep(Duration::from_secs(5)).await;
            Err(timed_out())
        },
        Duration::from_secs(20),
        |_| {},
    )
    .await;
    assert!(matches!(result, Err(BrokerError::TimedOut { .. })));
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(20) && waited < Duration::from_secs(30),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_listening_is_an_error_at_once() {
    let attempts = Cell::new(0);
    let result: Result<(), _> = patiently(
        || {
            attempts.set(attempts.get() + 1);
            async {
                Err(BrokerError::Unreachable {
                    url: "amqp://nobody".into(),
                    reason: "connection refused".into(),
                })
            }
        },
        Duration::from_secs(60),
        |_| {},
    )
    .await;
    assert!(matches!(result, Err(BrokerError::Unreachable { .. })));
    assert_eq!(attempts.get(), 1);
}
