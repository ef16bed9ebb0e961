//! The admin console's view of connections, wrong credentials, its behaviour with AMQP
//! down, and (ignored by default, run with `--ignored`) its cost with thousands of queues.

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use chat_tui::broker::BrokerAddress;
use chat_tui::broker::console::{BrokerConsole, Console, ConsoleError, ConsoleSettings};
use chat_tui::domain::console::{Action, QueueName, Target};
use lapin::options::QueueDeclareOptions;
use lapin::types::FieldTable;
use lapin::{Connection, ConnectionProperties};

use common::admin::{console, publish_confirmed, settings, unique_queue};
use common::{Cleanup, amqp_url};

#[tokio::test]
async fn connections_are_listed_detailed_and_closed() {
    let console = console();
    let label = unique_queue("admin-conn");
    let connection = Connection::connect(
        &amqp_url(),
        ConnectionProperties::default().with_connection_name(label.clone().into()),
    )
    .await
    .expect("connect");
    // The API lists a new connection once the broker collected statistics (5 s).
    let deadline = Instant::now() + Duration::from_secs(12);
    let row = loop {
        let snapshot = console.snapshot(&[]).await.expect("snapshot");
        if let Some(row) = snapshot.connections.into_iter().find(|c| c.client == label) {
            break row;
        }
        assert!(Instant::now() < deadline, "the API never listed {label}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(row.user, "guest");
    let target = Target::Connection(row.name.clone());
    let details = console.details(&target).await.expect("details");
    assert!(details.fields.contains(&("client".into(), label.clone())));
    assert!(
        details
            .fields
            .iter()
            .any(|(k, v)| k == "peer" && v.contains(':'))
    );

    console
        .perform(&Action::Delete(target.clone()))
        .await
        .expect("close it");
    let deadline = Instant::now() + Duration::from_secs(5);
    while connection.status().connected() {
        assert!(Instant::now() < deadline, "the connection stayed open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The API may list a closed connection until its statistics catch up; closing it
    // again succeeds until then, and is refused as gone afterwards.
    let deadline = Instant::now() + Duration::from_secs(12);
    loop {
        match console.perform(&Action::Delete(target.clone())).await {
            Err(ConsoleError::NotFound(gone)) => {
                assert_eq!(gone, target);
                break;
            }
            Ok(_) => assert!(Instant::now() < deadline, "the API kept listing it"),
            Err(other) => panic!("closing a closed connection: {other}"),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test]
async fn without_amqp_the_snapshot_falls_back_to_statistics() {
    let console = BrokerConsole::new(ConsoleSettings {
        amqp: BrokerAddress::parse("amqp://guest:guest@127.0.0.1:1/%2f").expect("valid"),
        ..settings()
    })
    .expect("settings");
    let mut cleanup = Cleanup::new();
    let name = unique_queue("admin-noamqp");
    cleanup.queue(&name);
    let target = Target::Queue(QueueName::parse(&name).expect("valid"));
    console
        .perform(&Action::Create(target))
        .await
        .expect("created over HTTP");
    let snapshot = console
        .snapshot(std::slice::from_ref(&name))
        .await
        .expect("a snapshot all the same");
    assert_eq!(snapshot.live_queues, 0);
    let row = snapshot
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("listed");
    assert!(!row.live);
}

#[tokio::test]
async fn wrong_credentials_are_refused() {
    let mut settings = settings();
    settings.api.password = "not-the-password".into();
    let console = BrokerConsole::new(settings).expect("settings");
    let error = console.check().await.expect_err("wrong password");
    assert!(
        matches!(error, ConsoleError::Refused { status: 401, .. }),
        "{error:?}"
    );
    let overview = common::admin::console().check().await.expect("guest works");
    assert!(!overview.node.is_empty());
}

#[tokio::test]
#[ignore = "creates 3,000 queues; run by hand with --ignored --nocapture"]
async fn thousands_of_queues_stay_cheap() {
    const QUEUES: usize = 3000;
    let console = console();
    let mut cleanup = Cleanup::new();
    let prefix = unique_queue("admin-scale");
    let names: Vec<String> = (0..QUEUES).map(|i| format!("{prefix}-{i}")).collect();
    let (connection, channel) = common::raw_channel().await;
    for name in &names {
        cleanup.queue(name);
        channel
            .queue_declare(
                name.as_str().into(),
                QueueDeclareOptions::default(),
                FieldTable::default(),
            )
            .await
            .expect("declare");
    }
    let _ = connection.close(200, "done".into()).await;
    publish_confirmed(&names[0], 100).await;

    let live: Vec<String> = names.iter().take(100).cloned().collect();
    for round in 0..3 {
        let started = Instant::now();
        let snapshot = console.snapshot(&live).await.expect("snapshot");
        println!(
            "round {round}: {} queues, {} live, in {:?}",
            snapshot.queues.len(),
            snapshot.live_queues,
            started.elapsed()
        );
        assert!(snapshot.queues.len() >= QUEUES);
        assert_eq!(snapshot.live_queues, 100);
        let first = snapshot
            .queues
            .iter()
            .find(|q| q.name == names[0])
            .expect("listed");
        assert_eq!(first.ready, 100);
        let started = Instant::now();
        console.snapshot(&[]).await.expect("snapshot");
        println!("round {round}: statistics only in {:?}", started.elapsed());
    }
}
