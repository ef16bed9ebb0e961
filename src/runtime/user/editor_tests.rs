//! Unit tests of `editor`, with small scripts standing in for the editor.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;

use super::*;

/// A script in `dir` that runs `body` with the draft file as `$1`.
fn script(dir: &tempfile::TempDir, body: &str) -> String {
    let path = dir.path().join("fake-editor");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn editor_comes_from_editor_then_visual_then_vi_split_at_whitespace() {
    let some = |s: &'static str| Some(OsStr::new(s));
    assert_eq!(editor_command(some("nano"), some("emacs")), ["nano"]);
    assert_eq!(editor_command(None, some("emacs -nw")), ["emacs", "-nw"]);
    assert_eq!(
        editor_command(some("  "), some("emacs")),
        ["emacs"],
        "blank is unset"
    );
    assert_eq!(editor_command(None, None), ["vi"]);
    assert_eq!(
        editor_command(some("code --wait"), None),
        ["code", "--wait"]
    );
}

#[test]
fn what_the_editor_writes_becomes_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("seen");
    let editor = script(
        &dir,
        &format!(
            "cp \"$1\" '{}'; stat -c %a \"$1\" >> '{}'; printf 'edited\\nsecond line\\n' > \"$1\"",
            seen.display(),
            seen.display()
        ),
    );
    let text = edit_text("my draft", &[editor]).unwrap();
    assert_eq!(
        text, "edited\nsecond line",
        "the editor's final newline is dropped"
    );
    let seen = std::fs::read_to_string(seen).unwrap();
    assert_eq!(
        seen, "my draft600\n",
        "the editor got the draft, in a 0600 file"
    );
}

#[test]
fn arguments_come_before_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let editor = script(&dir, "printf '%s|' \"$@\" > \"$2\"");
    let text = edit_text("x", &[editor, "--wait".into()]).unwrap();
    assert!(text.starts_with("--wait|/"), "{text}");
}

#[test]
fn a_failing_or_missing_editor_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let failing = script(&dir, "echo changed > \"$1\"; exit 3");
    assert!(matches!(
        edit_text("draft", &[failing]),
        Err(EditorError::Failed { .. })
    ));
    let missing = edit_text("draft", &["/nonexistent/editor".into()]).unwrap_err();
    assert!(matches!(missing, EditorError::Start { .. }));
    assert!(
        missing
            .to_string()
            .contains("cannot start the editor /nonexistent/editor"),
        "{missing}"
    );
}

#[test]
fn a_file_that_is_not_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let binary = script(&dir, "printf '\\377\\376' > \"$1\"");
    assert!(matches!(
        edit_text("draft", &[binary]),
        Err(EditorError::NotText)
    ));
}
