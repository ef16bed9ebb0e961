//! Publishing straight into a queue, as a foreign or hostile client would: any bytes,
//! any `message_id`, through the default exchange.

use lapin::options::BasicPublishOptions;
use lapin::{BasicProperties, Channel, Confirmation, PublisherConfirm};

/// Publishes `payload` into `queue` (`mandatory`, with `message_id` `id` if given) on a
/// channel in confirm mode, and returns the broker's confirmation to await later, so
/// that thousands of messages can be in flight at once.
pub async fn publish_unconfirmed(
    channel: &Channel,
    queue: &str,
    payload: &[u8],
    id: Option<&str>,
) -> PublisherConfirm {
    let mut properties = BasicProperties::default();
    if let Some(id) = id {
        properties = properties.with_message_id(id.into());
    }
    channel
        .basic_publish(
            "".into(),
            queue.into(),
            BasicPublishOptions {
                mandatory: true,
                immediate: false,
            },
            payload,
            properties,
        )
        .await
        .expect("publish")
}

/// Fails the test unless the broker took the message (acked, not returned).
pub async fn expect_acked(confirm: PublisherConfirm) {
    let confirmation = confirm.await.expect("confirm");
    assert!(
        matches!(confirmation, Confirmation::Ack(None)),
        "{confirmation:?}"
    );
}

/// Publishes `payload` straight into `queue` and waits for the broker's ack.
pub async fn publish_raw(channel: &Channel, queue: &str, payload: &[u8], id: Option<&str>) {
    expect_acked(publish_unconfirmed(channel, queue, payload, id).await).await;
}
