//! The store stage's order: stored, told to the app, and only then handed on.

use std::time::Duration;

use tokio::sync::mpsc;

use super::run;
use crate::app::user::Event;
use crate::domain::{Envelope, UserName};
use crate::runtime::user::events::RuntimeEvent;
use crate::runtime::user::store_handle::StoreHandle;
use crate::store::History;

fn name(text: &str) -> UserName {
    UserName::parse(text).unwrap()
}

/// The id of the message an event says is queued.
fn queued_id(event: RuntimeEvent) -> String {
    match event {
        RuntimeEvent::App(Event::Queued(msg)) => msg.id.to_string(),
        _ => panic!("not a Queued event"),
    }
}

#[tokio::test(start_paused = true)]
async fn the_publisher_gets_a_message_only_after_the_app_was_told_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = StoreHandle::new(History::open(&dir.path().join("h.sqlite3")).unwrap());
    let (write, written) = mpsc::unbounded_channel();
    let (stored_tx, mut stored) = mpsc::unbounded_channel();
    // Room for one event: the stage waits for the app before the second is told.
    let (events_tx, mut events) = mpsc::channel(1);
    let stage = tokio::spawn(run(store, written, stored_tx, events_tx));
    let burst: Vec<Envelope> = (0..2)
        .map(|i| Envelope::direct(name("alice"), name("bob"), format!("m{i}")))
        .collect();
    for envelope in &burst {
        write.send(envelope.clone()).unwrap();
    }

    // The app has not taken the first event yet: nothing may be published.
    let early = tokio::time::timeout(Duration::from_secs(1), stored.recv()).await;
    assert!(early.is_err(), "handed on before the app heard of it");

    // Once the app heard of both, in order, the publisher gets both, in order.
    for envelope in &burst {
        assert_eq!(
            queued_id(events.recv().await.unwrap()),
            envelope.id.to_string()
        );
    }
    for envelope in &burst {
        assert_eq!(stored.recv().await.unwrap().id, envelope.id);
    }
    drop(write);
    stage.await.unwrap();
}
