//! Unit tests of `error`.

use super::*;

#[test]
fn hides_passwords_only() {
    assert_eq!(
        redact_url("amqp://guest:s3cr%40t@host:5672/%2f"),
        "amqp://guest:***@host:5672/%2f"
    );
    assert_eq!(redact_url("amqp://host/%2f"), "amqp://host/%2f");
    assert_eq!(redact_url("amqp://bob@host"), "amqp://bob@host");
    assert_eq!(redact_url("not a url"), "not a url");
    assert_eq!(
        redact_url("http://u:p@[::1]:15672"),
        "http://u:***@[::1]:15672"
    );
}

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
