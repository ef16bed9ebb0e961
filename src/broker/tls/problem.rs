//! Why a TLS handshake with the broker failed — mostly a certificate this client refused —
//! found in an error's chain (lapin's or reqwest's) and worded for the person instead of
//! rustls's `Debug` text.

use std::error::Error;

use rustls::{CertificateError, InvalidMessage};

/// Why the TLS handshake with the broker failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsProblem {
    /// No authority this client trusts signed it (a team's own CA without `--ca-file`,
    /// or a self-signed certificate).
    UnknownAuthority,
    /// It is valid, but for other names than the host connected to; `names` are those it
    /// is for, when rustls said (only plain host names and addresses are kept).
    WrongHost {
        /// The names the certificate is for.
        names: Vec<String>,
    },
    /// It has expired, or is not valid yet.
    OutOfDate,
    /// Anything else rustls refused in the certificate (revoked, a bad signature, not
    /// for a server, ...), in its words.
    Other(String),
    /// What answered is not TLS (`amqps://` or `https://` to a plain port).
    NotTls,
}

impl TlsProblem {
    /// The sentence for a connection to `host:port`.
    pub fn sentence(&self, host: &str, port: u16) -> String {
        match self {
            TlsProblem::UnknownAuthority => format!(
                "the broker's certificate at {host}:{port} is not signed by a trusted authority; pass --ca-file with your team's CA"
            ),
            TlsProblem::WrongHost { names } if names.is_empty() => {
                format!("the broker's certificate is not valid for {host}")
            }
            TlsProblem::WrongHost { names } => format!(
                "the broker's certificate is not valid for {host} (it is for {}); connect to a name it is for",
                names.join(", ")
            ),
            TlsProblem::OutOfDate => format!(
                "the broker's certificate at {host}:{port} has expired or is not valid yet (check this machine's clock)"
            ),
            TlsProblem::Other(reason) => {
                format!("the broker's certificate at {host}:{port} was refused: {reason}")
            }
            TlsProblem::NotTls => format!(
                "{host}:{port} does not answer in TLS: use the port of the broker's TLS listener, or a plain amqp:// or http:// URL"
            ),
        }
    }
}

/// The TLS problem somewhere in `error`'s chain of sources, if any. An `io::Error`
/// hides what it wraps from `source()`, so it is looked into too.
pub fn tls_problem(error: &(dyn Error + 'static)) -> Option<TlsProblem> {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return from_rustls(tls);
        }
        if let Some(inner) = error
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
            && let Some(problem) = tls_problem(inner)
        {
            return Some(problem);
        }
        next = error.source();
    }
    None
}

/// The problem a rustls error is about, if it is one with the peer's certificate or
/// the peer is no TLS server at all.
fn from_rustls(error: &rustls::Error) -> Option<TlsProblem> {
    let certificate = match error {
        rustls::Error::InvalidCertificate(certificate) => certificate,
        // The first bytes back were no TLS record: an AMQP header or an HTTP answer.
        rustls::Error::InvalidMessage(InvalidMessage::InvalidContentType) => {
            return Some(TlsProblem::NotTls);
        }
        _ => return None,
    };
    Some(match certificate {
        CertificateError::UnknownIssuer => TlsProblem::UnknownAuthority,
        CertificateError::NotValidForName => TlsProblem::WrongHost { names: Vec::new() },
        CertificateError::NotValidForNameContext { presented, .. } => TlsProblem::WrongHost {
            names: presented
                .iter()
                .filter_map(|name| plain_name(name))
                .collect(),
        },
        CertificateError::Expired
        | CertificateError::ExpiredContext { .. }
        | CertificateError::NotValidYet
        | CertificateError::NotValidYetContext { .. } => TlsProblem::OutOfDate,
        other => TlsProblem::Other(other.to_string()),
    })
}

/// A name as rustls (webpki) lists it, `DnsName("chat.example")` or
/// `IpAddress(10.0.0.1)`, as plain text; `None` for anything else, or for a name with
/// characters no host name or address has (it comes from the network).
fn plain_name(presented: &str) -> Option<String> {
    let name = presented
        .strip_prefix("DnsName(\"")
        .and_then(|rest| rest.strip_suffix("\")"))
        .or_else(|| {
            presented
                .strip_prefix("IpAddress(")
                .and_then(|rest| rest.strip_suffix(')'))
        })?;
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*' | ':' | '_'));
    plain.then(|| name.to_owned())
}

#[cfg(test)]
#[path = "problem_tests.rs"]
mod tests;
