//! The attacks of issue 14, made by hand from a second account with raw AMQP against a
//! team on accounts (protocol version 3): each is refused by the broker itself, or its
//! message is shown as unverified, and the victim loses nothing.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chat_tui::domain::wire::{inbox_queue, topic_exchange};
use chat_tui::domain::{Envelope, MessageId, PresenceState, UserName};
use lapin::options::{
    BasicConsumeOptions, BasicGetOptions, BasicPublishOptions, ExchangeDeclareOptions,
    ExchangeDeleteOptions, QueueBindOptions, QueueDeclareOptions, QueueDeleteOptions,
    QueuePurgeOptions,
};
use lapin::protocol::{AMQPErrorKind, AMQPSoftError};
use lapin::types::FieldTable;
use lapin::{BasicProperties, Channel, Connection, ExchangeKind};

use common::client::{Client, EXIT, TestHome, is_notice};
use common::team::{Team, text};
use common::{unique_topic, unique_user};

/// Whether `result` is the broker's `403 ACCESS_REFUSED`.
fn refused<T: std::fmt::Debug>(result: Result<T, lapin::Error>) -> bool {
    matches!(
        result.as_ref().map_err(lapin::Error::kind),
        Err(lapin::ErrorKind::ProtocolError(e)) if *e.kind() == AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED)
    )
}

/// A fresh channel on `connection` (a refused operation closes the one it ran on).
async fn channel(connection: &Connection) -> Channel {
    connection.create_channel().await.expect("a channel")
}

/// Publishes `env` as the connection's account would, with `user_id` as given, to
/// `exchange` with `key`, and waits for the broker's confirm (or its refusal).
async fn publish(
    channel: &Channel,
    exchange: &str,
    key: &str,
    env: &Envelope,
    user_id: Option<&str>,
) -> Result<(), lapin::Error> {
    channel
        .confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await?;
    let mut properties = BasicProperties::default().with_message_id(env.id.as_str().into());
    if let Some(user_id) = user_id {
        properties = properties.with_user_id(user_id.into());
    }
    channel
        .basic_publish(
            exchange.into(),
            key.into(),
            BasicPublishOptions::default(),
            &env.encode(),
            properties,
        )
        .await?
        .await?;
    Ok(())
}

/// Starts `user`'s client and waits until it is connected (`/who` answered).
async fn online(team: &Team, user: &UserName, password: &str, home: &TestHome) -> Client {
    let mut client = team.client(user, password, home);
    client.send_line("/who").await;
    client
        .expect("connected", |e| is_notice(e, "online:"))
        .await;
    client
}

fn is_unverified(event: &serde_json::Value, preview: &str) -> bool {
    event["event"] == "message"
        && event["conversation"] == "status"
        && event["unreadable"]
            .as_str()
            .is_some_and(|r| r.starts_with("unverified"))
        && event["preview"] == preview
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_sender_is_refused_or_shown_unverified_and_the_real_message_arrives() {
    let mut team = Team::new().await;
    let (alice, bob, mallory) = (
        unique_user("alice"),
        unique_user("bob"),
        unique_user("mallory"),
    );
    let alice_pw = team.add(&alice);
    let bob_pw = team.add(&bob);
    let mallory_pw = team.add(&mallory);
    let home = TestHome::new();
    let mut bob_client = online(&team, &bob, &bob_pw, &home).await;
    let (connection, _) = team.raw(mallory.as_str(), &mallory_pw).await;
    let to_bob =
        |from: &UserName, text: &str| Envelope::direct(from.clone(), bob.clone(), text.into());

    // Claiming alice's account as user_id: the broker refuses it.
    let claimed = to_bob(&alice, "as alice, by user_id");
    let result = publish(
        &channel(&connection).await,
        "chat.direct",
        bob.as_str(),
        &claimed,
        Some(alice.as_str()),
    )
    .await;
    assert!(
        matches!(result.as_ref().map_err(lapin::Error::kind), Err(lapin::ErrorKind::ProtocolError(e)) if *e.kind() == AMQPErrorKind::Soft(AMQPSoftError::PRECONDITIONFAILED)),
        "a user_id that is not the login: {result:?}"
    );
    // Claiming alice in `from` only, with mallory's user_id or none: taken, but shown as
    // unverified, never as alice's.
    for (user_id, text) in [
        (Some(mallory.as_str()), "from alice, honest user_id"),
        (None, "from alice, no user_id"),
    ] {
        publish(
            &channel(&connection).await,
            "chat.direct",
            bob.as_str(),
            &to_bob(&alice, text),
            user_id,
        )
        .await
        .expect("the broker takes it");
        bob_client
            .expect("the forgery, marked", |e| is_unverified(e, text))
            .await;
    }
    // An "announcement" through chat.direct: unverified too.
    let fake_announcement = Envelope::announce(
        UserName::parse("admin").unwrap(),
        "reset your password".into(),
    );
    publish(
        &channel(&connection).await,
        "chat.direct",
        bob.as_str(),
        &fake_announcement,
        Some(mallory.as_str()),
    )
    .await
    .expect("the broker takes it");
    bob_client
        .expect("the fake announcement, marked", |e| {
            is_unverified(e, "reset your password")
        })
        .await;
    // Publishing to chat.announce is for operators only.
    let announced = publish(
        &channel(&connection).await,
        "chat.announce",
        "all",
        &fake_announcement,
        Some(mallory.as_str()),
    )
    .await;
    assert!(refused(announced), "chat.announce is not writable by users");

    // The real alice still gets through, under her name.
    let mut alice_client = online(&team, &alice, &alice_pw, &home).await;
    alice_client
        .send_line(&format!("/msg {bob} the real one"))
        .await;
    let real = bob_client
        .expect("alice's DM", |e| {
            e["event"] == "message" && e["body"] == "the real one"
        })
        .await;
    assert_eq!(real["conversation"], alice.as_str(), "{real}");
    assert_eq!(real["from"], alice.as_str(), "{real}");
    let shown: Vec<_> = bob_client
        .events()
        .into_iter()
        .filter(|e| e["event"] == "message" && e["conversation"] == alice.as_str())
        .collect();
    assert_eq!(
        shown.len(),
        1,
        "nothing forged in alice's conversation: {shown:?}"
    );
    let _ = alice_client.finish().await;
    let _ = bob_client.finish().await;
    let _ = connection.close(200, "done".into()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_broker_refuses_every_attack_on_another_users_inbox_and_the_shared_objects() {
    let mut team = Team::new().await;
    let (alice, bob, mallory) = (
        unique_user("alice"),
        unique_user("bob"),
        unique_user("mallory"),
    );
    let alice_pw = team.add(&alice);
    let _bob_pw = team.add(&bob);
    let mallory_pw = team.add(&mallory);
    let topic = unique_topic("news");
    let created = team.admin(&["topic", "add", topic.as_str()], None);
    assert!(created.status.success(), "{}", text(&created));
    let (inbox, topic_x) = (inbox_queue(&bob), topic_exchange(&topic));

    // bob is offline; alice writes to him and he is in the topic (bound by the operator's
    // guest account here, as his client's /join would).
    let (guest, guest_channel) = team.raw("guest", "guest").await;
    guest_channel
        .queue_bind(
            inbox.as_str().into(),
            topic_x.as_str().into(),
            "".into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await
        .expect("bob joins the topic");
    let (alice_conn, _) = team.raw(alice.as_str(), &alice_pw).await;
    let waiting = Envelope::direct(alice.clone(), bob.clone(), "while you were away".into());
    publish(
        &channel(&alice_conn).await,
        "chat.direct",
        bob.as_str(),
        &waiting,
        Some(alice.as_str()),
    )
    .await
    .expect("alice's DM");

    let (m, _) = team.raw(mallory.as_str(), &mallory_pw).await;
    let no_args = FieldTable::default;
    let attacks: Vec<(&str, bool)> = vec![
        (
            "consume bob's inbox",
            refused(
                channel(&m)
                    .await
                    .basic_consume(
                        inbox.as_str().into(),
                        "".into(),
                        BasicConsumeOptions::default(),
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "get from bob's inbox",
            refused(
                channel(&m)
                    .await
                    .basic_get(inbox.as_str().into(), BasicGetOptions::default())
                    .await,
            ),
        ),
        (
            "purge bob's inbox",
            refused(
                channel(&m)
                    .await
                    .queue_purge(inbox.as_str().into(), QueuePurgeOptions::default())
                    .await,
            ),
        ),
        (
            "delete bob's inbox",
            refused(
                channel(&m)
                    .await
                    .queue_delete(inbox.as_str().into(), QueueDeleteOptions::default())
                    .await,
            ),
        ),
        (
            "unbind bob's inbox from the topic",
            refused(
                channel(&m)
                    .await
                    .queue_unbind(
                        inbox.as_str().into(),
                        topic_x.as_str().into(),
                        "".into(),
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "bind bob's inbox to chat.presence",
            refused(
                channel(&m)
                    .await
                    .queue_bind(
                        inbox.as_str().into(),
                        "chat.presence".into(),
                        "".into(),
                        QueueBindOptions::default(),
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "declare bob's inbox",
            refused(
                channel(&m)
                    .await
                    .queue_declare(
                        inbox.as_str().into(),
                        QueueDeclareOptions {
                            durable: true,
                            ..Default::default()
                        },
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "declare chat.direct",
            refused(
                channel(&m)
                    .await
                    .exchange_declare(
                        "chat.direct".into(),
                        ExchangeKind::Direct,
                        ExchangeDeclareOptions {
                            durable: true,
                            ..Default::default()
                        },
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "delete chat.direct",
            refused(
                channel(&m)
                    .await
                    .exchange_delete("chat.direct".into(), ExchangeDeleteOptions::default())
                    .await,
            ),
        ),
        (
            "delete chat.presence",
            refused(
                channel(&m)
                    .await
                    .exchange_delete("chat.presence".into(), ExchangeDeleteOptions::default())
                    .await,
            ),
        ),
        (
            "delete the topic",
            refused(
                channel(&m)
                    .await
                    .exchange_delete(topic_x.as_str().into(), ExchangeDeleteOptions::default())
                    .await,
            ),
        ),
        (
            "declare a topic",
            refused(
                channel(&m)
                    .await
                    .exchange_declare(
                        topic_exchange(&unique_topic("spam")).as_str().into(),
                        ExchangeKind::Fanout,
                        ExchangeDeclareOptions {
                            durable: true,
                            ..Default::default()
                        },
                        no_args(),
                    )
                    .await,
            ),
        ),
        (
            "write into bob's inbox through the default exchange",
            refused(
                publish(
                    &channel(&m).await,
                    "",
                    inbox.as_str(),
                    &waiting,
                    Some(mallory.as_str()),
                )
                .await,
            ),
        ),
    ];
    // A queue of mallory's own (server-named: allowed) bound to chat.direct under bob's
    // name would read a copy of every DM to bob.
    let own = channel(&m).await;
    let queue = own
        .queue_declare(
            "".into(),
            QueueDeclareOptions {
                exclusive: true,
                ..Default::default()
            },
            no_args(),
        )
        .await
        .expect("a server-named queue of one's own is allowed");
    let copy = refused(
        own.queue_bind(
            queue.name().clone(),
            "chat.direct".into(),
            bob.as_str().into(),
            QueueBindOptions::default(),
            no_args(),
        )
        .await,
    );
    let failed: Vec<&str> = attacks
        .iter()
        .chain(std::iter::once(&(
            "bind a queue of one's own to chat.direct",
            copy,
        )))
        .filter(|(_, was_refused)| !was_refused)
        .map(|(what, _)| *what)
        .collect();
    assert!(failed.is_empty(), "the broker allowed: {failed:?}");

    // Nothing of bob's was lost or changed: the message waits, the binding holds.
    let inbox_now = guest_channel
        .queue_declare(
            inbox.as_str().into(),
            QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            no_args(),
        )
        .await
        .expect("bob's inbox is still there");
    assert_eq!(inbox_now.message_count(), 1, "alice's DM still waits");
    let post = Envelope::topic(alice.clone(), topic.clone(), "still bound".into());
    publish(
        &channel(&alice_conn).await,
        &topic_x,
        "",
        &post,
        Some(alice.as_str()),
    )
    .await
    .expect("a post");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let inbox_now = channel(&guest)
        .await
        .queue_declare(
            inbox.as_str().into(),
            QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            no_args(),
        )
        .await
        .expect("bob's inbox");
    assert_eq!(inbox_now.message_count(), 2, "the topic binding holds");
    for connection in [m, alice_conn, guest] {
        let _ = connection.close(200, "done".into()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_presence_and_a_reused_id_change_nothing() {
    let mut team = Team::new().await;
    let (alice, bob, mallory) = (
        unique_user("alice"),
        unique_user("bob"),
        unique_user("mallory"),
    );
    let alice_pw = team.add(&alice);
    let bob_pw = team.add(&bob);
    let mallory_pw = team.add(&mallory);
    let home = TestHome::new();
    let mut bob_client = online(&team, &bob, &bob_pw, &home).await;
    let alice_client = online(&team, &alice, &alice_pw, &home).await;
    bob_client
        .expect("alice joined", |e| is_notice(e, &format!("{alice} joined")))
        .await;

    let (m, _) = team.raw(mallory.as_str(), &mallory_pw).await;
    // "alice left" and a crowd of fake joins, under mallory's account.
    let left = Envelope::presence(alice.clone(), PresenceState::Leave);
    publish(
        &channel(&m).await,
        "chat.presence",
        "",
        &left,
        Some(mallory.as_str()),
    )
    .await
    .expect("taken");
    let ghost = unique_user("ghost");
    let join = Envelope::presence(ghost.clone(), PresenceState::Join);
    publish(
        &channel(&m).await,
        "chat.presence",
        "",
        &join,
        Some(mallory.as_str()),
    )
    .await
    .expect("taken");

    // A message with the id alice is about to use, sent first by mallory.
    let real = Envelope::direct(alice.clone(), bob.clone(), "the real one".into());
    let mut squatter = Envelope::direct(mallory.clone(), bob.clone(), "first!".into());
    squatter.id = MessageId::from_string(real.id.to_string());
    publish(
        &channel(&m).await,
        "chat.direct",
        bob.as_str(),
        &squatter,
        Some(mallory.as_str()),
    )
    .await
    .expect("taken");
    bob_client
        .expect("mallory's message", |e| {
            e["body"] == "first!" && e["from"] == mallory.as_str()
        })
        .await;
    let (a, _) = team.raw(alice.as_str(), &alice_pw).await;
    publish(
        &channel(&a).await,
        "chat.direct",
        bob.as_str(),
        &real,
        Some(alice.as_str()),
    )
    .await
    .expect("taken");
    let got = bob_client
        .expect("alice's message with the same id", |e| {
            e["body"] == "the real one"
        })
        .await;
    assert_eq!(got["from"], alice.as_str(), "{got}");
    assert_eq!(got["id"], real.id.as_str(), "{got}");

    bob_client.send_line("/who").await;
    let who = bob_client
        .expect("the roster", |e| is_notice(e, "online:"))
        .await;
    let roster = who["text"].as_str().unwrap_or_default();
    assert!(
        roster.contains(alice.as_str()),
        "alice is still online: {roster}"
    );
    assert!(!roster.contains(ghost.as_str()), "no ghost: {roster}");
    let _ = alice_client.finish().await;
    let _ = bob_client.finish().await;
    for connection in [m, a] {
        let _ = connection.close(200, "done".into()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ban_and_a_removal_are_the_brokers_word_and_end_the_client() {
    let mut team = Team::new().await;
    let (bob, carol) = (unique_user("bob"), unique_user("carol"));
    let bob_pw = team.add(&bob);
    let carol_pw = team.add(&carol);
    let home = TestHome::new();

    let mut bob_client = online(&team, &bob, &bob_pw, &home).await;
    let banned = team.admin(&["user", "ban", bob.as_str()], None);
    assert!(banned.status.success(), "{}", text(&banned));
    bob_client
        .expect("told of the ban", |e| is_notice(e, "banned"))
        .await;
    let ended = bob_client.wait_exit(EXIT).await;
    assert_eq!(ended.status.code(), Some(5), "stderr: {}", ended.stderr);
    assert!(ended.stderr.contains("banned"), "{}", ended.stderr);

    let mut carol_client = online(&team, &carol, &carol_pw, &home).await;
    let removed = team.admin(&["user", "remove", carol.as_str()], None);
    assert!(removed.status.success(), "{}", text(&removed));
    carol_client
        .expect("told its login is refused now", |e| {
            is_notice(e, "refused the login")
        })
        .await;
    let ended = carol_client.wait_exit(EXIT).await;
    assert_eq!(ended.status.code(), Some(5), "stderr: {}", ended.stderr);
    // Starting again re-creates nothing: the account is gone.
    let again = team.client(&carol, &carol_pw, &home).wait_exit(EXIT).await;
    assert_ne!(again.status.code(), Some(0), "{}", again.stderr);
    let (guest, guest_channel) = team.raw("guest", "guest").await;
    let inbox = guest_channel
        .queue_declare(
            inbox_queue(&carol).as_str().into(),
            QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await;
    assert!(inbox.is_err(), "no inbox was re-created");
    let _ = guest.close(200, "done".into()).await;
}

/// Publishes `count` copies of `body` from `channel` (confirms on) to `to` through
/// `chat.direct` as `user_id`, all in flight at once; returns how many the broker took.
async fn flood(
    channel: &Channel,
    to: &UserName,
    user_id: &str,
    body: &[u8],
    count: usize,
) -> usize {
    let mut confirms = Vec::with_capacity(count);
    for _ in 0..count {
        let properties = BasicProperties::default().with_user_id(user_id.into());
        let confirm = channel
            .basic_publish(
                "chat.direct".into(),
                to.as_str().into(),
                BasicPublishOptions::default(),
                body,
                properties,
            )
            .await
            .expect("the publish is sent");
        confirms.push(confirm);
    }
    let mut taken = 0;
    for confirm in confirms {
        if confirm.await.expect("the broker answers").is_ack() {
            taken += 1;
        }
    }
    taken
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_stops_at_the_inbox_limits_and_keeps_what_was_there() {
    // `chat-tui admin setup` (run by Team::new) applied the default policy: 10,000
    // messages and 100 MiB per inbox, then reject-publish.
    let mut team = Team::new().await;
    let (alice, bob, carol, mallory) = (
        unique_user("alice"),
        unique_user("bob"),
        unique_user("carol"),
        unique_user("mallory"),
    );
    let alice_pw = team.add(&alice);
    team.add(&bob);
    team.add(&carol);
    let mallory_pw = team.add(&mallory);

    // alice's real message is in bob's inbox before the flood.
    let (alice_connection, _) = team.raw(alice.as_str(), &alice_pw).await;
    let real = Envelope::direct(alice.clone(), bob.clone(), "before the flood".into());
    publish(
        &channel(&alice_connection).await,
        "chat.direct",
        bob.as_str(),
        &real,
        Some(alice.as_str()),
    )
    .await
    .expect("alice's message is taken");

    let (connection, _) = team.raw(mallory.as_str(), &mallory_pw).await;
    let spam = channel(&connection).await;
    spam.confirm_select(lapin::options::ConfirmSelectOptions::default())
        .await
        .unwrap();
    // By count: room for 9,999 more, then every one refused (a nack, which the sender
    // sees; nothing is dropped from the inbox).
    let taken = flood(&spam, &bob, mallory.as_str(), b"spam", 10_050).await;
    assert_eq!(
        taken, 9_999,
        "the inbox takes exactly up to 10,000 messages"
    );
    // By size: 21 MiB bodies, of which four fit in 100 MiB.
    let big = vec![b'x'; 21 * 1024 * 1024];
    let taken_big = flood(&spam, &carol, mallory.as_str(), &big, 6).await;
    assert_eq!(taken_big, 4, "the inbox takes at most 100 MiB");

    // bob's inbox still starts with alice's message, the flood behind it.
    let (guest, guest_channel) = team.raw("guest", "guest").await;
    let inbox = guest_channel
        .queue_declare(
            inbox_queue(&bob).as_str().into(),
            QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            FieldTable::default(),
        )
        .await
        .unwrap();
    assert_eq!(inbox.message_count(), 10_000);
    let first = guest_channel
        .basic_get(
            inbox_queue(&bob).as_str().into(),
            BasicGetOptions::default(),
        )
        .await
        .unwrap()
        .expect("a message");
    let first_env = Envelope::decode(&first.delivery.data).expect("alice's envelope");
    assert_eq!(first_env.id, real.id, "the first message is alice's");
    first
        .delivery
        .reject(lapin::options::BasicRejectOptions { requeue: true })
        .await
        .unwrap();
    let _ = guest.close(200, "done".into()).await;
    let _ = connection.close(200, "done".into()).await;
    let _ = alice_connection.close(200, "done".into()).await;
}
