//! The log file (tracing). Nothing is ever printed over the TUI: logs go to a file in the
//! XDG state directory (or the data directory where there is no state directory).
//!
//! The log holds no secret, whatever level is asked for: lapin logs every frame it writes
//! at trace level, the login's `connection.start-ok` among them, whose PLAIN response
//! `\0user\0password` shows as the list of its bytes (`LongString([0, 97, …])`); lapin's
//! and the amq-protocol crates' targets are capped at debug ([`AMQP_TARGETS`]), where
//! nothing of the kind is logged (lapin 4.12, amq-protocol 10.6). The file is mode 0600
//! in a directory of mode 0700 ([`crate::private_fs`]). Text that came from the network
//! goes through [`safe`] before it is logged.

use std::fmt::Display;
use std::path::PathBuf;

use tracing::level_filters::LevelFilter;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::ui::widgets::sanitize::log_safe;

/// Log lines that may wait for the log writer at once.
const LOG_QUEUE_LINES: usize = 1024;

/// The filter used when `CHAT_TUI_LOG` is unset or invalid.
const DEFAULT_FILTER: &str = "info,lapin=warn,amq_protocol=warn";

/// The crates that log AMQP frames at trace level (lapin's "will write to buffer" and
/// "will handle frame", its RPC commands; amq-protocol's, should a version log them):
/// never more verbose than debug, whatever `CHAT_TUI_LOG` says. A target covers its
/// modules (`lapin::io_loop`, ...) and, as tracing matches by prefix, any crate whose
/// name starts with one of them.
pub const AMQP_TARGETS: &[&str] = &[
    "lapin",
    "amq_protocol",
    "amq_protocol_tcp",
    "amq_protocol_uri",
    "amq_protocol_types",
];

/// Where the log files live: `$CHAT_TUI_LOG_DIR`, else `~/.local/state/chat-tui`.
pub fn log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CHAT_TUI_LOG_DIR") {
        return Some(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "chat-tui")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// Starts logging to `<log dir>/<file_name>`, filtered by `CHAT_TUI_LOG` (default
/// `info`) under the cap of [`secret_cap`]. The directory is made (or tightened to) 0700
/// and the file 0600. Returns the file path and a guard that flushes the log when
/// dropped, or `None` when no log directory can be made (the program still runs).
pub fn init(file_name: &str) -> Option<(PathBuf, WorkerGuard)> {
    let dir = log_dir()?;
    crate::private_fs::private_dir(&dir).ok()?;
    let path = dir.join(file_name);
    let file = crate::private_fs::private_file(&path).ok()?;
    // The writer thread's queue is allocated whole up front: the default of 128,000
    // lines is 4 MiB of an idle client's memory for a log that writes a few lines a
    // minute. Lines beyond the queue are dropped, never waited for.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(true)
        .finish(file);
    let filter =
        EnvFilter::try_from_env("CHAT_TUI_LOG").unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    tracing_subscriber::registry()
        .with(filter)
        .with(secret_cap())
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .try_init()
        .ok()?;
    Some((path, guard))
}

/// The filter that every event must also pass: [`AMQP_TARGETS`] at debug at most,
/// everything else at any level (the `CHAT_TUI_LOG` filter decides).
pub fn secret_cap() -> Targets {
    AMQP_TARGETS.iter().fold(
        Targets::new().with_default(LevelFilter::TRACE),
        |cap, target| cap.with_target(*target, LevelFilter::DEBUG),
    )
}

/// `value` as text fit for the log when it holds text from the network (a close reason,
/// the broker's error text, a name read from the wire): one line, escape sequences and
/// invisible marks visible but inert ([`log_safe`]).
pub fn safe(value: &dyn Display) -> String {
    log_safe(&value.to_string()).into_owned()
}

#[cfg(test)]
#[path = "logging_tests.rs"]
mod tests;
