//! The admin console's broker layer (`BrokerConsole`) against the real broker: create,
//! list, count, purge and delete queues, topics and users, each checked with the broker's
//! own view (raw management API calls or passive declares), plus the refusals.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Instant;

use chat_tui::broker::console::{BrokerConsole, Console, ConsoleError};
use chat_tui::domain::console::{Action, QueueName, Target};
use chat_tui::domain::wire::{inbox_queue, topic_exchange};

use common::admin::{
    api_get, console, exchange_exists, publish_confirmed, queue_bindings, settings, unique_queue,
};
use common::{Cleanup, ready_count, unique_topic, unique_user};

fn queue_target(name: &str) -> Target {
    Target::Queue(QueueName::parse(name).expect("valid queue name"))
}

#[tokio::test]
async fn queues_are_created_counted_purged_and_deleted() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let name = unique_queue("admin-q");
    cleanup.queue(&name);
    let target = queue_target(&name);

    console
        .perform(&Action::Create(target.clone()))
        .await
        .expect("create");
    let (status, body) = api_get(&format!("queues/%2F/{name}")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["durable"], true);
    assert_eq!(body["type"], "classic");

    assert_eq!(
        console.perform(&Action::Create(target.clone())).await,
        Err(ConsoleError::AlreadyExists(target.clone()))
    );

    publish_confirmed(&name, 25).await;
    let snapshot = console
        .snapshot(std::slice::from_ref(&name))
        .await
        .expect("snapshot");
    let row = snapshot
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("the queue is listed");
    assert_eq!(row.ready, 25);
    assert!(row.live && row.durable && !row.exclusive);
    assert!(snapshot.live_queues >= 1);
    assert!(!snapshot.overview.rabbitmq_version.is_empty());

    let purge = Action::Purge(QueueName::parse(&name).expect("valid"));
    console.perform(&purge).await.expect("purge");
    assert_eq!(ready_count(&name).await, Some(0));

    console
        .perform(&Action::Delete(target.clone()))
        .await
        .expect("delete");
    assert_eq!(ready_count(&name).await, None);
    assert_eq!(
        console.perform(&Action::Delete(target.clone())).await,
        Err(ConsoleError::NotFound(target.clone()))
    );
    assert_eq!(
        console.perform(&purge).await,
        Err(ConsoleError::NotFound(target.clone()))
    );
    assert_eq!(
        console.details(&target).await,
        Err(ConsoleError::NotFound(target))
    );
}

#[tokio::test]
async fn live_counts_are_exact_at_once_where_the_statistics_lag() {
    const N: usize = 1000;
    let console = console();
    let mut cleanup = Cleanup::new();
    let name = unique_queue("admin-live");
    cleanup.queue(&name);
    console
        .perform(&Action::Create(queue_target(&name)))
        .await
        .expect("create");
    publish_confirmed(&name, N).await;

    let started = Instant::now();
    let snapshot = console
        .snapshot(std::slice::from_ref(&name))
        .await
        .expect("snapshot");
    let took = started.elapsed();
    let live = snapshot
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("listed");
    assert!(live.live);
    assert_eq!(live.ready, N as u64, "exact right after the confirms");

    let stats = console
        .snapshot(&[])
        .await
        .expect("snapshot without live rows");
    let lagging = stats
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("listed");
    assert!(!lagging.live);
    println!(
        "snapshot with 1 live queue took {took:?} over {} queues; live ready = {}, statistics said {}",
        snapshot.queues.len(),
        live.ready,
        lagging.ready
    );
}

#[tokio::test]
async fn topics_are_created_listed_with_subscribers_and_deleted() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("admin-t"));
    let user = cleanup.user(&unique_user("admin"));
    let target = Target::Topic(topic.clone());

    console
        .perform(&Action::Create(target.clone()))
        .await
        .expect("create topic");
    let (status, body) = api_get(&format!("exchanges/%2F/{}", topic_exchange(&topic))).await;
    assert_eq!(status, 200);
    assert_eq!(body["type"], "fanout");
    assert_eq!(body["durable"], true);
    assert_eq!(
        console.perform(&Action::Create(target.clone())).await,
        Err(ConsoleError::AlreadyExists(target.clone()))
    );

    // A subscriber, bound as user mode's /join does.
    console
        .perform(&Action::Create(Target::User(user.clone())))
        .await
        .expect("create user");
    let (connection, channel) = common::raw_channel().await;
    channel
        .queue_bind(
            inbox_queue(&user).as_str().into(),
            topic_exchange(&topic).as_str().into(),
            "".into(),
            Default::default(),
            Default::default(),
        )
        .await
        .expect("bind");
    let _ = connection.close(200, "done".into()).await;

    let snapshot = console.snapshot(&[]).await.expect("snapshot");
    let row = snapshot
        .topics
        .iter()
        .find(|t| t.name == topic)
        .expect("topic listed");
    assert_eq!(row.subscribers, vec![user.clone()]);
    let user_row = snapshot
        .users
        .iter()
        .find(|u| u.name == user)
        .expect("user listed");
    assert_eq!(user_row.topics, vec![topic.clone()]);
    let details = console.details(&target).await.expect("details");
    assert_eq!(details.items, vec![user.to_string()]);

    console
        .perform(&Action::Delete(target.clone()))
        .await
        .expect("delete topic");
    assert!(!exchange_exists(&topic_exchange(&topic)).await);
    assert_eq!(
        console.perform(&Action::Delete(target.clone())).await,
        Err(ConsoleError::NotFound(target))
    );
}

#[tokio::test]
async fn users_get_the_topology_of_user_mode_and_are_deleted() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let user = cleanup.user(&unique_user("admin"));
    let target = Target::User(user.clone());
    let inbox = inbox_queue(&user);

    console
        .perform(&Action::Create(target.clone()))
        .await
        .expect("create user");
    let (status, body) = api_get(&format!("queues/%2F/{inbox}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (&body["durable"], &body["exclusive"], &body["auto_delete"]),
        (&true.into(), &false.into(), &false.into())
    );
    assert!(
        queue_bindings(&inbox)
            .await
            .contains(&("chat.direct".to_owned(), user.to_string())),
        "bound to chat.direct with key = name"
    );
    assert_eq!(
        console.perform(&Action::Create(target.clone())).await,
        Err(ConsoleError::AlreadyExists(target.clone()))
    );

    let snapshot = console
        .snapshot(std::slice::from_ref(&inbox))
        .await
        .expect("snapshot");
    let row = snapshot
        .users
        .iter()
        .find(|u| u.name == user)
        .expect("listed");
    assert!(!row.online);
    assert_eq!(row.waiting, 0);
    let details = console.details(&target).await.expect("details");
    assert!(details.fields.contains(&("online".into(), "no".into())));

    console
        .perform(&Action::Delete(target.clone()))
        .await
        .expect("delete user");
    assert_eq!(ready_count(&inbox).await, None);
    assert_eq!(
        console.perform(&Action::Delete(target.clone())).await,
        Err(ConsoleError::NotFound(target))
    );
}

#[tokio::test]
async fn an_inbox_name_is_refused_in_the_queues_pane() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let user = cleanup.user(&unique_user("admin"));
    let inbox = inbox_queue(&user);
    let refused = console.perform(&Action::Create(queue_target(&inbox))).await;
    assert!(
        matches!(&refused, Err(ConsoleError::Broker(text)) if text.contains("Users pane")),
        "{refused:?}"
    );
    assert_eq!(ready_count(&inbox).await, None, "nothing was created");
}

#[tokio::test]
async fn an_unreachable_api_says_how_to_enable_it() {
    let mut settings = settings();
    settings.api.url = "http://127.0.0.1:1".into();
    let console = BrokerConsole::new(settings).expect("settings");
    let error = console
        .check()
        .await
        .expect_err("nothing listens on port 1");
    assert!(error.is_unreachable(), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("rabbitmq-plugins enable rabbitmq_management"),
        "{error}"
    );
    let action = console
        .perform(&Action::Create(queue_target(&unique_queue("never"))))
        .await;
    assert!(
        matches!(action, Err(ConsoleError::Unreachable { .. })),
        "{action:?}"
    );
}
