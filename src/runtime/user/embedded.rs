//! User clients run inside another program: the same client as `chat-tui user --plain`
//! — history, outbox, reconnection, presence — with its lines coming from calls instead
//! of stdin and its output going to a writer of the caller's. The benchmark that runs a
//! thousand users in one process uses it, and so can another front-end.

use std::path::PathBuf;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::user::Event;

use super::client;
use super::driver::Outcome;
use super::events::RuntimeEvent;
use super::face::{Face, LineOutput};
use super::options::{RunError, UserOptions};
use super::startup::prepare;
use crate::ui::plain::LineFormat;

/// One running embedded client.
pub struct EmbeddedClient {
    sender: mpsc::Sender<RuntimeEvent>,
    run: JoinHandle<Result<Outcome, RunError>>,
}

impl EmbeddedClient {
    /// Starts a line-mode client for `options` (its `frontend` is not used: it prints
    /// `format` to `out`) with its history at `history`. Like line mode it is connected
    /// when this returns, or refused with the same errors.
    pub async fn start(
        options: UserOptions,
        history: PathBuf,
        format: LineFormat,
        out: LineOutput,
    ) -> Result<Self, RunError> {
        let prepared = prepare(&options, &history, true, |_| {}).await?;
        let parts = prepared.into_parts(Face::Lines { format, out }, &options);
        let (sender, events) = mpsc::channel(4096);
        let run = tokio::spawn(client::run(parts, sender.clone(), events));
        Ok(Self { sender, run })
    }

    /// Hands the client a line, as if typed on its stdin; `false` once it has ended.
    pub async fn say(&self, line: &str) -> bool {
        let event = RuntimeEvent::App(Event::Input(line.to_owned()));
        self.sender.send(event).await.is_ok()
    }

    /// Ends its input and waits for it to finish sending and stop.
    pub async fn finish(self) -> Result<Outcome, RunError> {
        let _ = self.sender.send(RuntimeEvent::EndOfInput).await;
        self.wait().await
    }

    /// Stops it as a signal would (a short grace for what is in flight).
    pub async fn stop(self, why: &str) -> Result<Outcome, RunError> {
        let _ = self.sender.send(RuntimeEvent::Stop(why.to_owned())).await;
        self.wait().await
    }

    /// Waits for the client's task; a panic in it goes on in the caller (the task is
    /// never cancelled).
    async fn wait(self) -> Result<Outcome, RunError> {
        match self.run.await {
            Ok(ended) => ended,
            Err(join) => std::panic::resume_unwind(join.into_panic()),
        }
    }
}
