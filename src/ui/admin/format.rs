//! How numbers read on screen: `1,234`, `12.5/s`, `▁▃▇` trends, `0.4 s`.

use std::collections::VecDeque;
use std::time::Duration;

/// The sparkline's steps, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate per second: `0/s`, `0.4/s`, `12.5/s`, `1,234/s` (no decimals from 1,000 up).
pub fn rate(per_second: f64) -> String {
    if !per_second.is_finite() || per_second <= 0.0 {
        return "0/s".to_owned();
    }
    if per_second >= 1000.0 {
        return format!("{}/s", thousands(per_second.round() as u64));
    }
    format!("{per_second:.1}/s")
}

/// The last `width` points of `trend` as block characters, scaled between the smallest
/// and largest of them; a flat trend is a flat line (low when empty, middle otherwise).
pub fn sparkline(trend: &VecDeque<u64>, width: usize) -> String {
    let skip = trend.len().saturating_sub(width);
    let points: Vec<u64> = trend.iter().skip(skip).copied().collect();
    let (Some(&low), Some(&high)) = (points.iter().min(), points.iter().max()) else {
        return String::new();
    };
    points
        .iter()
        .map(|&p| {
            if high == low {
                if high == 0 { BLOCKS[0] } else { BLOCKS[3] }
            } else {
                let step = (p - low) as f64 / (high - low) as f64 * (BLOCKS.len() - 1) as f64;
                BLOCKS[(step.round() as usize).min(BLOCKS.len() - 1)]
            }
        })
        .collect()
}

/// A short age: `0.4 s`, `12 s`, `3 min`, `2 h`.
pub fn age(age: Duration) -> String {
    let secs = age.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.1} s")
    } else if secs < 120.0 {
        format!("{} s", age.as_secs())
    } else if secs < 7200.0 {
        format!("{} min", age.as_secs() / 60)
    } else {
        format!("{} h", age.as_secs() / 3600)
    }
}

#[cfg(test)]
#[path = "format_tests.rs"]
mod tests;
