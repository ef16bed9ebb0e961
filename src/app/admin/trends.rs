//! What the console remembers between refreshes: a short trend of each queue's total
//! (for the sparkline column) and the cluster's message rates (for the Broker chart).
//! Memory is bounded: a fixed number of points each, and queues that disappear are
//! forgotten.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::domain::console::Snapshot;

/// Points kept per queue for its sparkline.
pub const QUEUE_TREND_POINTS: usize = 30;

/// Points kept of the cluster's rates for the chart.
pub const RATE_POINTS: usize = 120;

/// One point of the rates chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatePoint {
    /// Messages published per second.
    pub publish: f64,
    /// Messages delivered per second.
    pub deliver: f64,
}

/// Trends of queue totals and cluster rates over the last refreshes.
#[derive(Debug, Clone, Default)]
pub struct Trends {
    queues: HashMap<String, VecDeque<u64>>,
    rates: VecDeque<RatePoint>,
}

impl Trends {
    /// Adds one refresh: each queue's total and the overview's rates. Queues missing
    /// from the snapshot lose their trend.
    pub(super) fn record(&mut self, snapshot: &Snapshot) {
        let present: HashSet<&str> = snapshot.queues.iter().map(|q| q.name.as_str()).collect();
        self.queues
            .retain(|name, _| present.contains(name.as_str()));
        for queue in &snapshot.queues {
            let trend = self.queues.entry(queue.name.clone()).or_default();
            if trend.len() == QUEUE_TREND_POINTS {
                trend.pop_front();
            }
            trend.push_back(queue.total());
        }
        if self.rates.len() == RATE_POINTS {
            self.rates.pop_front();
        }
        self.rates.push_back(RatePoint {
            publish: snapshot.overview.publish_rate,
            deliver: snapshot.overview.deliver_rate,
        });
    }

    /// The totals of one queue over the last refreshes, oldest first.
    pub fn queue_trend(&self, name: &str) -> Option<&VecDeque<u64>> {
        self.queues.get(name)
    }

    /// How many queues have a trend.
    #[cfg(test)]
    pub fn queues_tracked(&self) -> usize {
        self.queues.len()
    }

    /// The cluster's rates over the last refreshes, oldest first.
    pub fn rates(&self) -> &VecDeque<RatePoint> {
        &self.rates
    }
}
