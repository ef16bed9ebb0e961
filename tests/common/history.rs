//! Running `chat-tui history` from tests: the built binary over a data directory, so a
//! test can check what a client stored without opening its files itself.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `chat-tui history <args>` with `data` as the data directory, in UTC, with no
/// chat-tui setting inherited from the developer.
pub fn command(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chat-tui"));
    command
        .arg("history")
        .args(args)
        .env_remove("CHAT_TUI_NAME")
        .env("CHAT_TUI_DATA_DIR", data)
        .env("TZ", "UTC");
    command
}

/// Runs `chat-tui history <args>` to the end.
pub fn run(data: &Path, args: &[&str]) -> Output {
    command(data, args)
        .output()
        .expect("the chat-tui binary runs")
}

/// The standard output of a run (it must be UTF-8).
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// The standard error of a run.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `chat-tui history <args>`, expects exit 0 and nothing on stderr, and returns its output.
pub fn ok(data: &Path, args: &[&str]) -> String {
    let output = run(data, args);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

/// Each line of `--json` output, parsed.
pub fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect()
}
