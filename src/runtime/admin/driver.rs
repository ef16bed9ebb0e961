//! The driver: feeds events to the pure admin app and carries out its effects — actions
//! and detail reads on their own tasks, refreshes by waking the poller — and tells the
//! poller which queues are on screen.

use std::sync::Arc;

use tokio::sync::{Notify, mpsc, watch};

use crate::app::admin::{AdminApp, Effect, Event};
use crate::broker::console::Console;

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
    quitting: bool,
}

impl<C: Console> Driver<C> {
    /// Wraps `app`. Action results are sent to `events`; `refresh_now` wakes the poller;
    /// `watched` tells it which queues to count live.
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
            quitting: false,
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

    /// Updates the app with `event` and carries out what it asks for.
    pub fn handle(&mut self, event: Event) {
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
                        Ok(()) => Event::ActionDone(action),
                        Err(err) => {
                            tracing::warn!(%action, %err, "action failed");
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

#[cfg(test)]
#[path = "driver_tests.rs"]
mod tests;
