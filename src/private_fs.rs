//! Files only their owner may read: the log files and the histories (and their lock and
//! write-ahead files) are mode 0600 in directories of mode 0700. New ones are created so,
//! never readable by others even for a moment; existing ones are tightened when chat-tui
//! starts (files and directories of older versions were made with the umask, 0644/0755).
//!
//! A directory shared by many users (sticky and writable by all, as `/tmp`) is never
//! tightened: that would lock everybody else out of it. The files in it still are.
//! Elsewhere than on Unix there are no such modes and nothing is changed.

use std::fs::File;
use std::io;
use std::path::Path;

/// The mode of a private file: read and write for its owner only.
pub const PRIVATE_FILE_MODE: u32 = 0o600;
/// The mode of a private directory: its owner only.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// Creates `dir` and any missing parents with mode 0700; a directory that already
/// exists loses its group and other permission bits (0755 becomes 0700), unless it is a
/// shared one like `/tmp`.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR_MODE);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        let shared = mode & 0o1000 != 0 && mode & 0o002 != 0;
        if !shared {
            tighten(dir, mode)?;
        }
    }
    Ok(())
}

/// Opens `path` for appending, creating it with mode 0600; an existing file loses its
/// group and other permission bits. Its directory must exist.
pub fn private_file(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE_MODE);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & !0o077))?;
        }
    }
    Ok(file)
}

/// Tightens `path` like [`private_file`] when it exists; a missing file is fine.
pub fn tighten_if_present(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => tighten(path, meta.permissions().mode())?,
            Ok(_) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Removes the group and other bits of `path`'s `mode`, when it has any.
#[cfg(unix)]
fn tighten(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if mode & 0o077 == 0 {
        return Ok(());
    }
    std::fs::set_permissions(
        path,
        std::fs::Permissions::from_mode(mode & !0o077 & 0o7777),
    )
}

#[cfg(test)]
#[path = "private_fs_tests.rs"]
mod tests;
