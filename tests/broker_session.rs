//! The user-mode broker layer against the real RabbitMQ (see tests/common for the rules:
//! unique names, cleanup even on failure).

// Test and measuring code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use chat_tui::broker::user::{PresenceFeed, SendOutcome, UserSession};
use chat_tui::broker::{ApiTarget, BrokerAddress, BrokerError, ManagementApi};
use chat_tui::domain::wire::{AnswerTo, DIRECT_EXCHANGE, inbox_queue, topic_exchange};
use chat_tui::domain::{ConversationId, Envelope, Payload, PresenceState, UserName};
use common::{
    Cleanup, amqp_url, create_topic, expect_quiet, next_incoming, presence_until, ready_count,
    unique_topic, unique_user,
};

const PREFETCH: u16 = 50;

async fn connect(
    user: &UserName,
) -> (
    UserSession,
    chat_tui::broker::user::Inbox,
    chat_tui::broker::user::PresenceFeed,
) {
    UserSession::connect(&amqp_url(), user, PREFETCH)
        .await
        .expect("connect")
}

fn dm(from: &UserName, to: &UserName, body: &str) -> Envelope {
    Envelope::direct(from.clone(), to.clone(), body.to_owned())
}

async fn send(session: &UserSession, env: &Envelope) -> SendOutcome {
    session
        .publish(env)
        .await
        .expect("publish")
        .wait()
        .await
        .expect("confirm")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_declares_a_durable_inbox_bound_to_chat_direct() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let (session, _inbox, _presence) = connect(&alice).await;

    let queue = inbox_queue(&alice);
    assert_eq!(
        ready_count(&queue).await,
        Some(0),
        "inbox exists and is empty"
    );
    let api = rabbitmq_http_client::api::Client::new(
        "http://127.0.0.1:15672/api".to_owned(),
        "guest".to_owned(),
        "guest".to_owned(),
    );
    let info = api.get_queue_info("/", &queue).await.expect("queue info");
    assert!(
        info.durable && !info.exclusive && !info.auto_delete,
        "{info:?}"
    );
    assert_eq!(info.queue_type, "classic");
    let bindings = api
        .list_queue_bindings("/", &queue)
        .await
        .expect("bindings");
    assert!(
        bindings
            .iter()
            .any(|b| b.source == DIRECT_EXCHANGE && b.routing_key == alice.as_str()),
        "{bindings:?}"
    );
    session.close().await.expect("close");
    assert_eq!(
        ready_count(&queue).await,
        Some(0),
        "the inbox outlives the session"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_message_reaches_an_online_user() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (alice_session, _a_inbox, _a_presence) = connect(&alice).await;
    let (bob_session, mut bob_inbox, _b_presence) = connect(&bob).await;

    let env = dm(&alice, &bob, "hi bob");
    assert_eq!(send(&alice_session, &env).await, SendOutcome::Confirmed);

    let incoming = next_incoming(&mut bob_inbox).await;
    assert_eq!(Envelope::decode(&incoming.data).expect("an envelope"), env);
    assert_eq!(incoming.message_id.as_deref(), Some(env.id.as_str()));
    assert!(!incoming.redelivered);
    assert_eq!(incoming.exchange, DIRECT_EXCHANGE);
    incoming.ack().await.expect("ack");
    assert!(incoming.ack().await.is_err(), "a second ack is refused");

    bob_session.close().await.expect("close bob");
    assert_eq!(
        ready_count(&inbox_queue(&bob)).await,
        Some(0),
        "acked, so gone"
    );
    alice_session.close().await.expect("close alice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_messages_wait_in_the_inbox_in_order() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (bob_session, _, _) = connect(&bob).await;
    bob_session.close().await.expect("bob leaves");

    let (alice_session, _a_inbox, _a_presence) = connect(&alice).await;
    let sent: Vec<Envelope> = (0..3).map(|i| dm(&alice, &bob, &format!("m{i}"))).collect();
    for env in &sent {
        assert_eq!(send(&alice_session, env).await, SendOutcome::Confirmed);
    }
    assert_eq!(ready_count(&inbox_queue(&bob)).await, Some(3));

    let (bob_session, mut bob_inbox, _) = connect(&bob).await;
    for env in &sent {
        let incoming = next_incoming(&mut bob_inbox).await;
        assert_eq!(&Envelope::decode(&incoming.data).expect("an envelope"), env);
        incoming.ack().await.expect("ack");
    }
    expect_quiet(&mut bob_inbox, 200).await;
    bob_session.close().await.expect("close");
    alice_session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unacked_messages_come_back_redelivered_to_the_next_session() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (alice_session, _, _) = connect(&alice).await;
    let (bob_session, mut bob_inbox, _) = connect(&bob).await;
    let env = dm(&alice, &bob, "store me first");
    assert_eq!(send(&alice_session, &env).await, SendOutcome::Confirmed);
    let first = next_incoming(&mut bob_inbox).await;
    assert!(!first.redelivered);
    bob_session.close().await.expect("close without ack");

    let (bob_session, mut bob_inbox, _) = connect(&bob).await;
    let again = next_incoming(&mut bob_inbox).await;
    assert!(again.redelivered);
    assert_eq!(again.message_id.as_deref(), Some(env.id.as_str()));
    again.ack_up_to_here().await.expect("ack");
    bob_session.close().await.expect("close");
    alice_session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_message_to_nobody_is_unroutable() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let ghost = unique_user("ghost");
    let (session, _, _) = connect(&alice).await;
    assert_eq!(
        send(&session, &dm(&alice, &ghost, "anyone?")).await,
        SendOutcome::Unroutable
    );
    assert_eq!(
        ready_count(&inbox_queue(&ghost)).await,
        None,
        "no inbox was made"
    );
    session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_session_with_the_same_name_is_refused_and_consumes_nothing() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (alice_session, _, _) = connect(&alice).await;
    // Prefetch 1: one message sits unacked with the first session, the rest stay ready.
    let (bob_session, mut bob_inbox, _) = UserSession::connect(&amqp_url(), &bob, 1)
        .await
        .expect("first bob");
    let sent: Vec<Envelope> = (0..3).map(|i| dm(&alice, &bob, &format!("m{i}"))).collect();
    for env in &sent {
        assert_eq!(send(&alice_session, env).await, SendOutcome::Confirmed);
    }
    let first = next_incoming(&mut bob_inbox).await;

    let refused = UserSession::connect(&amqp_url(), &bob, PREFETCH).await;
    match refused {
        Err(BrokerError::AlreadyConnected(name)) => assert_eq!(name, bob),
        Err(other) => panic!("expected AlreadyConnected, got {other}"),
        Ok(_) => panic!("a second session for {bob} was accepted"),
    }
    assert_eq!(
        BrokerError::AlreadyConnected(bob.clone()).to_string(),
        format!("{bob} is already connected")
    );
    assert_eq!(
        ready_count(&inbox_queue(&bob)).await,
        Some(2),
        "nothing consumed"
    );

    first.ack().await.expect("ack");
    for env in &sent[1..] {
        let incoming = next_incoming(&mut bob_inbox).await;
        assert!(!incoming.redelivered, "no one else ever held it");
        assert_eq!(&Envelope::decode(&incoming.data).expect("an envelope"), env);
        incoming.ack().await.expect("ack");
    }
    bob_session.close().await.expect("close");
    alice_session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_post_reaches_every_subscriber_and_the_sender() {
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("news"));
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let carol = cleanup.user(&unique_user("carol"));
    create_topic(&topic).await;
    let (alice_session, mut alice_inbox, _) = connect(&alice).await;
    let (bob_session, mut bob_inbox, _) = connect(&bob).await;
    let (carol_session, mut carol_inbox, _) = connect(&carol).await;
    for session in [&alice_session, &bob_session, &carol_session] {
        session.join(&topic).await.expect("join");
    }

    let post = Envelope::topic(alice.clone(), topic.clone(), "hi all".into());
    assert_eq!(send(&alice_session, &post).await, SendOutcome::Confirmed);
    for inbox in [&mut alice_inbox, &mut bob_inbox, &mut carol_inbox] {
        let incoming = next_incoming(inbox).await;
        assert_eq!(Envelope::decode(&incoming.data).expect("an envelope"), post);
        assert_eq!(incoming.exchange, topic_exchange(&topic));
        incoming.ack().await.expect("ack");
    }
    for session in [alice_session, bob_session, carol_session] {
        session.close().await.expect("close");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_a_missing_topic_is_refused_and_the_session_goes_on() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let missing = unique_topic("missing");
    let (session, mut inbox, _) = connect(&alice).await;

    let err = session.join(&missing).await.expect_err("no such topic");
    assert!(
        matches!(&err, BrokerError::NoSuchTopic(t) if *t == missing),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("there is no topic #{missing}: an operator creates it with `chat-tui admin`")
    );

    // Still usable: a DM to myself goes through and arrives.
    let note = dm(&alice, &alice, "note to self");
    assert_eq!(send(&session, &note).await, SendOutcome::Confirmed);
    assert_eq!(
        next_incoming(&mut inbox).await.message_id.as_deref(),
        Some(note.id.as_str())
    );
    session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_to_a_missing_topic_is_refused_and_the_session_goes_on() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let missing = unique_topic("missing");
    let (alice_session, _, _) = connect(&alice).await;
    let (bob_session, mut bob_inbox, _) = connect(&bob).await;

    let post = Envelope::topic(alice.clone(), missing.clone(), "hello?".into());
    match alice_session.publish(&post).await {
        Err(BrokerError::NoSuchTopic(t)) => assert_eq!(t, missing),
        Err(other) => panic!("expected NoSuchTopic, got {other}"),
        Ok(_) => panic!("a post to a missing topic was published"),
    }
    let env = dm(&alice, &bob, "still here");
    assert_eq!(send(&alice_session, &env).await, SendOutcome::Confirmed);
    assert_eq!(
        next_incoming(&mut bob_inbox).await.message_id.as_deref(),
        Some(env.id.as_str())
    );
    alice_session.close().await.expect("close");
    bob_session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_deleted_after_use_is_reported_and_publishing_recovers() {
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("gone"));
    let alice = cleanup.user(&unique_user("alice"));
    create_topic(&topic).await;
    let (session, _, _) = connect(&alice).await;
    let post = Envelope::topic(alice.clone(), topic.clone(), "first".into());
    // Nobody is subscribed: the broker returns it, the topic exists.
    assert_eq!(send(&session, &post).await, SendOutcome::Unroutable);

    let (connection, channel) = common::raw_channel().await;
    channel
        .exchange_delete(topic_exchange(&topic).into(), Default::default())
        .await
        .expect("delete topic");
    let _ = connection.close(200, "done".into()).await;

    // The session still believes in the topic; the broker closes the publishing channel.
    let second = Envelope::topic(alice.clone(), topic.clone(), "second".into());
    let outcome = session.publish(&second).await;
    match outcome {
        Ok(pending) => match pending.wait().await {
            Err(BrokerError::NoSuchTopic(t)) => assert_eq!(t, topic),
            other => panic!("expected NoSuchTopic, got {other:?}"),
        },
        Err(other) => panic!("expected the publish to be sent, got {other}"),
    }
    // The next publish opens a fresh channel and checks the topic again.
    let third = Envelope::topic(alice.clone(), topic.clone(), "third".into());
    assert!(matches!(
        session.publish(&third).await,
        Err(BrokerError::NoSuchTopic(_))
    ));
    assert_eq!(
        send(&session, &dm(&alice, &alice, "ok")).await,
        SendOutcome::Confirmed
    );
    session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_a_topic_stops_delivery() {
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("news"));
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    create_topic(&topic).await;
    let (alice_session, _, _) = connect(&alice).await;
    let (bob_session, mut bob_inbox, _) = connect(&bob).await;
    bob_session.join(&topic).await.expect("join");
    let before = Envelope::topic(alice.clone(), topic.clone(), "before".into());
    assert_eq!(send(&alice_session, &before).await, SendOutcome::Confirmed);
    next_incoming(&mut bob_inbox)
        .await
        .ack()
        .await
        .expect("ack");

    bob_session.leave(&topic).await.expect("leave");
    let after = Envelope::topic(alice.clone(), topic.clone(), "after".into());
    assert_eq!(
        send(&alice_session, &after).await,
        SendOutcome::Unroutable,
        "no subscriber is left"
    );
    expect_quiet(&mut bob_inbox, 300).await;

    // Leaving again, or leaving a topic that does not exist, is not an error.
    bob_session.leave(&topic).await.expect("leave twice");
    bob_session
        .leave(&unique_topic("missing"))
        .await
        .expect("leave a missing topic");
    assert_eq!(
        send(&alice_session, &dm(&alice, &bob, "still works")).await,
        SendOutcome::Confirmed
    );
    alice_session.close().await.expect("close");
    bob_session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_reaches_other_sessions_but_never_an_inbox() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (alice_session, _, mut alice_presence) = connect(&alice).await;
    let (bob_session, mut bob_inbox, mut bob_presence) = connect(&bob).await;

    let join = Envelope::presence(alice.clone(), PresenceState::Join);
    assert_eq!(send(&alice_session, &join).await, SendOutcome::Confirmed);
    let note = presence_until(&mut bob_presence, |bytes| {
        Envelope::decode(bytes).is_ok_and(|env| env.id == join.id)
    })
    .await;
    let got = Envelope::decode(&note.body).expect("an envelope");
    assert_eq!(got.from, alice);
    assert!(matches!(
        got.payload,
        Payload::Presence {
            state: PresenceState::Join,
            ..
        }
    ));
    // The join names alice's presence queue and chat.presence.answers (version 3); an
    // answer sent there reaches her alone, carrying bob's login.
    let Some(AnswerTo::AnswersExchange(queue)) = note.answer.clone() else {
        panic!(
            "a version-3 join names its answers' exchange: {:?}",
            note.answer
        );
    };
    assert!(queue.starts_with("amq.gen-"), "{queue}");
    assert_eq!(
        note.user_id.as_deref(),
        Some("guest"),
        "the login, as user_id"
    );
    let here = Envelope::presence(bob.clone(), PresenceState::Here);
    bob_session
        .answer_presence(&here, &AnswerTo::AnswersExchange(queue))
        .await
        .expect("answered");
    let answer = presence_until(&mut alice_presence, |bytes| {
        Envelope::decode(bytes).is_ok_and(|env| env.id == here.id)
    })
    .await;
    assert_eq!(answer.answer, None);
    expect_quiet(&mut bob_inbox, 200).await;
    alice_session.close().await.expect("close");
    bob_session.close().await.expect("close");
}

/// Sends a typing notice from `from` to `to`, then a presence line to everyone, on one
/// channel: a feed the notice reaches gets it first.
async fn typing_then_presence(
    session: &UserSession,
    from: &UserName,
    to: ConversationId,
) -> (Envelope, Envelope) {
    let typing = Envelope::typing(from.clone(), to);
    let everyone = Envelope::presence(from.clone(), PresenceState::Here);
    for env in [&typing, &everyone] {
        assert_eq!(send(session, env).await, SendOutcome::Confirmed);
    }
    (typing, everyone)
}

/// Which of the pair `feed` got first: the typing notice, or the line to everyone.
async fn first_seen(
    feed: &mut PresenceFeed,
    (typing, everyone): &(Envelope, Envelope),
) -> Envelope {
    let ids = [typing.id.clone(), everyone.id.clone()];
    let note = presence_until(feed, |bytes| {
        Envelope::decode(bytes).is_ok_and(|env| ids.contains(&env.id))
    })
    .await;
    Envelope::decode(&note.body).expect("an envelope")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typing_notice_to_a_person_reaches_that_person_alone() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let carol = cleanup.user(&unique_user("carol"));
    let (alice_session, _, _alice_presence) = connect(&alice).await;
    let (bob_session, mut bob_inbox, mut bob_presence) = connect(&bob).await;
    let (carol_session, _, mut carol_presence) = connect(&carol).await;

    let sent =
        typing_then_presence(&alice_session, &alice, ConversationId::Direct(bob.clone())).await;
    let to_bob = first_seen(&mut bob_presence, &sent).await;
    assert!(
        matches!(to_bob.payload, Payload::Typing { .. }),
        "bob gets it"
    );
    // Not on the fanout: carol's feed gets the line to everyone first, and no inbox
    // gets anything.
    assert_eq!(first_seen(&mut carol_presence, &sent).await.id, sent.1.id);
    expect_quiet(&mut bob_inbox, 200).await;
    for session in [alice_session, bob_session, carol_session] {
        session.close().await.expect("close");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typing_notice_in_a_topic_reaches_its_members_alone_until_they_leave() {
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("news"));
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let carol = cleanup.user(&unique_user("carol"));
    create_topic(&topic).await;
    let (alice_session, _, _alice_presence) = connect(&alice).await;
    let (bob_session, _, mut bob_presence) = connect(&bob).await;
    let (carol_session, _, mut carol_presence) = connect(&carol).await;
    bob_session.join(&topic).await.expect("join");
    let in_topic = || ConversationId::Topic(topic.clone());

    let sent = typing_then_presence(&alice_session, &alice, in_topic()).await;
    assert_eq!(
        first_seen(&mut bob_presence, &sent).await.id,
        sent.0.id,
        "a member"
    );
    assert_eq!(
        first_seen(&mut carol_presence, &sent).await.id,
        sent.1.id,
        "not a member"
    );

    bob_session.leave(&topic).await.expect("leave");
    let sent = typing_then_presence(&alice_session, &alice, in_topic()).await;
    assert_eq!(
        first_seen(&mut bob_presence, &sent).await.id,
        sent.1.id,
        "left"
    );
    for session in [alice_session, bob_session, carol_session] {
        session.close().await.expect("close");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_topics_includes_a_created_topic() {
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("listed"));
    create_topic(&topic).await;
    let address = BrokerAddress::parse(&amqp_url()).expect("address");
    let api = ManagementApi::new(address.api_target()).expect("api");
    let topics = api.list_topics().await.expect("list topics");
    assert!(topics.contains(&topic), "{topics:?}");
    assert!(topics.is_sorted());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_management_api_names_the_plugin() {
    let api = ManagementApi::new(&ApiTarget {
        url: "http://127.0.0.1:1".into(),
        user: "guest".into(),
        password: "guest".into(),
        vhost: "/".into(),
        tls: Default::default(),
    })
    .expect("api");
    let err = api
        .list_topics()
        .await
        .expect_err("nothing listens on port 1");
    let text = err.to_string();
    assert!(text.contains("http://127.0.0.1:1"), "{text}");
    assert!(
        text.contains("rabbitmq-plugins enable rabbitmq_management"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_port_is_unreachable_quickly() {
    let user = unique_user("alice");
    let started = Instant::now();
    let result = UserSession::connect("amqp://guest:s3cret@127.0.0.1:1/%2f", &user, PREFETCH).await;
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "took {:?}",
        started.elapsed()
    );
    let err = result.expect_err("nothing listens on port 1");
    assert!(matches!(err, BrokerError::Unreachable { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.starts_with("cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/%2f: "),
        "{text}"
    );
    assert!(
        text.ends_with("; start one with scripts/broker.sh"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_pipelined_publishes_all_confirm() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let (bob_session, _, _) = connect(&bob).await;
    bob_session.close().await.expect("bob goes offline");
    let (session, _, _) = connect(&alice).await;

    let mut pending = Vec::new();
    for i in 0..500 {
        pending.push(
            session
                .publish(&dm(&alice, &bob, &format!("m{i}")))
                .await
                .expect("publish"),
        );
    }
    for confirm in pending {
        assert_eq!(
            confirm.wait().await.expect("confirm"),
            SendOutcome::Confirmed
        );
    }
    assert_eq!(ready_count(&inbox_queue(&bob)).await, Some(500));
    session.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_returns_are_told_to_the_right_publish() {
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let ghost = unique_user("ghost");
    let (bob_session, _, _) = connect(&bob).await;
    bob_session.close().await.expect("bob goes offline");
    let (session, _, _) = connect(&alice).await;

    // Interleave deliverable and unroutable DMs so acks cover both kinds at once.
    let mut pending = Vec::new();
    for i in 0..300 {
        let to = if i % 3 == 0 { &ghost } else { &bob };
        let confirm = session
            .publish(&dm(&alice, to, &format!("m{i}")))
            .await
            .expect("publish");
        pending.push((i % 3 == 0, confirm));
    }
    for (to_ghost, confirm) in pending {
        let expected = if to_ghost {
            SendOutcome::Unroutable
        } else {
            SendOutcome::Confirmed
        };
        assert_eq!(confirm.wait().await.expect("confirm"), expected);
    }
    assert_eq!(ready_count(&inbox_queue(&bob)).await, Some(200));
    session.close().await.expect("close");
}
