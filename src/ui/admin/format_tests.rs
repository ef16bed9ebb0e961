use std::collections::VecDeque;
use std::time::Duration;

use super::*;

#[test]
fn thousands_are_grouped() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn rates_read_per_second() {
    assert_eq!(rate(0.0), "0/s");
    assert_eq!(rate(-3.0), "0/s");
    assert_eq!(rate(f64::NAN), "0/s");
    assert_eq!(rate(0.44), "0.4/s");
    assert_eq!(rate(12.5), "12.5/s");
    assert_eq!(rate(9_200.4), "9,200/s");
}

#[test]
fn sparklines_scale_between_low_and_high() {
    let trend: VecDeque<u64> = [0, 50, 100].into();
    assert_eq!(sparkline(&trend, 10), "▁▅█");
    assert_eq!(sparkline(&trend, 2), "▁█", "only the last points, rescaled");
    assert_eq!(sparkline(&[7, 7].into(), 5), "▄▄");
    assert_eq!(sparkline(&[0, 0].into(), 5), "▁▁");
    assert_eq!(sparkline(&VecDeque::new(), 5), "");
    assert_eq!(sparkline(&trend, 0), "");
}

#[test]
fn ages_are_short() {
    assert_eq!(age(Duration::from_millis(400)), "0.4 s");
    assert_eq!(age(Duration::from_secs(42)), "42 s");
    assert_eq!(age(Duration::from_secs(600)), "10 min");
    assert_eq!(age(Duration::from_secs(7300)), "2 h");
}
