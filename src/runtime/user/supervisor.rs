//! The connection supervisor: it owns the broker session for as long as the client runs.
//!
//! It runs the current session's inbox pump and presence feed and publishes the session
//! on a `watch` channel for the outbox and the commands. When the connection is lost it
//! gets a new one by itself (lapin's own recovery is not used: it does not survive a
//! full broker restart and does not re-apply `basic_qos`), waiting 1, 2, 4, 8, then 10 s
//! between attempts — each plus up to half again at random, so that many clients do not
//! come back together — and telling the app each second how long is left. A fresh session
//! re-declares the topology, re-applies the prefetch and takes the inbox again with its
//! exclusive consumer; while the broker still holds the old session's consumer that
//! attempt is refused and simply retried. Only an administrator's removal ends it for good.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use crate::app::user::Event;
use crate::broker::BrokerError;
use crate::broker::user::{ChatBroker, ChatSession, Connected};
use crate::domain::UserName;

use super::connect;
use super::events::RuntimeEvent;
use super::inbox::{self, PumpEnd};
use super::sources;
use super::store_handle::StoreHandle;

/// Messages the broker may push to us before we ack (AMQP prefetch).
pub const PREFETCH: u16 = 500;
/// The wait before the first attempt after a loss.
const FIRST_RETRY: u64 = 1;
/// The longest wait between two attempts.
const MAX_RETRY: u64 = 10;
/// A session that lasted less than this failed soon after connecting (a store that
/// cannot write, say): the next attempt keeps backing off instead of starting at 1 s.
const STABLE: Duration = Duration::from_secs(30);
/// The random pause added to a wait before an attempt: up to this many milliseconds per
/// second of the wait (half of it).
const JITTER_MILLIS_PER_SEC: u64 = 500;
/// How long closing a lost session may take before it is left behind.
const CLOSE_GRACE: Duration = Duration::from_secs(2);
/// How long the inbox may go on after the presence feed ended before the session is
/// taken for lost: the feed ends only with the connection, and the inbox normally
/// says so at once (once in a CI run after a broker restart, it never did).
const INBOX_GRACE: Duration = Duration::from_secs(10);

/// The session in use right now; `None` while reconnecting (or after a removal).
pub type CurrentSession<S> = watch::Receiver<Option<Arc<S>>>;

/// A session in service: shared with the outbox and the commands.
type Live<S> = (
    Arc<S>,
    <S as ChatSession>::Inbox,
    <S as ChatSession>::Presence,
);

/// Keeps the client connected; see the module documentation.
pub struct Supervisor<B: ChatBroker> {
    broker: Arc<B>,
    me: UserName,
    store: StoreHandle,
    events: mpsc::Sender<RuntimeEvent>,
    current: watch::Sender<Option<Arc<B::Session>>>,
    first: Option<Live<B::Session>>,
    stopping: watch::Receiver<bool>,
    /// How long the first connection keeps trying a broker that is slow to answer.
    connect_limit: Duration,
}

impl<B: ChatBroker> Supervisor<B> {
    /// A supervisor for `me` on `broker`, and the receiver that always holds its
    /// current session. With a session `first` (line mode connects before reading
    /// input), the receiver holds it from the start, so nothing written before
    /// [`Supervisor::run`] begins waits for a reconnection. Without one (the TUI draws
    /// before connecting), `run` connects first. When `stopping` turns true (or its
    /// sender is dropped) `run` ends soon: the inbox pump finishes the burst in hand,
    /// acks included, and the session is closed.
    pub fn new(
        broker: Arc<B>,
        me: UserName,
        store: StoreHandle,
        events: mpsc::Sender<RuntimeEvent>,
        first: Option<Connected<B::Session>>,
        stopping: watch::Receiver<bool>,
        connect_limit: Duration,
    ) -> (Self, CurrentSession<B::Session>) {
        let first = first.map(|c| (Arc::new(c.session), c.inbox, c.presence));
        let (current, receiver) = watch::channel(first.as_ref().map(|live| Arc::clone(&live.0)));
        let supervisor = Self {
            broker,
            me,
            store,
            events,
            current,
            first,
            stopping,
            connect_limit,
        };
        (supervisor, receiver)
    }

    /// Serves the first session, then every session after it, until the app goes away
    /// or an administrator removes this user. When there was no first session it
    /// connects now; if that fails, the app hears [`RuntimeEvent::CannotConnect`] (the
    /// same refusal line mode gets before it starts) and the supervisor ends.
    pub async fn run(mut self) {
        let mut live = match self.first.take() {
            Some(live) => live,
            None => match self.first_connect().await {
                Some(live) => live,
                None => return,
            },
        };
        // The wait that found the current session, if it came from a reconnection.
        let mut last_wait: Option<u64> = None;
        loop {
            let served_since = tokio::time::Instant::now();
            let reason = match self.serve(live).await {
                PumpEnd::Lost(reason) => reason,
                PumpEnd::Removed => {
                    let _ = self.tell(Event::RemovedByAdmin).await;
                    return;
                }
                PumpEnd::AppGone => return,
            };
            tracing::warn!(reason = %crate::logging::safe(&reason), "connection lost; reconnecting");
            let wait = match last_wait {
                Some(wait) if served_since.elapsed() < STABLE => (wait * 2).min(MAX_RETRY),
                _ => FIRST_RETRY,
            };
            let Some((connected, waited)) = self.reconnect(reason, wait).await else {
                return;
            };
            last_wait = Some(waited);
            tracing::info!(user = %self.me, "reconnected; inbox taken again");
            let Some(next) = self.go_live(connected).await else {
                return;
            };
            live = next;
        }
    }

    /// The first connection, made while the first frame is already on screen.
    async fn first_connect(&self) -> Option<Live<B::Session>> {
        let mut told = false;
        let result = connect::patiently(
            || self.broker.connect(&self.me, PREFETCH),
            self.connect_limit,
            |_| {
                // Said once; a full channel only means the app has more pressing news.
                if !told {
                    told = true;
                    let slow = RuntimeEvent::App(Event::SlowToConnect);
                    let _ = self.events.try_send(slow);
                }
            },
        )
        .await;
        match result {
            Ok(connected) => {
                tracing::info!(user = %self.me, "connected; inbox taken");
                self.go_live(connected).await
            }
            Err(err) => {
                let _ = self.events.send(RuntimeEvent::CannotConnect(err)).await;
                None
            }
        }
    }

    /// Tells the app a new session is up and makes it the current one.
    async fn go_live(&self, connected: Connected<B::Session>) -> Option<Live<B::Session>> {
        let waiting = connected.session.waiting_at_connect();
        self.tell(Event::Connected { waiting }).await?;
        let session = Arc::new(connected.session);
        self.current.send_replace(Some(Arc::clone(&session)));
        Some((session, connected.inbox, connected.presence))
    }

    /// Runs one session until its inbox ends, then closes what is left of it.
    async fn serve(&self, (session, inbox, presence): Live<B::Session>) -> PumpEnd {
        let trust = session.trust();
        let mut presence_feed =
            tokio::spawn(sources::presence(presence, self.events.clone(), trust));
        let blocked = tokio::spawn(sources::blocked(session.blocked(), self.events.clone()));
        let pump = inbox::pump(
            inbox,
            self.store.clone(),
            self.me.clone(),
            trust,
            self.events.clone(),
            self.stopping.clone(),
        );
        tokio::pin!(pump);
        let end = tokio::select! {
            end = &mut pump => end,
            _ = &mut presence_feed => match tokio::time::timeout(INBOX_GRACE, &mut pump).await {
                Ok(end) => end,
                Err(_) => PumpEnd::Lost("the broker stopped answering".into()),
            },
        };
        presence_feed.abort();
        blocked.abort();
        self.current.send_replace(None);
        // The connection may be half alive (a store failure ends the inbox too): close it
        // so the broker releases the inbox for the next session.
        if tokio::time::timeout(CLOSE_GRACE, session.close())
            .await
            .is_err()
        {
            tracing::debug!("closing the lost session timed out");
        }
        end
    }

    /// Tries again and again, first after `wait` seconds and then backing off, until a
    /// session takes the inbox; returns it with the last wait. `None` when the app went
    /// away meanwhile.
    async fn reconnect(
        &self,
        mut reason: String,
        mut wait: u64,
    ) -> Option<(Connected<B::Session>, u64)> {
        loop {
            for left in (1..=wait).rev() {
                self.tell(Event::Reconnecting {
                    reason: reason.clone(),
                    retry_in_secs: left,
                })
                .await?;
                let mut stopping = self.stopping.clone();
                tokio::select! {
                    _ = stopping.wait_for(|stop| *stop) => return None,
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
            self.tell(Event::Reconnecting {
                reason: reason.clone(),
                retry_in_secs: 0,
            })
            .await?;
            // Up to half the wait again, at random: clients that lost the same broker
            // at the same moment do not all come back in the same second.
            let jitter = Duration::from_millis(fastrand::u64(0..=wait * JITTER_MILLIS_PER_SEC));
            let mut stopping = self.stopping.clone();
            tokio::select! {
                _ = stopping.wait_for(|stop| *stop) => return None,
                () = tokio::time::sleep(jitter) => {}
            }
            match self.broker.connect(&self.me, PREFETCH).await {
                Ok(connected) => return Some((connected, wait)),
                // The broker's own word that this user is out: trying again cannot help.
                Err(
                    error @ (BrokerError::Banned(_)
                    | BrokerError::NoInbox(_)
                    | BrokerError::NotSetUp(_)
                    | BrokerError::LoginRefused { .. }),
                ) => {
                    tracing::warn!(%error, "the broker refuses this user; not retrying");
                    let why = match error {
                        // It logged in before: the account changed since.
                        BrokerError::LoginRefused { .. } => format!(
                            "{error} (it worked until now: an operator removed the account or changed its password)"
                        ),
                        other => other.to_string(),
                    };
                    let _ = self.tell(Event::ShutOut(why)).await;
                    return None;
                }
                Err(BrokerError::AlreadyConnected(me)) => {
                    reason = format!(
                        "the inbox of {me} is held by another session (the lost one, until the broker notices it is gone, or {me} connected elsewhere)"
                    );
                }
                Err(error) => reason = error.to_string(),
            }
            tracing::info!(reason = %crate::logging::safe(&reason), "reconnection attempt failed");
            wait = (wait * 2).min(MAX_RETRY);
        }
    }

    /// Sends `event` to the app; `None` once the app is gone.
    async fn tell(&self, event: Event) -> Option<()> {
        self.events.send(RuntimeEvent::App(event)).await.ok()
    }
}
