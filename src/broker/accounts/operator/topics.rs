//! Topics: `topic add` and `topic remove`.

use super::Operator;
use crate::broker::accounts::error::OperatorError;
use crate::domain::TopicName;
use crate::domain::wire::topic_exchange;

impl Operator {
    /// Declares the topic's exchange `chat.topic.<topic>` (fanout, durable); refused when
    /// it exists.
    pub async fn add_topic(&self, topic: &TopicName) -> Result<(), OperatorError> {
        self.api.check_vhost().await?;
        let exchange = topic_exchange(topic);
        if self.api.exchange(&exchange).await?.is_some() {
            return Err(OperatorError::AlreadyExists(format!("topic {topic}")));
        }
        self.api.declare_exchange(&exchange, "fanout").await
    }

    /// Deletes the topic's exchange (its members' bindings go with it); refused when it
    /// is not there.
    pub async fn remove_topic(&self, topic: &TopicName) -> Result<(), OperatorError> {
        self.api.check_vhost().await?;
        let exchange = topic_exchange(topic);
        if self.api.exchange(&exchange).await?.is_none() {
            return Err(OperatorError::NotFound(format!("topic {topic}")));
        }
        self.api.delete_exchange(&exchange).await
    }
}
