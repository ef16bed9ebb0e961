//! The event loop: one channel in, the app updated, effects carried out, and one redraw
//! per burst of events (never on a timer, never without a change).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::Event as TermEvent;
use tokio::sync::mpsc;

use crate::app::user::SEARCH_LIMIT;
use crate::app::user::{Action, Effect, Event, UserApp};
use crate::broker::ManagementApi;
use crate::domain::{Envelope, TopicName};
use crate::ui::input_box::InputBox;
use crate::ui::keys::{KeyIntent, map_key};
use crate::ui::plain::format_shown;
use crate::ui::terminal::TerminalGuard;

use super::RuntimeEvent;
use super::startup::{Frontend, RunError};
use super::store_handle::StoreHandle;
use super::supervisor::CurrentSession;

/// Most events handled before a redraw, so a flood never starves the screen.
const BURST: usize = 1024;
/// How long quitting waits for the broker to confirm what is still in flight.
const QUIT_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// The running client: app state, input box, and the handles effects need.
pub struct EventLoop {
    app: UserApp,
    input: InputBox,
    frontend: Frontend,
    sessions: CurrentSession,
    store: StoreHandle,
    management: Arc<ManagementApi>,
    outgoing: Option<mpsc::UnboundedSender<Envelope>>,
    /// Effects held back until the outbox has started on the messages just handed to it.
    after_publish: Vec<Effect>,
    events: mpsc::Sender<RuntimeEvent>,
    page_rows: usize,
    pane: (u16, u16),
    outbox_drained: bool,
    cannot_connect: Option<crate::broker::BrokerError>,
    removed: bool,
    stopped_by: Option<String>,
}

impl EventLoop {
    /// Builds the loop around the supervisor's current session.
    pub fn new(
        mut app: UserApp,
        frontend: Frontend,
        sessions: CurrentSession,
        store: StoreHandle,
        management: ManagementApi,
        outgoing: mpsc::UnboundedSender<Envelope>,
        events: mpsc::Sender<RuntimeEvent>,
    ) -> Self {
        // Scrolling moves by the rows the TUI draws, at any depth of the history.
        app.set_layout(crate::ui::user::line_rows);
        Self {
            app,
            input: InputBox::new(),
            frontend,
            sessions,
            store,
            management: Arc::new(management),
            outgoing: Some(outgoing),
            after_publish: Vec::new(),
            events,
            page_rows: 10,
            pane: (0, 0),
            outbox_drained: false,
            cannot_connect: None,
            removed: false,
            stopped_by: None,
        }
    }

    /// Whether an administrator removed this user while it ran.
    pub fn removed(&self) -> bool {
        self.removed
    }

    /// Runs until the app quits. In TUI mode the terminal is held for the duration and
    /// restored on every way out.
    pub async fn run(
        &mut self,
        mut events: mpsc::Receiver<RuntimeEvent>,
        log_path: Option<PathBuf>,
    ) -> Result<(), RunError> {
        let mut terminal = match self.frontend {
            Frontend::Tui => Some(TerminalGuard::enter(log_path)?),
            Frontend::Plain(_) => None,
        };
        self.let_outbox_start().await;
        self.draw(terminal.as_mut())?;
        let mut deadline = None;
        while !self.outbox_drained {
            let next = match deadline {
                None => events.recv().await,
                Some(at) => match tokio::time::timeout_at(at, events.recv()).await {
                    Ok(event) => event,
                    Err(_) => {
                        tracing::warn!("quit with confirms outstanding; they stay pending");
                        break;
                    }
                },
            };
            let Some(first) = next else { break };
            self.handle(first);
            self.let_outbox_start().await;
            for _ in 0..BURST {
                match events.try_recv() {
                    Ok(event) => {
                        self.handle(event);
                        self.let_outbox_start().await;
                    }
                    Err(_) => break,
                }
            }
            if let Some(err) = self.cannot_connect.take() {
                // Nothing was sent: what was typed meanwhile stays pending in the history.
                return Err(RunError::Broker(err));
            }
            if self.app.quitting && deadline.is_none() {
                // Dropping the sender lets the outbox send what is queued (the leave
                // announcement last), settle every confirm, then report it is drained.
                // Until then events keep flowing, so confirms are still shown.
                self.outgoing = None;
                deadline = Some(tokio::time::Instant::now() + QUIT_GRACE);
            }
            self.draw(terminal.as_mut())?;
        }
        Ok(())
    }

    fn draw(&mut self, terminal: Option<&mut TerminalGuard>) -> Result<(), RunError> {
        let Some(guard) = terminal else { return Ok(()) };
        let (app, input) = (&self.app, &self.input);
        let mut pane = ratatui::layout::Rect::ZERO;
        guard.terminal.draw(|frame| {
            pane = crate::ui::user::message_pane(frame.area());
            crate::ui::user::draw(frame, app, &input.textarea);
        })?;
        self.page_rows = usize::from(pane.height);
        if self.pane != (pane.width, pane.height) {
            self.pane = (pane.width, pane.height);
            let (width, height) = self.pane;
            self.handle_app_event(Event::PaneResized { width, height });
        }
        Ok(())
    }

    fn handle(&mut self, event: RuntimeEvent) {
        match event {
            RuntimeEvent::App(event) => self.handle_app_event(event),
            RuntimeEvent::Terminal(event) => self.handle_terminal(event),
            RuntimeEvent::EndOfInput => self.quit(),
            RuntimeEvent::OutboxDrained => self.outbox_drained = true,
            RuntimeEvent::CannotConnect(err) => self.cannot_connect = Some(err),
            RuntimeEvent::Stop(reason) => {
                tracing::info!(%reason, "stopping");
                self.stopped_by = Some(reason);
                self.quit();
            }
        }
    }

    /// Why the client stopped without being asked to quit (a signal), if it did.
    pub fn stopped_by(&self) -> Option<&str> {
        self.stopped_by.as_deref()
    }

    fn quit(&mut self) {
        let mut effects = Vec::new();
        self.app.quit(&mut effects);
        self.execute(effects);
    }

    /// Feeds one event to the app and carries out its effects. A removal by an
    /// administrator ends line mode (nothing more can arrive); the TUI keeps showing it
    /// until the user quits.
    pub fn handle_app_event(&mut self, event: Event) {
        let removed = event == Event::RemovedByAdmin;
        let effects = self.app.update(event);
        self.execute(effects);
        if removed {
            self.removed = true;
            if matches!(self.frontend, Frontend::Plain(_)) {
                self.quit();
            }
        }
    }

    fn handle_terminal(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) => match map_key(key, self.page_rows) {
                KeyIntent::Submit => {
                    let text = self.input.take();
                    self.handle_app_event(Event::Input(text));
                }
                KeyIntent::Newline => self.input.newline(),
                KeyIntent::App(action) => self.handle_app_event(Event::Key(action)),
                KeyIntent::HistoryPrev => self.input.recall_prev(),
                KeyIntent::HistoryNext => self.input.recall_next(),
                KeyIntent::Escape if self.app.help_open => {
                    self.handle_app_event(Event::Key(Action::ToggleHelp))
                }
                KeyIntent::Quit => self.quit(),
                KeyIntent::Edit(key) => self.input.edit(key),
                KeyIntent::Escape | KeyIntent::Ignore => {}
            },
            TermEvent::Paste(text) => self.input.paste(&text),
            _ => {}
        }
    }

    /// Carries out effects in order, except that messages to publish go to the outbox
    /// first; the rest (printing, say) then waits for [`EventLoop::let_outbox_start`].
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
            Effect::Join(topic) => self.change_subscription(topic, true),
            Effect::Leave(topic) => self.change_subscription(topic, false),
            Effect::ListTopics => {
                let management = Arc::clone(&self.management);
                self.spawn_answer(async move {
                    Event::TopicsListed(management.list_topics().await.map_err(|e| e.to_string()))
                });
            }
            Effect::Search(query) => {
                let store = self.store.clone();
                self.spawn_answer(async move {
                    let q = query.clone();
                    match store.run(move |h| h.search(&q, SEARCH_LIMIT)).await {
                        Ok(found) => Event::SearchResults { query, found },
                        Err(err) => Event::CommandFailed(format!("search failed: {err}")),
                    }
                });
            }
            Effect::LoadPage {
                conversation,
                at,
                limit,
            } => {
                let store = self.store.clone();
                self.spawn_answer(async move {
                    let (whose, which) = (conversation.clone(), at.clone());
                    let result = store
                        .run(move |h| h.page(&whose, &which, limit))
                        .await
                        .map_err(|err| err.to_string());
                    Event::PageLoaded {
                        conversation,
                        at,
                        result,
                    }
                });
            }
            Effect::MarkRead(conversation) => {
                let store = self.store.clone();
                tokio::spawn(async move {
                    if let Err(err) = store.run(move |h| h.mark_read(&conversation)).await {
                        tracing::warn!(%err, "cannot record what was read");
                    }
                });
            }
            Effect::Show(shown) => {
                if let Frontend::Plain(format) = self.frontend
                    && let Some(line) =
                        format_shown(&shown, &self.app.me, self.app.local_offset, format)
                {
                    let mut out = std::io::stdout().lock();
                    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
                        // Nobody reads our output any more: leave cleanly.
                        drop(out);
                        self.quit();
                    }
                }
            }
            Effect::Quit => {}
        }
    }

    /// Joins or leaves a topic on the broker, then records it locally so the sidebar
    /// lists the topic after a restart. While reconnecting it says it cannot.
    fn change_subscription(&self, topic: TopicName, subscribed: bool) {
        let session = self.sessions.borrow().clone();
        let store = self.store.clone();
        self.spawn_answer(async move {
            let Some(session) = session else {
                let verb = if subscribed { "join" } else { "leave" };
                return Event::CommandFailed(format!(
                    "cannot {verb} #{topic} now: not connected to the broker; try again once reconnected"
                ));
            };
            let done = if subscribed {
                session.join(&topic).await
            } else {
                session.leave(&topic).await
            };
            if let Err(err) = done {
                return Event::CommandFailed(err.to_string());
            }
            let recorded = topic.clone();
            if let Err(err) = store
                .run(move |h| h.set_subscribed(&recorded, subscribed))
                .await
            {
                tracing::warn!(%err, "cannot record a subscription");
            }
            if subscribed {
                Event::Joined(topic)
            } else {
                Event::Left(topic)
            }
        });
    }

    /// Runs `work` in the background and feeds its answer back to the app.
    fn spawn_answer(&self, work: impl Future<Output = Event> + Send + 'static) {
        let events = self.events.clone();
        tokio::spawn(async move {
            let event = work.await;
            let _ = events.send(RuntimeEvent::App(event)).await;
        });
    }
}
