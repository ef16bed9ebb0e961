//! Unit tests of `problem`: certificate refusals found in error chains, and their words.

use std::io;

use rustls::pki_types::ServerName;

use super::*;

fn rustls_in_io(error: CertificateError) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(error),
    )
}

/// An error that hides its cause behind `source()`, as hyper's and reqwest's do.
#[derive(Debug)]
struct Wrapper(io::Error);

impl std::fmt::Display for Wrapper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("client error (Connect)")
    }
}

impl Error for Wrapper {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

#[test]
fn an_unknown_issuer_is_found_in_lapins_error() {
    let error = lapin::Error::from(rustls_in_io(CertificateError::UnknownIssuer));
    assert_eq!(tls_problem(&error), Some(TlsProblem::UnknownAuthority));
}

#[test]
fn a_problem_is_found_behind_sources_and_nested_io_errors() {
    let nested = io::Error::other(rustls_in_io(CertificateError::Expired));
    let error = Wrapper(nested);
    assert_eq!(tls_problem(&error), Some(TlsProblem::OutOfDate));
}

#[test]
fn a_wrong_host_keeps_only_plain_names() {
    let error = rustls_in_io(CertificateError::NotValidForNameContext {
        expected: ServerName::try_from("localhost").unwrap().to_owned(),
        presented: vec![
            "DnsName(\"wrong.example\")".into(),
            "IpAddress(10.0.0.1)".into(),
            "DnsName(\"\u{1b}[31mred\")".into(),
            "DirectoryName".into(),
        ],
    });
    assert_eq!(
        tls_problem(&error),
        Some(TlsProblem::WrongHost {
            names: vec!["wrong.example".into(), "10.0.0.1".into()]
        })
    );
    let bare = rustls_in_io(CertificateError::NotValidForName);
    assert_eq!(
        tls_problem(&bare),
        Some(TlsProblem::WrongHost { names: vec![] })
    );
}

#[test]
fn other_refusals_keep_rustls_words() {
    let error = rustls_in_io(CertificateError::Revoked);
    assert_eq!(
        tls_problem(&error),
        Some(TlsProblem::Other("Revoked".into()))
    );
}

#[test]
fn errors_without_a_tls_problem_are_none() {
    let refused = lapin::Error::from(io::Error::from(io::ErrorKind::ConnectionRefused));
    assert_eq!(tls_problem(&refused), None);
    let not_tls = io::Error::new(io::ErrorKind::InvalidData, rustls::Error::DecryptError);
    assert_eq!(tls_problem(&not_tls), None);
    assert_eq!(tls_problem(&Wrapper(io::Error::other("reset"))), None);
}

#[test]
fn a_peer_that_answers_no_tls_record_is_not_tls() {
    let error = lapin::Error::from(io::Error::new(
        io::ErrorKind::InvalidData,
        rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType),
    ));
    assert_eq!(tls_problem(&error), Some(TlsProblem::NotTls));
}

#[test]
fn sentences_name_the_host_and_what_to_do() {
    assert_eq!(
        TlsProblem::UnknownAuthority.sentence("localhost", 5671),
        "the broker's certificate at localhost:5671 is not signed by a trusted authority; \
         pass --ca-file with your team's CA"
    );
    assert_eq!(
        TlsProblem::WrongHost { names: vec![] }.sentence("127.0.0.1", 5671),
        "the broker's certificate is not valid for 127.0.0.1"
    );
    assert_eq!(
        TlsProblem::WrongHost {
            names: vec!["wrong.example".into(), "10.0.0.1".into()]
        }
        .sentence("localhost", 5671),
        "the broker's certificate is not valid for localhost (it is for wrong.example, \
         10.0.0.1); connect to a name it is for"
    );
    assert_eq!(
        TlsProblem::OutOfDate.sentence("rabbit", 15671),
        "the broker's certificate at rabbit:15671 has expired or is not valid yet \
         (check this machine's clock)"
    );
    assert_eq!(
        TlsProblem::Other("certificate revoked".into()).sentence("rabbit", 5671),
        "the broker's certificate at rabbit:5671 was refused: certificate revoked"
    );
    assert_eq!(
        TlsProblem::NotTls.sentence("localhost", 5672),
        "localhost:5672 does not answer in TLS: use the port of the broker's TLS listener, \
         or a plain amqp:// or http:// URL"
    );
}
