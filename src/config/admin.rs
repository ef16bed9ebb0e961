//! The admin console's settings: where the management API is, whom to log in as, which
//! virtual host, where AMQP is (for exact counts and announcements), how often to refresh.

use std::time::Duration;

use super::FileConfig;
use crate::broker::api_url_for;

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
}

/// The settings admin mode runs with, after all layers were merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminSettings {
    /// Management API base URL, without `/api`.
    pub api_url: String,
    /// Management API user.
    pub api_user: String,
    /// Management API password.
    pub api_password: String,
    /// The virtual host the console shows and changes.
    pub vhost: String,
    /// AMQP URL for exact counts and announcements.
    pub amqp_url: String,
    /// Time between refreshes.
    pub refresh: Duration,
}

impl AdminSettings {
    /// Merges flags/environment over the file over the defaults. An AMQP URL (flag or
    /// file) also supplies defaults for the API (same host, port 15672, its credentials and
    /// vhost); without one, the AMQP URL is derived from the API settings (same host, port
    /// 5672). Fails with a message for the person when a value is unusable.
    pub fn resolve(overrides: AdminOverrides, file: FileConfig) -> Result<Self, String> {
        let amqp_explicit = overrides.amqp_url.or(file.amqp_url);
        let derived = match &amqp_explicit {
            Some(url) => Some(api_url_for(url).map_err(|e| e.to_string())?),
            None => None,
        };
        let api_url = overrides
            .api_url
            .or(file.api_url)
            .or_else(|| derived.as_ref().map(|d| d.url.clone()))
            .unwrap_or_else(|| DEFAULT_API_URL.to_owned());
        let api_url = api_url.trim_end_matches('/').to_owned();
        let host = api_host(&api_url)?;
        let api_user = overrides
            .api_user
            .or(file.api_user)
            .or_else(|| derived.as_ref().map(|d| d.user.clone()))
            .unwrap_or_else(|| "guest".to_owned());
        let api_password = overrides
            .api_password
            .or(file.api_password)
            .or_else(|| derived.as_ref().map(|d| d.password.clone()))
            .unwrap_or_else(|| "guest".to_owned());
        let vhost = overrides
            .vhost
            .or(file.vhost)
            .or_else(|| derived.as_ref().map(|d| d.vhost.clone()))
            .unwrap_or_else(|| "/".to_owned());
        if vhost.is_empty() {
            return Err("the virtual host is empty; use --vhost / (the default)".to_owned());
        }
        let amqp_url = amqp_explicit.unwrap_or_else(|| {
            format!(
                "amqp://{}:{}@{host}:5672/{}",
                percent_encode(&api_user),
                percent_encode(&api_password),
                percent_encode(&vhost)
            )
        });
        let refresh = match overrides.refresh {
            Some(refresh) => refresh,
            None => match file.refresh_secs {
                Some(secs) => refresh_from_secs(secs)?,
                None => DEFAULT_REFRESH,
            },
        };
        Ok(Self {
            api_url,
            api_user,
            api_password,
            vhost,
            amqp_url,
            refresh,
        })
    }
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

/// The host part of an `http(s)://host[:port][/…]` URL, IPv6 brackets kept.
fn api_host(api_url: &str) -> Result<String, String> {
    let invalid = || format!("invalid management API URL {api_url:?}: use http(s)://host:port");
    let (scheme, rest) = api_url.split_once("://").ok_or_else(invalid)?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return Err(invalid());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        let end = host_port.find(']').ok_or_else(invalid)?;
        &host_port[..=end]
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    if host.is_empty() {
        return Err(invalid());
    }
    Ok(host.to_owned())
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[path = "admin_tests.rs"]
mod tests;
