//! The admin driver: it feeds events to the pure admin app and carries out its effects
//! — actions and detail reads on their own tasks, refreshes by waking the poller —,
//! tells the poller which queues are on screen, and draws the console when it has a
//! terminal. It runs on the shared event loop.

use std::sync::Arc;

use ratatui::crossterm::event::{Event as TermEvent, KeyEventKind};
use ratatui::layout::Rect;
use tokio::sync::{Notify, mpsc, watch};

use crate::app::admin::{AdminApp, Effect, Event};
use crate::broker::console::Console;
use crate::runtime::event_loop;
use crate::ui::admin::{draw, keys::map_keys, table_rows};
use crate::ui::terminal::TerminalGuard;

/// Everything the admin event loop reacts to, from every source.
#[derive(Debug)]
pub enum AdminEvent {
    /// An event for the app (refresh results, action outcomes, ticks); boxed because a
    /// snapshot is large and terminal events are many.
    App(Box<Event>),
    /// A key, paste or resize from the terminal.
    Terminal(ratatui::crossterm::event::Event),
    /// A signal or a terminal failure: leave cleanly; the text says why.
    Stop(String),
}

/// The admin app plus the handles its effects need.
pub struct Driver<C: Console> {
    app: AdminApp,
    console: Arc<C>,
    events: mpsc::Sender<AdminEvent>,
    refresh_now: Arc<Notify>,
    watched: watch::Sender<Vec<String>>,
    screen: Option<Screen>,
    quitting: bool,
    stopped_by: Option<String>,
}

/// The terminal the console is drawn on, and how many table rows it showed last.
struct Screen {
    guard: TerminalGuard,
    rows: u16,
}

impl<C: Console> Driver<C> {
    /// Wraps `app`. Action results are sent to `events`; `refresh_now` wakes the poller;
    /// `watched` tells it which queues to count live. It draws nothing until given a
    /// terminal ([`Driver::with_terminal`]).
    pub fn new(
        app: AdminApp,
        console: Arc<C>,
        events: mpsc::Sender<AdminEvent>,
        refresh_now: Arc<Notify>,
        watched: watch::Sender<Vec<String>>,
    ) -> Self {
        Self {
            app,
            console,
            events,
            refresh_now,
            watched,
            screen: None,
            quitting: false,
            stopped_by: None,
        }
    }

    /// The same driver, drawing on `guard`'s terminal.
    pub fn with_terminal(self, guard: TerminalGuard) -> Self {
        Self {
            screen: Some(Screen { guard, rows: 0 }),
            ..self
        }
    }

    /// The app, for drawing.
    pub fn app(&self) -> &AdminApp {
        &self.app
    }

    /// True once the app asked to quit.
    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// Why the console stopped without being asked to quit (a signal), if it did.
    pub fn stopped_by(&self) -> Option<&str> {
        self.stopped_by.as_deref()
    }

    /// Updates the app with `event` and carries out what it asks for.
    pub fn feed(&mut self, event: Event) {
        for effect in self.app.update(event) {
            self.run_effect(effect);
        }
        let watched = self.app.watched_queues();
        self.watched.send_if_modified(|current| {
            let changed = *current != watched;
            if changed {
                *current = watched;
            }
            changed
        });
    }

    fn run_effect(&mut self, effect: Effect) {
        match effect {
            Effect::Refresh => self.refresh_now.notify_one(),
            Effect::Quit => self.quitting = true,
            Effect::Perform(action) => {
                let console = Arc::clone(&self.console);
                let events = self.events.clone();
                tokio::spawn(async move {
                    let event = match console.perform(&action).await {
                        Ok(outcome) => Event::ActionDone { action, outcome },
                        Err(err) => {
                            tracing::warn!(action = %crate::logging::safe(&action), err = %crate::logging::safe(&err), "action failed");
                            Event::ActionFailed {
                                action,
                                error: err.to_string(),
                            }
                        }
                    };
                    let _ = events.send(AdminEvent::App(Box::new(event))).await;
                });
            }
            Effect::FetchDetails(target) => {
                let console = Arc::clone(&self.console);
                let events = self.events.clone();
                tokio::spawn(async move {
                    let result = console.details(&target).await.map_err(|e| e.to_string());
                    let _ = events
                        .send(AdminEvent::App(Box::new(Event::Details { target, result })))
                        .await;
                });
            }
        }
    }
}

impl<C: Console> event_loop::Driver for Driver<C> {
    type Event = AdminEvent;
    type Error = std::io::Error;

    async fn handle(&mut self, event: AdminEvent) {
        match event {
            AdminEvent::App(event) => self.feed(*event),
            AdminEvent::Terminal(TermEvent::Key(key)) if key.kind != KeyEventKind::Release => {
                for key in map_keys(key) {
                    self.feed(Event::Key(key));
                    if self.quitting {
                        break;
                    }
                }
            }
            AdminEvent::Terminal(_) => {}
            AdminEvent::Stop(reason) => self.stopped_by = Some(reason),
        }
    }

    fn finished(&mut self) -> Option<Result<(), std::io::Error>> {
        (self.quitting || self.stopped_by.is_some()).then_some(Ok(()))
    }

    /// Measures the table before drawing, so paging and the live-count window follow
    /// the terminal's size.
    fn draw(&mut self) -> std::io::Result<()> {
        let Some(screen) = &mut self.screen else {
            return Ok(());
        };
        let size = screen.guard.terminal.size()?;
        let visible = table_rows(Rect::new(0, 0, size.width, size.height));
        let resized = visible != screen.rows;
        screen.rows = visible;
        if resized {
            self.feed(Event::Viewport { rows: visible });
        }
        if let Some(screen) = &mut self.screen {
            let app = &self.app;
            screen.guard.terminal.draw(|frame| {
                draw(frame, app);
                crate::ui::theme::paint(frame.buffer_mut());
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "driver_tests.rs"]
mod tests;
