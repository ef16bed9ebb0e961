//! The inbox pump on the fake broker: acked only once stored and synced, duplicates by
//! id dropped, and quitting mid-burst leaves nothing both stored and still unacked.

use std::collections::HashSet;

use super::*;
use crate::domain::Envelope;

/// What a disk sync saw: the ids the history held, and how many acks came before it.
type SyncSeen = (HashSet<String>, usize);

fn dm(from: &str, to: &str, body: &str) -> Envelope {
    Envelope::direct(name(from), name(to), body.to_owned())
}

#[tokio::test(start_paused = true)]
async fn a_delivery_is_acked_only_after_the_store_synced_it() {
    let fake = FakeBroker::new();
    fake.add_user(&name("alice"));
    let home = Home::new();
    // At each disk sync: which ids the history holds, and how many acks came before.
    let syncs: Arc<Mutex<Vec<SyncSeen>>> = Arc::default();
    let hook = {
        let (syncs, fake, path) = (Arc::clone(&syncs), fake.clone(), home.path());
        move || {
            let stored = History::open(&path)
                .unwrap()
                .all(None)
                .unwrap()
                .into_iter()
                .map(|m| m.id.to_string())
                .collect();
            syncs.lock().unwrap().push((stored, fake.acked().len()));
        }
    };
    let mut start = Start::new(&fake, "alice", &home);
    start.after_sync = Some(Box::new(hook));
    let alice = start.run().await;
    // More than one burst: some waiting at connect, more arriving while it runs.
    for i in 0..300 {
        fake.deliver(&name("alice"), &dm("bob", "alice", &format!("m{i}")));
    }
    alice
        .until("300 received", |printed| received(printed).len() == 300)
        .await;
    alice.end_input().await.unwrap();

    let acked = fake.acked();
    assert_eq!(acked.len(), 300);
    let syncs = syncs.lock().unwrap();
    for (index, id) in acked.iter().enumerate() {
        assert!(
            syncs
                .iter()
                // The history keys a message by its sender and id.
                .any(|(stored, acks_before)| {
                    *acks_before <= index && stored.contains(&format!("bob/{id}"))
                }),
            "message {index} was acked before a sync had put it on disk"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_message_whose_id_is_already_stored_is_acked_and_dropped() {
    let fake = FakeBroker::new();
    fake.add_user(&name("alice"));
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    let first = dm("bob", "alice", "once");
    fake.deliver(&name("alice"), &first);
    alice
        .until("the first copy", |printed| received(printed).len() == 1)
        .await;
    // A redelivery or a resend after a lost confirm: same id.
    fake.deliver(&name("alice"), &first);
    fake.deliver(&name("alice"), &dm("bob", "alice", "then this"));
    alice
        .until("the next message", |printed| received(printed).len() >= 2)
        .await;
    assert_eq!(
        received(&alice.printed()),
        ["once", "then this"],
        "shown once"
    );
    alice.end_input().await.unwrap();
    assert_eq!(home.received(), ["once", "then this"]);
    assert_eq!(fake.acked().len(), 3, "the copy is acked too");
    assert!(fake.in_inbox(&name("alice")).is_empty());
}

#[tokio::test(start_paused = true)]
async fn quitting_mid_burst_leaves_nothing_both_stored_and_still_in_the_inbox() {
    let fake = FakeBroker::new();
    fake.add_user(&name("alice"));
    for i in 0..3000 {
        fake.deliver(&name("alice"), &dm("bob", "alice", &format!("m{i}")));
    }
    let home = Home::new();
    // Each disk sync takes a moment, as on a real disk: the stop arrives mid-burst.
    let mut start = Start::new(&fake, "alice", &home);
    start.after_sync = Some(Box::new(|| {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }));
    let alice = start.run().await;
    // Quit as soon as the drain is under way: without letting the clock move, so the
    // pump is still busy with the backlog.
    while received(&alice.printed()).len() < 100 {
        tokio::task::yield_now().await;
    }
    alice.end_input().await.unwrap();

    let stored: HashSet<String> = home
        .history()
        .into_iter()
        .map(|m| m.id.to_string())
        .collect();
    let waiting: Vec<String> = fake
        .in_inbox(&name("alice"))
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    assert!(stored.len() < 3000, "quit before the end of the drain");
    assert!(
        waiting.iter().all(|id| !stored.contains(id)),
        "a message is both stored and still in the inbox"
    );
    assert_eq!(stored.len() + waiting.len(), 3000, "nothing lost");
}

#[tokio::test(start_paused = true)]
async fn a_history_that_cannot_be_written_pauses_receiving_without_reconnecting() {
    let fake = FakeBroker::new();
    let alice_name = name("alice");
    fake.add_user(&alice_name);
    let home = Home::new();
    let disk_full: Arc<std::sync::atomic::AtomicBool> = Arc::new(true.into());
    let mut start = Start::new(&fake, "alice", &home);
    start.fail_writes = Arc::clone(&disk_full);
    let alice = start.run().await;
    for i in 0..20 {
        fake.deliver(&alice_name, &dm("bob", "alice", &format!("m{i}")));
    }
    alice
        .until("the pause", |_| {
            alice
                .notices()
                .iter()
                .any(|n| n.starts_with("cannot store incoming messages"))
        })
        .await;
    // A minute of a full disk: nothing shown, nothing acked, no reconnection, one notice.
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert!(received(&alice.printed()).is_empty());
    assert!(fake.acked().is_empty());
    assert_eq!(
        fake.in_inbox(&alice_name).len(),
        20,
        "all still on the broker"
    );
    assert_eq!(fake.connect_attempts().len(), 1, "no reconnection");
    let pauses = alice
        .notices()
        .iter()
        .filter(|n| n.starts_with("cannot store incoming messages"))
        .count();
    assert_eq!(pauses, 1, "said once");
    assert!(
        !alice
            .notices()
            .iter()
            .any(|n| n.contains("connection lost"))
    );
    disk_full.store(false, std::sync::atomic::Ordering::SeqCst);
    alice
        .until("all 20", |printed| received(printed).len() == 20)
        .await;
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n == "storing works again: receiving resumed")
    );
    alice.end_input().await.unwrap();
    assert_eq!(fake.acked().len(), 20);
    assert_eq!(home.received().len(), 20);
}

#[tokio::test(start_paused = true)]
async fn a_damaged_history_is_found_at_start_and_nothing_more_is_acked_into_it() {
    let fake = FakeBroker::new();
    let alice_name = name("alice");
    fake.add_user(&alice_name);
    fake.add_user(&name("bob"));
    let home = Home::new();
    crate::store::integrity::tests::filled(home.dir.path());
    crate::store::integrity::tests::damage_rows(&home.path());
    let alice = Client::start(&fake, "alice", &home).await;
    alice
        .until("the damage told", |_| {
            alice
                .notices()
                .iter()
                .any(|n| n.contains("is damaged") && n.contains("--recover"))
        })
        .await;
    fake.deliver(&alice_name, &dm("bob", "alice", "not into a damaged file"));
    tokio::time::sleep(Duration::from_secs(30)).await;
    assert!(
        fake.acked().is_empty(),
        "nothing acked into the damaged file"
    );
    assert_eq!(
        fake.in_inbox(&alice_name).len(),
        1,
        "it waits on the broker"
    );
    alice.say("/msg bob nor this").await;
    alice
        .until("the refusal", |_| {
            alice
                .notices()
                .iter()
                .any(|n| n.starts_with("not sent to bob"))
        })
        .await;
    assert!(fake.published_texts().is_empty());
    let ended = alice.end_input().await;
    assert!(ended.is_ok(), "{ended:?}");
}
