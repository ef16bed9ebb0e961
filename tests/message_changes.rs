//! Protocol version 4's edits, deletes, replies and actions between real clients on a
//! team with accounts: a change reaches a message only from the message's own sender
//! (the broker-validated `user_id`), so a forged edit made by hand with raw AMQP from
//! another account changes nothing, in the receiver's output or its history.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chat_tui::domain::marks::{ChangeKind, WireChange, WireMarks};
use chat_tui::domain::{Envelope, MessageId, UserName};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Channel};

use common::client::{Client, TestHome, is_notice};
use common::history::{json_lines, ok};
use common::team::Team;
use common::unique_user;

/// Publishes `env` to `chat.direct` for `to`, with the connection's own account as
/// `user_id`, and waits for the broker's confirm.
async fn publish_dm(channel: &Channel, to: &UserName, env: &Envelope, user_id: &str) {
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .unwrap();
    let properties = BasicProperties::default()
        .with_message_id(env.id.as_str().into())
        .with_user_id(user_id.into());
    channel
        .basic_publish(
            "chat.direct".into(),
            to.as_str().into(),
            BasicPublishOptions::default(),
            &env.encode(),
            properties,
        )
        .await
        .unwrap()
        .await
        .unwrap();
}

/// Starts `user`'s client and waits until it is connected.
async fn online(team: &Team, user: &UserName, password: &str, home: &TestHome) -> Client {
    let mut client = team.client(user, password, home);
    client.send_line("/who").await;
    client.expect("connected", |e| is_notice(e, "online")).await;
    client
}

fn change_of(kind: ChangeKind, target: &str) -> WireMarks {
    WireMarks {
        change: Some(WireChange {
            kind,
            target: MessageId::from_string(target.into()),
        }),
        ..WireMarks::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_sender_edits_or_deletes_a_message_and_a_forged_edit_is_not_applied() {
    let mut team = Team::new().await;
    let (alice, bob, carol) = (
        unique_user("alice"),
        unique_user("bob"),
        unique_user("carol"),
    );
    let alice_pw = team.add(&alice);
    let bob_pw = team.add(&bob);
    let carol_pw = team.add(&carol);
    let home = TestHome::new();
    let mut carol_client = online(&team, &carol, &carol_pw, &home).await;
    let mut alice_client = online(&team, &alice, &alice_pw, &home).await;

    alice_client
        .send_line(&format!("/msg {carol} the original text"))
        .await;
    let original = carol_client
        .expect("alice's message", |e| {
            e["event"] == "message" && e["body"] == "the original text"
        })
        .await;
    let id = original["id"].as_str().unwrap().to_owned();

    // bob, with his own account, names alice's message: as himself (his change can only
    // reach his own messages), and claiming to be alice (shown as unverified).
    let (bob_connection, _) = team.raw(bob.as_str(), &bob_pw).await;
    let channel = bob_connection.create_channel().await.unwrap();
    let as_bob = Envelope::direct(bob.clone(), carol.clone(), "forged by bob".into())
        .with_marks(change_of(ChangeKind::Edit, &id));
    publish_dm(&channel, &carol, &as_bob, bob.as_str()).await;
    let delete = Envelope::direct(bob.clone(), carol.clone(), "(deleted a message)".into())
        .with_marks(change_of(ChangeKind::Delete, &id));
    publish_dm(&channel, &carol, &delete, bob.as_str()).await;
    let as_alice = Envelope::direct(alice.clone(), carol.clone(), "forged as alice".into())
        .with_marks(change_of(ChangeKind::Edit, &id));
    publish_dm(&channel, &carol, &as_alice, bob.as_str()).await;
    // The inbox is in order: once the last forgery is shown, the others were handled.
    carol_client
        .expect("the forgery claiming alice, unverified", |e| {
            e["conversation"] == "status"
                && e["unreadable"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("unverified"))
                && e["preview"] == "forged as alice"
        })
        .await;
    carol_client
        .expect_none("bob's change shown", Duration::from_millis(300), |e| {
            e["body"] == "forged by bob" || e["deletes"].is_string()
        })
        .await;

    // alice's own edit, a reply and an action go through.
    alice_client.send_line("/edit the fixed text").await;
    let edit = carol_client
        .expect("alice's edit", |e| e["edits"] == id.as_str())
        .await;
    assert_eq!(edit["body"], "the fixed text", "{edit}");
    assert_eq!(edit["from"], alice.as_str(), "{edit}");
    carol_client.send_line(&format!("/query {alice}")).await;
    carol_client.send_line("/reply thanks").await;
    let reply = alice_client
        .expect("carol's reply", |e| {
            e["event"] == "message" && e["body"] == "thanks"
        })
        .await;
    assert_eq!(reply["reply_to"]["id"], id.as_str(), "{reply}");
    assert_eq!(reply["reply_to"]["quote"], "the fixed text", "{reply}");
    alice_client.send_line("/me waves").await;
    carol_client
        .expect("alice's action", |e| {
            e["body"] == "waves" && e["action"] == true
        })
        .await;

    let _ = alice_client.finish().await;
    let exited = carol_client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);
    // carol's history: alice's message holds alice's edit, bob's changed nothing.
    let out = ok(
        &home.data(),
        &["--name", carol.as_str(), "--with", alice.as_str(), "--json"],
    );
    let stored = json_lines(&out);
    let message = stored
        .iter()
        .find(|m| m["id"] == id.as_str())
        .expect("alice's message is stored");
    assert_eq!(message["body"], "the fixed text", "{message}");
    assert_eq!(message["edited"], true, "{message}");
    assert!(message["deleted"].is_null(), "{message}");
    assert!(
        stored
            .iter()
            .all(|m| m["body"] != "forged by bob" && m["body"] != "forged as alice"),
        "{stored:?}"
    );
    let _ = bob_connection.close(200, "done".into()).await;
}
