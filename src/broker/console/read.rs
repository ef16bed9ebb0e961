//! One refresh: the overview, queues, topics with their subscribers, chat users and
//! connections, with the on-screen queues' counts read exactly over AMQP.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use futures_util::{StreamExt, TryStreamExt, stream};
use rabbitmq_http_client::commons::BindingDestinationType;
use rabbitmq_http_client::responses;

use super::ConsoleError;
use super::http::Http;
use super::live::Amqp;
use crate::broker::accounts::UserState;
use crate::domain::console::{AccountState, Overview, QueueRow, Snapshot, TopicRow, UserRow};
use crate::domain::wire::{topic_exchange, topics_among, user_from_inbox};
use crate::domain::{TopicName, UserName};

/// How many binding listings run at once (one per topic).
const BINDING_REQUESTS: usize = 8;

/// Reads a whole snapshot.
pub(crate) async fn snapshot(
    http: &Http,
    amqp: &Amqp,
    live: &[String],
) -> Result<Snapshot, ConsoleError> {
    let vhost = http.vhost();
    let (overview, mut queues, exchanges, connections, accounts) = tokio::try_join!(
        overview(http),
        http.list_queues(),
        async {
            http.api()
                .list_exchanges_in(vhost)
                .await
                .map_err(|e| http.error(&e, None))
        },
        http.list_connections(),
        account_states(http),
    )?;
    let topics = topics_among(exchanges.iter().map(|e| e.name.as_str()));

    let wanted: HashSet<&str> = live.iter().map(String::as_str).collect();
    let countable: Vec<&str> = queues
        .iter()
        .filter(|q| !q.exclusive && wanted.contains(q.name.as_str()))
        .map(|q| q.name.as_str())
        .collect();
    let (subscribers, counts) = tokio::join!(subscribers(http, &topics), amqp.counts(&countable));
    let subscribers = subscribers?;

    let mut live_queues = 0;
    if let Some(counts) = counts {
        for queue in &mut queues {
            if let Some(exact) = counts.get(&queue.name) {
                queue.ready = exact.ready;
                queue.consumers = exact.consumers;
                queue.live = true;
                live_queues += 1;
            }
        }
    }
    Ok(Snapshot {
        overview,
        users: users(&queues, &subscribers, accounts.as_ref()),
        topics: topic_rows(topics, &subscribers),
        queues,
        connections,
        live_queues,
    })
}

/// The overview (also the console's pre-flight check).
pub(crate) async fn overview(http: &Http) -> Result<Overview, ConsoleError> {
    let o = http
        .api()
        .overview()
        .await
        .map_err(|e| http.error(&e, None))?;
    let rate = |r: &Option<responses::Rate>| r.as_ref().map_or(0.0, |r| r.rate);
    Ok(Overview {
        rabbitmq_version: o.rabbitmq_version,
        erlang_version: o.erlang_version,
        node: o.node,
        cluster_name: o.cluster_name,
        queues: o.object_totals.queues,
        exchanges: o.object_totals.exchanges,
        connections: o.object_totals.connections,
        channels: o.object_totals.channels,
        consumers: o.object_totals.consumers,
        messages_ready: o.queue_totals.messages_ready_for_delivery,
        messages_unacked: o
            .queue_totals
            .messages_delivered_but_unacknowledged_by_consumers,
        publish_rate: rate(&o.message_stats.publishing_details),
        deliver_rate: rate(&o.message_stats.delivery_details),
    })
}

/// Who is subscribed to each topic: the users whose inbox is bound to its exchange.
/// One listing per topic, so the cost grows with topics, not queues.
async fn subscribers(
    http: &Http,
    topics: &[TopicName],
) -> Result<BTreeMap<TopicName, Vec<UserName>>, ConsoleError> {
    stream::iter(topics.iter().cloned())
        .map(|topic| async move {
            let exchange = topic_exchange(&topic);
            let bindings = match http
                .api()
                .list_exchange_bindings_with_source(http.vhost(), &exchange)
                .await
            {
                Ok(bindings) => bindings,
                // Deleted since the exchange listing: nobody is subscribed any more.
                Err(e) if e.is_not_found() => Vec::new(),
                Err(e) => return Err(http.error(&e, None)),
            };
            let users: BTreeSet<UserName> = bindings
                .iter()
                .filter(|b| matches!(b.destination_type, BindingDestinationType::Queue))
                .filter_map(|b| user_from_inbox(&b.destination))
                .collect();
            Ok((topic, users.into_iter().collect()))
        })
        .buffer_unordered(BINDING_REQUESTS)
        .try_collect()
        .await
}

fn topic_rows(
    topics: Vec<TopicName>,
    subscribers: &BTreeMap<TopicName, Vec<UserName>>,
) -> Vec<TopicRow> {
    topics
        .into_iter()
        .map(|name| TopicRow {
            subscribers: subscribers.get(&name).cloned().unwrap_or_default(),
            name,
        })
        .collect()
}

/// The state of every account, or `None` when the API user may not list accounts (only
/// an administrator may): the Users pane then shows `?`. Never fails the refresh.
async fn account_states(http: &Http) -> Result<Option<HashMap<String, UserState>>, ConsoleError> {
    match http.operator().account_states().await {
        Ok(states) => Ok(Some(states)),
        Err(error) => {
            tracing::debug!(error = %crate::logging::safe(&error), "the accounts could not be listed");
            Ok(None)
        }
    }
}

/// The chat users: every inbox queue, with the topics it is bound to and its account's
/// state (`accounts` is `None` when they could not be listed).
pub(crate) fn users(
    queues: &[QueueRow],
    subscribers: &BTreeMap<TopicName, Vec<UserName>>,
    accounts: Option<&HashMap<String, UserState>>,
) -> Vec<UserRow> {
    let mut topics_of: BTreeMap<&UserName, Vec<TopicName>> = BTreeMap::new();
    for (topic, users) in subscribers {
        for user in users {
            topics_of.entry(user).or_default().push(topic.clone());
        }
    }
    let mut users: Vec<UserRow> = queues
        .iter()
        .filter_map(|queue| {
            let name = user_from_inbox(&queue.name)?;
            Some(UserRow {
                online: queue.consumers > 0,
                waiting: queue.ready,
                topics: topics_of.get(&name).cloned().unwrap_or_default(),
                account: match accounts.map(|a| a.get(name.as_str())) {
                    None => AccountState::Unknown,
                    Some(None) => AccountState::NoAccount,
                    Some(Some(UserState::Active)) => AccountState::Active,
                    Some(Some(UserState::Banned)) => AccountState::Banned,
                },
                name,
            })
        })
        .collect();
    users.sort_by(|a, b| a.name.cmp(&b.name));
    users
}

/// What the client calls itself: its `connection_name`, else its product.
pub(crate) fn client_label(properties: &responses::ClientProperties) -> String {
    if properties.connection_name.is_empty() {
        properties.product.clone()
    } else {
        properties.connection_name.clone()
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
