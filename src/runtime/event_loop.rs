//! The one loop both modes run: one channel of events in; each event handed to the
//! mode's driver, which feeds its app and carries out the effects; one redraw per burst
//! of events, never on a timer and never without an event.

use std::future::Future;

use tokio::sync::mpsc;
use tokio::time::Instant;

/// Most events handled before a redraw, so a flood never starves the screen.
pub const BURST: usize = 1024;

/// What a mode gives the loop: a driver around its pure app.
pub trait Driver {
    /// Everything the mode reacts to, from every source.
    type Event: Send;
    /// Why a run can fail.
    type Error;

    /// Hands one event to the app and carries out what it asks for.
    fn handle(&mut self, event: Self::Event) -> impl Future<Output = ()> + Send;

    /// `Some` once the run is over, with how it ended (asked after every event; the
    /// loop returns the first `Some`).
    fn finished(&mut self) -> Option<Result<(), Self::Error>>;

    /// When the run ends even if nothing more happens (a grace period while quitting).
    fn deadline(&self) -> Option<Instant> {
        None
    }

    /// The run's ending when the deadline passed.
    fn expired(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }

    /// Shows the app's state (nothing to do without a screen).
    fn draw(&mut self) -> Result<(), Self::Error>;
}

/// Runs `driver` on `events` until it says it is finished, its deadline passes, or
/// every sender is gone.
pub async fn run<D: Driver>(
    driver: &mut D,
    events: &mut mpsc::Receiver<D::Event>,
) -> Result<(), D::Error> {
    driver.draw()?;
    loop {
        if let Some(ending) = driver.finished() {
            return ending;
        }
        let next = match driver.deadline() {
            None => events.recv().await,
            Some(at) => match tokio::time::timeout_at(at, events.recv()).await {
                Ok(next) => next,
                Err(_) => return driver.expired(),
            },
        };
        let Some(first) = next else { return Ok(()) };
        driver.handle(first).await;
        for _ in 0..BURST {
            if let Some(ending) = driver.finished() {
                return ending;
            }
            match events.try_recv() {
                Ok(event) => driver.handle(event).await,
                Err(_) => break,
            }
        }
        driver.draw()?;
    }
}
