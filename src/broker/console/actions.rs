//! The changes an operator makes: create, delete, purge, announce (the accounts' own
//! actions are in `accounts.rs`). Every refusal happens before anything is changed on
//! the broker.

use std::time::Duration;

use rabbitmq_http_client::api::HttpClientError;
use rabbitmq_http_client::commons::ExchangeType;
use rabbitmq_http_client::requests::{ExchangeParams, QueueParams};
use tokio::time::Instant;

use super::ConsoleError;
use super::accounts;
use super::announce;
use super::http::Http;
use super::live::Amqp;
use crate::broker::topology::{declare_inbox, declare_shared_exchanges};
use crate::domain::UserName;
use crate::domain::console::{Action, Outcome, Target};
use crate::domain::wire::{
    INBOX_PREFIX, client_connection_name, inbox_queue, removal_reason, topic_exchange,
};

/// How long deleting a user waits for the API to list a client it knows is connected
/// (a little more than the default statistics interval of 5 s).
const STATS_WAIT: Duration = Duration::from_secs(7);
/// How often it asks meanwhile.
const STATS_POLL: Duration = Duration::from_millis(250);

/// Carries out `action`.
pub(crate) async fn perform(
    http: &Http,
    amqp: &Amqp,
    action: &Action,
) -> Result<Outcome, ConsoleError> {
    let done = match action {
        Action::Create(target) => create(http, amqp, target).await,
        Action::Delete(target) => delete(http, amqp, target).await,
        Action::Purge(queue) => {
            let target = Target::Queue(queue.clone());
            http.api()
                .purge_queue(http.vhost(), queue.as_str())
                .await
                .map_err(|e| http.error(&e, Some(&target)))
        }
        Action::Announce { to, text } => announce::announce(http, amqp, to, text).await,
        Action::CreateAccount { user, password } => {
            return accounts::create(http, user, password).await;
        }
        Action::SetPassword { user, password } => {
            return accounts::set_password(http, user, password).await;
        }
        Action::Ban(user) => return accounts::ban(http, user).await,
        Action::Unban(user) => return accounts::unban(http, user).await,
    };
    done.map(|()| Outcome::Done)
}

async fn create(http: &Http, amqp: &Amqp, target: &Target) -> Result<(), ConsoleError> {
    let api = http.api();
    let vhost = http.vhost();
    let failed = |e: HttpClientError| http.error(&e, None);
    match target {
        Target::Queue(queue) => {
            if queue.as_str().starts_with(INBOX_PREFIX) {
                return Err(ConsoleError::Broker(format!(
                    "queues named {INBOX_PREFIX}… are chat users' inboxes: create a user in the Users pane instead"
                )));
            }
            if queue_exists(http, queue.as_str()).await? {
                return Err(ConsoleError::AlreadyExists(target.clone()));
            }
            let params = QueueParams::new_durable_classic_queue(queue.as_str(), None);
            api.declare_queue(vhost, &params).await.map_err(failed)
        }
        Target::Topic(topic) => {
            let exchange = topic_exchange(topic);
            match api.get_exchange_info(vhost, &exchange).await {
                Ok(_) => return Err(ConsoleError::AlreadyExists(target.clone())),
                Err(e) if e.is_not_found() => {}
                Err(e) => return Err(failed(e)),
            }
            let params = ExchangeParams::durable(&exchange, ExchangeType::Fanout, None);
            api.declare_exchange(vhost, &params).await.map_err(failed)
        }
        Target::User(user) => {
            if queue_exists(http, &inbox_queue(user)).await? {
                return Err(ConsoleError::AlreadyExists(target.clone()));
            }
            // The same topology user mode declares when it connects.
            let channel = amqp.channel().await?;
            let declared = async {
                declare_shared_exchanges(&channel).await?;
                declare_inbox(&channel, user).await
            }
            .await;
            super::live::close_quietly(&channel).await;
            declared
                .map(|_| ())
                .map_err(|e| ConsoleError::Broker(e.to_string()))
        }
        Target::Connection(_) => Err(ConsoleError::Broker(
            "connections are opened by clients; the console cannot create one".into(),
        )),
    }
}

async fn queue_exists(http: &Http, queue: &str) -> Result<bool, ConsoleError> {
    match http.api().get_queue_info(http.vhost(), queue).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(http.error(&e, None)),
    }
}

async fn delete(http: &Http, amqp: &Amqp, target: &Target) -> Result<(), ConsoleError> {
    let api = http.api();
    let vhost = http.vhost();
    let gone = |e: HttpClientError| http.error(&e, Some(target));
    match target {
        Target::Queue(queue) => api
            .delete_queue(vhost, queue.as_str(), false)
            .await
            .map_err(gone),
        Target::Topic(topic) => api
            .delete_exchange(vhost, &topic_exchange(topic), false)
            .await
            .map_err(gone),
        Target::User(user) => {
            let inbox = inbox_queue(user);
            let has_inbox = queue_exists(http, &inbox).await?;
            // An account (protocol version 3) loses its permissions first, so that no
            // new login replaces the connections closed below; it is deleted last.
            let operator = http.operator();
            let has_account = operator
                .revoke_for_removal(user)
                .await
                .map_err(|e| http.operator_error(e, target))?;
            if !has_inbox && !has_account {
                return Err(ConsoleError::NotFound(target.clone()));
            }
            // The inbox goes first: its consumer cancelled by the broker is how the
            // client learns it was removed (protocol version 3: a reason text proves
            // nothing, anyone can close a connection with any text). The connections
            // are closed after it, the reason there for people reading logs.
            let reason = removal_reason(user);
            let connections = connections_to_close(http, amqp, user).await?;
            if has_inbox {
                api.delete_queue(vhost, &inbox, false).await.map_err(gone)?;
            }
            for connection in connections {
                // The client usually closes it itself on seeing the removal: a close
                // that finds the connection gone (or going) is no failure.
                if let Err(e) = api.close_connection(&connection, Some(&reason), true).await {
                    tracing::debug!(%connection, "closing a removed user's connection: {e}");
                }
            }
            if has_account {
                operator
                    .delete_account(user)
                    .await
                    .map_err(|e| http.operator_error(e, target))?;
            }
            Ok(())
        }
        Target::Connection(name) => {
            match api
                .close_connection(name, Some("closed by chat-tui admin"), false)
                .await
            {
                Ok(()) => Ok(()),
                // RabbitMQ answers 500 to closing a connection whose process has just
                // ended while its statistics still list it: the outcome is checked, by
                // asking until the listing catches up (or the wait is over).
                Err(e) if !e.is_not_found() => {
                    let deadline = Instant::now() + STATS_WAIT;
                    loop {
                        match api.get_connection_info(name).await {
                            Err(info) if info.is_not_found() => return Err(gone(info)),
                            _ if Instant::now() >= deadline => return Err(gone(e)),
                            _ => tokio::time::sleep(STATS_POLL).await,
                        }
                    }
                }
                Err(e) => Err(gone(e)),
            }
        }
    }
}

/// The connections to close before deleting `user`. The API lists a new connection or
/// consumer only once the broker collected statistics (every 5 s by default), so while
/// the inbox has a consumer (asked exactly over AMQP) and the API shows none yet, ask
/// again for a little longer than that interval.
async fn connections_to_close(
    http: &Http,
    amqp: &Amqp,
    user: &UserName,
) -> Result<Vec<String>, ConsoleError> {
    let inbox = inbox_queue(user);
    let deadline = Instant::now() + STATS_WAIT;
    loop {
        let found = user_connections(http, user).await?;
        if !found.is_empty() {
            return Ok(found);
        }
        let consumed = amqp
            .counts(&[inbox.as_str()])
            .await
            .and_then(|counts| counts.get(&inbox).map(|c| c.consumers > 0))
            .unwrap_or(false);
        if !consumed || Instant::now() >= deadline {
            // Nobody to tell, or the API never showed them: deleting the inbox still
            // cancels the consumer, which the client also reports as a removal.
            return Ok(found);
        }
        tokio::time::sleep(STATS_POLL).await;
    }
}

/// The connections of `user`'s clients: those consuming the inbox, those that call
/// themselves `chat-tui <user>` (a consumer's channel details can lag behind), and those
/// logged in as its account.
pub(crate) async fn user_connections(
    http: &Http,
    user: &UserName,
) -> Result<Vec<String>, ConsoleError> {
    let inbox = inbox_queue(user);
    let (consumers, connections) =
        tokio::try_join!(http.list_consumers(), http.list_connections())?;
    let client_name = client_connection_name(user);
    let mut names: Vec<String> = consumers
        .into_iter()
        .filter(|(queue, _)| *queue == inbox)
        .map(|(_, connection)| connection)
        .chain(
            connections
                .iter()
                .filter(|c| c.client == client_name || c.user == user.as_str())
                .map(|c| c.name.clone()),
        )
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}
