use crate::domain::console::QueueName;

use super::*;

fn run<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a test runtime")
        .block_on(future)
}

fn queue(name: &str) -> Target {
    Target::Queue(QueueName::parse(name).expect("valid"))
}

fn topic(name: &str) -> TopicName {
    TopicName::parse(name).expect("valid")
}

fn user(name: &str) -> UserName {
    UserName::parse(name).expect("valid")
}

fn sample() -> FakeConsole {
    FakeConsole::new()
        .with_queue("orders", 10, 2)
        .with_topic("news")
        .with_user("alice", true, 1)
        .with_user("bob", false, 0)
        .with_subscription("alice", "news")
}

#[test]
fn snapshots_derive_users_topics_and_the_overview() {
    let fake = sample();
    let snapshot = run(fake.snapshot(&["orders".to_owned()])).expect("reachable");
    let names: Vec<&str> = snapshot.queues.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(names, ["chat.user.alice", "chat.user.bob", "orders"]);
    assert_eq!(snapshot.live_queues, 1);
    assert!(snapshot.queues[2].live && !snapshot.queues[0].live);
    assert_eq!(snapshot.topics.len(), 1);
    assert_eq!(snapshot.topics[0].subscribers, [user("alice")]);
    let alice = &snapshot.users[0];
    assert_eq!((alice.online, alice.waiting), (true, 1));
    assert_eq!(alice.topics, [topic("news")]);
    assert!(!snapshot.users[1].online);
    assert_eq!(snapshot.connections.len(), 1);
    let o = &snapshot.overview;
    assert_eq!((o.queues, o.connections, o.consumers), (3, 1, 1));
    assert_eq!((o.messages_ready, o.messages_unacked), (11, 2));
}

#[test]
fn create_refuses_what_exists() {
    let fake = sample();
    for target in [
        queue("orders"),
        Target::Topic(topic("news")),
        Target::User(user("bob")),
    ] {
        let err = run(fake.perform(&Action::Create(target.clone()))).expect_err("exists");
        assert_eq!(err, ConsoleError::AlreadyExists(target));
    }
    run(fake.perform(&Action::Create(Target::User(user("carol"))))).expect("new");
    assert_eq!(
        fake.bindings("chat.user.carol"),
        Some(vec!["chat.direct".to_owned()])
    );
    run(fake.perform(&Action::Create(queue("jobs")))).expect("new");
    run(fake.perform(&Action::Create(Target::Topic(topic("sport"))))).expect("new");
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    assert_eq!(snapshot.users.len(), 3);
    assert_eq!(snapshot.topics.len(), 2);
    assert_eq!(snapshot.queues.len(), 5);
}

#[test]
fn delete_and_purge_of_missing_things_are_not_found() {
    let fake = sample();
    for action in [
        Action::Delete(queue("nope")),
        Action::Delete(Target::Topic(topic("nope"))),
        Action::Delete(Target::User(user("nope"))),
        Action::Delete(Target::Connection("nope".to_owned())),
        Action::Purge(QueueName::parse("nope").expect("valid")),
    ] {
        let err = run(fake.perform(&action)).expect_err("missing");
        assert!(matches!(err, ConsoleError::NotFound(_)), "{action}: {err}");
    }
}

#[test]
fn deleting_a_user_removes_the_inbox_and_closes_its_connection() {
    let fake = sample();
    run(fake.perform(&Action::Delete(Target::User(user("alice"))))).expect("exists");
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    assert!(snapshot.users.iter().all(|u| u.name != user("alice")));
    assert!(snapshot.connections.is_empty());
    assert_eq!(fake.closed_connections().len(), 1);
    assert!(snapshot.topics[0].subscribers.is_empty());
}

#[test]
fn deleting_a_topic_unbinds_it_and_purge_empties_ready() {
    let fake = sample();
    run(fake.perform(&Action::Delete(Target::Topic(topic("news"))))).expect("exists");
    assert_eq!(
        fake.bindings("chat.user.alice"),
        Some(vec!["chat.direct".to_owned()])
    );
    run(fake.perform(&Action::Purge(QueueName::parse("orders").expect("valid")))).expect("ok");
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    let orders = snapshot
        .queues
        .iter()
        .find(|q| q.name == "orders")
        .expect("kept");
    assert_eq!((orders.ready, orders.unacked), (0, 2));
}

#[test]
fn announcements_reach_inboxes_or_are_unroutable() {
    let fake = sample().with_topic("empty");
    let to_news = Action::Announce {
        to: Recipient::Topic(topic("news")),
        text: "hello".to_owned(),
    };
    run(fake.perform(&to_news)).expect("alice subscribes");
    let to_bob = Action::Announce {
        to: Recipient::User(user("bob")),
        text: "hi".to_owned(),
    };
    run(fake.perform(&to_bob)).expect("bob has an inbox");
    for to in [
        Recipient::Topic(topic("empty")),
        Recipient::User(user("ghost")),
    ] {
        let action = Action::Announce {
            to: to.clone(),
            text: "x".to_owned(),
        };
        assert_eq!(
            run(fake.perform(&action)),
            Err(ConsoleError::Unroutable(to))
        );
    }
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    let waiting: Vec<u64> = snapshot.users.iter().map(|u| u.waiting).collect();
    assert_eq!(waiting, [2, 1]);
    assert_eq!(fake.announcements().len(), 2);
}

#[test]
fn closing_a_connection_frees_its_consumer() {
    let fake = sample();
    let name = run(fake.snapshot(&[])).expect("reachable").connections[0]
        .name
        .clone();
    run(fake.perform(&Action::Delete(Target::Connection(name.clone())))).expect("open");
    assert_eq!(fake.closed_connections(), [name]);
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    assert!(!snapshot.users[0].online);
}

#[test]
fn details_describe_each_kind() {
    let fake = sample();
    let topic_details = run(fake.details(&Target::Topic(topic("news")))).expect("exists");
    assert_eq!(topic_details.items_title, "subscribers");
    assert_eq!(topic_details.items, ["alice"]);
    let user_details = run(fake.details(&Target::User(user("alice")))).expect("exists");
    assert!(user_details.items.contains(&"chat.topic.news".to_owned()));
    let missing = run(fake.details(&queue("nope"))).expect_err("missing");
    assert_eq!(missing, ConsoleError::NotFound(queue("nope")));
}

#[test]
fn an_unreachable_fake_fails_everything_until_it_is_back() {
    let fake = sample();
    fake.set_unreachable(true);
    assert!(run(fake.snapshot(&[])).expect_err("down").is_unreachable());
    let create = Action::Create(queue("jobs"));
    assert!(
        run(fake.perform(&create))
            .expect_err("down")
            .is_unreachable()
    );
    assert!(
        run(fake.details(&queue("orders")))
            .expect_err("down")
            .is_unreachable()
    );
    fake.set_unreachable(false);
    run(fake.perform(&create)).expect("back");
    assert!(run(fake.snapshot(&[])).is_ok());
}

#[test]
fn with_queues_seeds_many() {
    let fake = FakeConsole::new().with_queues(10_000);
    let snapshot = run(fake.snapshot(&[])).expect("reachable");
    assert_eq!(snapshot.queues.len(), 10_000);
    assert_eq!(snapshot.queues[0].name, "queue-00000");
    assert_eq!(snapshot.queues[9_999].name, "queue-09999");
}

#[test]
fn accounts_follow_the_real_consoles_rules() {
    use crate::domain::console::{AccountState, NewPassword, Outcome};
    let fake = sample();
    let bob = user("bob");
    let create = Action::CreateAccount {
        user: bob.clone(),
        password: NewPassword::Generate,
    };
    assert_eq!(
        run(fake.perform(&create)),
        Ok(Outcome::Generated(Password::new(FAKE_PASSWORD)))
    );
    assert_eq!(
        run(fake.perform(&create)),
        Err(ConsoleError::AlreadyExists(Target::User(bob.clone())))
    );
    let state = |name: &str| {
        let snapshot = run(fake.snapshot(&[])).expect("reachable");
        snapshot
            .users
            .iter()
            .find(|u| u.name.as_str() == name)
            .map(|u| u.account)
    };
    assert_eq!(state("bob"), Some(AccountState::Active));
    assert_eq!(state("alice"), Some(AccountState::NoAccount));
    let refused = run(fake.perform(&Action::Ban(user("alice")))).expect_err("no account");
    assert!(refused.to_string().contains("no account"), "{refused}");

    assert_eq!(
        run(fake.perform(&Action::Ban(bob.clone()))),
        Ok(Outcome::Banned {
            already: false,
            closed: 0
        })
    );
    assert_eq!(state("bob"), Some(AccountState::Banned));
    run(fake.perform(&Action::Delete(Target::User(bob.clone())))).expect("deleted");
    assert_eq!(state("bob"), None);
    assert_eq!(
        fake.password_of("bob"),
        None,
        "the account went with the inbox"
    );
}
