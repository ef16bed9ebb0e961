//! Event sources both runtimes use: terminal input and the signals that end a run.

use futures_util::{FutureExt, StreamExt};
use ratatui::crossterm::event::{Event as TermEvent, EventStream};
use tokio::sync::mpsc;

/// Forwards terminal input (keys, pastes, resizes) from crossterm's async event stream,
/// each wrapped by `wrap`; a read error is passed on as `Err` and ends the stream.
pub async fn terminal_input<T>(
    events: mpsc::Sender<T>,
    wrap: impl Fn(Result<TermEvent, String>) -> T,
) {
    // While another program has the terminal (see `input_pause`), the stream is
    // dropped, so that its reader thread takes none of that program's input.
    let mut paused = super::input_pause::pause_wish();
    loop {
        let mut stream = EventStream::new();
        loop {
            tokio::select! {
                item = stream.next() => {
                    let Some(item) = item else { return };
                    let failed = item.is_err();
                    let event = wrap(item.map_err(|err| format!("terminal input failed: {err}")));
                    if events.send(event).await.is_err() || failed {
                        return;
                    }
                }
                wished = paused.wait_for(|paused| *paused).map(|wish| wish.is_ok()) => {
                    if !wished {
                        return;
                    }
                    break;
                }
            }
        }
        drop(stream);
        super::input_pause::set_let_go(true);
        let resumed = paused.wait_for(|paused| !*paused).await.is_ok();
        super::input_pause::set_let_go(false);
        if !resumed {
            return;
        }
    }
}

/// Waits for SIGTERM, SIGHUP or SIGINT and returns its name; never returns when the
/// signals cannot be listened to (that is logged).
pub async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::warn!("cannot listen for signals");
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = hup.recv() => "SIGHUP",
        _ = int.recv() => "SIGINT",
    }
}
