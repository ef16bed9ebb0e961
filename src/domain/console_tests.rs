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

#[test]
fn account_actions_read_as_words_and_never_show_a_password() {
    let user = UserName::parse("bob").expect("valid");
    let typed = NewPassword::Typed(Password::new("hunter2-secret"));
    let create = Action::CreateAccount {
        user: user.clone(),
        password: typed.clone(),
    };
    let reset = Action::SetPassword {
        user: user.clone(),
        password: typed,
    };
    assert_eq!(create.to_string(), "create the account bob");
    assert_eq!(reset.to_string(), "set a new password for bob");
    assert_eq!(Action::Ban(user.clone()).to_string(), "ban bob");
    assert_eq!(Action::Unban(user).to_string(), "unban bob");
    let generated = Outcome::Generated(Password::new("hunter2-secret"));
    for shown in [
        format!("{create:?}"),
        format!("{reset:?}"),
        format!("{generated:?}"),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}

#[test]
fn account_states_have_their_words() {
    let words: Vec<&str> = [
        AccountState::Active,
        AccountState::Banned,
        AccountState::NoAccount,
        AccountState::Unknown,
    ]
    .iter()
    .map(|s| s.label())
    .collect();
    assert_eq!(words, ["active", "banned", "no account", "?"]);
}
