//! Configuration, in layers: command-line flags > environment (`CHAT_TUI_*`) > the TOML
//! file in the XDG config directory > built-in defaults. Flags and environment are merged
//! by clap (see [`crate::cli`]); this module adds the file and the defaults.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::broker::{ApiTarget, BrokerAddress};

mod admin;
mod keys;
mod login;
mod secret;
mod theme;
mod tui;

pub use admin::{AdminOverrides, AdminSettings, DEFAULT_API_URL, DEFAULT_REFRESH, parse_refresh};
pub use keys::{KeyList, KeysConfig};
pub use login::{
    GUEST, LoginError, LoginInputs, LoginPlan, PasswordSource, UrlSource, resolve_login,
};
pub use secret::{
    CheckError, ExposedFile, Password, check_private, is_private_mode, password_from_file_text,
    read_password_file,
};
pub use theme::ThemeConfig;
pub use tui::{NotifyStyle, TuiSettings};

/// The broker used when nothing else is configured. It names no account: the login is
/// resolved by [`resolve_login`] (the shared guest account unless told otherwise).
pub const DEFAULT_AMQP_URL: &str = "amqp://127.0.0.1:5672/%2f";
/// How often the roster line ("online: …") is shown, when nothing else is configured.
pub const DEFAULT_ROSTER_INTERVAL: Duration = Duration::from_secs(300);
/// How many pasted lines go into the input box without asking, when nothing else is
/// configured.
pub const DEFAULT_PASTE_MAX_LINES: usize = 10;
/// Settings read from the TOML file; every field is optional.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// AMQP URL of the broker.
    pub amqp_url: Option<String>,
    /// Log in with your own account (the chat name) rather than the shared guest one.
    pub account: Option<bool>,
    /// The password of your account. The file is refused when others may read it.
    pub password: Option<Password>,
    /// Seconds between roster lines; 0 turns them off.
    pub roster_interval_secs: Option<u64>,
    /// Whether others are told that you are typing (default true).
    pub typing: Option<bool>,
    /// Management API base URL (for `/topics`).
    pub api_url: Option<String>,
    /// Management API user.
    pub api_user: Option<String>,
    /// Management API password.
    pub api_password: Option<String>,
    /// Virtual host the admin console works in.
    pub vhost: Option<String>,
    /// Seconds between the admin console's refreshes (fractions allowed).
    pub refresh_secs: Option<f64>,
    /// A PEM file of certificate authorities trusted for `amqps://` and `https://`,
    /// besides the system's.
    pub ca_file: Option<PathBuf>,
    /// Pastes of more lines than this ask before they go into the input box.
    pub paste_max_lines: Option<usize>,
    /// `[theme]`: the colours of both consoles.
    pub theme: Option<ThemeConfig>,
    /// `[keys]`: more keys for the user TUI's actions.
    pub keys: Option<KeysConfig>,
    /// How the TUI notifies: `bell`, `osc9`, `osc777` or `none`.
    pub notify: Option<NotifyStyle>,
    /// A program and its arguments run for each notification (no shell).
    pub notify_command: Option<Vec<String>>,
    /// Whether the TUI takes the mouse at start.
    pub mouse: Option<bool>,
    /// The program and its arguments that open a link (the link is added last).
    pub opener: Option<Vec<String>>,
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML for chat-tui.
    #[error("invalid config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The file holds a password but others may read or change it.
    #[error("{0}")]
    Exposed(ExposedFile),
}

impl FileConfig {
    /// The default location: `$XDG_CONFIG_HOME/chat-tui/config.toml` (via `directories`).
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "chat-tui")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// Reads `path`; a missing file is an empty configuration. A file that holds a
    /// password ([`FileConfig::holds_secret`]) is refused unless it is its owner's alone
    /// (mode 0600 or stricter, as ssh asks of keys).
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let file = Self::parse(&text).map_err(|message| ConfigError::Parse {
                    path: path.to_path_buf(),
                    message,
                })?;
                if file.holds_secret() {
                    check_private("config file", path).map_err(|err| match err {
                        CheckError::Exposed(exposed) => ConfigError::Exposed(exposed),
                        other => ConfigError::Read {
                            path: path.to_path_buf(),
                            source: std::io::Error::other(other.to_string()),
                        },
                    })?;
                }
                Ok(file)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses TOML text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: Self = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(theme) = &file.theme {
            theme.resolve()?;
        }
        if let Some(keys) = &file.keys {
            keys::keymap(keys)?;
        }
        Ok(file)
    }

    /// The key bindings the file asks for (checked by [`FileConfig::parse`]).
    pub fn keymap(&self) -> crate::ui::user::keymap::Keymap {
        self.keys
            .as_ref()
            .and_then(|keys| keys::keymap(keys).ok())
            .unwrap_or_default()
    }

    /// The theme the file asks for (checked by [`FileConfig::parse`]; `dark` if none).
    pub fn theme(&self) -> crate::ui::theme::Theme {
        self.theme
            .as_ref()
            .and_then(|theme| theme.resolve().ok())
            .unwrap_or_default()
    }

    /// Whether the file holds a secret: `password`, `api_password`, or a password in
    /// `amqp_url`. The shared guest account's well-known guest/guest is none.
    pub fn holds_secret(&self) -> bool {
        let url_secret = self.amqp_url.as_deref().is_some_and(|url| {
            match crate::broker::url_login(url) {
                Ok(login) => login
                    .password
                    .is_some_and(|p| !(login.user == GUEST && p == GUEST)),
                // Unreadable: it is refused later; a password may be in it all the same.
                Err(_) => url.contains('@'),
            }
        });
        let api_secret = self
            .api_password
            .as_deref()
            .is_some_and(|p| !(p == GUEST && self.api_user.as_deref().is_none_or(|u| u == GUEST)));
        self.password.is_some() || api_secret || url_secret
    }
}

/// The settings user mode runs with, after all layers were merged. Its `Debug` hides
/// the passwords.
#[derive(Clone, PartialEq, Eq)]
pub struct UserSettings {
    /// AMQP URL of the broker; once the login is resolved, with the login and password
    /// written into it.
    pub amqp_url: String,
    /// Time between roster lines; `None` when turned off.
    pub roster_interval: Option<Duration>,
    /// Whether others are told that you are typing (the typing indicator).
    pub typing: bool,
    /// Management API base URL; `None` derives it from the AMQP URL.
    pub api_url: Option<String>,
    /// Management API user; `None` uses the AMQP user.
    pub api_user: Option<String>,
    /// Management API password; `None` uses the AMQP password.
    pub api_password: Option<String>,
    /// A CA file trusted besides the system's authorities (read when the client starts).
    pub ca_file: Option<PathBuf>,
    /// Pastes of more lines than this ask before they go into the TUI's input box.
    pub paste_max_lines: usize,
    /// The TUI's notifications, mouse and link opener.
    pub tui: TuiSettings,
}

impl std::fmt::Debug for UserSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserSettings")
            .field("amqp_url", &crate::broker::redact_url(&self.amqp_url))
            .field("roster_interval", &self.roster_interval)
            .field("typing", &self.typing)
            .field(
                "api_url",
                &self.api_url.as_deref().map(crate::broker::redact_url),
            )
            .field("api_user", &self.api_user)
            .field("api_password", &self.api_password.as_ref().map(|_| "***"))
            .field("ca_file", &self.ca_file)
            .field("paste_max_lines", &self.paste_max_lines)
            .field("tui", &self.tui)
            .finish()
    }
}

/// Values given as flags or environment variables (already merged by clap).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--amqp-url` / `CHAT_TUI_AMQP_URL`.
    pub amqp_url: Option<String>,
    /// `--roster-interval` / `CHAT_TUI_ROSTER_INTERVAL`, in seconds.
    pub roster_interval_secs: Option<u64>,
    /// `--api-url` / `CHAT_TUI_API_URL`.
    pub api_url: Option<String>,
    /// `--api-user` / `CHAT_TUI_API_USER`.
    pub api_user: Option<String>,
    /// `--api-password` / `CHAT_TUI_API_PASSWORD`.
    pub api_password: Option<String>,
    /// `--ca-file` / `CHAT_TUI_CA_FILE`.
    pub ca_file: Option<PathBuf>,
}

impl UserSettings {
    /// Merges flags/environment over the file over the defaults.
    pub fn resolve(overrides: Overrides, file: FileConfig) -> Self {
        let secs = overrides
            .roster_interval_secs
            .or(file.roster_interval_secs)
            .unwrap_or(DEFAULT_ROSTER_INTERVAL.as_secs());
        Self {
            amqp_url: overrides
                .amqp_url
                .or(file.amqp_url)
                .unwrap_or_else(|| DEFAULT_AMQP_URL.to_string()),
            roster_interval: (secs > 0).then(|| Duration::from_secs(secs)),
            typing: file.typing.unwrap_or(true),
            api_url: overrides.api_url.or(file.api_url),
            api_user: overrides.api_user.or(file.api_user),
            api_password: overrides.api_password.or(file.api_password),
            ca_file: overrides.ca_file.or(file.ca_file),
            paste_max_lines: file.paste_max_lines.unwrap_or(DEFAULT_PASTE_MAX_LINES),
            tui: TuiSettings::resolve(file.notify, file.notify_command, file.mouse, file.opener),
        }
    }

    /// The management API `/topics` asks: the configured URL, user and password where
    /// given, else those derived from the broker's address; always the address's
    /// virtual host and TLS trust.
    pub fn api_target(&self, address: &BrokerAddress) -> ApiTarget {
        let derived = address.api_target();
        ApiTarget {
            url: self.api_url.clone().unwrap_or_else(|| derived.url.clone()),
            user: self
                .api_user
                .clone()
                .unwrap_or_else(|| derived.user.clone()),
            password: self
                .api_password
                .clone()
                .unwrap_or_else(|| derived.password.clone()),
            vhost: derived.vhost.clone(),
            tls: derived.tls.clone(),
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
