//! The admin console and user mode together: a user created by the console gets DMs, a
//! user deleted by the console is told so and its client exits, and announcements from
//! the console's account arrive. The clients are the real binary in line mode (`tests/common/client.rs`).

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chat_tui::broker::console::{Console, ConsoleError};
use chat_tui::domain::UserName;
use chat_tui::domain::console::{Action, Recipient, Target};
use chat_tui::domain::wire::inbox_queue;

use common::admin::console;
use common::client::{Client, EXIT, TestHome, is_message, is_notice};
use common::{Cleanup, create_topic, ready_count, unique_topic, unique_user};

/// Starts a JSON client and waits until it is connected (`/who` is answered only then).
async fn start(user: &UserName, home: &TestHome) -> Client {
    let mut client = Client::spawn(user.as_str(), home);
    client.send_line("/who").await;
    client
        .expect("the answer to /who (connected)", |e| {
            is_notice(e, "online:")
        })
        .await;
    client
}

#[tokio::test]
async fn a_user_created_by_the_console_receives_a_dm_from_user_mode() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let (alice, bob) = (
        cleanup.user(&unique_user("alice")),
        cleanup.user(&unique_user("bob")),
    );
    console
        .perform(&Action::Create(Target::User(bob.clone())))
        .await
        .expect("create bob");
    let home = TestHome::new();
    let mut alice_client = start(&alice, &home).await;
    alice_client
        .send_line(&format!("/msg {bob} hello bob"))
        .await;
    alice_client
        .expect("delivered to bob's inbox", |e| {
            e["event"] == "status" && e["status"] == "delivered"
        })
        .await;
    assert_eq!(ready_count(&inbox_queue(&bob)).await, Some(1));

    let mut bob_client = start(&bob, &home).await;
    bob_client
        .expect("alice's DM", |e| {
            is_message(e, "message", "hello bob") && e["from"] == alice.as_str()
        })
        .await;
    let _ = alice_client.finish().await;
    let _ = bob_client.finish().await;
}

#[tokio::test]
async fn a_user_deleted_by_the_console_is_told_and_the_client_exits() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let carol = cleanup.user(&unique_user("carol"));
    let home = TestHome::new();
    let mut client = start(&carol, &home).await;

    console
        .perform(&Action::Delete(Target::User(carol.clone())))
        .await
        .expect("delete carol");
    client
        .expect("the removal notice", |e| {
            is_notice(e, "removed by an administrator") && e["level"] == "error"
        })
        .await;
    let exited = client.wait_exit(EXIT).await;
    assert_eq!(exited.status.code(), Some(5), "stderr: {}", exited.stderr);
    assert!(
        exited.stderr.contains("removed by an administrator"),
        "{}",
        exited.stderr
    );
    assert_eq!(
        ready_count(&inbox_queue(&carol)).await,
        None,
        "inbox deleted"
    );
    // The broker's own signal told it: the inbox consumer cancelled (a reason text
    // proves nothing since protocol version 3).
    let logs: String = std::fs::read_dir(home.logs())
        .expect("the client's log directory")
        .flatten()
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    assert!(logs.contains("the inbox was deleted"), "{logs}");
}

#[tokio::test]
async fn announcements_reach_users_and_topic_members_from_the_consoles_account() {
    let console = console();
    let mut cleanup = Cleanup::new();
    let dave = cleanup.user(&unique_user("dave"));
    let topic = cleanup.topic(&unique_topic("admin-news"));
    create_topic(&topic).await;
    let home = TestHome::new();
    let mut client = start(&dave, &home).await;

    console
        .perform(&Action::Announce {
            to: Recipient::User(dave.clone()),
            text: "maintenance at noon".into(),
        })
        .await
        .expect("announce to dave");
    // From the console's own account (guest here), in the status conversation, where
    // nobody can post.
    let announcement = client
        .expect("the announcement", |e| {
            is_message(e, "message", "maintenance at noon")
        })
        .await;
    assert_eq!(announcement["from"], "guest", "{announcement}");
    assert_eq!(announcement["conversation"], "status", "{announcement}");

    // Nobody subscribed yet: nobody would receive it.
    let to_topic = Recipient::Topic(topic.clone());
    assert_eq!(
        console
            .perform(&Action::Announce {
                to: to_topic.clone(),
                text: "anyone?".into(),
            })
            .await,
        Err(ConsoleError::Unroutable(to_topic.clone()))
    );

    client.send_line(&format!("/join #{topic}")).await;
    client
        .expect("joined", |e| is_notice(e, &format!("joined #{topic}")))
        .await;
    console
        .perform(&Action::Announce {
            to: to_topic,
            text: "welcome all".into(),
        })
        .await
        .expect("announce to the topic");
    client
        .expect("the announcement to the topic's members", |e| {
            is_message(e, "message", "welcome all")
                && e["from"] == "guest"
                && e["conversation"] == "status"
        })
        .await;
    let _ = client.finish().await;
}

#[tokio::test]
async fn announcements_to_nobody_or_nowhere_are_refused() {
    let console = console();
    let ghost = unique_user("ghost");
    let to_ghost = Recipient::User(ghost);
    assert_eq!(
        console
            .perform(&Action::Announce {
                to: to_ghost.clone(),
                text: "hello?".into(),
            })
            .await,
        Err(ConsoleError::Unroutable(to_ghost))
    );
    let missing = unique_topic("missing");
    assert_eq!(
        console
            .perform(&Action::Announce {
                to: Recipient::Topic(missing.clone()),
                text: "hello?".into(),
            })
            .await,
        Err(ConsoleError::NotFound(Target::Topic(missing)))
    );
    let long = "x".repeat(chat_tui::domain::envelope::MAX_BODY_BYTES + 1);
    let refused = console
        .perform(&Action::Announce {
            to: Recipient::User(unique_user("ghost")),
            text: long,
        })
        .await;
    assert!(
        matches!(refused, Err(ConsoleError::Broker(_))),
        "{refused:?}"
    );
}
