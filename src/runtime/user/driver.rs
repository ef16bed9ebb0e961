//! The user-mode driver: it feeds events to the pure [`UserApp`] and carries out the
//! effects it returns — messages to the outbox, what to show to the face, the rest to
//! [`Commands`] — and it tells the shared event loop when the run is over.

use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::app::user::{Action, Effect, Event, UserApp};
use crate::broker::BrokerError;
use crate::broker::user::ChatBroker;
use crate::domain::Envelope;
use crate::runtime::event_loop;

use super::commands::Commands;
use super::events::RuntimeEvent;
use super::face::Face;
use super::options::RunError;

/// How long quitting waits for the broker to confirm what is still in flight.
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// The running client: the app, its face, and what carries out its effects.
pub struct Driver<B: ChatBroker> {
    app: UserApp,
    face: Face,
    commands: Commands<B>,
    /// The outbox's queue; dropped when quitting, so the outbox drains and says so.
    outgoing: Option<mpsc::UnboundedSender<Envelope>>,
    /// Effects held back until the outbox has started on the messages just handed to it.
    after_publish: Vec<Effect>,
    ending: Ending,
}

/// How far the run is from its end.
#[derive(Default)]
struct Ending {
    /// Set by quitting: the outbox has until then to settle what is in flight.
    quit_by: Option<Instant>,
    /// The outbox sent everything and every confirm is settled.
    drained: bool,
    /// The first connection was refused: the run ends with this error.
    cannot_connect: Option<BrokerError>,
    /// An administrator removed this user.
    removed: bool,
    /// The signal (or input failure) that stopped the client.
    stopped_by: Option<String>,
}

/// What the run left to say once it is over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// An administrator removed this user while it ran.
    pub removed: bool,
    /// Why the client stopped without being asked to quit (a signal), if it did.
    pub stopped_by: Option<String>,
}

impl<B: ChatBroker> Driver<B> {
    /// A driver for `app` showing `face`, handing messages to the outbox through
    /// `outgoing` and everything else to `commands`.
    pub fn new(
        mut app: UserApp,
        face: Face,
        commands: Commands<B>,
        outgoing: mpsc::UnboundedSender<Envelope>,
    ) -> Self {
        // Scrolling moves by the rows the TUI draws, at any depth of the history.
        app.set_layout(crate::ui::user::line_rows);
        Self {
            app,
            face,
            commands,
            outgoing: Some(outgoing),
            after_publish: Vec::new(),
            ending: Ending::default(),
        }
    }

    /// Ends the run: the face is given back (the terminal restored).
    pub fn finish(self) -> Outcome {
        Outcome {
            removed: self.ending.removed,
            stopped_by: self.ending.stopped_by,
        }
    }

    /// Feeds one event to the app and carries out its effects. A removal by an
    /// administrator ends line mode (nothing more can arrive); the TUI keeps showing it
    /// until the user quits.
    pub fn feed(&mut self, event: Event) {
        let removed = event == Event::RemovedByAdmin;
        let effects = self.app.update(event);
        self.execute(effects);
        if removed {
            self.ending.removed = true;
            if self.face.is_lines() {
                self.feed(Event::Key(Action::Quit));
            }
        }
    }

    /// Carries out effects in order, except that messages to publish go to the outbox
    /// first; the rest (printing, say) then waits for [`Driver::let_outbox_start`].
    fn execute(&mut self, effects: Vec<Effect>) {
        let (publish, rest): (Vec<Effect>, Vec<Effect>) = effects
            .into_iter()
            .partition(|effect| matches!(effect, Effect::Publish(_)));
        if publish.is_empty() && self.after_publish.is_empty() {
            for effect in rest {
                self.execute_one(effect);
            }
        } else {
            for effect in publish {
                self.execute_one(effect);
            }
            self.after_publish.extend(rest);
        }
    }

    /// When messages were just handed to the outbox, lets it start storing and
    /// publishing them (it is waiting on this worker, behind the loop) before the rest
    /// of the effects is carried out: that is a message's latency.
    async fn let_outbox_start(&mut self) {
        if self.after_publish.is_empty() {
            return;
        }
        tokio::task::yield_now().await;
        for effect in std::mem::take(&mut self.after_publish) {
            self.execute_one(effect);
        }
    }

    fn execute_one(&mut self, effect: Effect) {
        match effect {
            Effect::Publish(envelope) => {
                if let Some(outgoing) = &self.outgoing {
                    let _ = outgoing.send(envelope);
                }
            }
            Effect::Join(topic) => self.commands.change_subscription(topic, true),
            Effect::Leave(topic) => self.commands.change_subscription(topic, false),
            Effect::ListTopics => self.commands.list_topics(),
            Effect::Search(query) => self.commands.search(query),
            Effect::LoadPage {
                conversation,
                at,
                limit,
            } => self.commands.load_page(conversation, at, limit),
            Effect::MarkRead(conversation) => self.commands.mark_read(conversation),
            Effect::Show(shown) => {
                if self.face.show(&shown, &self.app).is_err() {
                    // Nobody reads our output any more: leave cleanly.
                    self.feed(Event::Key(Action::Quit));
                }
            }
            Effect::Quit => {
                // Dropping the queue lets the outbox send what is in it (the leave
                // announcement last), settle every confirm, then report it is drained.
                // Until then events keep flowing, so confirms are still shown.
                self.outgoing = None;
                self.ending.quit_by = Some(Instant::now() + QUIT_GRACE);
            }
        }
    }
}

impl<B: ChatBroker> event_loop::Driver for Driver<B> {
    type Event = RuntimeEvent;
    type Error = RunError;

    async fn handle(&mut self, event: RuntimeEvent) {
        match event {
            RuntimeEvent::App(event) => self.feed(event),
            RuntimeEvent::Terminal(event) => {
                if let Some(event) = self.face.read_terminal(event) {
                    self.feed(event);
                }
            }
            RuntimeEvent::EndOfInput => self.feed(Event::Key(Action::Quit)),
            RuntimeEvent::OutboxDrained => self.ending.drained = true,
            RuntimeEvent::CannotConnect(err) => self.ending.cannot_connect = Some(err),
            RuntimeEvent::Stop(reason) => {
                tracing::info!(%reason, "stopping");
                self.ending.stopped_by = Some(reason);
                self.feed(Event::Key(Action::Quit));
            }
        }
        self.let_outbox_start().await;
    }

    fn finished(&mut self) -> Option<Result<(), RunError>> {
        if let Some(err) = self.ending.cannot_connect.take() {
            // Nothing was sent: what was typed meanwhile stays pending in the history.
            return Some(Err(RunError::Broker(err)));
        }
        self.ending.drained.then_some(Ok(()))
    }

    fn deadline(&self) -> Option<Instant> {
        self.ending.quit_by
    }

    fn expired(&mut self) -> Result<(), RunError> {
        tracing::warn!("quit with confirms outstanding; they stay pending");
        Ok(())
    }

    fn draw(&mut self) -> Result<(), RunError> {
        if let Some((width, height)) = self.face.draw(&self.app)? {
            self.feed(Event::PaneResized { width, height });
        }
        Ok(())
    }
}
