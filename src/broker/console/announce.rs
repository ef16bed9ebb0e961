//! Announcements: a message from "admin" to a user or a topic, published with
//! `mandatory` and publisher confirms like user mode's messages.

use lapin::options::ConfirmSelectOptions;
use lapin::protocol::AMQPSoftError;
use lapin::{Channel, Confirmation};

use super::ConsoleError;
use super::http::Http;
use super::live::{Amqp, close_quietly};
use crate::broker::error::is_soft_error;
use crate::broker::publish::publish_envelope;
use crate::domain::console::{Recipient, Target};
use crate::domain::envelope::MAX_BODY_BYTES;
use crate::domain::wire::{ANNOUNCER, topic_exchange};
use crate::domain::{Envelope, UserName};

/// Sends `text` from "admin" to `to`; refused before sending when empty or too long.
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
    let from = UserName::parse(ANNOUNCER).map_err(|e| ConsoleError::Broker(e.to_string()))?;
    let env = match to {
        Recipient::User(user) => Envelope::direct(from, user.clone(), text.to_owned()),
        Recipient::Topic(topic) => {
            // Publishing to a missing exchange would only fail on the confirm.
            match http
                .api()
                .get_exchange_info(http.vhost(), &topic_exchange(topic))
                .await
            {
                Ok(_) => {}
                Err(e) => return Err(http.error(&e, Some(&Target::Topic(topic.clone())))),
            }
            Envelope::topic(from, topic.clone(), text.to_owned())
        }
    };
    let channel = amqp.channel().await?;
    let result = publish_confirmed(&channel, &env).await;
    close_quietly(&channel).await;
    match result {
        Ok(Published::Delivered) => Ok(()),
        Ok(Published::Returned) => Err(ConsoleError::Unroutable(to.clone())),
        Ok(Published::Refused) => Err(ConsoleError::Broker(
            "RabbitMQ did not accept the announcement (nack); send it again".into(),
        )),
        Err(e) if is_soft_error(&e, AMQPSoftError::NOTFOUND) => match to {
            Recipient::Topic(topic) => Err(ConsoleError::NotFound(Target::Topic(topic.clone()))),
            Recipient::User(_) => Err(ConsoleError::Broker(e.to_string())),
        },
        Err(e) => Err(amqp.unreachable(&e.to_string())),
    }
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

/// Publishes `env` with `mandatory` and waits for the confirm.
async fn publish_confirmed(channel: &Channel, env: &Envelope) -> Result<Published, lapin::Error> {
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    let confirm = publish_envelope(channel, env, &env.encode()).await?;
    match confirm.await? {
        Confirmation::Ack(None) => Ok(Published::Delivered),
        Confirmation::Ack(Some(_)) => Ok(Published::Returned),
        Confirmation::Nack(_) | Confirmation::NotRequested => Ok(Published::Refused),
    }
}
