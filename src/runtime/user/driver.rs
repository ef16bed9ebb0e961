//! The user-mode driver: it feeds events to the pure [`UserApp`] and carries out the
//! effects it returns — messages to the outbox, what to show to the face, the rest to
//! [`Commands`] — and it tells the shared event loop when the run is over.

use std::time::Duration;

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

/// How long quitting waits for the broker to confirm what is still in flight, in the
/// TUI and after a signal. Line mode at the end of its input waits as long as it takes
/// (or `--max-wait`).
const QUIT_GRACE: Duration = Duration::from_secs(5);
/// How long line mode waits quietly before it says on stderr what it is waiting for.
const QUIET_WAIT: Duration = Duration::from_secs(1);
/// At most this long between two progress lines while line mode waits.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// The running client: the app, its face, and what carries out its effects.
pub struct Driver<B: ChatBroker> {
    app: UserApp,
    face: Face,
    commands: Commands<B>,
    /// The outbox's queue; dropped when quitting, so the outbox drains and says so.
    outgoing: Option<mpsc::UnboundedSender<Envelope>>,
    /// Effects held back until the outbox has started on the messages just handed to it.
    after_publish: Vec<Effect>,
    /// How long line mode may wait at the end of its input (`--max-wait`; `None`: as
    /// long as it takes).
    max_wait: Option<Duration>,
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
    /// The broker refused this user for good, and why.
    shut_out: Option<String>,
    /// The signal (or input failure) that stopped the client.
    stopped_by: Option<String>,
    /// When quitting began, and what line mode last said about it (the count, when).
    quit_began: Option<Instant>,
    progress: Option<(usize, Instant)>,
}

/// What the run left to say once it is over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// An administrator removed this user while it ran.
    pub removed: bool,
    /// The broker refused this user for good while it ran, and why (a ban, say).
    pub shut_out: Option<String>,
    /// Why the client stopped without being asked to quit (a signal), if it did.
    pub stopped_by: Option<String>,
    /// Messages written here and still pending when the run ended (they go out at the
    /// next start); filled in by the client once the outbox has stopped.
    pub unsent: usize,
}

impl<B: ChatBroker> Driver<B> {
    /// A driver for `app` showing `face`, handing messages to the outbox through
    /// `outgoing` and everything else to `commands`.
    pub fn new(
        mut app: UserApp,
        face: Face,
        commands: Commands<B>,
        outgoing: mpsc::UnboundedSender<Envelope>,
        max_wait: Option<Duration>,
    ) -> Self {
        // Scrolling moves by the rows the TUI draws, at any depth of the history.
        app.set_layout(crate::ui::user::line_rows);
        Self {
            app,
            face,
            commands,
            outgoing: Some(outgoing),
            after_publish: Vec::new(),
            max_wait,
            ending: Ending::default(),
        }
    }

    /// Ends the run: the face is given back (the terminal restored).
    pub fn finish(self) -> Outcome {
        Outcome {
            removed: self.ending.removed,
            shut_out: self.ending.shut_out.clone(),
            stopped_by: self.ending.stopped_by,
            unsent: 0,
        }
    }

    /// Feeds one event to the app and carries out its effects. A removal by an
    /// administrator ends line mode (nothing more can arrive); the TUI keeps showing it
    /// until the user quits.
    pub fn feed(&mut self, event: Event) {
        let removed = event == Event::RemovedByAdmin;
        let shut_out = match &event {
            Event::ShutOut(why) => Some(why.clone()),
            _ => None,
        };
        let effects = self.app.update(event);
        self.execute(effects);
        if removed || shut_out.is_some() {
            self.ending.removed = true;
            self.ending.shut_out = shut_out;
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
            Effect::AnswerPresence { envelope, to } => {
                self.commands.answer_presence(envelope, to);
            }
            Effect::Join(topic) => self.commands.change_subscription(topic, true),
            Effect::Leave(topic) => self.commands.change_subscription(topic, false),
            Effect::Rejoin(topics) => self.commands.rejoin(topics),
            Effect::SettlePresence => self.commands.settle_presence(),
            Effect::ExpireTyping(number) => self.commands.expire_typing(number),
            Effect::ListTopics => self.commands.list_topics(),
            Effect::Search(query) => self.commands.search(query),
            Effect::LoadPage {
                conversation,
                at,
                limit,
            } => self.commands.load_page(conversation, at, limit),
            Effect::MarkRead(conversation) => self.commands.mark_read(conversation),
            Effect::SetClosed {
                conversation,
                closed,
            } => self.commands.set_closed(conversation, closed),
            Effect::SetNotifyLevel {
                conversation,
                level,
            } => self.commands.set_notify_level(conversation, level),
            Effect::GiveBack(line) => self.face.give_back(&line),
            Effect::Notify(notification) => self.face.notify(&notification),
            Effect::OpenLink(url) => self.face.open_link(&url),
            Effect::Show(shown) => {
                if self.face.show(&shown, &self.app).is_err() {
                    // Nobody reads our output any more: leave cleanly.
                    self.feed(Event::Key(Action::Quit));
                }
            }
            Effect::Quit => {
                // Dropping the queue lets the outbox store and send what is in it (the
                // leave announcement last) and wait for every answer, then report it is
                // drained. Until then events keep flowing, so answers are still shown.
                self.outgoing = None;
                let now = Instant::now();
                let wait = match (self.face.is_lines(), &self.ending.stopped_by) {
                    (true, None) => self.max_wait,
                    _ => Some(QUIT_GRACE),
                };
                self.ending.quit_by = wait.map(|wait| now + wait);
                self.ending.quit_began = Some(now);
                if self.face.is_lines() {
                    self.commands.tick_while_quitting();
                }
            }
        }
    }
}

impl<B: ChatBroker> Driver<B> {
    /// While line mode waits at the end, says on stderr how many messages the broker
    /// has still to confirm: after a second, when the count changes, and every ten
    /// seconds.
    async fn say_progress(&mut self) {
        let Some(began) = self.ending.quit_began else {
            return;
        };
        let now = Instant::now();
        if self.ending.drained || now - began < QUIET_WAIT {
            return;
        }
        let count = self.commands.pending_count().await;
        let due = match self.ending.progress {
            None => true,
            Some((said, at)) => said != count || now - at >= PROGRESS_EVERY,
        };
        if !due || count == 0 {
            return;
        }
        self.ending.progress = Some((count, now));
        let why = match &self.app.blocked {
            Some(reason) => format!(" ({})", crate::app::user::blocked_text(reason)),
            None => String::new(),
        };
        let limit = match self.ending.quit_by {
            Some(by) => format!(
                "; giving up in {} s",
                by.saturating_duration_since(now).as_secs()
            ),
            None => "; --max-wait SECS limits the wait".to_owned(),
        };
        eprintln!(
            "chat-tui: waiting for the broker to confirm {count} message{}{why}{limit}",
            if count == 1 { "" } else { "s" }
        );
    }
}

impl<B: ChatBroker> event_loop::Driver for Driver<B> {
    type Event = RuntimeEvent;
    type Error = RunError;

    async fn handle(&mut self, event: RuntimeEvent) {
        match event {
            RuntimeEvent::App(event) => self.feed(event),
            RuntimeEvent::Terminal(event) => {
                if let Some(event) = self.face.read_terminal(event, &self.app) {
                    self.feed(event);
                }
            }
            RuntimeEvent::EndOfInput => self.feed(Event::Key(Action::Quit)),
            RuntimeEvent::OutboxDrained => self.ending.drained = true,
            RuntimeEvent::StillSending => self.say_progress().await,
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
