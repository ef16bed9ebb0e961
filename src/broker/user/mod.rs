//! User mode's broker, behind a seam: what the user runtime needs from RabbitMQ, as
//! traits, with the AMQP implementation (lapin) behind them and, for tests, an
//! in-memory fake.
//!
//! - [`ChatBroker`]: connect as a user (topology, prefetch, the inbox taken with an
//!   exclusive consumer, the presence feed), and list the topics.
//! - [`ChatSession`]: one live session: publish with confirm and return, join and leave
//!   topics, close.
//! - [`InboxStream`] / [`InboxDelivery`]: the inbox, its deliveries and their acks, and
//!   how it ended ([`InboxEnd`]: lost, or removed by an administrator).
//! - [`PresenceStream`]: the presence announcements the session hears.
//!
//! [`AmqpBroker`] is the real one ([`UserSession`], [`Inbox`], [`PresenceFeed`]).

use std::future::Future;

use tokio::sync::watch;

mod amqp;
mod confirm;
#[cfg(test)]
pub mod fake;
mod incoming;
mod session;

pub use amqp::AmqpBroker;
pub use confirm::{PendingConfirm, SendOutcome};
pub use incoming::{Inbox, Incoming, PresenceFeed};
pub use session::{CONNECT_TIMEOUT, HEARTBEAT_SECS, UserSession, login_of, trust_of};

use super::BrokerError;
use crate::domain::wire::AnswerTo;
use crate::domain::{Envelope, TopicName, Trust, UserName};

/// A session just connected: the session itself, its inbox and its presence feed.
#[derive(Debug)]
pub struct Connected<S: ChatSession> {
    /// Publishing, topics, closing.
    pub session: S,
    /// The inbox, taken with an exclusive consumer.
    pub inbox: S::Inbox,
    /// This session's presence feed.
    pub presence: S::Presence,
}

/// How an inbox ended: what the runtime does next depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxEnd {
    /// The connection was lost (or the session was closed); the text says why. What
    /// was not acked comes again with the next session.
    Lost(String),
    /// An administrator removed this user: the inbox is gone; do not reconnect.
    Removed,
}

/// What user mode needs from a broker: sessions for a user, and the list of topics.
pub trait ChatBroker: Send + Sync + 'static {
    /// One live session of a user.
    type Session: ChatSession;

    /// Connects as `me`: declares what the wire contract needs, takes the inbox with an
    /// exclusive consumer (at most `prefetch` unacked deliveries), opens the presence
    /// feed. [`BrokerError::AlreadyConnected`] when another session holds the inbox
    /// (nothing was consumed then), [`BrokerError::Unreachable`] when no broker answers.
    fn connect(
        &self,
        me: &UserName,
        prefetch: u16,
    ) -> impl Future<Output = Result<Connected<Self::Session>, BrokerError>> + Send;

    /// Whether `me`'s sessions log in with `me`'s own account (names verified) or a
    /// shared one (open mode).
    fn trust(&self, me: &UserName) -> Trust;

    /// Every topic that exists, sorted.
    fn list_topics(&self) -> impl Future<Output = Result<Vec<TopicName>, BrokerError>> + Send;
}

/// One live session: what the outbox, the commands and the supervisor do with it.
pub trait ChatSession: Send + Sync + 'static {
    /// The session's inbox.
    type Inbox: InboxStream;
    /// The session's presence feed.
    type Presence: PresenceStream;

    /// Who this session is.
    fn me(&self) -> &UserName;

    /// Whether this session logged in with the user's own account.
    fn trust(&self) -> Trust;

    /// How many messages waited in the inbox when this session took it.
    fn waiting_at_connect(&self) -> u32;

    /// Publishes `envelope` (DMs and posts `mandatory`, with a publisher confirm) and
    /// returns once it is sent; [`PendingConfirm::wait`] tells what the broker did.
    fn publish(
        &self,
        envelope: &Envelope,
    ) -> impl Future<Output = Result<PendingConfirm, BrokerError>> + Send;

    /// Binds the inbox to a topic; [`BrokerError::NoSuchTopic`] when there is none.
    fn join(&self, topic: &TopicName) -> impl Future<Output = Result<(), BrokerError>> + Send;

    /// Answers a presence `join`: `envelope` (a `here`) goes where the join asked.
    fn answer_presence(
        &self,
        envelope: &Envelope,
        to: &AnswerTo,
    ) -> impl Future<Output = Result<(), BrokerError>> + Send;

    /// Unbinds the inbox from a topic; leaving a missing topic succeeds.
    fn leave(&self, topic: &TopicName) -> impl Future<Output = Result<(), BrokerError>> + Send;

    /// Whether the broker blocks this session's publishing (a resource alarm: publishes
    /// wait meanwhile), with the broker's reason; `None` while it does not.
    fn blocked(&self) -> watch::Receiver<Option<String>>;

    /// Closes the session: its inbox and presence feed end, unacked deliveries return
    /// to the inbox. Closing a session that is already gone succeeds.
    fn close(&self) -> impl Future<Output = Result<(), BrokerError>> + Send;
}

/// A session's inbox: deliveries in queue order until it ends.
pub trait InboxStream: Send + Sync + 'static {
    /// One delivery.
    type Delivery: InboxDelivery;

    /// The next delivery, or how the inbox ended (after which it yields nothing more).
    fn receive(&mut self) -> impl Future<Output = Result<Self::Delivery, InboxEnd>> + Send;
}

/// One message from the inbox: ack it only once it is safely stored.
pub trait InboxDelivery: Send + Sync + 'static {
    /// The raw body (it may be anything, not only an envelope).
    fn body(&self) -> &[u8];

    /// The AMQP `message_id` property, if the sender set one.
    fn message_id(&self) -> Option<&str>;

    /// The exchange it was published to.
    fn exchange(&self) -> &str;

    /// The AMQP `user_id` property: the sender's login, validated by the broker.
    fn user_id(&self) -> Option<&str>;

    /// Acknowledges this delivery and every earlier unacked one of the same session.
    fn ack_up_to_here(&self) -> impl Future<Output = Result<(), BrokerError>> + Send;
}

/// One presence announcement as heard: the raw body (the runtime decodes it), the
/// sender's validated login and, for a `join`, where its answers go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceNote {
    /// The message body.
    pub body: Vec<u8>,
    /// Where a `join` wants its `here` answers (from `reply_to` and the
    /// `answer-exchange` header).
    pub answer: Option<AnswerTo>,
    /// The AMQP `user_id`: the sender's login, validated by the broker.
    pub user_id: Option<String>,
}

/// The presence announcements a session hears.
pub trait PresenceStream: Send + Sync + 'static {
    /// The next announcement; `None` once the feed ended.
    fn receive(&mut self) -> impl Future<Output = Option<PresenceNote>> + Send;
}
