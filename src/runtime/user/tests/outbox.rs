//! The outbox on the fake broker: stored before it is published, pending until
//! confirmed, and re-published first, in order, on every new session.

use super::*;
use crate::broker::user::fake::Confirms;
use crate::domain::{Envelope, Payload, PresenceState};

fn is_join(envelope: &Envelope) -> bool {
    envelope.payload
        == Payload::Presence {
            state: PresenceState::Join,
        }
}

fn text_of(envelope: &Envelope) -> Option<&str> {
    match &envelope.payload {
        Payload::Direct { body, .. } | Payload::Topic { body, .. } => Some(body),
        Payload::Presence { .. } => None,
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
    let alice = Client::start(&fake, "alice", &home).await;
    alice.say("/msg bob kept").await;
    alice.say("/msg bob also kept").await;
    // End of input waits (bounded) for the confirms that never come, then ends.
    alice.end_input().await.unwrap();
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
