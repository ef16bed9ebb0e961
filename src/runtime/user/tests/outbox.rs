//! The outbox on the fake broker: stored before it is published, pending until
//! confirmed, and re-published first, in order, on every new session.

use std::collections::HashSet;

use super::*;
use crate::broker::user::fake::Confirms;
use crate::domain::{Envelope, Payload, PresenceState};

fn is_join(envelope: &Envelope) -> bool {
    matches!(
        envelope.payload,
        Payload::Presence {
            state: PresenceState::Join,
            ..
        }
    )
}

fn text_of(envelope: &Envelope) -> Option<&str> {
    match &envelope.payload {
        Payload::Direct { body, .. } | Payload::Topic { body, .. } => Some(body),
        Payload::Presence { .. } | Payload::Announce { .. } | Payload::Typing { .. } => None,
    }
}

#[tokio::test(start_paused = true)]
async fn pending_messages_go_out_first_and_in_order_on_every_new_session() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    fake.set_confirms(Confirms::Held);
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    for text in ["one", "two", "three"] {
        alice.say(&format!("/msg bob {text}")).await;
    }
    while fake.published_texts().len() < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The broker goes away before confirming any of them.
    let before_loss = fake.published().len();
    fake.drop_connections("broker restart");
    fake.set_confirms(Confirms::Immediate);
    // Written while disconnected: stored, pending, sent once connected.
    alice.say("/msg bob four").await;
    alice.until_delivered(4).await;

    let second_session = &fake.published()[before_loss..];
    let texts: Vec<&str> = second_session.iter().filter_map(text_of).collect();
    assert_eq!(
        texts,
        ["one", "two", "three", "four"],
        "oldest first, once each"
    );
    let join = second_session.iter().position(is_join).unwrap();
    assert_eq!(join, 4, "presence is announced after what was pending");
    // Every copy has the id of the stored message: receivers can drop duplicates.
    let first_ids: Vec<_> = fake.published()[..before_loss]
        .iter()
        .filter(|e| text_of(e).is_some())
        .map(|e| e.id.clone())
        .collect();
    let again_ids: Vec<_> = second_session
        .iter()
        .filter(|e| text_of(e).is_some())
        .take(3)
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(first_ids, again_ids);
    alice.end_input().await.unwrap();
    assert!(all_delivered(&home.history()));
}

#[tokio::test(start_paused = true)]
async fn what_is_unconfirmed_when_quitting_stays_pending_and_goes_out_at_the_next_start() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    fake.set_confirms(Confirms::Held);
    let home = Home::new();
    let mut start = Start::new(&fake, "alice", &home);
    start.max_wait = Some(Duration::from_secs(3));
    let alice = start.run().await;
    alice.say("/msg bob kept").await;
    alice.say("/msg bob also kept").await;
    // End of input waits for the confirms that never come, up to --max-wait, then
    // ends saying how many are left (exit code 7).
    let ended = alice.end_input().await;
    assert!(matches!(ended, Err(RunError::Unsent(2))), "{ended:?}");
    assert_eq!(texts(home.pending()), ["kept", "also kept"]);

    fake.set_confirms(Confirms::Immediate);
    let again = Client::start(&fake, "alice", &home).await;
    again.until_delivered(2).await;
    again.end_input().await.unwrap();
    assert!(home.pending().is_empty());
    assert!(all_delivered(&home.history()));
}

#[tokio::test(start_paused = true)]
async fn a_message_to_nobody_is_stored_as_failed_with_the_reason() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    alice.say("/msg nobody hello?").await;
    alice
        .until("the failure", |printed| {
            printed
                .iter()
                .any(|v| v["event"] == "status" && v["status"] == "failed")
        })
        .await;
    alice.end_input().await.unwrap();
    let stored = home.history();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].status,
        DeliveryStatus::Failed("no such user nobody".into())
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_typed_after_quitting_is_shown_unless_stored() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    alice.say("/msg bob before").await;
    alice.say("/quit").await;
    alice.say("/msg bob after").await;
    let mut alice = alice;
    alice.finished().await.unwrap();
    let shown: Vec<Value> = alice
        .printed()
        .into_iter()
        .filter(|v| v["event"] == "message" || v["event"] == "status")
        .collect();
    assert!(shown.iter().all(|v| v["body"] == "before"), "{shown:#?}");
    assert_eq!(texts(home.history()), ["before"]);
}

#[tokio::test(start_paused = true)]
async fn while_the_broker_blocks_what_is_written_is_stored_and_shown_and_waits() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    fake.block("low on memory");
    for n in 0..5 {
        alice.say(&format!("/msg bob blocked {n}")).await;
    }
    alice
        .until("five shown pending", |printed| {
            printed
                .iter()
                .filter(|v| v["event"] == "message" && v["status"] == "pending")
                .count()
                == 5
        })
        .await;
    // Each one shown is in the history already, though the broker has none of them.
    assert_eq!(home.pending().len(), 5);
    assert!(fake.published_texts().is_empty());
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n.starts_with("broker blocked: memory alarm: your messages are kept")),
        "{:?}",
        alice.notices()
    );
    fake.unblock();
    alice.until_delivered(5).await;
    alice.end_input().await.unwrap();
    assert!(all_delivered(&home.history()));
}

#[tokio::test(start_paused = true)]
async fn end_of_input_waits_through_a_reconnection_until_everything_is_confirmed() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    fake.set_confirms(Confirms::Held);
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    for n in 0..3 {
        alice.say(&format!("/msg bob m{n}")).await;
    }
    while fake.published_texts().len() < 3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let sender = alice.sender.clone();
    sender.send(RuntimeEvent::EndOfInput).await.unwrap();
    // The connection dies before any confirm: line mode does not give up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    fake.drop_connections("broker restart");
    fake.set_confirms(Confirms::Immediate);
    let mut alice = alice;
    alice.finished().await.unwrap();
    assert!(home.pending().is_empty());
    assert!(all_delivered(&home.history()));
}

#[tokio::test(start_paused = true)]
async fn a_refused_message_says_why_and_is_sent_again_with_the_same_id() {
    let fake = FakeBroker::new();
    let bob = name("bob");
    fake.add_user(&bob);
    fake.limit_inbox(&bob, Some(1));
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    alice.say("/msg bob first").await;
    alice.until_delivered(1).await;
    alice.say("/msg bob second").await;
    alice
        .until("the refusal", |printed| {
            printed.iter().any(|v| {
                v["event"] == "status"
                    && v["status"] == "retrying"
                    && v["error"] == "bob's inbox is full"
            })
        })
        .await;
    // Still refused after a few tries; then bob reads his inbox and it goes through.
    tokio::time::sleep(Duration::from_secs(10)).await;
    let tries = fake
        .published()
        .iter()
        .filter(|e| text_of(e) == Some("second"))
        .count();
    assert!(tries >= 3, "tried {tries} times");
    let ids: HashSet<_> = fake
        .published()
        .iter()
        .filter(|e| text_of(e) == Some("second"))
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(ids.len(), 1, "every try has the same id");
    fake.purge(&bob);
    alice.until_delivered(2).await;
    let refusals = alice
        .printed()
        .iter()
        .filter(|v| v["status"] == "retrying")
        .count();
    assert_eq!(refusals, 1, "a refusal is told once, not at every try");
    alice.end_input().await.unwrap();
    assert!(all_delivered(&home.history()));
}

#[tokio::test(start_paused = true)]
async fn a_message_that_cannot_be_stored_is_not_sent_and_comes_back_to_the_user() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    let home = Home::new();
    let mut start = Start::new(&fake, "alice", &home);
    start.fail_writes = Arc::new(true.into());
    let alice = start.run().await;
    alice.say("/msg bob lost?").await;
    alice
        .until("the refusal", |_| {
            alice
                .notices()
                .iter()
                .any(|n| n.starts_with("not sent to bob: it could not be stored"))
        })
        .await;
    let notice = alice
        .notices()
        .into_iter()
        .find(|n| n.starts_with("not sent to bob"))
        .unwrap();
    assert!(notice.ends_with("your text was: lost?"), "{notice}");
    assert!(
        fake.published_texts().is_empty(),
        "nothing unstored is sent"
    );
    assert!(
        !alice.printed().iter().any(|v| v["event"] == "message"),
        "nothing unstored is shown"
    );
    alice.end_input().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_signal_waits_a_few_seconds_for_confirms_then_says_what_is_left() {
    let fake = FakeBroker::new();
    fake.add_user(&name("bob"));
    fake.set_confirms(Confirms::Held);
    let home = Home::new();
    let mut alice = Client::start(&fake, "alice", &home).await;
    alice.say("/msg bob in flight").await;
    let stopped_at = tokio::time::Instant::now();
    let stop = RuntimeEvent::Stop("received SIGTERM".into());
    alice.sender.send(stop).await.unwrap();
    let ended = alice.finished().await;
    assert!(matches!(ended, Err(RunError::Unsent(1))), "{ended:?}");
    let waited = tokio::time::Instant::now() - stopped_at;
    assert!(
        waited >= Duration::from_secs(5) && waited < Duration::from_secs(9),
        "{waited:?}"
    );
    assert_eq!(texts(home.pending()), ["in flight"]);
}
