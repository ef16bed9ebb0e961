//! One user's live session: the connection, publishing with confirms, topic membership.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use lapin::options::{
    BasicConsumeOptions, BasicQosOptions, ConfirmSelectOptions, ExchangeDeclareOptions,
    QueueBindOptions, QueueDeclareOptions,
};
use lapin::protocol::{AMQPHardError, AMQPSoftError};
use lapin::types::FieldTable;
use lapin::uri::AMQPUri;
use lapin::{Channel, Connection, ConnectionProperties, ExchangeKind};
use tokio::sync::watch;

use super::confirm::{ConfirmTracker, KnownTopics, PendingConfirm};
use super::incoming::{Inbox, PresenceFeed};
use crate::broker::error::{BrokerError, is_hard_error, is_soft_error};
use crate::broker::publish::{Route, answer_route, default_exchange_route, publish_routed, route};
use crate::broker::tls::{TlsTrust, connect_amqp, tls_refusal};
use crate::broker::topology::{
    check_inbox, check_shared_exchanges, declare_inbox, declare_shared_exchanges,
};
use crate::domain::wire::{
    AnswerTo, PRESENCE_ANSWERS_EXCHANGE, PRESENCE_EXCHANGE, client_connection_name, inbox_queue,
    topic_exchange, typing_key, typing_topic_key,
};
use crate::domain::{Envelope, Payload, PresenceState, TopicName, Trust, UserName};

/// How long connecting may take before the broker counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The AMQP heartbeat asked for when the URL names none: a silent broker (a cut network)
/// is noticed within about two of these, instead of RabbitMQ's default of 60 s.
pub const HEARTBEAT_SECS: u16 = 10;

/// The largest AMQP frame asked for when the URL names none. lapin keeps 32 frames of
/// buffer each way per connection: at RabbitMQ's default of 128 KiB that is 8 MiB of an
/// idle client's memory, where a chat message is a few hundred bytes (a bigger body is
/// simply sent in several frames).
pub const FRAME_MAX: u32 = 8192;

/// A connected user: publishes envelopes and manages topic subscriptions. The matching
/// [`Inbox`] and [`PresenceFeed`] are returned next to it by [`UserSession::connect`].
#[derive(Debug)]
pub struct UserSession {
    connection: Connection,
    me: UserName,
    publisher: tokio::sync::Mutex<Channel>,
    confirms: ConfirmTracker,
    known_topics: KnownTopics,
    waiting_at_connect: u32,
    blocked: watch::Receiver<Option<String>>,
    /// This session's presence queue (server-named): where answers to its `join` go.
    presence_queue: String,
    /// The account this session logged in with: every publish carries it as `user_id`.
    login: String,
    /// Whether that account is the user's own (names verified) or a shared one.
    trust: Trust,
}

/// The login an AMQP URL logs in with (lapin's default, `guest`, when it names none).
pub fn login_of(amqp_url: &str) -> Option<String> {
    amqp_url
        .parse::<AMQPUri>()
        .ok()
        .map(|uri| uri.authority.userinfo.username)
}

/// How far `me` can trust names when logged in as `login`: its own account verifies
/// them, a shared one (guest) does not.
pub fn trust_of(login: &str, me: &UserName) -> Trust {
    if login == me.as_str() {
        Trust::Accounts
    } else {
        Trust::Open
    }
}

impl UserSession {
    /// Connects as `me`: in open mode declares the shared exchanges and the inbox with
    /// its bindings, with `me`'s own account only checks they exist; takes the inbox
    /// with an exclusive consumer (at most `prefetch` unacked messages at a time), then
    /// opens this client's presence queue.
    ///
    /// Fails with [`BrokerError::Unreachable`] within [`CONNECT_TIMEOUT`] when no broker
    /// answers, with [`BrokerError::Banned`] when the broker refuses the account the
    /// virtual host, with [`BrokerError::NoInbox`] or [`BrokerError::NotSetUp`] when
    /// the operator has not made what an account needs, and with
    /// [`BrokerError::AlreadyConnected`] when another session holds the inbox; in every
    /// such case nothing was consumed or published. `amqps://` trusts the system's
    /// authorities (see [`UserSession::connect_trusting`]).
    pub async fn connect(
        amqp_url: &str,
        me: &UserName,
        prefetch: u16,
    ) -> Result<(UserSession, Inbox, PresenceFeed), BrokerError> {
        Self::connect_trusting(amqp_url, &TlsTrust::system(), me, prefetch).await
    }

    /// [`UserSession::connect`], with `amqps://` trusting `tls`'s authorities; fails with
    /// [`BrokerError::Tls`] when the broker's certificate is refused.
    pub async fn connect_trusting(
        amqp_url: &str,
        tls: &TlsTrust,
        me: &UserName,
        prefetch: u16,
    ) -> Result<(UserSession, Inbox, PresenceFeed), BrokerError> {
        let properties =
            ConnectionProperties::default().with_connection_name(client_connection_name(me).into());
        let unreachable = |reason: String| BrokerError::Unreachable {
            url: amqp_url.to_owned(),
            reason,
        };
        let mut uri: AMQPUri = amqp_url.parse().map_err(unreachable)?;
        let login = uri.authority.userinfo.username.clone();
        let trust = trust_of(&login, me);
        let login_refused = BrokerError::LoginRefused {
            user: login.clone(),
            broker: format!("{}:{}", uri.authority.host, uri.authority.port),
        };
        uri.query.heartbeat.get_or_insert(HEARTBEAT_SECS);
        uri.query.frame_max.get_or_insert(FRAME_MAX);
        let connection =
            match tokio::time::timeout(CONNECT_TIMEOUT, connect_amqp(uri, properties, tls)).await {
                Err(_) => {
                    return Err(BrokerError::TimedOut {
                        url: amqp_url.to_owned(),
                        secs: CONNECT_TIMEOUT.as_secs(),
                    });
                }
                Ok(Err(error)) if is_hard_error(&error, AMQPHardError::NOTALLOWED) => {
                    return Err(BrokerError::Banned(me.clone()));
                }
                Ok(Err(error)) if is_soft_error(&error, AMQPSoftError::ACCESSREFUSED) => {
                    return Err(login_refused);
                }
                Ok(Err(error)) => {
                    return Err(match tls_refusal(&error, amqp_url) {
                        Some(reason) => BrokerError::Tls {
                            url: amqp_url.to_owned(),
                            reason,
                        },
                        None => unreachable(error.to_string()),
                    });
                }
                Ok(Ok(connection)) => connection,
            };
        // Listening from the start: RabbitMQ sends `connection.blocked` once.
        let blocked = watch_blocked(&connection);
        match Self::set_up(&connection, me, prefetch, trust).await {
            Ok((publisher, inbox, presence, waiting_at_connect, presence_queue)) => {
                let known_topics: KnownTopics = Arc::new(Mutex::new(HashSet::new()));
                let session = UserSession {
                    connection,
                    me: me.clone(),
                    publisher: tokio::sync::Mutex::new(publisher),
                    confirms: ConfirmTracker::spawn(known_topics.clone()),
                    known_topics,
                    waiting_at_connect,
                    blocked,
                    presence_queue,
                    login,
                    trust,
                };
                Ok((session, inbox, presence))
            }
            Err(error) => {
                // Best effort: the connection may already be gone.
                let _ = connection.close(200, "setup failed".into()).await;
                Err(error)
            }
        }
    }

    async fn set_up(
        connection: &Connection,
        me: &UserName,
        prefetch: u16,
        trust: Trust,
    ) -> Result<(Channel, Inbox, PresenceFeed, u32, String), BrokerError> {
        let publisher = open_publisher(connection).await?;
        let waiting = match trust {
            Trust::Open => {
                declare_shared_exchanges(&publisher).await?;
                // An inbox that exists keeps its bindings (they are durable): binding
                // again costs the broker a transaction each, which is what limits how
                // fast a crowd comes back after a restart.
                match check_inbox(connection, me).await {
                    Ok(waiting) => waiting,
                    Err(BrokerError::NoInbox(_)) => declare_inbox(&publisher, me).await?,
                    Err(other) => return Err(other),
                }
            }
            Trust::Accounts => {
                check_shared_exchanges(connection).await?;
                check_inbox(connection, me).await?
            }
        };

        let inbox_channel = open_channel(connection, "open the inbox channel").await?;
        inbox_channel
            .basic_qos(prefetch, BasicQosOptions::default())
            .await
            .map_err(|e| BrokerError::amqp("set the inbox prefetch", e))?;
        let inbox = inbox_channel
            .basic_consume(
                inbox_queue(me).into(),
                format!("chat-tui.{me}.{}", uuid::Uuid::now_v7()).into(),
                BasicConsumeOptions {
                    exclusive: true,
                    no_ack: false,
                    ..BasicConsumeOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| {
                if is_soft_error(&e, AMQPSoftError::ACCESSREFUSED) {
                    BrokerError::AlreadyConnected(me.clone())
                } else {
                    BrokerError::amqp("consume the inbox", e)
                }
            })?;

        let presence_channel = open_channel(connection, "open the presence channel").await?;
        let queue = presence_channel
            .queue_declare(
                "".into(),
                QueueDeclareOptions {
                    exclusive: true,
                    auto_delete: true,
                    ..QueueDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp("declare the presence queue", e))?;
        presence_channel
            .queue_bind(
                queue.name().clone(),
                PRESENCE_EXCHANGE.into(),
                "".into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp("bind the presence queue", e))?;
        // Answers to our join come through chat.presence.answers, keyed by our queue.
        presence_channel
            .queue_bind(
                queue.name().clone(),
                PRESENCE_ANSWERS_EXCHANGE.into(),
                queue.name().as_str().into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp("bind the presence queue to its answers", e))?;
        // Typing notices in a direct conversation come the same way, keyed `@<me>`
        // (protocol version 4): one delivery, not one per client online.
        presence_channel
            .queue_bind(
                queue.name().clone(),
                PRESENCE_ANSWERS_EXCHANGE.into(),
                typing_key(me).as_str().into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp("bind the presence queue to typing notices", e))?;
        let presence = presence_channel
            .basic_consume(
                queue.name().clone(),
                "".into(),
                BasicConsumeOptions {
                    no_ack: true,
                    exclusive: true,
                    ..BasicConsumeOptions::default()
                },
                FieldTable::default(),
            )
            .await
            .map_err(|e| BrokerError::amqp("consume the presence queue", e))?;

        Ok((
            publisher,
            Inbox::new(inbox),
            PresenceFeed::new(presence),
            waiting,
            queue.name().to_string(),
        ))
    }

    /// How many messages were waiting in the inbox when this session took it (they
    /// arrived while the user was away).
    pub fn waiting_at_connect(&self) -> u32 {
        self.waiting_at_connect
    }

    /// Whether the broker blocks this connection's publishing (a resource alarm), with
    /// its reason; `None` while it does not.
    pub fn blocked(&self) -> watch::Receiver<Option<String>> {
        self.blocked.clone()
    }

    /// Who this session is.
    pub fn me(&self) -> &UserName {
        &self.me
    }

    /// Whether this session logged in with the user's own account.
    pub fn trust(&self) -> Trust {
        self.trust
    }

    /// Publishes `env` and returns as soon as it is sent; [`PendingConfirm::wait`] tells
    /// what the broker did with it. Many publishes may be in flight at once.
    ///
    /// A DM goes to `chat.direct` (key = recipient), a post to `chat.topic.<t>`, presence
    /// to `chat.presence`; DMs and posts are `mandatory`. A post to a topic not yet known
    /// to exist is checked first and refused with [`BrokerError::NoSuchTopic`], so the
    /// publishing channel is never closed by a missing exchange.
    pub async fn publish(&self, env: &Envelope) -> Result<PendingConfirm, BrokerError> {
        let topic = match &env.payload {
            Payload::Topic { to, .. } => Some(to),
            _ => None,
        };
        if let Some(topic) = topic
            && !self.is_known_topic(topic)
        {
            if !self.topic_exists(topic).await? {
                return Err(BrokerError::NoSuchTopic(topic.clone()));
            }
            self.remember_topic(topic);
        }
        let body = env.encode();
        let mut publisher = self.publisher.lock().await;
        if !publisher.status().connected() {
            // A channel error closed it (e.g. a topic deleted after we checked it): open a
            // fresh one and re-check topics from now on.
            *publisher = open_publisher(&self.connection).await?;
            self.known_topics
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .clear();
        }
        // A join names this session's presence queue: everyone answers there, not on
        // the fanout (protocol version 2).
        let reply_to = matches!(
            env.payload,
            Payload::Presence {
                state: PresenceState::Join,
                ..
            }
        )
        .then_some(self.presence_queue.as_str());
        let confirm = publish_routed(&publisher, &self.login, env, &body, route(env), reply_to)
            .await
            .map_err(|e| BrokerError::amqp("publish a message", e))?;
        drop(publisher);
        self.confirms
            .track(env.id.to_string(), topic.cloned(), confirm)
    }

    /// Answers someone's presence `join` with `env` (a `here`): one delivery, through
    /// `chat.presence.answers` for a version-3 join, straight to the joiner's queue for
    /// a version-2 one — or, with the user's own account, which may not write to the
    /// default exchange, on the fanout.
    pub async fn answer_presence(&self, env: &Envelope, to: &AnswerTo) -> Result<(), BrokerError> {
        let route = match (to, self.trust) {
            (AnswerTo::AnswersExchange(queue), _) => answer_route(queue),
            (AnswerTo::Queue(queue), Trust::Open) => default_exchange_route(queue),
            (AnswerTo::Queue(_), Trust::Accounts) => route(env),
        };
        self.publish_on(env, route).await.map(drop)
    }

    /// Publishes `env` on `route` on the publishing channel, reopening it if a channel
    /// error closed it.
    async fn publish_on(
        &self,
        env: &Envelope,
        route: Route,
    ) -> Result<PendingConfirm, BrokerError> {
        let body = env.encode();
        let mut publisher = self.publisher.lock().await;
        if !publisher.status().connected() {
            *publisher = open_publisher(&self.connection).await?;
        }
        let confirm = publish_routed(&publisher, &self.login, env, &body, route, None)
            .await
            .map_err(|e| BrokerError::amqp("publish a message", e))?;
        drop(publisher);
        self.confirms.track(env.id.to_string(), None, confirm)
    }

    /// Subscribes: binds this user's inbox to the topic, so posts arrive in the inbox
    /// (and keep arriving after restarts). [`BrokerError::NoSuchTopic`] if it does not exist.
    pub async fn join(&self, topic: &TopicName) -> Result<(), BrokerError> {
        if !self.topic_exists(topic).await? {
            return Err(BrokerError::NoSuchTopic(topic.clone()));
        }
        self.remember_topic(topic);
        // The topic may still be deleted between the check and the bind.
        match self.change_binding(topic, true).await? {
            true => Ok(()),
            false => Err(BrokerError::NoSuchTopic(topic.clone())),
        }
    }

    /// Unsubscribes: removes the inbox's binding to the topic. Leaving a topic that no
    /// longer exists (or was never joined) succeeds: there is nothing left to unbind.
    /// Posts already in the inbox stay there.
    pub async fn leave(&self, topic: &TopicName) -> Result<(), BrokerError> {
        self.change_binding(topic, false).await.map(|_| ())
    }

    /// Binds or unbinds the inbox to `topic` on a throwaway channel (a missing exchange
    /// closes the channel it was used on). `Ok(false)` when the topic does not exist.
    async fn change_binding(&self, topic: &TopicName, bind: bool) -> Result<bool, BrokerError> {
        let channel = open_channel(&self.connection, "open a channel").await?;
        let (queue, exchange) = (inbox_queue(&self.me), topic_exchange(topic));
        let result = if bind {
            channel
                .queue_bind(
                    queue.into(),
                    exchange.into(),
                    "".into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
        } else {
            channel
                .queue_unbind(
                    queue.into(),
                    exchange.into(),
                    "".into(),
                    FieldTable::default(),
                )
                .await
        };
        match result {
            Ok(()) => {
                // The typing notices follow the inbox's binding; without them the topic
                // still works (only `… is typing` is not shown), so a refusal here is
                // logged, never the join's or leave's failure.
                if let Err(err) = self.change_typing_binding(&channel, topic, bind).await {
                    tracing::warn!(%err, %topic, bind, "cannot change the typing notices' binding");
                }
                close_quietly(&channel).await;
                Ok(true)
            }
            Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => {
                super::confirm::forget_topic(&self.known_topics, topic);
                Ok(false)
            }
            Err(e) => {
                let action = if bind { "join" } else { "leave" };
                Err(BrokerError::amqp(&format!("{action} #{topic}"), e))
            }
        }
    }

    /// Binds or unbinds this session's presence queue to the topic's typing notices
    /// (`chat.presence.answers`, key `#<topic>`; protocol version 4), with the inbox.
    async fn change_typing_binding(
        &self,
        channel: &Channel,
        topic: &TopicName,
        bind: bool,
    ) -> Result<(), lapin::Error> {
        let (queue, key) = (self.presence_queue.as_str(), typing_topic_key(topic));
        if bind {
            channel
                .queue_bind(
                    queue.into(),
                    PRESENCE_ANSWERS_EXCHANGE.into(),
                    key.as_str().into(),
                    QueueBindOptions::default(),
                    FieldTable::default(),
                )
                .await
        } else {
            channel
                .queue_unbind(
                    queue.into(),
                    PRESENCE_ANSWERS_EXCHANGE.into(),
                    key.as_str().into(),
                    FieldTable::default(),
                )
                .await
        }
    }

    /// Whether `topic`'s exchange exists, asked with a passive declare on a throwaway
    /// channel (a missing exchange closes that channel, not a working one).
    pub async fn topic_exists(&self, topic: &TopicName) -> Result<bool, BrokerError> {
        let channel = open_channel(&self.connection, "open a channel").await?;
        let result = channel
            .exchange_declare(
                topic_exchange(topic).into(),
                ExchangeKind::Fanout,
                ExchangeDeclareOptions {
                    passive: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await;
        match result {
            Ok(()) => {
                close_quietly(&channel).await;
                Ok(true)
            }
            Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => Ok(false),
            Err(e) => Err(BrokerError::amqp(&format!("look up #{topic}"), e)),
        }
    }

    /// Closes the connection politely (code 200). The inbox and presence feed end; any
    /// unacked inbox message returns to the queue; confirms not yet received fail.
    /// Closing a connection that is already gone succeeds.
    pub async fn close(&self) -> Result<(), BrokerError> {
        if !self.connection.status().connected() {
            return Ok(());
        }
        match self.connection.close(200, "bye".into()).await {
            Ok(()) => Ok(()),
            // A channel still closing (an Inbox or PresenceFeed dropped just before) can
            // race lapin's connection close; the connection ends anyway, which is the goal.
            Err(error)
                if matches!(error.kind(), lapin::ErrorKind::InvalidChannelState(..))
                    && !self.connection.status().connected() =>
            {
                tracing::debug!(error = %crate::logging::safe(&error), "closing raced a channel close");
                Ok(())
            }
            Err(error) => Err(BrokerError::amqp("close the connection", error)),
        }
    }

    fn is_known_topic(&self, topic: &TopicName) -> bool {
        self.known_topics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .contains(topic)
    }

    fn remember_topic(&self, topic: &TopicName) {
        self.known_topics
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(topic.clone());
    }
}

/// Follows the connection's `connection.blocked` / `connection.unblocked` notices.
fn watch_blocked(connection: &Connection) -> watch::Receiver<Option<String>> {
    let initially = connection
        .status()
        .blocked()
        .then(|| "blocked by the broker".to_owned());
    let (sender, receiver) = watch::channel(initially);
    let mut events = connection.events_listener();
    tokio::spawn(async move {
        while let Some(event) = events.next().await {
            let change = match event {
                lapin::Event::ConnectionBlocked(reason) => Some(reason),
                lapin::Event::ConnectionUnblocked => None,
                _ => continue,
            };
            if sender.send(change).is_err() {
                return;
            }
        }
    });
    receiver
}

async fn open_channel(connection: &Connection, action: &str) -> Result<Channel, BrokerError> {
    connection
        .create_channel()
        .await
        .map_err(|e| BrokerError::amqp(action, e))
}

async fn open_publisher(connection: &Connection) -> Result<Channel, BrokerError> {
    let channel = open_channel(connection, "open the publishing channel").await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .map_err(|e| BrokerError::amqp("enable publisher confirms", e))?;
    Ok(channel)
}

async fn close_quietly(channel: &Channel) {
    if let Err(error) = channel.close(200, "done".into()).await {
        tracing::debug!(error = %crate::logging::safe(&error), "closing a throwaway channel");
    }
}
