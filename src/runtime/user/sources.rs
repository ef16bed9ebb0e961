//! The event sources besides the inbox: presence, the roster timer, the terminal, stdin
//! and signals. Each runs as its own task (stdin as a thread) and feeds the one event
//! channel.

use std::io::BufRead;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::broker::user::PresenceStream;
use crate::domain::receive::presence_is_trusted;
use crate::domain::{Envelope, Payload, Trust};

use super::events::RuntimeEvent;

/// Presence announcements, decoded; anything unreadable on the presence exchange is
/// logged and skipped (presence is never stored), and so is, with the user's own
/// account, an announcement whose `user_id` is not its sender's.
pub async fn presence(
    mut feed: impl PresenceStream,
    events: mpsc::Sender<RuntimeEvent>,
    trust: Trust,
) {
    while let Some(note) = feed.receive().await {
        match Envelope::decode(&note.body) {
            Ok(Envelope {
                from,
                payload:
                    Payload::Presence {
                        state,
                        topics,
                        again,
                        away,
                    },
                ..
            }) => {
                if !presence_is_trusted(&from, note.user_id.as_deref(), trust) {
                    tracing::debug!(claimed = %from, "ignored presence sent under another account");
                    continue;
                }
                let event = Event::Presence {
                    from,
                    state,
                    topics,
                    answer: note.answer,
                    again,
                    away,
                };
                if events.send(RuntimeEvent::App(event)).await.is_err() {
                    return;
                }
            }
            Ok(Envelope {
                from,
                payload: Payload::Typing { to },
                ..
            }) => {
                if !presence_is_trusted(&from, note.user_id.as_deref(), trust) {
                    continue;
                }
                let event = Event::PeerTyping { from, to };
                if events.send(RuntimeEvent::App(event)).await.is_err() {
                    return;
                }
            }
            Ok(_) => tracing::debug!("ignored a non-presence envelope on chat.presence"),
            Err(err) => {
                tracing::debug!(err = %crate::logging::safe(&err), "ignored an unreadable presence message");
            }
        }
    }
}

/// The broker's blocks of this session's publishing, as they change (the state at the
/// start included).
pub async fn blocked(
    mut blocked: tokio::sync::watch::Receiver<Option<String>>,
    events: mpsc::Sender<RuntimeEvent>,
) {
    loop {
        let now = blocked.borrow_and_update().clone();
        if events
            .send(RuntimeEvent::App(Event::Blocked(now)))
            .await
            .is_err()
            || blocked.changed().await.is_err()
        {
            return;
        }
    }
}

/// The roster timer: one tick per interval, the first after one interval.
pub async fn roster(interval: Duration, events: mpsc::Sender<RuntimeEvent>) {
    let mut timer = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        if events
            .send(RuntimeEvent::App(Event::RosterTick))
            .await
            .is_err()
        {
            return;
        }
    }
}

/// Terminal input (keys, pastes, resizes); a read error stops the client.
pub async fn terminal(events: mpsc::Sender<RuntimeEvent>) {
    crate::runtime::shared_sources::terminal_input(events, |item| match item {
        Ok(event) => RuntimeEvent::Terminal(event),
        Err(reason) => RuntimeEvent::Stop(reason),
    })
    .await;
}

/// Standard input for line mode: one event per line; end of input is reported once.
/// Lines are read on a thread of their own that hands each one straight to the event
/// loop (async stdin would add a hop through a blocking thread and a task to every
/// line, which shows in a message's latency).
pub fn stdin_lines(events: mpsc::Sender<RuntimeEvent>) {
    let reader = events.clone();
    let spawned = std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || read_lines(std::io::stdin().lock(), &reader));
    if let Err(err) = spawned {
        tracing::error!(%err, "cannot start the stdin reader");
        let _ = events.try_send(RuntimeEvent::Stop(format!("cannot read stdin: {err}")));
    }
}

/// Sends each line of `input` to the event loop, then [`RuntimeEvent::EndOfInput`].
fn read_lines(input: impl BufRead, events: &mpsc::Sender<RuntimeEvent>) {
    for line in input.lines() {
        match line {
            Ok(line) => {
                if events
                    .blocking_send(RuntimeEvent::App(Event::Input(line)))
                    .is_err()
                {
                    return;
                }
            }
            Err(err) => {
                tracing::warn!(%err, "stdin is not readable text");
                let _ = events.blocking_send(RuntimeEvent::App(Event::Disconnected(format!(
                    "stdin: {err}"
                ))));
                break;
            }
        }
    }
    let _ = events.blocking_send(RuntimeEvent::EndOfInput);
}

/// SIGTERM, SIGHUP and SIGINT end the client cleanly (leave announced, terminal restored).
pub async fn signals(events: mpsc::Sender<RuntimeEvent>) {
    let name = crate::runtime::shared_sources::stop_signal().await;
    let _ = events
        .send(RuntimeEvent::Stop(format!("received {name}")))
        .await;
}
