//! The workloads of issue 5, one module each; every one measures chat-tui and its
//! baselines in the same run and adds its rows to the report.

pub mod admin;
pub mod crowd;
pub mod drain;
pub mod flood;
pub mod idle;
pub mod latency;
pub mod send;
pub mod startup;

use std::time::Duration;

/// The `q`-quantile (0..=1) of `times`, in milliseconds.
pub fn quantile_ms(times: &[Duration], q: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[at].as_secs_f64() * 1e3
}

/// Messages per second.
pub fn rate(messages: usize, took: Duration) -> f64 {
    messages as f64 / took.as_secs_f64()
}
