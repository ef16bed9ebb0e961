//! The admin console's settings: where the management API is, whom to log in as, which
//! virtual host, where AMQP is (for exact counts and announcements), how often to refresh.

use std::path::PathBuf;
use std::time::Duration;

use super::FileConfig;
use crate::broker::{AddressError, ApiTarget, BrokerAddress, BrokerError, TlsTrust};

/// The management API used when nothing else is configured.
pub const DEFAULT_API_URL: &str = "http://127.0.0.1:15672";
/// Time between refreshes when nothing else is configured.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(1);
/// Shortest refresh interval accepted.
pub const MIN_REFRESH: Duration = Duration::from_millis(200);
/// Longest refresh interval accepted.
pub const MAX_REFRESH: Duration = Duration::from_secs(3600);

/// Values given as flags or environment variables (already merged by clap).
#[derive(Debug, Default, Clone)]
pub struct AdminOverrides {
    /// `--amqp-url` / `CHAT_TUI_AMQP_URL`.
    pub amqp_url: Option<String>,
    /// `--api-url` / `CHAT_TUI_API_URL`.
    pub api_url: Option<String>,
    /// `--api-user` / `CHAT_TUI_API_USER`.
    pub api_user: Option<String>,
    /// `--api-password` / `CHAT_TUI_API_PASSWORD`.
    pub api_password: Option<String>,
    /// `--vhost` / `CHAT_TUI_VHOST`.
    pub vhost: Option<String>,
    /// `--refresh` / `CHAT_TUI_REFRESH`.
    pub refresh: Option<Duration>,
    /// `--ca-file` / `CHAT_TUI_CA_FILE`.
    pub ca_file: Option<PathBuf>,
}

/// The settings admin mode runs with, after all layers were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSettings {
    /// The management API (base URL without `/api` and a trailing `/`), whom to log in
    /// as, and the virtual host the console shows and changes.
    pub api: ApiTarget,
    /// The broker's AMQP address, for exact counts, the user topology and announcements.
    pub amqp: BrokerAddress,
    /// Time between refreshes.
    pub refresh: Duration,
}

impl AdminSettings {
    /// Merges flags/environment over the file over the defaults. An AMQP URL (flag or
    /// file) also supplies defaults for the API (same host, port 15672, its credentials and
    /// vhost); without one, the AMQP URL is derived from the API settings (same host, port
    /// 5672). A CA file (`--ca-file`) is read here, and trusted by both. Fails with a
    /// message for the person when a value is unusable.
    pub fn resolve(overrides: AdminOverrides, file: FileConfig) -> Result<Self, String> {
        let tls = TlsTrust::load(overrides.ca_file.or(file.ca_file).as_deref())
            .map_err(|e| e.to_string())?;
        let explicit = match overrides.amqp_url.or(file.amqp_url) {
            Some(url) => Some(
                BrokerAddress::parse(&url)
                    .map_err(underivable)?
                    .with_tls(tls.clone()),
            ),
            None => None,
        };
        let derived = explicit.as_ref().map(BrokerAddress::api_target);
        let api_url = overrides
            .api_url
            .or(file.api_url)
            .or_else(|| derived.map(|d| d.url.clone()))
            .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
        let api = ApiTarget {
            url: api_url.trim_end_matches('/').to_owned(),
            user: overrides
                .api_user
                .or(file.api_user)
                .or_else(|| derived.map(|d| d.user.clone()))
                .unwrap_or_else(|| "guest".to_owned()),
            password: overrides
                .api_password
                .or(file.api_password)
                .or_else(|| derived.map(|d| d.password.clone()))
                .unwrap_or_else(|| "guest".to_owned()),
            vhost: overrides
                .vhost
                .or(file.vhost)
                .or_else(|| derived.map(|d| d.vhost.clone()))
                .unwrap_or_else(|| "/".to_owned()),
            tls,
        };
        // Also checks the API URL, when an AMQP URL is given too.
        let beside = BrokerAddress::beside(&api).map_err(|e| e.to_string())?;
        if api.vhost.is_empty() {
            return Err("the virtual host is empty; use --vhost / (the default)".to_owned());
        }
        let refresh = match overrides.refresh {
            Some(refresh) => refresh,
            None => match file.refresh_secs {
                Some(secs) => refresh_from_secs(secs)?,
                None => DEFAULT_REFRESH,
            },
        };
        Ok(Self {
            api,
            amqp: explicit.unwrap_or(beside),
            refresh,
        })
    }
}

/// An unusable AMQP URL, worded as a management API that cannot be derived from it.
fn underivable(error: AddressError) -> String {
    BrokerError::Management {
        url: error.url().to_owned(),
        reason: error.to_string(),
    }
    .to_string()
}

/// Parses a refresh interval: seconds (`1`, `0.5`), or with a unit (`500ms`, `2s`).
/// Used by the `--refresh` flag.
pub fn parse_refresh(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, scale) = if let Some(ms) = text.strip_suffix("ms") {
        (ms, 0.001)
    } else if let Some(s) = text.strip_suffix('s') {
        (s, 1.0)
    } else {
        (text, 1.0)
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; write seconds (1, 0.5) or 500ms"))?;
    refresh_from_secs(value * scale)
}

fn refresh_from_secs(secs: f64) -> Result<Duration, String> {
    let range = format!(
        "the refresh interval must be between {} ms and {} s",
        MIN_REFRESH.as_millis(),
        MAX_REFRESH.as_secs()
    );
    if !secs.is_finite() {
        return Err(range);
    }
    let interval = Duration::try_from_secs_f64(secs).map_err(|_| range.clone())?;
    if !(MIN_REFRESH..=MAX_REFRESH).contains(&interval) {
        return Err(range);
    }
    Ok(interval)
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
