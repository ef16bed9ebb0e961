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
use crate::store::{
    History, HistoryLock, HistoryReader, Integrity, Salvaged, StoreError, integrity, recover,
};
use crate::ui::plain::{LineFormat, history_json, history_text};
use crate::ui::widgets::sanitize::sanitize;

/// What to print.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// `--recover`: repair the file instead of printing it.
    pub recover: bool,
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
    /// The file is damaged: what could be read was printed, in stored order.
    #[error(
        "the history is damaged: {lost} stored message(s) could not be read (said above); run `chat-tui history --name {user} --recover` to repair it"
    )]
    DamagedFile {
        /// Whose history.
        user: UserName,
        /// Rows that could not be read (or ranges of them).
        lost: usize,
    },
    /// `--recover` while the user's client runs.
    #[error("{0}'s client is running (it holds the history): quit it, then recover")]
    InUse(UserName),
}

impl HistoryError {
    /// The process exit code: 2 for invalid input, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::InvalidName(_) | Self::InvalidTarget(_) => 2,
            Self::Missing { .. }
            | Self::Store(_)
            | Self::Output(_)
            | Self::Damaged(_)
            | Self::DamagedFile { .. }
            | Self::InUse(_) => 1,
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
    if options.recover {
        drop(reader);
        return repair(&me, &path, out);
    }
    if let Integrity::Damaged(report) = integrity::check(&path)? {
        let _ = writeln!(
            warn,
            "chat-tui: the history {} is damaged ({}); printing every message that can still be read, in the order they were stored",
            path.display(),
            sanitize(&report)
        );
        return print_salvaged(&path, &me, with.as_ref(), options, out, warn);
    }
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

/// Prints what can still be read of a damaged history, in stored order, and says on
/// `warn` what could not be.
fn print_salvaged(
    path: &std::path::Path,
    me: &UserName,
    with: Option<&ConversationId>,
    options: &HistoryOptions,
    out: &mut impl Write,
    warn: &mut impl Write,
) -> Result<(), HistoryError> {
    let mut output = Ok(());
    let found = integrity::salvage(path, |_, msg| {
        if output.is_ok() && with.is_none_or(|c| *c == msg.conversation) {
            output = match options.format {
                LineFormat::Text => {
                    writeln!(out, "{}", history_text(&msg, me, options.local_offset))
                }
                LineFormat::Json => writeln!(out, "{}", history_json(&msg, me)),
            };
        }
        Ok(())
    })?;
    match output.and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
        Err(err) => return Err(HistoryError::Output(err)),
    }
    let lost = say_losses(&found, warn);
    Err(HistoryError::DamagedFile {
        user: me.clone(),
        lost,
    })
}

/// Says on `warn` which stored rows could not be read; returns how many (a lost range
/// counts its rows).
fn say_losses(found: &Salvaged, warn: &mut impl Write) -> usize {
    for problem in &found.unreadable {
        let _ = writeln!(
            warn,
            "chat-tui: cannot read a stored message: {}",
            sanitize(problem)
        );
    }
    let mut lost = found.unreadable.len();
    for (first, last) in &found.lost {
        let rows = usize::try_from(last - first + 1).unwrap_or(0);
        lost += rows;
        let _ = match first == last {
            true => writeln!(warn, "chat-tui: stored message {first} is unreadable"),
            false => writeln!(
                warn,
                "chat-tui: stored messages {first} to {last} are unreadable"
            ),
        };
    }
    lost
}

/// `--recover`: repairs the history at `path` (refused while its client runs; a sound
/// file is left as it is) and says what it did on `out`.
fn repair(me: &UserName, path: &std::path::Path, out: &mut impl Write) -> Result<(), HistoryError> {
    let Some(_lock) = HistoryLock::try_take(path)? else {
        return Err(HistoryError::InUse(me.clone()));
    };
    if integrity::check(path)? == Integrity::Sound {
        let _ = writeln!(
            out,
            "the history {} is sound: nothing to recover",
            path.display()
        );
        return Ok(());
    }
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]"
        ))
        .unwrap_or_else(|_| "now".to_owned());
    let done = recover::recover(path, &stamp)?;
    let mut sink = Vec::new();
    let lost = say_losses(&done.salvaged, &mut sink);
    let _ = writeln!(
        out,
        "recovered {} messages of {me} into a fresh history at {}; {lost} could not be read; the damaged file is kept at {}",
        done.salvaged.read,
        path.display(),
        done.damaged_copy.display()
    );
    let _ = out.write_all(&sink);
    out.flush().map_err(HistoryError::Output)
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
