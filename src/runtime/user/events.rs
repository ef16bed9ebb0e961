//! What the user runtime's event loop reacts to.

use crate::app::user::Event;
use crate::broker::BrokerError;

/// Everything the event loop reacts to, from every source.
#[derive(Debug)]
pub enum RuntimeEvent {
    /// An event for the app.
    App(Event),
    /// A key, paste or resize from the terminal.
    Terminal(ratatui::crossterm::event::Event),
    /// Line mode's standard input ended: finish sending, then quit.
    EndOfInput,
    /// A signal or a fatal input error: quit cleanly; the text says why.
    Stop(String),
    /// The outbox sent everything it was given and every confirm is settled.
    OutboxDrained,
    /// A second passed while quitting waits for the broker (line mode tells how many
    /// messages are still unconfirmed).
    StillSending,
    /// The first connection, made after the first frame, was refused: the client ends
    /// with this error (as it would have before drawing, in line mode).
    CannotConnect(BrokerError),
}
