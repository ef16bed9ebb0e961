//! TLS towards the broker (`amqps://` and an `https://` management API): whom to trust
//! ([`TlsTrust`]: the system's authorities, plus a team's own CA given with `--ca-file`),
//! and a refused certificate worded for the person ([`CertificateProblem`]).
//!
//! Both sides verify the same way: lapin's connector and reqwest both use rustls with
//! the platform verifier, to which the CA file's certificates are added as extra roots.

mod ca_file;
mod problem;

pub use ca_file::{CaFileError, TlsTrust};
pub use problem::{CertificateProblem, certificate_problem};

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

/// Why connecting to the AMQP URL `url` failed with `error`, when it is because this
/// client refused the broker's certificate: the sentence for the person.
pub(crate) fn refused_certificate(error: &lapin::Error, url: &str) -> Option<String> {
    let problem = certificate_problem(error)?;
    let uri: AMQPUri = url.parse().ok()?;
    Some(problem.sentence(&uri.authority.host, uri.authority.port))
}
