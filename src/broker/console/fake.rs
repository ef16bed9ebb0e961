//! An in-memory console for tests: queues with counts, topics with subscribers, chat
//! users and connections, following the same rules as the real broker layer (creating
//! something that exists is refused, deleting something missing is `NotFound`, a user
//! is an inbox queue bound to `chat.direct`, …), and a switch to play a broker that has
//! gone away.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use crate::config::Password;
use crate::domain::console::{
    Action, ConnectionRow, Details, Outcome, Overview, QueueRow, Recipient, Snapshot, Target,
    TopicRow, UserRow,
};
use crate::domain::wire::{
    DIRECT_EXCHANGE, INBOX_PREFIX, client_connection_name, inbox_queue, topic_exchange,
    user_from_inbox,
};
use crate::domain::{TopicName, UserName};

use super::{Console, ConsoleError};

/// The URL the fake reports in its errors.
pub const FAKE_URL: &str = "http://fake-broker:15672";

/// The password the fake "generates", every time, so that screens stay the same.
pub const FAKE_PASSWORD: &str = "Gen3rated-Fake-Pa55w0rd";

/// Exchanges every vhost has besides the topics (the defaults, `chat.direct`,
/// `chat.presence`), for the overview's count.
const OTHER_EXCHANGES: u64 = 9;

/// One queue of the fake broker.
#[derive(Debug, Clone)]
struct FakeQueue {
    row: QueueRow,
    /// Exchanges the queue is bound to.
    bindings: BTreeSet<String>,
}

/// One connection, and the queue it consumes if any.
#[derive(Debug, Clone)]
struct FakeConnection {
    row: ConnectionRow,
    consumes: Option<String>,
}

/// One chat user's account.
#[derive(Debug, Clone)]
struct FakeAccount {
    password: Password,
    banned: bool,
}

/// Everything the fake broker holds.
#[derive(Debug, Default)]
struct World {
    queues: BTreeMap<String, FakeQueue>,
    accounts: BTreeMap<UserName, FakeAccount>,
    topics: BTreeSet<TopicName>,
    connections: Vec<FakeConnection>,
    closed: Vec<String>,
    announcements: Vec<(Recipient, String)>,
    unreachable: bool,
}

/// An in-memory console for tests; see the module documentation for its rules.
#[derive(Debug, Default)]
pub struct FakeConsole {
    world: Mutex<World>,
}

fn queue_row(name: &str, ready: u64, unacked: u64) -> QueueRow {
    QueueRow {
        name: name.to_owned(),
        ready,
        unacked,
        consumers: 0,
        publish_rate: 0.0,
        deliver_rate: 0.0,
        durable: true,
        auto_delete: false,
        exclusive: false,
        live: false,
    }
}

impl FakeConsole {
    /// An empty broker.
    pub fn new() -> Self {
        Self::default()
    }

    fn world(&self) -> MutexGuard<'_, World> {
        // A test that panicked while holding the lock leaves consistent data behind.
        self.world
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds (or replaces) a queue with these counts.
    pub fn with_queue(self, name: &str, ready: u64, unacked: u64) -> Self {
        let queue = FakeQueue {
            row: queue_row(name, ready, unacked),
            bindings: BTreeSet::new(),
        };
        self.world().queues.insert(name.to_owned(), queue);
        self
    }

    /// Adds `count` queues `queue-00000`, `queue-00001`, … with varied counts and rates.
    pub fn with_queues(self, count: usize) -> Self {
        {
            let mut world = self.world();
            for i in 0..count {
                let name = format!("queue-{i:05}");
                let mut row = queue_row(&name, (i as u64 * 37) % 5000, (i as u64 * 11) % 40);
                row.consumers = (i % 3) as u32;
                row.publish_rate = (i % 50) as f64 * 1.5;
                row.deliver_rate = (i % 40) as f64 * 1.25;
                let bindings = BTreeSet::new();
                world.queues.insert(name, FakeQueue { row, bindings });
            }
        }
        self
    }

    /// Sets a queue's rates and consumers (no-op if it does not exist).
    pub fn with_rates(self, name: &str, publish: f64, deliver: f64, consumers: u32) -> Self {
        if let Some(queue) = self.world().queues.get_mut(name) {
            queue.row.publish_rate = publish;
            queue.row.deliver_rate = deliver;
            queue.row.consumers = consumers;
        }
        self
    }

    /// Adds a topic. Panics on an invalid topic name (a mistake in the test).
    pub fn with_topic(self, topic: &str) -> Self {
        let topic = TopicName::parse(topic).expect("FakeConsole::with_topic: a valid topic name");
        self.world().topics.insert(topic);
        self
    }

    /// Adds a chat user (an inbox bound to `chat.direct`) with `waiting` ready messages;
    /// an online user also gets a connection consuming the inbox. Panics on an invalid
    /// user name (a mistake in the test).
    pub fn with_user(self, user: &str, online: bool, waiting: u64) -> Self {
        let user = UserName::parse(user).expect("FakeConsole::with_user: a valid user name");
        {
            let mut world = self.world();
            let name = inbox_queue(&user);
            let mut queue = FakeQueue {
                row: queue_row(&name, waiting, 0),
                bindings: BTreeSet::from([DIRECT_EXCHANGE.to_owned()]),
            };
            if online {
                queue.row.consumers = 1;
                let port = 50_000 + world.connections.len();
                world.connections.push(FakeConnection {
                    row: ConnectionRow {
                        name: format!("127.0.0.1:{port} -> 127.0.0.1:5672"),
                        user: "guest".to_owned(),
                        client: client_connection_name(&user),
                        channels: 2,
                        state: "running".to_owned(),
                    },
                    consumes: Some(name.clone()),
                });
            }
            world.queues.insert(name, queue);
        }
        self
    }

    /// Binds a user's inbox to a topic (both must have been added). Panics on an
    /// invalid name (a mistake in the test).
    pub fn with_subscription(self, user: &str, topic: &str) -> Self {
        let user = UserName::parse(user).expect("FakeConsole::with_subscription: a valid user");
        let topic = TopicName::parse(topic).expect("FakeConsole::with_subscription: a topic");
        if let Some(queue) = self.world().queues.get_mut(&inbox_queue(&user)) {
            queue.bindings.insert(topic_exchange(&topic));
        }
        self
    }

    /// Gives `user` an account with `password`, banned or not (its inbox is added with
    /// [`FakeConsole::with_user`]). Panics on an invalid user name (a mistake in the
    /// test).
    pub fn with_account(self, user: &str, password: &str, banned: bool) -> Self {
        let user = UserName::parse(user).expect("FakeConsole::with_account: a valid user name");
        let account = FakeAccount {
            password: Password::new(password),
            banned,
        };
        self.world().accounts.insert(user, account);
        self
    }

    /// The password of `user`'s account (`None` without an account).
    pub fn password_of(&self, user: &str) -> Option<String> {
        let user = UserName::parse(user).ok()?;
        let world = self.world();
        world
            .accounts
            .get(&user)
            .map(|a| a.password.expose().to_owned())
    }

    /// Whether `user`'s account is banned (`None` without an account).
    pub fn is_banned(&self, user: &str) -> Option<bool> {
        let user = UserName::parse(user).ok()?;
        self.world().accounts.get(&user).map(|a| a.banned)
    }

    /// Adds a connection that consumes nothing (another tool, a monitoring client).
    pub fn with_connection(self, name: &str, user: &str, client: &str) -> Self {
        self.world().connections.push(FakeConnection {
            row: ConnectionRow {
                name: name.to_owned(),
                user: user.to_owned(),
                client: client.to_owned(),
                channels: 1,
                state: "running".to_owned(),
            },
            consumes: None,
        });
        self
    }

    /// Plays a broker that is down (`true`) or back (`false`): every call fails with
    /// [`ConsoleError::Unreachable`] while it is down.
    pub fn set_unreachable(&self, unreachable: bool) {
        self.world().unreachable = unreachable;
    }

    /// Adds `count` ready messages to a queue, as if something published them.
    pub fn publish(&self, queue: &str, count: u64) -> Result<(), ConsoleError> {
        let mut world = self.world();
        let queue = world
            .queues
            .get_mut(queue)
            .ok_or_else(|| ConsoleError::Broker(format!("no queue {queue}")))?;
        queue.row.ready += count;
        Ok(())
    }

    /// The names of the connections the console closed, in order.
    pub fn closed_connections(&self) -> Vec<String> {
        self.world().closed.clone()
    }

    /// Every announcement delivered, in order.
    pub fn announcements(&self) -> Vec<(Recipient, String)> {
        self.world().announcements.clone()
    }

    /// The exchanges a queue is bound to (`None` if there is no such queue).
    pub fn bindings(&self, queue: &str) -> Option<Vec<String>> {
        let world = self.world();
        let queue = world.queues.get(queue)?;
        Some(queue.bindings.iter().cloned().collect())
    }
}

impl World {
    fn check_reachable(&self) -> Result<(), ConsoleError> {
        if self.unreachable {
            return Err(ConsoleError::Unreachable {
                url: FAKE_URL.to_owned(),
                reason: "connection refused (the fake broker is down)".to_owned(),
            });
        }
        Ok(())
    }

    /// The users: every inbox queue whose suffix is a valid user name.
    fn users(&self) -> Vec<(UserName, &FakeQueue)> {
        self.queues
            .range(INBOX_PREFIX.to_owned()..)
            .take_while(|(name, _)| name.starts_with(INBOX_PREFIX))
            .filter_map(|(name, queue)| user_from_inbox(name).map(|user| (user, queue)))
            .collect()
    }

    fn subscribers(&self, topic: &TopicName) -> Vec<UserName> {
        let exchange = topic_exchange(topic);
        self.users()
            .into_iter()
            .filter(|(_, queue)| queue.bindings.contains(&exchange))
            .map(|(user, _)| user)
            .collect()
    }
}

#[path = "fake_accounts.rs"]
mod accounts;
#[path = "fake_perform.rs"]
mod perform;

#[cfg(test)]
#[path = "fake_tests.rs"]
mod tests;
