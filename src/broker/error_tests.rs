//! Unit tests of `error`.

use super::*;

#[test]
fn messages_read_as_sentences() {
    let unreachable = BrokerError::Unreachable {
        url: "amqp://guest:guest@127.0.0.1:1/%2f".into(),
        reason: "connection refused".into(),
    };
    assert_eq!(
        unreachable.to_string(),
        "cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/%2f: connection refused; \
         start one with scripts/broker.sh"
    );
    let alice = UserName::parse("alice").unwrap();
    assert_eq!(
        BrokerError::AlreadyConnected(alice).to_string(),
        "alice is already connected"
    );
    let news = TopicName::parse("news").unwrap();
    assert_eq!(
        BrokerError::NoSuchTopic(news).to_string(),
        "there is no topic #news: an operator creates it with `chat-tui admin`"
    );
}

#[test]
fn unusable_addresses_read_as_before() {
    let underivable = crate::broker::BrokerAddress::parse("amqp://u:%zz@host").unwrap_err();
    assert_eq!(
        BrokerError::from(underivable).to_string(),
        "the RabbitMQ management API at amqp://u:***@host failed: cannot derive the \
         management URL: bad password escape"
    );
    let malformed = crate::broker::BrokerAddress::parse("amqp://u:s3cret@host:abc").unwrap_err();
    let error = BrokerError::from(malformed);
    assert!(
        matches!(error, BrokerError::Unreachable { .. }),
        "as lapin reports it"
    );
    assert_eq!(
        error.to_string(),
        "cannot reach RabbitMQ at amqp://u:***@host:abc: invalid port number; start one \
         with scripts/broker.sh"
    );
}
