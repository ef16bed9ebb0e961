//! Stopping and starting the local RabbitMQ node, never leaving it down.

use std::path::Path;
use std::process::Command;

/// Runs the repository's `scripts/broker.sh`: starts the node if it is down and waits
/// until AMQP and the management API answer.
pub fn ensure_running() {
    assert!(started(), "scripts/broker.sh could not start the broker");
}

/// Whether `scripts/broker.sh` succeeded.
fn started() -> bool {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/broker.sh");
    Command::new(&script)
        .status()
        .is_ok_and(|status| status.success())
}

/// Stops the whole node (`rabbitmqctl stop`): every connection is cut, and only what
/// was made durable survives.
pub fn stop() {
    let status = Command::new("rabbitmqctl")
        .arg("stop")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("rabbitmqctl runs (these tests need a local RabbitMQ)");
    assert!(status.success(), "rabbitmqctl stop failed");
}

/// Stops the node, then starts it again and waits until it answers.
pub fn restart() {
    stop();
    ensure_running();
}

/// Makes sure the node runs when dropped, even when the test panicked. Declare it after
/// the test's `Cleanup` so that it is dropped first and the cleanup finds a broker.
pub struct KeepRunning;

impl Drop for KeepRunning {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        if !started() {
            eprintln!("the broker could not be started again; run scripts/broker.sh");
        }
    }
}
