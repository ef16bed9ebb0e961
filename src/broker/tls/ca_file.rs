//! [`TlsTrust`]: the certificate authorities a connection to the broker trusts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// The authorities chat-tui trusts for `amqps://` and `https://`: the system's, plus
/// those of a CA file (`--ca-file`) when one is given. The default is the system's alone.
/// Cheap to clone; its `Debug` names the file only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TlsTrust {
    ca: Option<Arc<CaFile>>,
}

/// A CA file, read and checked.
#[derive(PartialEq, Eq)]
struct CaFile {
    path: PathBuf,
    /// The file's text, as lapin takes it.
    pem: String,
    /// Its certificates.
    certs: Vec<CertificateDer<'static>>,
}

/// Why a CA file cannot be used. `Display` is a sentence for the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaFileError {
    /// The file cannot be read.
    #[error("cannot read the CA file {}: {reason}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The file holds no usable PEM certificate.
    #[error(
        "the CA file {} holds no certificate: --ca-file takes PEM (\"-----BEGIN CERTIFICATE-----\"){reason}",
        .path.display()
    )]
    NoCertificate {
        /// The file.
        path: PathBuf,
        /// What was wrong with it, starting with "; " (empty when it was simply empty).
        reason: String,
    },
}

impl TlsTrust {
    /// The system's authorities alone.
    pub fn system() -> Self {
        Self::default()
    }

    /// The system's authorities plus those in the PEM file at `path`: one or more
    /// `CERTIFICATE` blocks (other blocks are ignored). A file without one, or with a
    /// certificate that does not parse, is refused.
    pub fn from_ca_file(path: &Path) -> Result<Self, CaFileError> {
        let pem = std::fs::read_to_string(path).map_err(|error| CaFileError::Read {
            path: path.to_path_buf(),
            reason: error.to_string(),
        })?;
        Self::from_pem(path, pem)
    }

    /// [`TlsTrust::from_ca_file`] when a file is given, else the system's authorities.
    pub fn load(ca_file: Option<&Path>) -> Result<Self, CaFileError> {
        ca_file.map_or_else(|| Ok(Self::system()), Self::from_ca_file)
    }

    /// Checks the PEM text `pem` read from `path`.
    fn from_pem(path: &Path, pem: String) -> Result<Self, CaFileError> {
        let refused = |reason: String| CaFileError::NoCertificate {
            path: path.to_path_buf(),
            reason,
        };
        let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| refused(format!("; {error}")))?;
        if certs.is_empty() {
            return Err(refused(String::new()));
        }
        // What the verifiers will do with them: a certificate they cannot parse would
        // make every connection fail later, with a less clear message.
        let mut roots = rustls::RootCertStore::empty();
        for cert in &certs {
            roots
                .add(cert.clone())
                .map_err(|error| refused(format!("; a certificate in it is unusable: {error}")))?;
        }
        Ok(Self {
            ca: Some(Arc::new(CaFile {
                path: path.to_path_buf(),
                pem,
                certs,
            })),
        })
    }

    /// The CA file trusted besides the system's authorities, if any.
    pub fn ca_file(&self) -> Option<&Path> {
        self.ca.as_deref().map(|ca| ca.path.as_path())
    }

    /// lapin's TLS settings: the CA file's certificates as extra roots.
    pub(crate) fn amqp_config(&self) -> lapin::tcp::OwnedTLSConfig {
        lapin::tcp::OwnedTLSConfig {
            identity: None,
            cert_chain: self.ca.as_deref().map(|ca| ca.pem.clone()),
        }
    }

    /// `builder` trusting the CA file's certificates too.
    pub(crate) fn http(&self, builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        match self.ca.as_deref() {
            None => builder,
            // With rustls, `from_der` keeps the bytes and cannot fail; they were checked
            // when the file was read.
            Some(ca) => builder.tls_certs_merge(
                ca.certs
                    .iter()
                    .filter_map(|der| reqwest::Certificate::from_der(der).ok()),
            ),
        }
    }
}

impl std::fmt::Debug for TlsTrust {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsTrust")
            .field("ca_file", &self.ca_file())
            .finish()
    }
}

#[cfg(test)]
#[path = "ca_file_tests.rs"]
mod tests;
