//! TLS towards the broker (`amqps://` and an `https://` management API): whom to trust
//! ([`TlsTrust`]: the system's authorities, plus a team's own CA given with `--ca-file`),
//! and a failed handshake (mostly a refused certificate) worded for the person
//! ([`TlsProblem`]).
//!
//! Both sides verify the same way: lapin's connector and reqwest both use rustls with
//! the platform verifier, to which the CA file's certificates are added as extra roots.

mod ca_file;
mod problem;

pub use ca_file::{CaFileError, TlsTrust};
pub use problem::{TlsProblem, tls_problem};

use lapin::uri::AMQPUri;
use lapin::{Connect, Connection, ConnectionProperties};

/// Opens an AMQP connection to `uri` (a URL or a parsed `AMQPUri`) trusting `trust`'s
/// authorities when the scheme is `amqps` (lapin's default runtime, as
/// `Connection::connect` uses).
pub(crate) async fn connect_amqp(
    uri: impl Connect + Send,
    properties: ConnectionProperties,
    trust: &TlsTrust,
) -> lapin::Result<Connection> {
    let runtime = lapin::runtime::default_runtime()?;
    uri.connect_with_config(properties, trust.amqp_config(), runtime)
        .await
}

/// Why connecting to the AMQP URL `url` failed with `error`, when it is the TLS
/// handshake (a refused certificate, no TLS there): the sentence for the person.
pub(crate) fn tls_refusal(error: &lapin::Error, url: &str) -> Option<String> {
    let problem = tls_problem(error)?;
    let uri: AMQPUri = url.parse().ok()?;
    Some(problem.sentence(&uri.authority.host, uri.authority.port))
}
