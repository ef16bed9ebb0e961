//! An in-memory [`ChatBroker`] for the user runtime's tests: inboxes with exclusive
//! consumers, unacked deliveries that return when a session ends, topics as sets of
//! bound inboxes, a presence fanout, and the faults a real broker has — connections
//! lost, attempts refused, confirms held back, users removed — on command.
//!
//! It keeps a log of what reached it (every publish in order, every connect attempt
//! with its time on tokio's clock, every ack) for the tests to assert on.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{mpsc, oneshot, watch};
use tokio::time::Instant;

use super::{
    ChatBroker, ChatSession, Connected, InboxDelivery, InboxEnd, InboxStream, PendingConfirm,
    PresenceNote, PresenceStream, SendOutcome,
};
use crate::broker::BrokerError;
use crate::domain::wire::AnswerTo;
use crate::domain::{Envelope, Payload, PresenceState, TopicName, Trust, UserName};

/// What the next connect attempt does, when the test planned it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing answers.
    Unreachable,
    /// Another session holds the inbox.
    AlreadyConnected,
    /// The broker refuses the account the virtual host (an operator banned it).
    Banned,
}

/// How confirms are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirms {
    /// At once.
    Immediate,
    /// Not until [`FakeBroker::release_confirms`] (or the session ends: then they fail).
    Held,
}

/// The in-memory broker; clones share it.
#[derive(Debug, Clone)]
pub struct FakeBroker {
    state: Arc<Mutex<State>>,
}

type Reply = oneshot::Sender<Result<SendOutcome, BrokerError>>;

#[derive(Debug)]
struct State {
    inboxes: HashMap<UserName, Queue>,
    topics: HashMap<TopicName, BTreeSet<UserName>>,
    sessions: HashMap<u64, Live>,
    next_session: u64,
    plan: VecDeque<Refusal>,
    confirms: Confirms,
    held: Vec<(u64, Reply, SendOutcome)>,
    published: Vec<Envelope>,
    connects: Vec<Instant>,
    acked: Vec<String>,
    blocked: watch::Sender<Option<String>>,
    presence_deliveries: usize,
}

#[derive(Debug, Default)]
struct Queue {
    /// At most this many messages; more are refused (`overflow: reject-publish`).
    max_length: Option<usize>,
    ready: VecDeque<Message>,
    /// Delivered and not acked yet: (session, tag, message).
    unacked: Vec<(u64, u64, Message)>,
    consumer: Option<u64>,
}

#[derive(Debug, Clone)]
struct Message {
    body: Vec<u8>,
    id: Option<String>,
    /// The exchange it came through.
    exchange: String,
}

#[derive(Debug)]
struct Live {
    me: UserName,
    inbox: mpsc::UnboundedSender<Result<FakeDelivery, InboxEnd>>,
    presence: mpsc::UnboundedSender<PresenceNote>,
    /// The name of its presence queue (answers to its join go there).
    presence_queue: String,
    next_tag: u64,
}

impl Default for FakeBroker {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeBroker {
    /// An empty broker: no users, no topics; confirms answered at once.
    pub fn new() -> Self {
        Self {
            state: Arc::new(Mutex::new(State {
                inboxes: HashMap::new(),
                topics: HashMap::new(),
                sessions: HashMap::new(),
                next_session: 1,
                plan: VecDeque::new(),
                confirms: Confirms::Immediate,
                held: Vec::new(),
                published: Vec::new(),
                connects: Vec::new(),
                acked: Vec::new(),
                blocked: watch::channel(None).0,
                presence_deliveries: 0,
            })),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates `user`'s inbox, as an operator would.
    pub fn add_user(&self, user: &UserName) {
        self.state().inboxes.entry(user.clone()).or_default();
    }

    /// Creates a topic (an exchange nobody is bound to yet).
    pub fn add_topic(&self, topic: &TopicName) {
        self.state().topics.entry(topic.clone()).or_default();
    }

    /// Puts raw bytes into `user`'s inbox as if someone had published them to
    /// `chat.direct`.
    pub fn deliver_raw(&self, user: &UserName, body: Vec<u8>, id: Option<String>) {
        let mut state = self.state();
        let exchange = crate::domain::wire::DIRECT_EXCHANGE.to_owned();
        state.enqueue(user, Message { body, id, exchange });
    }

    /// Puts an envelope into `user`'s inbox (whoever it claims to be from).
    pub fn deliver(&self, user: &UserName, envelope: &Envelope) {
        self.deliver_raw(user, envelope.encode(), Some(envelope.id.to_string()));
    }

    /// Blocks publishing on every connection, as a resource alarm does: publishes wait
    /// until [`FakeBroker::unblock`]; sessions are told the reason.
    pub fn block(&self, reason: &str) {
        self.state().blocked.send_replace(Some(reason.to_owned()));
    }

    /// Lifts [`FakeBroker::block`].
    pub fn unblock(&self) {
        self.state().blocked.send_replace(None);
    }

    /// Limits `user`'s inbox to `max` messages; publishes beyond are refused (nack).
    pub fn limit_inbox(&self, user: &UserName, max: Option<usize>) {
        if let Some(queue) = self.state().inboxes.get_mut(user) {
            queue.max_length = max;
        }
    }

    /// Takes every message out of `user`'s inbox that no session holds (a purge).
    pub fn purge(&self, user: &UserName) {
        if let Some(queue) = self.state().inboxes.get_mut(user) {
            queue.ready.clear();
        }
    }

    /// The next connect attempts are refused, in this order.
    pub fn refuse_next(&self, refusals: impl IntoIterator<Item = Refusal>) {
        self.state().plan.extend(refusals);
    }

    /// Chooses how confirms are answered from now on.
    pub fn set_confirms(&self, confirms: Confirms) {
        self.state().confirms = confirms;
    }

    /// Answers every held confirm.
    pub fn release_confirms(&self) {
        let held = std::mem::take(&mut self.state().held);
        for (_, reply, outcome) in held {
            let _ = reply.send(Ok(outcome));
        }
    }

    /// Cuts every live session's connection, as a broker restart would: inboxes end
    /// with [`InboxEnd::Lost`], unacked deliveries return to their inboxes, held
    /// confirms fail.
    pub fn drop_connections(&self, reason: &str) {
        let mut state = self.state();
        let ids: Vec<u64> = state.sessions.keys().copied().collect();
        for id in ids {
            state.end_session(id, Some(InboxEnd::Lost(reason.to_owned())));
        }
    }

    /// Removes `user` as an administrator would: the inbox is deleted and the live
    /// session ends with [`InboxEnd::Removed`].
    pub fn remove_user(&self, user: &UserName) {
        let mut state = self.state();
        let ids: Vec<u64> = state
            .sessions
            .iter()
            .filter(|(_, live)| &live.me == user)
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            state.end_session(id, Some(InboxEnd::Removed));
        }
        state.inboxes.remove(user);
        for bound in state.topics.values_mut() {
            bound.remove(user);
        }
    }

    /// Every envelope published so far, presence included, in order.
    pub fn published(&self) -> Vec<Envelope> {
        self.state().published.clone()
    }

    /// The bodies of the chat messages (not presence) published so far, in order.
    pub fn published_texts(&self) -> Vec<String> {
        self.published()
            .into_iter()
            .filter_map(|envelope| match envelope.payload {
                Payload::Direct { body, .. } | Payload::Topic { body, .. } => Some(body),
                Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => {
                    None
                }
            })
            .collect()
    }

    /// When each connect attempt was made (tokio's clock), refused ones included.
    pub fn connect_attempts(&self) -> Vec<Instant> {
        self.state().connects.clone()
    }

    /// The message ids acked so far, in order.
    pub fn acked(&self) -> Vec<String> {
        self.state().acked.clone()
    }

    /// The message ids still in `user`'s inbox (ready or delivered and unacked).
    pub fn in_inbox(&self, user: &UserName) -> Vec<Option<String>> {
        let state = self.state();
        let Some(queue) = state.inboxes.get(user) else {
            return Vec::new();
        };
        queue
            .unacked
            .iter()
            .map(|(_, _, m)| m.id.clone())
            .chain(queue.ready.iter().map(|m| m.id.clone()))
            .collect()
    }

    /// How many presence messages reached a presence feed so far (what a fanout
    /// costs: one per listener).
    pub fn presence_deliveries(&self) -> usize {
        self.state().presence_deliveries
    }

    /// How many sessions are live.
    pub fn live_sessions(&self) -> usize {
        self.state().sessions.len()
    }
}

impl State {
    /// Puts a message at the back of `user`'s inbox and hands it to its consumer.
    fn enqueue(&mut self, user: &UserName, message: Message) -> bool {
        let Some(queue) = self.inboxes.get_mut(user) else {
            return false;
        };
        let held = queue.ready.len() + queue.unacked.len();
        if queue.max_length.is_some_and(|max| held >= max) {
            return false;
        }
        queue.ready.push_back(message);
        self.dispatch(user);
        true
    }

    /// Hands every ready message of `user`'s inbox to its consumer, if it has one.
    fn dispatch(&mut self, user: &UserName) {
        let Some(queue) = self.inboxes.get_mut(user) else {
            return;
        };
        let Some(id) = queue.consumer else { return };
        let Some(live) = self.sessions.get_mut(&id) else {
            return;
        };
        while let Some(message) = queue.ready.pop_front() {
            live.next_tag += 1;
            let delivery = FakeDelivery {
                broker: None,
                session: id,
                tag: live.next_tag,
                body: message.body.clone(),
                id: message.id.clone(),
                exchange: message.exchange.clone(),
            };
            queue.unacked.push((id, live.next_tag, message));
            let _ = live.inbox.send(Ok(delivery));
        }
    }

    /// Ends a session: its inbox hears `end` (if any), its unacked deliveries return
    /// to the front of the inbox in order, its held confirms fail.
    fn end_session(&mut self, id: u64, end: Option<InboxEnd>) {
        let Some(live) = self.sessions.remove(&id) else {
            return;
        };
        if let Some(end) = end {
            let _ = live.inbox.send(Err(end));
        }
        if let Some(queue) = self.inboxes.get_mut(&live.me) {
            let (mine, others): (Vec<_>, Vec<_>) =
                queue.unacked.drain(..).partition(|(s, _, _)| *s == id);
            queue.unacked = others;
            for (_, _, message) in mine.into_iter().rev() {
                queue.ready.push_front(message);
            }
            if queue.consumer == Some(id) {
                queue.consumer = None;
            }
        }
        let (failed, kept): (Vec<_>, Vec<_>) = self.held.drain(..).partition(|(s, ..)| *s == id);
        self.held = kept;
        for (_, reply, _) in failed {
            let _ = reply.send(Err(BrokerError::Disconnected("connection lost".into())));
        }
    }

    /// Where `envelope` goes: the inboxes it reaches, or why it reaches none.
    fn route(&self, envelope: &Envelope) -> Result<Vec<UserName>, BrokerError> {
        match &envelope.payload {
            Payload::Direct { to, .. } => Ok(self
                .inboxes
                .contains_key(to)
                .then(|| to.clone())
                .into_iter()
                .collect()),
            Payload::Topic { to, .. } => match self.topics.get(to) {
                Some(bound) => Ok(bound.iter().cloned().collect()),
                None => Err(BrokerError::NoSuchTopic(to.clone())),
            },
            Payload::Presence { .. } | Payload::Typing { .. } => Ok(Vec::new()),
            Payload::Announce { .. } => Ok(self.inboxes.keys().cloned().collect()),
        }
    }
}

impl ChatBroker for FakeBroker {
    type Session = FakeSession;

    fn trust(&self, _me: &UserName) -> Trust {
        Trust::Open
    }

    async fn connect(
        &self,
        me: &UserName,
        _prefetch: u16,
    ) -> Result<Connected<FakeSession>, BrokerError> {
        let mut state = self.state();
        state.connects.push(Instant::now());
        match state.plan.pop_front() {
            Some(Refusal::Unreachable) => {
                return Err(BrokerError::Unreachable {
                    url: "fake://broker".into(),
                    reason: "connection refused".into(),
                });
            }
            Some(Refusal::AlreadyConnected) => {
                return Err(BrokerError::AlreadyConnected(me.clone()));
            }
            Some(Refusal::Banned) => return Err(BrokerError::Banned(me.clone())),
            None => {}
        }
        let queue = state.inboxes.entry(me.clone()).or_default();
        if queue.consumer.is_some() {
            return Err(BrokerError::AlreadyConnected(me.clone()));
        }
        let waiting = u32::try_from(queue.ready.len()).unwrap_or(u32::MAX);
        let id = state.next_session;
        state.next_session += 1;
        let (inbox_tx, inbox_rx) = mpsc::unbounded_channel();
        let (presence_tx, presence_rx) = mpsc::unbounded_channel();
        state.sessions.insert(
            id,
            Live {
                me: me.clone(),
                inbox: inbox_tx,
                presence: presence_tx,
                presence_queue: format!("fake.presence.{id}"),
                next_tag: 0,
            },
        );
        if let Some(queue) = state.inboxes.get_mut(me) {
            queue.consumer = Some(id);
        }
        state.dispatch(me);
        Ok(Connected {
            session: FakeSession {
                broker: self.clone(),
                id,
                me: me.clone(),
                waiting,
            },
            inbox: FakeInbox {
                broker: self.clone(),
                deliveries: inbox_rx,
            },
            presence: FakePresence { feed: presence_rx },
        })
    }

    async fn list_topics(&self) -> Result<Vec<TopicName>, BrokerError> {
        let mut topics: Vec<TopicName> = self.state().topics.keys().cloned().collect();
        topics.sort();
        Ok(topics)
    }
}

/// A session on the [`FakeBroker`].
#[derive(Debug)]
pub struct FakeSession {
    broker: FakeBroker,
    id: u64,
    me: UserName,
    waiting: u32,
}

impl ChatSession for FakeSession {
    type Inbox = FakeInbox;
    type Presence = FakePresence;

    fn me(&self) -> &UserName {
        &self.me
    }

    /// The fake is open mode: names are taken as written.
    fn trust(&self) -> Trust {
        Trust::Open
    }

    fn waiting_at_connect(&self) -> u32 {
        self.waiting
    }

    async fn publish(&self, envelope: &Envelope) -> Result<PendingConfirm, BrokerError> {
        // A blocked connection holds the publish until the alarm lifts.
        let mut blocked = self.broker.state().blocked.subscribe();
        let _ = blocked.wait_for(Option::is_none).await;
        let mut state = self.broker.state();
        if !state.sessions.contains_key(&self.id) {
            return Err(BrokerError::Disconnected("the connection is closed".into()));
        }
        let targets = state.route(envelope)?;
        state.published.push(envelope.clone());
        let outcome = match &envelope.payload {
            Payload::Presence { .. } | Payload::Typing { .. } => {
                let body = envelope.encode();
                let join = matches!(
                    envelope.payload,
                    Payload::Presence {
                        state: PresenceState::Join,
                        ..
                    }
                );
                let answer = join
                    .then(|| {
                        state
                            .sessions
                            .get(&self.id)
                            .map(|l| AnswerTo::AnswersExchange(l.presence_queue.clone()))
                    })
                    .flatten();
                state.presence_deliveries += state.sessions.len();
                for live in state.sessions.values() {
                    let _ = live.presence.send(PresenceNote {
                        body: body.clone(),
                        answer: answer.clone(),
                        user_id: None,
                    });
                }
                SendOutcome::Confirmed
            }
            _ if targets.is_empty() => SendOutcome::Unroutable,
            _ => {
                let message = Message {
                    body: envelope.encode(),
                    id: Some(envelope.id.to_string()),
                    exchange: crate::broker::publish::route(envelope).exchange,
                };
                let mut refused = false;
                for user in &targets {
                    refused |= !state.enqueue(user, message.clone());
                }
                if refused {
                    let (reply, pending) = PendingConfirm::channel();
                    let _ = reply.send(Err(BrokerError::Nacked));
                    return Ok(pending);
                }
                SendOutcome::Confirmed
            }
        };
        let (reply, pending) = PendingConfirm::channel();
        match state.confirms {
            Confirms::Immediate => {
                let _ = reply.send(Ok(outcome));
            }
            Confirms::Held => state.held.push((self.id, reply, outcome)),
        }
        Ok(pending)
    }

    async fn answer_presence(&self, envelope: &Envelope, to: &AnswerTo) -> Result<(), BrokerError> {
        let (AnswerTo::AnswersExchange(queue) | AnswerTo::Queue(queue)) = to;
        let mut state = self.broker.state();
        if !state.sessions.contains_key(&self.id) {
            return Err(BrokerError::Disconnected("the connection is closed".into()));
        }
        state.published.push(envelope.clone());
        let note = PresenceNote {
            body: envelope.encode(),
            answer: None,
            user_id: None,
        };
        if let Some(live) = state.sessions.values().find(|l| &l.presence_queue == queue) {
            let _ = live.presence.send(note);
            state.presence_deliveries += 1;
        }
        Ok(())
    }

    async fn join(&self, topic: &TopicName) -> Result<(), BrokerError> {
        let mut state = self.broker.state();
        match state.topics.get_mut(topic) {
            Some(bound) => {
                bound.insert(self.me.clone());
                Ok(())
            }
            None => Err(BrokerError::NoSuchTopic(topic.clone())),
        }
    }

    async fn leave(&self, topic: &TopicName) -> Result<(), BrokerError> {
        if let Some(bound) = self.broker.state().topics.get_mut(topic) {
            bound.remove(&self.me);
        }
        Ok(())
    }

    fn blocked(&self) -> watch::Receiver<Option<String>> {
        self.broker.state().blocked.subscribe()
    }

    async fn close(&self) -> Result<(), BrokerError> {
        self.broker.state().end_session(self.id, None);
        Ok(())
    }
}

/// A session's inbox on the [`FakeBroker`].
#[derive(Debug)]
pub struct FakeInbox {
    broker: FakeBroker,
    deliveries: mpsc::UnboundedReceiver<Result<FakeDelivery, InboxEnd>>,
}

impl InboxStream for FakeInbox {
    type Delivery = FakeDelivery;

    async fn receive(&mut self) -> Result<FakeDelivery, InboxEnd> {
        match self.deliveries.recv().await {
            Some(Ok(mut delivery)) => {
                delivery.broker = Some(self.broker.clone());
                Ok(delivery)
            }
            Some(Err(end)) => Err(end),
            None => Err(InboxEnd::Lost("the session was closed".into())),
        }
    }
}

/// One delivery from a [`FakeInbox`].
#[derive(Debug)]
pub struct FakeDelivery {
    broker: Option<FakeBroker>,
    session: u64,
    tag: u64,
    body: Vec<u8>,
    id: Option<String>,
    exchange: String,
}

impl InboxDelivery for FakeDelivery {
    fn body(&self) -> &[u8] {
        &self.body
    }

    fn message_id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    fn exchange(&self) -> &str {
        &self.exchange
    }

    /// The fake is open mode: no sender's account is known.
    fn user_id(&self) -> Option<&str> {
        None
    }

    async fn ack_up_to_here(&self) -> Result<(), BrokerError> {
        let Some(broker) = &self.broker else {
            return Err(BrokerError::Disconnected(
                "not received through an inbox".into(),
            ));
        };
        let mut state = broker.state();
        let Some(me) = state
            .sessions
            .get(&self.session)
            .map(|live| live.me.clone())
        else {
            return Err(BrokerError::Disconnected(
                "cannot ack: the inbox channel is closed".into(),
            ));
        };
        let Some(queue) = state.inboxes.get_mut(&me) else {
            return Ok(());
        };
        let (acked, kept): (Vec<_>, Vec<_>) = queue
            .unacked
            .drain(..)
            .partition(|(s, tag, _)| *s == self.session && *tag <= self.tag);
        queue.unacked = kept;
        let ids: Vec<String> = acked
            .into_iter()
            .map(|(_, _, m)| m.id.unwrap_or_default())
            .collect();
        state.acked.extend(ids);
        Ok(())
    }
}

/// A session's presence feed on the [`FakeBroker`].
#[derive(Debug)]
pub struct FakePresence {
    feed: mpsc::UnboundedReceiver<PresenceNote>,
}

impl PresenceStream for FakePresence {
    async fn receive(&mut self) -> Option<PresenceNote> {
        self.feed.recv().await
    }
}
