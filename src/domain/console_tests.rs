use super::*;

#[test]
fn queue_names_follow_rabbitmq_rules() {
    assert_eq!(
        QueueName::parse(" orders ").map(|q| q.to_string()),
        Ok("orders".into())
    );
    assert!(QueueName::parse("Mixed.Case-and_ünïcode").is_ok());
    assert!(QueueName::parse(&"x".repeat(255)).is_ok());
    for (bad, why) in [
        ("", "empty"),
        ("   ", "empty"),
        ("amq.gen-1", "reserved"),
        ("a\u{7}b", "control"),
    ] {
        let err = QueueName::parse(bad).expect_err(bad);
        assert!(err.to_string().contains(why), "{bad:?}: {err}");
    }
    let long = QueueName::parse(&"é".repeat(128)).expect_err("256 bytes");
    assert!(long.to_string().contains("255 bytes"));
}

#[test]
fn targets_and_actions_read_as_words() {
    let topic = TopicName::parse("news").expect("valid");
    let user = UserName::parse("alice").expect("valid");
    let queue = QueueName::parse("orders").expect("valid");
    assert_eq!(Target::Topic(topic.clone()).to_string(), "topic #news");
    assert_eq!(
        Action::Delete(Target::User(user.clone())).to_string(),
        "delete user alice"
    );
    assert_eq!(Action::Purge(queue).to_string(), "purge queue orders");
    let announce = Action::Announce {
        to: Recipient::Topic(topic),
        text: "hi".into(),
    };
    assert_eq!(announce.to_string(), "announce to #news");
    assert_eq!(Target::User(user).kind(), "user");
}

#[test]
fn total_is_ready_plus_unacked() {
    let row = QueueRow {
        name: "q".into(),
        ready: 3,
        unacked: 4,
        consumers: 1,
        publish_rate: 0.0,
        deliver_rate: 0.0,
        durable: true,
        auto_delete: false,
        exclusive: false,
        live: true,
    };
    assert_eq!(row.total(), 7);
}

#[test]
fn existing_queues_keep_their_names_even_when_reserved() {
    let server_named = QueueName::existing("amq.gen-Xyz").expect("listed by the broker");
    assert_eq!(server_named.as_str(), "amq.gen-Xyz");
    assert_eq!(QueueName::existing(""), None);
}
