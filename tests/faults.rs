//! Fault tests: they take parts of the broker away on purpose, so they are ignored in a
//! plain `cargo test` (other tests would see the broker vanish) and run on their own, one
//! at a time, by `scripts/fault-tests.sh` (which `.ci/run` calls). Each one puts the
//! broker back as it found it, also when it fails.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod faults {
    pub mod broker_restart;
    pub mod full_disk;
    pub mod kill_while_draining;
    pub mod management_api;
    pub mod memory_alarm;
    pub mod node;
    pub mod second_login;
}
