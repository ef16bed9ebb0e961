//! TLS in front of the test broker, made by the test: a [`TestCa`] (a certificate
//! authority of its own, written to a PEM file for `--ca-file`) signs server
//! certificates, and a [`TlsProxy`] terminates TLS with one of them on a free local port,
//! then copies bytes to and from a plain port of the broker (AMQP 5672 or the management
//! API 15672). The broker's own listeners are left alone.
//!
//! The proxy runs on a thread and runtime of its own, so it serves whatever the test's
//! runtime is doing; dropping it closes the port and every connection through it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate authority made for one test.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A server certificate signed by a [`TestCa`], with its key.
pub struct ServerCert {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl TestCa {
    /// A fresh CA whose certificate is named `name`.
    pub fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let key = KeyPair::generate().expect("a CA key");
        Self {
            issuer: CertifiedIssuer::self_signed(params, key).expect("a CA certificate"),
        }
    }

    /// Writes the CA's certificate as PEM to `dir/<file>`, for `--ca-file`.
    pub fn write_pem(&self, dir: &Path, file: &str) -> PathBuf {
        let path = dir.join(file);
        std::fs::write(&path, self.issuer.pem()).expect("write the CA file");
        path
    }

    /// A server certificate for `names` (host names or IP addresses), signed by this CA.
    pub fn server_cert(&self, names: &[&str]) -> ServerCert {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let params = CertificateParams::new(names).expect("server params");
        let key = KeyPair::generate().expect("a server key");
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("a server certificate");
        ServerCert {
            chain: vec![cert.der().clone(), self.issuer.der().clone()],
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        }
    }
}

/// A TLS-terminating proxy on `127.0.0.1:<port>` in front of a plain broker port.
pub struct TlsProxy {
    port: u16,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TlsProxy {
    /// Starts serving TLS with `cert` on a free port, each connection copied to
    /// `upstream` (e.g. `127.0.0.1:5672`) once its handshake is done.
    pub fn start(upstream: &str, cert: ServerCert) -> Self {
        let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(cert.chain, cert.key)
            .expect("the server certificate and key");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("its address").port();
        let upstream = upstream.to_owned();
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a proxy runtime");
            runtime.block_on(serve(listener, acceptor, upstream, stopped));
        });
        Self {
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for TlsProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            eprintln!("the TLS proxy thread panicked");
        }
    }
}

/// Accepts connections until `stopped`; the connections end with the runtime.
async fn serve(
    listener: std::net::TcpListener,
    acceptor: TlsAcceptor,
    upstream: String,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener = TcpListener::from_std(listener).expect("a tokio listener");
    loop {
        let accepted = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((client, _)) = accepted else { continue };
        let acceptor = acceptor.clone();
        let upstream = upstream.clone();
        tokio::spawn(async move {
            // A client that refuses the certificate ends the handshake: nothing to copy.
            let Ok(mut tls) = acceptor.accept(client).await else {
                return;
            };
            let Ok(mut broker) = TcpStream::connect(&upstream).await else {
                return;
            };
            let _ = tokio::io::copy_bidirectional(&mut tls, &mut broker).await;
        });
    }
}
