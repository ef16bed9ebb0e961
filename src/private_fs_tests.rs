//! Unit tests of `private_fs` (Unix modes).

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn new_directories_and_files_are_private() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("a").join("b");
    private_dir(&dir).unwrap();
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&top.path().join("a")), 0o700, "missing parents too");
    let file = dir.join("log");
    private_file(&file).unwrap();
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn existing_ones_are_tightened_and_keep_their_content() {
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("logs");
    std::fs::create_dir(&dir).unwrap();
    set_mode(&dir, 0o755);
    let file = dir.join("user-alice.log");
    std::fs::write(&file, "old line\n").unwrap();
    set_mode(&file, 0o666);
    private_dir(&dir).unwrap();
    let mut opened = private_file(&file).unwrap();
    std::io::Write::write_all(&mut opened, b"new line\n").unwrap();
    assert_eq!((mode(&dir), mode(&file)), (0o700, 0o600));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "old line\nnew line\n",
        "appended, not truncated"
    );
    let wal = dir.join("history.sqlite3-wal");
    std::fs::write(&wal, "").unwrap();
    set_mode(&wal, 0o644);
    tighten_if_present(&wal).unwrap();
    tighten_if_present(&dir.join("missing")).unwrap();
    assert_eq!(mode(&wal), 0o600);
}

#[test]
fn a_shared_sticky_directory_is_left_alone() {
    let top = tempfile::tempdir().unwrap();
    let shared = top.path().join("tmp");
    std::fs::create_dir(&shared).unwrap();
    set_mode(&shared, 0o1777);
    private_dir(&shared).unwrap();
    assert_eq!(mode(&shared), 0o1777);
    let file = shared.join("x.log");
    private_file(&file).unwrap();
    assert_eq!(mode(&file), 0o600, "the file in it is still private");
}
