//! Unit tests of `paths`.

use super::*;

fn alice() -> UserName {
    UserName::parse("alice").unwrap()
}

#[test]
fn builds_the_path_under_an_explicit_base() {
    let path = history_path_in(Path::new("/tmp/x"), &alice());
    assert_eq!(path, Path::new("/tmp/x/alice/history.sqlite3"));
}

#[test]
fn an_override_wins_and_an_empty_one_is_ignored() {
    let base = data_dir_from(Some(PathBuf::from("/srv/chat"))).unwrap();
    assert_eq!(base, Path::new("/srv/chat"));
    // Without a usable override the platform directory is used (when a home exists).
    if let Ok(platform) = data_dir_from(Some(PathBuf::new())) {
        assert!(platform.ends_with("chat-tui"), "{platform:?}");
        assert_eq!(data_dir_from(None).unwrap(), platform);
    }
}
