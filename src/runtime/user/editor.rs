//! Ctrl-X: the draft in the user's editor. The draft is written to a private temporary
//! file (0600, removed afterwards), the editor named by `$EDITOR` (else `$VISUAL`, else
//! `vi`) runs on it with the terminal handed over, and what the file holds when the
//! editor ends becomes the draft. No shell is involved: the variable is split at
//! whitespace into the program and its arguments (so `EDITOR="code --wait"` works, a
//! path with spaces does not), and the file's path is the last argument.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use tempfile::NamedTempFile;

/// The editor used when neither `$EDITOR` nor `$VISUAL` names one.
pub const FALLBACK_EDITOR: &str = "vi";

/// Why the draft could not be edited; the draft is kept as it was.
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    /// The draft file could not be made, written or read back.
    #[error("cannot use a file for the draft: {0}")]
    File(#[from] std::io::Error),
    /// The editor could not be started.
    #[error("cannot start the editor {program}: {source}")]
    Start {
        /// The program tried.
        program: String,
        /// Why it did not start.
        source: std::io::Error,
    },
    /// The editor ended with a failure (`:cq` in vi, say).
    #[error("the editor {program} ended with {status}")]
    Failed {
        /// The program run.
        program: String,
        /// How it ended.
        status: std::process::ExitStatus,
    },
    /// The file holds something that is not text.
    #[error("the edited file is not UTF-8 text")]
    NotText,
}

/// The editor's program and arguments: `$EDITOR`, else `$VISUAL`, else `vi`, split at
/// whitespace (an unset or blank variable is skipped).
pub fn editor_command(editor: Option<&OsStr>, visual: Option<&OsStr>) -> Vec<String> {
    [editor, visual]
        .into_iter()
        .flatten()
        .map(|value| {
            value
                .to_string_lossy()
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .find(|words| !words.is_empty())
        .unwrap_or_else(|| vec![FALLBACK_EDITOR.to_owned()])
}

/// The editor this process's environment names ([`editor_command`]).
pub fn configured_editor() -> Vec<String> {
    editor_command(
        std::env::var_os("EDITOR").as_deref(),
        std::env::var_os("VISUAL").as_deref(),
    )
}

/// Runs `command` on a private file holding `draft` and returns what the file holds
/// after it (a final newline, which editors add, taken off). The caller hands the
/// terminal over around this call.
pub fn edit_text(draft: &str, command: &[String]) -> Result<String, EditorError> {
    let file = draft_file(draft)?;
    run_editor(command, file.path())?;
    let bytes = std::fs::read(file.path())?;
    let text = String::from_utf8(bytes).map_err(|_| EditorError::NotText)?;
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Ok(text.to_owned())
}

/// A new private temporary file (0600 on Unix) holding `draft`.
fn draft_file(draft: &str) -> std::io::Result<NamedTempFile> {
    let mut file = tempfile::Builder::new()
        .prefix("chat-tui-draft-")
        .suffix(".txt")
        .tempfile()?;
    file.write_all(draft.as_bytes())?;
    file.flush()?;
    Ok(file)
}

fn run_editor(command: &[String], path: &Path) -> Result<(), EditorError> {
    let (program, args) = match command.split_first() {
        Some((program, args)) => (program.clone(), args),
        None => (FALLBACK_EDITOR.to_owned(), &[][..]),
    };
    let status = Command::new(&program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|source| EditorError::Start {
            program: program.clone(),
            source,
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(EditorError::Failed { program, status })
    }
}

#[cfg(test)]
#[path = "editor_tests.rs"]
mod tests;
