//! Unit tests of `logging`: the cap on the AMQP crates' targets and the log-safe text.

use std::io::Write;
use std::sync::{Arc, Mutex};

use super::*;

/// A log writer into memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the events logged by `emit` leave in a log filtered by `directives` and the cap.
fn logged(directives: &str, emit: impl FnOnce()) -> String {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::registry()
        .with(EnvFilter::new(directives))
        .with(secret_cap())
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || sink.clone())
                .with_ansi(false),
        );
    tracing::subscriber::with_default(subscriber, emit);
    String::from_utf8(captured.0.lock().unwrap().clone()).unwrap()
}

#[test]
fn amqp_crates_never_log_at_trace_whatever_is_asked() {
    for directives in [
        "trace",
        "trace,lapin=trace,amq_protocol=trace,amq_protocol_tcp=trace",
    ] {
        let log = logged(directives, || {
            tracing::trace!(target: "lapin::channel", "start-ok frame \0alice\0s3cret");
            tracing::trace!(target: "amq_protocol_tcp", uri = "amqp://alice:s3cret@h", "Connecting.");
            tracing::trace!(target: "amq_protocol::frame", "frame s3cret");
            tracing::debug!(target: "lapin::channels", "create channel");
            tracing::trace!(target: "chat_tui::runtime", "our own trace");
            tracing::trace!(target: "reqwest::connect", "another crate");
        });
        assert!(!log.contains("s3cret"), "{directives}: {log}");
        assert!(
            log.contains("create channel"),
            "lapin's debug still passes: {log}"
        );
        assert!(log.contains("our own trace"), "{log}");
        assert!(
            log.contains("another crate"),
            "only the named crates: {log}"
        );
    }
}

#[test]
fn the_default_filter_keeps_lapin_quiet() {
    let log = logged(DEFAULT_FILTER, || {
        tracing::debug!(target: "lapin", "lapin debug");
        tracing::warn!(target: "lapin", "lapin warning");
        tracing::info!(target: "chat_tui", "our info");
    });
    assert!(!log.contains("lapin debug"), "{log}");
    assert!(
        log.contains("lapin warning") && log.contains("our info"),
        "{log}"
    );
}

#[test]
fn network_text_is_logged_on_one_inert_line() {
    let reason = "bye\x1b]0;pwned\x07\nINFO fake entry";
    let log = logged("info", || {
        tracing::warn!(reason = %safe(&reason), "connection lost");
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(!log.contains('\x1b') && !log.contains('\x07'), "{log:?}");
    assert!(
        log.contains("bye\u{241b}]0;pwned\u{2407}\u{240a}INFO fake entry"),
        "{log}"
    );
}
