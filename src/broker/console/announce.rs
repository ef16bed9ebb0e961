//! Announcements (protocol version 3): an operator's message to a user or to a topic's
//! members, from the console's own account through `chat.announce` (which no user may
//! write to), published with `mandatory` and publisher confirms.

use lapin::options::ConfirmSelectOptions;
use lapin::protocol::AMQPSoftError;
use lapin::{Channel, Confirmation};

use super::ConsoleError;
use super::http::Http;
use super::live::{Amqp, close_quietly};
use crate::broker::error::is_soft_error;
use crate::broker::publish::{announce_route, publish_routed};
use crate::domain::console::{Recipient, Target};
use crate::domain::envelope::MAX_BODY_BYTES;
use crate::domain::wire::{ANNOUNCE_EXCHANGE, topic_exchange, user_from_inbox};
use crate::domain::{Envelope, TopicName, UserName};

/// Sends `text` as an announcement (protocol version 3) from the console's own AMQP
/// account to `to`: through `chat.announce`, keyed by the user's name — for a topic, by
/// the name of each member (each inbox bound to the topic's exchange). Refused before
/// sending when empty or too long.
pub(crate) async fn announce(
    http: &Http,
    amqp: &Amqp,
    to: &Recipient,
    text: &str,
) -> Result<(), ConsoleError> {
    if text.trim().is_empty() {
        return Err(ConsoleError::Broker(
            "the announcement is empty: type some text".into(),
        ));
    }
    if text.len() > MAX_BODY_BYTES {
        return Err(ConsoleError::Broker(format!(
            "the announcement is {} bytes long; at most {MAX_BODY_BYTES} are allowed",
            text.len()
        )));
    }
    let login = amqp.login();
    let from = UserName::parse(&login).map_err(|_| {
        ConsoleError::Broker(format!(
            "the console's AMQP account {login:?} is not a valid chat name, which an announcement needs as its sender"
        ))
    })?;
    let keys: Vec<String> = match to {
        Recipient::User(user) => vec![user.to_string()],
        Recipient::Topic(topic) => members(http, topic).await?,
    };
    let env = Envelope::announce(from, text.to_owned());
    let channel = amqp.channel().await?;
    let mut returned = 0;
    let mut result = Ok(());
    for key in &keys {
        match publish_confirmed(&channel, &login, &env, key).await {
            Ok(Published::Delivered) => {}
            Ok(Published::Returned) => returned += 1,
            Ok(Published::Refused) => {
                result = Err(ConsoleError::Broker(
                    "RabbitMQ did not accept the announcement (nack); send it again".into(),
                ));
                break;
            }
            Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => {
                result = Err(ConsoleError::Broker(format!(
                    "there is no {ANNOUNCE_EXCHANGE} exchange: run `chat-tui admin setup` first"
                )));
                break;
            }
            Err(e) => {
                result = Err(amqp.unreachable(&e.to_string()));
                break;
            }
        }
    }
    close_quietly(&channel).await;
    result?;
    if keys.is_empty() || returned == keys.len() {
        return Err(ConsoleError::Unroutable(to.clone()));
    }
    Ok(())
}

/// The members of `topic`: the users whose inboxes are bound to its exchange.
async fn members(http: &Http, topic: &TopicName) -> Result<Vec<String>, ConsoleError> {
    let exchange = topic_exchange(topic);
    let missing = |e| http.error(&e, Some(&Target::Topic(topic.clone())));
    // The bindings of a missing exchange are simply none: ask whether it exists first.
    http.api()
        .get_exchange_info(http.vhost(), &exchange)
        .await
        .map_err(missing)?;
    let bindings = http
        .api()
        .list_exchange_bindings_with_source(http.vhost(), &exchange)
        .await
        .map_err(missing)?;
    let mut members: Vec<String> = bindings
        .iter()
        .filter_map(|b| user_from_inbox(&b.destination))
        .map(|user| user.to_string())
        .collect();
    members.sort();
    members.dedup();
    Ok(members)
}

/// What the broker did with an announcement.
enum Published {
    /// In every bound queue.
    Delivered,
    /// `mandatory` and no queue was bound.
    Returned,
    /// Negatively confirmed.
    Refused,
}

/// Publishes `env` as `login` to `chat.announce` with routing key `key`, `mandatory`,
/// and waits for the confirm.
async fn publish_confirmed(
    channel: &Channel,
    login: &str,
    env: &Envelope,
    key: &str,
) -> Result<Published, lapin::Error> {
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    let confirm = publish_routed(
        channel,
        login,
        env,
        &env.encode(),
        announce_route(key),
        None,
    )
    .await?;
    match confirm.await? {
        Confirmation::Ack(None) => Ok(Published::Delivered),
        Confirmation::Ack(Some(_)) => Ok(Published::Returned),
        Confirmation::Nack(_) | Confirmation::NotRequested => Ok(Published::Refused),
    }
}
