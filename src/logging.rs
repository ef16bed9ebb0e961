//! The log file (tracing). Nothing is ever printed over the TUI: logs go to a file in the
//! XDG state directory (or the data directory where there is no state directory).

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Log lines that may wait for the log writer at once.
const LOG_QUEUE_LINES: usize = 1024;

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
/// `info`). Returns the file path and a guard that flushes the log when dropped, or
/// `None` when no log directory can be made (the program still runs).
pub fn init(file_name: &str) -> Option<(PathBuf, WorkerGuard)> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::never(&dir, file_name);
    // The writer thread's queue is allocated whole up front: the default of 128,000
    // lines is 4 MiB of an idle client's memory for a log that writes a few lines a
    // minute. Lines beyond the queue are dropped, never waited for.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(true)
        .finish(appender);
    let filter = EnvFilter::try_from_env("CHAT_TUI_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,lapin=warn,amq_protocol=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some((dir.join(file_name), guard))
}
