//! `chat-tui history --name alice [--with bob|#news] [--json]`: prints a user's stored
//! history, for export, grep, and checking that nothing was lost.
//!
//! It reads the history file read-only ([`HistoryReader`]) and never touches the broker,
//! so it works offline and while alice's client runs. Messages come grouped by
//! conversation (the status buffer, then people, then topics, names alphabetically),
//! each in the order it was stored, so two exports of the same messages are identical
//! however their arrival interleaved. Text is one sanitised line per message; JSON is
//! one object per line, in line mode's `message` format (`docs/line-mode.md`).

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;

use time::UtcOffset;

use crate::domain::{ConversationId, NameError, UserName};
use crate::store::{History, HistoryReader, StoreError};
use crate::ui::plain::{LineFormat, history_json, history_text};
use crate::ui::widgets::sanitize::sanitize;

/// What to print.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Whose history (`--name`), as typed.
    pub name: String,
    /// Only this conversation (`--with bob` or `--with '#news'`), as typed.
    pub with: Option<String>,
    /// Text lines or JSON objects.
    pub format: LineFormat,
    /// The local time zone for text lines.
    pub local_offset: UtcOffset,
}

/// Why `chat-tui history` printed nothing, or not everything.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// `--name` is not a valid user name.
    #[error("{0}")]
    InvalidName(NameError),
    /// `--with` is neither a valid user name nor `#` and a valid topic name.
    #[error("--with expects a user (bob) or a topic (#news): {0}")]
    InvalidTarget(NameError),
    /// There is no history file for this user.
    #[error("no history for {user} at {}", path.display())]
    Missing {
        /// Whose history was asked for.
        user: UserName,
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The history could not be found or read.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Standard output failed (other than being closed by its reader).
    #[error("cannot write the history: {0}")]
    Output(io::Error),
    /// Some stored rows could not be read back; they were reported on stderr and the
    /// rest was printed.
    #[error("{0} stored message(s) could not be read (listed above)")]
    Damaged(usize),
}

impl HistoryError {
    /// The process exit code: 2 for invalid input, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::InvalidName(_) | Self::InvalidTarget(_) => 2,
            Self::Missing { .. } | Self::Store(_) | Self::Output(_) | Self::Damaged(_) => 1,
        }
    }
}

/// Runs the command: checks the names (before any file is looked at), finds the history
/// under the data directory ([`History::default_path`]) and prints it to `out`, with
/// warnings about damaged rows on `warn`. A reader that stops reading (`| head`) ends
/// the output quietly.
pub fn run(
    options: &HistoryOptions,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> Result<(), HistoryError> {
    let me = UserName::parse(&options.name).map_err(HistoryError::InvalidName)?;
    let with = options
        .with
        .as_deref()
        .map(ConversationId::parse_target)
        .transpose()
        .map_err(HistoryError::InvalidTarget)?;
    let path = History::default_path(&me)?;
    let Some(reader) = HistoryReader::open(&path)? else {
        return Err(HistoryError::Missing { user: me, path });
    };
    print(
        &reader,
        &me,
        with.as_ref(),
        options.format,
        options.local_offset,
        out,
        warn,
    )
}

/// Prints the messages of `reader` (those of `with`, or all) as `me` sees them.
pub fn print(
    reader: &HistoryReader,
    me: &UserName,
    with: Option<&ConversationId>,
    format: LineFormat,
    offset: UtcOffset,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> Result<(), HistoryError> {
    let mut damaged = 0usize;
    let stopped = reader.for_each(with, |row| {
        let written = match row {
            Ok(msg) => match format {
                LineFormat::Text => writeln!(out, "{}", history_text(&msg, me, offset)),
                LineFormat::Json => writeln!(out, "{}", history_json(&msg, me)),
            },
            Err(problem) => {
                damaged += 1;
                // A closed stderr must not hide the rest of the output.
                let _ = writeln!(
                    warn,
                    "chat-tui: cannot read a stored message: {}",
                    sanitize(&problem)
                );
                Ok(())
            }
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            Err(err) => ControlFlow::Break(err),
        }
    })?;
    let result = match stopped {
        Some(err) => Err(err),
        None => out.flush(),
    };
    match result {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(err) => return Err(HistoryError::Output(err)),
    }
    match damaged {
        0 => Ok(()),
        n => Err(HistoryError::Damaged(n)),
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
