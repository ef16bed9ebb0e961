//! Passwords: a type that never shows them, the password file, and the rule that a file
//! holding a secret must be its owner's alone (like ssh keys).
//!
//! A small type of our own rather than the `secrecy` crate: `secrecy` gives no `Display`
//! at all, where this one shows `***` in both, and zeroizing our copy would buy nothing,
//! since the password goes on into the URL string lapin is given.

use std::path::{Path, PathBuf};

/// A password. Its `Debug` and `Display` show `***`; [`Password::expose`] is the one way
/// to the text.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The password itself, for the one place it is needed (the URL lapin logs in with).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl std::fmt::Display for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// A file that holds a secret but may be read or changed by other users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} {} holds a password but other users may read or change it (mode {mode:04o}); make it yours alone: chmod 600 {}",
    .path.display(),
    .path.display()
)]
pub struct ExposedFile {
    /// What the file is ("config file", "password file").
    pub what: &'static str,
    /// The file.
    pub path: PathBuf,
    /// Its permission bits.
    pub mode: u32,
}

/// Whether a file of `mode` is its owner's alone: no permission bit for the group or
/// other users (what ssh asks of a private key).
pub fn is_private_mode(mode: u32) -> bool {
    mode & 0o077 == 0
}

/// Checks that `path`, which holds a secret, is its owner's alone (on Unix; elsewhere
/// there are no such modes).
pub fn check_private(what: &'static str, path: &Path) -> Result<(), CheckError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|source| CheckError::Read {
                path: path.to_path_buf(),
                reason: source.to_string(),
            })?
            .permissions()
            .mode()
            & 0o7777;
        if !is_private_mode(mode) {
            return Err(CheckError::Exposed(ExposedFile {
                what,
                path: path.to_path_buf(),
                mode,
            }));
        }
    }
    #[cfg(not(unix))]
    let _ = (what, path);
    Ok(())
}

/// Why a file with a secret cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// Others may read or change it.
    #[error("{0}")]
    Exposed(ExposedFile),
    /// It cannot be read.
    #[error("cannot read {}: {reason}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// It holds no password.
    #[error("the password file {} is empty: write the password on its first line", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
}

/// The password in a password file's text: its first line, without the line ending.
/// `None` when that line is empty.
pub fn password_from_file_text(text: &str) -> Option<Password> {
    let line = text.split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    (!line.is_empty()).then(|| Password::new(line))
}

/// Reads the password file `path` (`--password-file`): refused when other users may read
/// or change it, or when its first line is empty.
pub fn read_password_file(path: &Path) -> Result<Password, CheckError> {
    check_private("password file", path)?;
    let text = std::fs::read_to_string(path).map_err(|source| CheckError::Read {
        path: path.to_path_buf(),
        reason: source.to_string(),
    })?;
    password_from_file_text(&text).ok_or_else(|| CheckError::Empty {
        path: path.to_path_buf(),
    })
}
