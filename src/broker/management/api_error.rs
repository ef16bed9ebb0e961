//! How a management API request failed, classified once for every caller (user mode's
//! `/topics` and the admin console), before each words it for its own error type.

use rabbitmq_http_client::api::HttpClientError;

use crate::broker::tls::tls_problem;

/// What to do when the management API does not answer at all.
pub const ENABLE_HINT: &str = "is RabbitMQ running with its management plugin? enable it with `rabbitmq-plugins enable rabbitmq_management`";

/// The kinds of failure callers treat differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApiFailure {
    /// Nothing answered (refused, timed out, reset): the text says what happened and
    /// ends with [`ENABLE_HINT`]. Or the TLS handshake failed (a certificate this
    /// client refused, no TLS on that port): the text says why
    /// ([`crate::broker::TlsProblem`]).
    Unreachable(String),
    /// 401 or 403: the credentials (or the user's tags) were refused.
    Refused(u16),
    /// 404: the object is not there.
    NotFound,
    /// Anything else, in the API's words.
    Other(String),
}

/// Classifies an error of `rabbitmq_http_client`.
pub(crate) fn classify(error: &HttpClientError) -> ApiFailure {
    if let HttpClientError::RequestError { error, .. } = error
        && let Some(failure) = tls_failure(error)
    {
        return failure;
    }
    if error.is_connection_error() || error.is_timeout() {
        return unreachable(&error.to_string());
    }
    match error.status_code().map(|s| s.as_u16()) {
        Some(status @ (401 | 403)) => ApiFailure::Refused(status),
        Some(404) => ApiFailure::NotFound,
        _ => ApiFailure::Other(error.user_message()),
    }
}

/// Classifies an error of a raw `reqwest` request (or of reading its JSON answer).
pub(crate) fn classify_reqwest(error: &reqwest::Error) -> ApiFailure {
    if let Some(failure) = tls_failure(error) {
        return failure;
    }
    if error.is_connect() || error.is_timeout() || error.is_request() {
        return unreachable(&error.to_string());
    }
    match error.status().map(|s| s.as_u16()) {
        Some(status @ (401 | 403)) => ApiFailure::Refused(status),
        Some(404) => ApiFailure::NotFound,
        _ => ApiFailure::Other(error.to_string()),
    }
}

/// Classifies an HTTP status that is not a success.
pub(crate) fn classify_status(status: u16, body: &str) -> ApiFailure {
    match status {
        401 | 403 => ApiFailure::Refused(status),
        404 => ApiFailure::NotFound,
        _ => ApiFailure::Other(format!("HTTP {status}: {}", body.trim())),
    }
}

/// A failed TLS handshake (a refused certificate, no TLS there) among `error`'s causes,
/// worded with the host and port of the request's URL.
fn tls_failure(error: &reqwest::Error) -> Option<ApiFailure> {
    let problem = tls_problem(error)?;
    // A request that reached a handshake always had a URL.
    let url = error.url()?;
    let host = url.host_str().unwrap_or_default();
    let port = url.port_or_known_default().unwrap_or(443);
    Some(ApiFailure::Unreachable(problem.sentence(host, port)))
}

fn unreachable(what: &str) -> ApiFailure {
    ApiFailure::Unreachable(format!("no answer ({what}); {ENABLE_HINT}"))
}

#[cfg(test)]
#[path = "api_error_tests.rs"]
mod tests;
