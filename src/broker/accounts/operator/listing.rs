//! `user list` and `topic list`: the chat users and topics of the virtual host.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Operator, belongs_to};
use crate::broker::accounts::api::ConnectionInfo;
use crate::broker::accounts::error::OperatorError;
use crate::domain::natural_order;
use crate::domain::wire::{topic_from_exchange, user_from_inbox};

/// Whether a chat user may log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UserState {
    /// It may (an open-mode user, without an account, always is).
    Active,
    /// Its account has no permissions on the virtual host.
    Banned,
}

impl UserState {
    /// The word shown: `active` or `banned`.
    pub fn as_str(self) -> &'static str {
        match self {
            UserState::Active => "active",
            UserState::Banned => "banned",
        }
    }
}

/// One chat user: someone with an inbox `chat.user.<name>` in the virtual host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChatUser {
    /// The name.
    pub name: String,
    /// Whether a RabbitMQ account of that name exists (an open-mode user has none).
    pub account: bool,
    /// Whether it may log in.
    pub state: UserState,
    /// Its clients' connections.
    pub connections: usize,
    /// Messages waiting in its inbox.
    pub messages: u64,
}

/// One topic and how many inboxes are bound to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicMembers {
    /// The topic's name (without `#`).
    pub name: String,
    /// Inboxes bound to its exchange.
    pub members: usize,
}

impl Operator {
    /// Every chat user of the virtual host, in natural order of names. Counts are the
    /// broker's last statistics (a few seconds old at most).
    pub async fn list_users(&self) -> Result<Vec<ChatUser>, OperatorError> {
        let (queues, accounts, permitted, connections) = tokio::try_join!(
            self.api.queues(),
            self.api.accounts(),
            self.api.permitted_users(),
            self.api.connections(),
        )?;
        let accounts: HashSet<String> = accounts.into_iter().map(|a| a.name).collect();
        let permitted: HashSet<String> = permitted.into_iter().collect();
        let mut users: Vec<ChatUser> = queues
            .iter()
            .filter_map(|queue| {
                let user = user_from_inbox(&queue.name)?;
                let account = accounts.contains(user.as_str());
                let banned = account && !permitted.contains(user.as_str());
                Some(ChatUser {
                    name: user.as_str().to_owned(),
                    account,
                    state: if banned {
                        UserState::Banned
                    } else {
                        UserState::Active
                    },
                    connections: count_connections(&connections, &user),
                    messages: queue.messages.unwrap_or(0),
                })
            })
            .collect();
        users.sort_by(|a, b| natural_order(&a.name, &b.name));
        Ok(users)
    }

    /// The state of every account that may be a chat user's, by name: banned when it has
    /// no permissions on the virtual host. Names without an account are absent. Needs an
    /// API user tagged administrator (the account listing is theirs alone).
    pub async fn account_states(&self) -> Result<HashMap<String, UserState>, OperatorError> {
        let (accounts, permitted) =
            tokio::try_join!(self.api.accounts(), self.api.permitted_users())?;
        let permitted: HashSet<String> = permitted.into_iter().collect();
        Ok(accounts
            .into_iter()
            .map(|account| {
                let state = if permitted.contains(&account.name) {
                    UserState::Active
                } else {
                    UserState::Banned
                };
                (account.name, state)
            })
            .collect())
    }

    /// Every topic of the virtual host with the inboxes bound to it, in natural order.
    pub async fn list_topics(&self) -> Result<Vec<TopicMembers>, OperatorError> {
        let (exchanges, bindings) = tokio::try_join!(self.api.exchanges(), self.api.bindings())?;
        let mut members: HashMap<String, usize> = HashMap::new();
        for binding in &bindings {
            if binding.destination_type == "queue"
                && user_from_inbox(&binding.destination).is_some()
            {
                *members.entry(binding.source.clone()).or_default() += 1;
            }
        }
        let mut topics: Vec<TopicMembers> = exchanges
            .iter()
            .filter_map(|exchange| {
                let topic = topic_from_exchange(&exchange.name)?;
                Some(TopicMembers {
                    name: topic.as_str().to_owned(),
                    members: members.get(&exchange.name).copied().unwrap_or(0),
                })
            })
            .collect();
        topics.sort_by(|a, b| natural_order(&a.name, &b.name));
        Ok(topics)
    }
}

fn count_connections(connections: &[ConnectionInfo], user: &crate::domain::UserName) -> usize {
    connections.iter().filter(|c| belongs_to(c, user)).count()
}
