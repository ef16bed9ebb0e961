//! The event sources besides the inbox: presence, the roster timer, the terminal, stdin
//! and signals. Each runs as its own task and feeds the one event channel.

use std::time::Duration;

use tokio::io::AsyncBufReadExt;
use tokio::sync::mpsc;

use crate::app::user::Event;
use crate::broker::PresenceFeed;
use crate::domain::{Envelope, Payload};

use super::RuntimeEvent;

/// Presence announcements, decoded; anything unreadable on the presence exchange is
/// logged and skipped (presence is never stored).
pub async fn presence(mut feed: PresenceFeed, events: mpsc::Sender<RuntimeEvent>) {
    while let Some(bytes) = feed.next().await {
        match Envelope::decode(&bytes) {
            Ok(Envelope {
                from,
                payload: Payload::Presence { state },
                ..
            }) => {
                if events
                    .send(RuntimeEvent::App(Event::Presence { from, state }))
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Ok(_) => tracing::debug!("ignored a non-presence envelope on chat.presence"),
            Err(err) => tracing::debug!(%err, "ignored an unreadable presence message"),
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
pub async fn stdin_lines(events: mpsc::Sender<RuntimeEvent>) {
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    loop {
        match lines.next_line().await {
            Ok(Some(line)) => {
                if events
                    .send(RuntimeEvent::App(Event::Input(line)))
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Ok(None) => break,
            Err(err) => {
                tracing::warn!(%err, "stdin is not readable text");
                let _ = events
                    .send(RuntimeEvent::App(Event::Disconnected(format!(
                        "stdin: {err}"
                    ))))
                    .await;
                break;
            }
        }
    }
    let _ = events.send(RuntimeEvent::EndOfInput).await;
}

/// SIGTERM, SIGHUP and SIGINT end the client cleanly (leave announced, terminal restored).
pub async fn signals(events: mpsc::Sender<RuntimeEvent>) {
    let name = crate::runtime::shared_sources::stop_signal().await;
    let _ = events
        .send(RuntimeEvent::Stop(format!("received {name}")))
        .await;
}
