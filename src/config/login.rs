//! Whom user mode logs in as, and with which password: a pure function of the AMQP URL,
//! the chat name, `--account`, and the passwords each source gave ([`resolve_login`]).
//!
//! The rules (also in the README and `chat-tui user --help`):
//! 1. a user name in the URL is the login, with the URL's password, or when it has none
//!    the password of the sources below (a user named in the URL is an account: without
//!    any password the TUI asks for one, line mode stops);
//! 2. otherwise, when any source gives a password or `--account` is set, the login is
//!    the chat name, with the password of the first source that has one:
//!    `CHAT_TUI_PASSWORD`, `--password-file`, the config file's `password`, and in the
//!    TUI a prompt that does not echo;
//! 3. otherwise the broker's shared guest account (guest/guest): open mode, as before.
//!
//! The result is the URL lapin connects with, the login and password written into it.

use super::secret::Password;
use crate::broker::{AddressError, url_login, with_login};
use crate::domain::UserName;

/// The user and password of the broker's shared account (open mode).
pub const GUEST: &str = "guest";

/// Where the AMQP URL came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlSource {
    /// `--amqp-url` on the command line: visible to every local user (`ps`).
    CommandLine,
    /// `CHAT_TUI_AMQP_URL`: readable only by the same user (and root).
    Environment,
    /// The config file's `amqp_url` (its mode is checked when it is loaded).
    ConfigFile,
    /// The built-in default.
    Default,
}

/// What the login is resolved from.
#[derive(Debug, Clone)]
pub struct LoginInputs<'a> {
    /// The AMQP URL (flag, environment, file or default).
    pub amqp_url: &'a str,
    /// Where it came from.
    pub url_source: UrlSource,
    /// The chat name (`--name`).
    pub name: &'a UserName,
    /// `--account` / `CHAT_TUI_ACCOUNT` / the config file's `account = true`.
    pub account: bool,
    /// `CHAT_TUI_PASSWORD`, when set and not empty.
    pub env_password: Option<Password>,
    /// The first line of `--password-file`, already read and checked.
    pub file_password: Option<Password>,
    /// The config file's `password`.
    pub config_password: Option<Password>,
}

/// Which source the password came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSource {
    /// Written in the AMQP URL.
    Url,
    /// `CHAT_TUI_PASSWORD`.
    Environment,
    /// `--password-file`.
    File,
    /// The config file's `password`.
    ConfigFile,
    /// Typed at the prompt.
    Prompt,
    /// The shared guest account's well-known password.
    Guest,
}

/// The resolved login: whom to log in as and, unless it is still to be asked for, the
/// password. Its `Debug` hides the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginPlan {
    url: String,
    user: String,
    password: Option<(Password, PasswordSource)>,
    warning: Option<String>,
}

/// Why no login could be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// An account login without a password where none can be asked for (line mode).
    #[error("no password for {0}: set CHAT_TUI_PASSWORD or use --password-file")]
    NoPassword(String),
    /// The AMQP URL cannot be read or cannot hold a login.
    #[error("{0}")]
    BadUrl(#[from] AddressError),
}

/// Resolves the login from `inputs` by the rules of this module's documentation.
pub fn resolve_login(inputs: &LoginInputs<'_>) -> Result<LoginPlan, LoginError> {
    let in_url = url_login(inputs.amqp_url)?;
    let given = [
        (&inputs.env_password, PasswordSource::Environment),
        (&inputs.file_password, PasswordSource::File),
        (&inputs.config_password, PasswordSource::ConfigFile),
    ]
    .into_iter()
    .find_map(|(password, source)| password.clone().map(|p| (p, source)));
    let (user, password) = if !in_url.user.is_empty() {
        let from_url = in_url
            .password
            .clone()
            .map(|p| (Password::new(p), PasswordSource::Url));
        (in_url.user.clone(), from_url.or(given))
    } else if given.is_some() || inputs.account {
        (inputs.name.as_str().to_owned(), given)
    } else {
        (
            GUEST.to_owned(),
            Some((Password::new(GUEST), PasswordSource::Guest)),
        )
    };
    let shows_secret = matches!(&password, Some((p, PasswordSource::Url))
        if !(user == GUEST && p.expose() == GUEST));
    let warning = (shows_secret && inputs.url_source == UrlSource::CommandLine).then(|| {
        format!(
            "warning: the password in --amqp-url is visible to every user of this machine (ps, /proc/<pid>/cmdline); \
             give it in CHAT_TUI_PASSWORD or --password-file instead and keep only the user name in the URL (amqp://{user}@host)"
        )
    });
    Ok(LoginPlan {
        url: inputs.amqp_url.to_owned(),
        user,
        password,
        warning,
    })
}

impl LoginPlan {
    /// The login (the broker account's user name).
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Whether the password is still to be asked for (nothing gave one).
    pub fn needs_password(&self) -> bool {
        self.password.is_none()
    }

    /// Where the password came from; `None` while it is still to be asked for.
    pub fn password_source(&self) -> Option<PasswordSource> {
        self.password.as_ref().map(|(_, source)| *source)
    }

    /// Whether this is the broker's shared guest account (open mode).
    pub fn is_guest(&self) -> bool {
        self.user == GUEST
    }

    /// The warning to print before starting, when the password was given where other
    /// users can see it.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// The plan with the password typed at the prompt.
    pub fn with_prompted(mut self, password: Password) -> Self {
        self.password = Some((password, PasswordSource::Prompt));
        self
    }

    /// The URL lapin logs in with: the login and password written into it. Fails when
    /// the password is still missing.
    pub fn into_url(self) -> Result<String, LoginError> {
        let Some((password, _)) = &self.password else {
            return Err(LoginError::NoPassword(self.user));
        };
        Ok(with_login(&self.url, &self.user, password.expose())?)
    }
}

#[cfg(test)]
#[path = "login_tests.rs"]
mod tests;
