//! The seam's AMQP side: [`AmqpBroker`] and the trait implementations of the lapin
//! session types.

use crate::broker::{BrokerError, ManagementApi, TlsTrust};
use crate::domain::wire::AnswerTo;
use crate::domain::{Envelope, TopicName, Trust, UserName};

use super::{
    ChatBroker, ChatSession, Connected, Inbox, InboxDelivery, InboxEnd, InboxStream, Incoming,
    PendingConfirm, PresenceFeed, PresenceNote, PresenceStream, UserSession,
};

/// Why the inbox ended when the broker cancelled its consumer.
const INBOX_DELETED: &str = "the broker cancelled the inbox consumer: the inbox was deleted";

/// RabbitMQ over AMQP at one URL, with the management API for the topic list.
#[derive(Debug)]
pub struct AmqpBroker {
    amqp_url: String,
    tls: TlsTrust,
    management: ManagementApi,
}

impl AmqpBroker {
    /// The broker at `amqp_url` (`amqps://` trusting `tls`), listing topics through
    /// `management`.
    pub fn new(amqp_url: &str, tls: TlsTrust, management: ManagementApi) -> Self {
        Self {
            amqp_url: amqp_url.to_owned(),
            tls,
            management,
        }
    }

    /// Connects as `me` at `amqp_url`, trusting `tls` (see [`ChatBroker::connect`]);
    /// line mode does so before anything else is set up.
    pub async fn connect_at(
        amqp_url: &str,
        tls: &TlsTrust,
        me: &UserName,
        prefetch: u16,
    ) -> Result<Connected<UserSession>, BrokerError> {
        let (session, inbox, presence) =
            UserSession::connect_trusting(amqp_url, tls, me, prefetch).await?;
        Ok(Connected {
            session,
            inbox,
            presence,
        })
    }
}

impl ChatBroker for AmqpBroker {
    type Session = UserSession;

    async fn connect(
        &self,
        me: &UserName,
        prefetch: u16,
    ) -> Result<Connected<UserSession>, BrokerError> {
        Self::connect_at(&self.amqp_url, &self.tls, me, prefetch).await
    }

    fn trust(&self, me: &UserName) -> Trust {
        super::login_of(&self.amqp_url).map_or(Trust::Open, |login| super::trust_of(&login, me))
    }

    async fn list_topics(&self) -> Result<Vec<TopicName>, BrokerError> {
        self.management.list_topics().await
    }
}

impl ChatSession for UserSession {
    type Inbox = Inbox;
    type Presence = PresenceFeed;

    fn me(&self) -> &UserName {
        UserSession::me(self)
    }

    fn trust(&self) -> Trust {
        UserSession::trust(self)
    }

    fn waiting_at_connect(&self) -> u32 {
        UserSession::waiting_at_connect(self)
    }

    async fn publish(&self, envelope: &Envelope) -> Result<PendingConfirm, BrokerError> {
        UserSession::publish(self, envelope).await
    }

    async fn join(&self, topic: &TopicName) -> Result<(), BrokerError> {
        UserSession::join(self, topic).await
    }

    async fn leave(&self, topic: &TopicName) -> Result<(), BrokerError> {
        UserSession::leave(self, topic).await
    }

    async fn answer_presence(&self, envelope: &Envelope, to: &AnswerTo) -> Result<(), BrokerError> {
        UserSession::answer_presence(self, envelope, to).await
    }

    fn blocked(&self) -> tokio::sync::watch::Receiver<Option<String>> {
        UserSession::blocked(self)
    }

    async fn close(&self) -> Result<(), BrokerError> {
        UserSession::close(self).await
    }
}

impl InboxStream for Inbox {
    type Delivery = Incoming;

    async fn receive(&mut self) -> Result<Incoming, InboxEnd> {
        match self.next().await {
            Some(Ok(incoming)) => Ok(incoming),
            Some(Err(BrokerError::Disconnected(why))) => Err(ended(why)),
            Some(Err(other)) => Err(ended(other.to_string())),
            // The broker cancelled the consumer: the inbox was deleted.
            None => Err(ended(INBOX_DELETED.to_owned())),
        }
    }
}

/// Classifies the end of the inbox: an administrator's removal (the broker cancelled
/// the consumer: the inbox was deleted under us) or a plain loss. A reason text is never
/// taken as a removal: anyone may close a connection with any text.
fn ended(reason: String) -> InboxEnd {
    if reason == INBOX_DELETED {
        tracing::warn!(reason = %crate::logging::safe(&reason), "removed by an administrator");
        InboxEnd::Removed
    } else {
        InboxEnd::Lost(reason)
    }
}

impl InboxDelivery for Incoming {
    fn body(&self) -> &[u8] {
        &self.data
    }

    fn message_id(&self) -> Option<&str> {
        self.message_id.as_deref()
    }

    fn exchange(&self) -> &str {
        &self.exchange
    }

    fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }

    async fn ack_up_to_here(&self) -> Result<(), BrokerError> {
        Incoming::ack_up_to_here(self).await
    }
}

impl PresenceStream for PresenceFeed {
    async fn receive(&mut self) -> Option<PresenceNote> {
        self.next().await
    }
}
