//! The printed result: one Markdown table row per figure, with its baseline, the pika
//! peer where it ran, the ratio, the target and a verdict.

use std::fmt::Write;

use crate::setup::Bench;

/// What the baseline column holds, workload by workload (printed under the table).
pub const BASELINES: &str = "baseline: a plain lapin loop doing the same AMQP work (1–3); the same client started with an empty history (5); a lapin process holding the same connection, heartbeat and consumer (6); the bare management API request the console builds on (7); the worst case the prefetch allows, 500 × the message size (9). ratio = chat-tui / baseline.";

/// One measured figure.
pub struct Row {
    /// Which workload, e.g. "1 send".
    pub workload: String,
    /// What was measured, e.g. "throughput (msg/s)".
    pub figure: String,
    /// chat-tui's value.
    pub chat: f64,
    /// The baseline measured in the same run, if this figure has one: raw lapin for
    /// the broker workloads, otherwise what the workload says (see [`BASELINES`]).
    pub baseline: Option<f64>,
    /// The pika peer, if it ran.
    pub pika: Option<f64>,
    /// The ratio as the target reads it (chat-tui / raw unless said otherwise).
    pub ratio: Option<f64>,
    /// The target, in words.
    pub target: String,
    /// Whether the target was met (`None` when the figure has no target).
    pub met: Option<bool>,
}

/// Everything measured in this run.
#[derive(Default)]
pub struct Report {
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Report {
    /// Adds a figure.
    pub fn add(&mut self, row: Row) {
        eprintln!(
            "   {} {}: chat-tui {} baseline {} pika {} ratio {} ({})",
            row.workload,
            row.figure,
            number(row.chat),
            row.baseline.map(number).unwrap_or_else(|| "-".into()),
            row.pika.map(number).unwrap_or_else(|| "-".into()),
            row.ratio
                .map(|r| format!("{r:.2}"))
                .unwrap_or_else(|| "-".into()),
            row.target
        );
        self.rows.push(row);
    }

    /// Adds a note printed under the table (a skipped peer, a caveat).
    pub fn note(&mut self, text: impl Into<String>) {
        let text = text.into();
        eprintln!("   note: {text}");
        self.notes.push(text);
    }

    /// Records a workload that could not finish.
    pub fn failed(&mut self, workload: &str, why: &str) {
        self.note(format!("{workload} FAILED: {why}"));
    }

    /// The table and the notes, as Markdown.
    pub fn markdown(&self, bench: &Bench) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", bench.describe());
        out.push_str("| workload | figure | chat-tui | baseline | pika | ratio | target | met |\n");
        out.push_str("|---|---|---:|---:|---:|---:|---|---|\n");
        for row in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                row.workload,
                row.figure,
                number(row.chat),
                row.baseline.map(number).unwrap_or_else(|| "—".into()),
                row.pika.map(number).unwrap_or_else(|| "—".into()),
                row.ratio
                    .map(|r| format!("{r:.2}"))
                    .unwrap_or_else(|| "—".into()),
                row.target,
                match row.met {
                    Some(true) => "yes",
                    Some(false) => "**no**",
                    None => "—",
                }
            );
        }
        let _ = writeln!(out, "\n- {BASELINES}");
        for note in &self.notes {
            let _ = writeln!(out, "\n- {note}");
        }
        out
    }
}

/// A figure with as many decimals as its size deserves.
fn number(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}
