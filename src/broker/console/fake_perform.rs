//! The fake's answers: snapshots, actions and details, computed from its world.

use std::collections::BTreeSet;

use super::{
    Action, Console, ConsoleError, Details, FakeConsole, FakeQueue, OTHER_EXCHANGES, Outcome,
    Overview, Recipient, Snapshot, Target, TopicRow, UserRow, World, queue_row,
};
use crate::domain::wire::{DIRECT_EXCHANGE, inbox_queue, topic_exchange};

impl Console for FakeConsole {
    async fn snapshot(&self, live: &[String]) -> Result<Snapshot, ConsoleError> {
        let world = self.world();
        world.check_reachable()?;
        Ok(world.snapshot(live))
    }

    async fn perform(&self, action: &Action) -> Result<Outcome, ConsoleError> {
        let mut world = self.world();
        world.check_reachable()?;
        world.perform(action)
    }

    async fn details(&self, target: &Target) -> Result<Details, ConsoleError> {
        let world = self.world();
        world.check_reachable()?;
        world.details(target)
    }
}

impl World {
    fn snapshot(&self, live: &[String]) -> Snapshot {
        let queues: Vec<_> = self
            .queues
            .values()
            .map(|q| {
                let mut row = q.row.clone();
                row.live = live.contains(&row.name);
                row
            })
            .collect();
        let topics = self
            .topics
            .iter()
            .map(|topic| TopicRow {
                name: topic.clone(),
                subscribers: self.subscribers(topic),
            })
            .collect();
        let users = self
            .users()
            .into_iter()
            .map(|(name, queue)| UserRow {
                online: queue.row.consumers > 0,
                waiting: queue.row.ready,
                topics: self
                    .topics
                    .iter()
                    .filter(|t| queue.bindings.contains(&topic_exchange(t)))
                    .cloned()
                    .collect(),
                account: self.account_state(&name),
                name,
            })
            .collect();
        let connections: Vec<_> = self.connections.iter().map(|c| c.row.clone()).collect();
        let overview = Overview {
            rabbitmq_version: "3.10.8".to_owned(),
            erlang_version: "25.0".to_owned(),
            node: "rabbit@fake".to_owned(),
            cluster_name: "rabbit@fake".to_owned(),
            queues: queues.len() as u64,
            exchanges: self.topics.len() as u64 + OTHER_EXCHANGES,
            connections: connections.len() as u64,
            channels: connections.iter().map(|c| u64::from(c.channels)).sum(),
            consumers: queues.iter().map(|q| u64::from(q.consumers)).sum(),
            messages_ready: queues.iter().map(|q| q.ready).sum(),
            messages_unacked: queues.iter().map(|q| q.unacked).sum(),
            publish_rate: queues.iter().map(|q| q.publish_rate).sum(),
            deliver_rate: queues.iter().map(|q| q.deliver_rate).sum(),
        };
        Snapshot {
            overview,
            live_queues: queues.iter().filter(|q| q.live).count(),
            queues,
            topics,
            users,
            connections,
        }
    }

    fn perform(&mut self, action: &Action) -> Result<Outcome, ConsoleError> {
        let missing = |target: &Target| ConsoleError::NotFound(target.clone());
        let exists = |target: &Target| ConsoleError::AlreadyExists(target.clone());
        match action {
            Action::Create(target) => match target {
                Target::Queue(name) => {
                    if self.queues.contains_key(name.as_str()) {
                        return Err(exists(target));
                    }
                    let queue = FakeQueue {
                        row: queue_row(name.as_str(), 0, 0),
                        bindings: BTreeSet::new(),
                    };
                    self.queues.insert(name.to_string(), queue);
                }
                Target::Topic(topic) => {
                    if !self.topics.insert(topic.clone()) {
                        return Err(exists(target));
                    }
                }
                Target::User(user) => {
                    let name = inbox_queue(user);
                    if self.queues.contains_key(&name) {
                        return Err(exists(target));
                    }
                    let queue = FakeQueue {
                        row: queue_row(&name, 0, 0),
                        bindings: BTreeSet::from([DIRECT_EXCHANGE.to_owned()]),
                    };
                    self.queues.insert(name, queue);
                }
                Target::Connection(_) => {
                    return Err(ConsoleError::Broker(
                        "connections cannot be created from the console".to_owned(),
                    ));
                }
            },
            Action::Delete(target) => match target {
                Target::Queue(name) => {
                    self.queues
                        .remove(name.as_str())
                        .ok_or_else(|| missing(target))?;
                    self.close_consumers_of(name.as_str());
                }
                Target::Topic(topic) => {
                    if !self.topics.remove(topic) {
                        return Err(missing(target));
                    }
                    let exchange = topic_exchange(topic);
                    for queue in self.queues.values_mut() {
                        queue.bindings.remove(&exchange);
                    }
                }
                Target::User(user) => {
                    let name = inbox_queue(user);
                    let inbox = self.queues.remove(&name);
                    let account = self.accounts.remove(user);
                    if inbox.is_none() && account.is_none() {
                        return Err(missing(target));
                    }
                    self.close_connections_of(user);
                }
                Target::Connection(name) => {
                    let at = self
                        .connections
                        .iter()
                        .position(|c| &c.row.name == name)
                        .ok_or_else(|| missing(target))?;
                    let closed = self.connections.remove(at);
                    if let Some(queue) = closed.consumes.and_then(|q| self.queues.get_mut(&q)) {
                        queue.row.consumers = queue.row.consumers.saturating_sub(1);
                    }
                    self.closed.push(closed.row.name);
                }
            },
            Action::Purge(name) => {
                let queue = self
                    .queues
                    .get_mut(name.as_str())
                    .ok_or_else(|| missing(&Target::Queue(name.clone())))?;
                queue.row.ready = 0;
            }
            Action::Announce { to, text } => {
                let inboxes = match to {
                    Recipient::Topic(topic) => {
                        if !self.topics.contains(topic) {
                            return Err(missing(&Target::Topic(topic.clone())));
                        }
                        self.subscribers(topic).iter().map(inbox_queue).collect()
                    }
                    Recipient::User(user) => vec![inbox_queue(user)]
                        .into_iter()
                        .filter(|q| self.queues.contains_key(q))
                        .collect::<Vec<_>>(),
                };
                if inboxes.is_empty() {
                    return Err(ConsoleError::Unroutable(to.clone()));
                }
                for name in inboxes {
                    if let Some(queue) = self.queues.get_mut(&name) {
                        queue.row.ready += 1;
                    }
                }
                self.announcements.push((to.clone(), text.clone()));
            }
            Action::CreateAccount { user, password } => {
                return self.create_account(user, password);
            }
            Action::SetPassword { user, password } => return self.set_password(user, password),
            Action::Ban(user) => return self.ban(user),
            Action::Unban(user) => return self.unban(user),
        }
        Ok(Outcome::Done)
    }

    /// Closes every connection consuming `queue` (its queue was deleted under it).
    fn close_consumers_of(&mut self, queue: &str) {
        let (closed, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.connections)
            .into_iter()
            .partition(|c| c.consumes.as_deref() == Some(queue));
        self.connections = kept;
        self.closed.extend(closed.into_iter().map(|c| c.row.name));
    }

    fn details(&self, target: &Target) -> Result<Details, ConsoleError> {
        let missing = || ConsoleError::NotFound(target.clone());
        let field = |label: &str, value: String| (label.to_owned(), value);
        let queue_fields = |queue: &FakeQueue| {
            vec![
                field("ready", queue.row.ready.to_string()),
                field("unacked", queue.row.unacked.to_string()),
                field("consumers", queue.row.consumers.to_string()),
                field("durable", queue.row.durable.to_string()),
            ]
        };
        let details = match target {
            Target::Queue(name) => {
                let queue = self.queues.get(name.as_str()).ok_or_else(missing)?;
                Details {
                    title: target.to_string(),
                    fields: queue_fields(queue),
                    items_title: "bindings".to_owned(),
                    items: queue.bindings.iter().cloned().collect(),
                }
            }
            Target::Topic(topic) => {
                if !self.topics.contains(topic) {
                    return Err(missing());
                }
                let subscribers = self.subscribers(topic);
                Details {
                    title: target.to_string(),
                    fields: vec![field("subscribers", subscribers.len().to_string())],
                    items_title: "subscribers".to_owned(),
                    items: subscribers.iter().map(ToString::to_string).collect(),
                }
            }
            Target::User(user) => {
                let queue = self.queues.get(&inbox_queue(user)).ok_or_else(missing)?;
                let mut fields = vec![field("inbox", inbox_queue(user))];
                fields.extend(queue_fields(queue));
                Details {
                    title: target.to_string(),
                    fields,
                    items_title: "bindings".to_owned(),
                    items: queue.bindings.iter().cloned().collect(),
                }
            }
            Target::Connection(name) => {
                let connection = self
                    .connections
                    .iter()
                    .find(|c| &c.row.name == name)
                    .ok_or_else(missing)?;
                Details {
                    title: target.to_string(),
                    fields: vec![
                        field("user", connection.row.user.clone()),
                        field("client", connection.row.client.clone()),
                        field("channels", connection.row.channels.to_string()),
                        field("state", connection.row.state.clone()),
                    ],
                    items_title: "consumes".to_owned(),
                    items: connection.consumes.iter().cloned().collect(),
                }
            }
        };
        Ok(details)
    }
}
