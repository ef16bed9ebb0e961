//! Unit tests of `ca_file`: which files are trusted and which are refused.

use super::*;

fn ca_pem() -> String {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.self_signed(&key).unwrap().pem()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn without_a_file_only_the_system_is_trusted() {
    let trust = TlsTrust::load(None).unwrap();
    assert_eq!(trust, TlsTrust::system());
    assert_eq!(trust.ca_file(), None);
    assert_eq!(trust.amqp_config().cert_chain, None);
}

#[test]
fn a_pem_file_of_certificates_is_trusted_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let pem = format!("{}{}", ca_pem(), ca_pem());
    let path = write(&dir, "ca.pem", &pem);
    let trust = TlsTrust::load(Some(&path)).unwrap();
    assert_eq!(trust.ca_file(), Some(path.as_path()));
    assert_eq!(trust.amqp_config().cert_chain, Some(pem));
    assert_eq!(trust.ca.as_deref().map(|ca| ca.certs.len()), Some(2));
    assert!(format!("{trust:?}").contains("ca.pem"), "{trust:?}");
    assert!(
        trust.http(reqwest::Client::builder()).build().is_ok(),
        "reqwest takes the certificates"
    );
}

#[test]
fn a_missing_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.pem");
    let error = TlsTrust::from_ca_file(&path).unwrap_err();
    assert!(matches!(error, CaFileError::Read { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("cannot read the CA file {}: ", path.display())),
        "{text}"
    );
}

#[test]
fn a_file_without_a_certificate_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.pem", ""),
        ("words.pem", "not a certificate\n"),
        (
            "key.pem",
            &rcgen::KeyPair::generate().unwrap().serialize_pem(),
        ),
    ] {
        let path = write(&dir, name, text);
        let error = TlsTrust::from_ca_file(&path).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the CA file {} holds no certificate: --ca-file takes PEM \
                 (\"-----BEGIN CERTIFICATE-----\")",
                path.display()
            ),
            "{name}"
        );
    }
}

#[test]
fn a_certificate_that_does_not_parse_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    let path = write(&dir, "bad.pem", garbage);
    let error = TlsTrust::from_ca_file(&path).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("holds no certificate") && text.contains("unusable"),
        "{text}"
    );
}
