//! The connection supervisor on the fake broker: the reconnect schedule, backing off
//! when a new session fails at once, "already connected" retried, a removal final.

use super::*;
use crate::broker::user::fake::Refusal;

/// Seconds between consecutive connect attempts made after `since` (the instant of a
/// loss), the first counted from `since` itself.
fn gaps_after(fake: &FakeBroker, since: tokio::time::Instant) -> Vec<f64> {
    let mut last = since;
    fake.connect_attempts()
        .into_iter()
        .filter(|at| *at > since)
        .map(|at| {
            let gap = (at - last).as_secs_f64();
            last = at;
            gap
        })
        .collect()
}

/// Checks each gap against the schedule: its wait, plus at most half of it at random.
fn assert_schedule(gaps: &[f64], waits: &[u64]) {
    assert_eq!(
        gaps.len(),
        waits.len(),
        "attempts: {gaps:?}, expected after {waits:?} s"
    );
    for (gap, wait) in gaps.iter().zip(waits) {
        let wait = *wait as f64;
        assert!(
            *gap >= wait && *gap <= wait * 1.5 + 0.01,
            "a gap of {gap:.2} s where the schedule says {wait} s (+ up to half): {gaps:?}"
        );
    }
}

/// Waits until the client said it reconnected `times` times.
async fn until_reconnected(client: &Client, times: usize) {
    client
        .until("reconnected", |_| {
            client
                .notices()
                .iter()
                .filter(|n| n.starts_with("reconnected"))
                .count()
                >= times
        })
        .await;
}

#[tokio::test(start_paused = true)]
async fn attempts_come_after_1_2_4_8_then_every_10_seconds() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    fake.refuse_next([Refusal::Unreachable; 5]);
    let lost = tokio::time::Instant::now();
    fake.drop_connections("broker restart");
    until_reconnected(&alice, 1).await;
    assert_schedule(&gaps_after(&fake, lost), &[1, 2, 4, 8, 10, 10]);
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n.starts_with("connection lost: broker restart"))
    );
    alice.end_input().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_session_that_fails_at_once_keeps_backing_off() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    let lost = tokio::time::Instant::now();
    for times in 1..=3 {
        fake.drop_connections("flaky");
        until_reconnected(&alice, times).await;
    }
    // Each session lasted well under 30 s: 1, then 2, then 4 s.
    assert_schedule(&gaps_after(&fake, lost), &[1, 2, 4]);
    // A session that stays up resets the schedule.
    tokio::time::sleep(Duration::from_secs(31)).await;
    let later = tokio::time::Instant::now();
    fake.drop_connections("once more");
    until_reconnected(&alice, 4).await;
    assert_schedule(&gaps_after(&fake, later), &[1]);
    alice.end_input().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn already_connected_while_reconnecting_is_retried_until_the_inbox_is_free() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let alice = Client::start(&fake, "alice", &home).await;
    fake.refuse_next([Refusal::AlreadyConnected, Refusal::AlreadyConnected]);
    let lost = tokio::time::Instant::now();
    fake.drop_connections("network cut");
    until_reconnected(&alice, 1).await;
    assert_schedule(&gaps_after(&fake, lost), &[1, 2, 4]);
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n.contains("the inbox of alice is held by another session")),
        "{:?}",
        alice.notices()
    );
    assert_eq!(fake.live_sessions(), 1);
    alice.end_input().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn an_administrators_removal_ends_the_session_for_good() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let mut alice = Client::start(&fake, "alice", &home).await;
    let removed_at = tokio::time::Instant::now();
    fake.remove_user(&name("alice"));
    let ended = alice.finished().await;
    assert!(matches!(ended, Err(RunError::Removed(_))), "{ended:?}");
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n.starts_with("you were removed by an administrator"))
    );
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert!(
        gaps_after(&fake, removed_at).is_empty(),
        "no attempt to reconnect"
    );
}

#[tokio::test(start_paused = true)]
async fn a_ban_seen_while_reconnecting_ends_the_session_for_good() {
    let fake = FakeBroker::new();
    let home = Home::new();
    let mut alice = Client::start(&fake, "alice", &home).await;
    fake.refuse_next([Refusal::Banned]);
    let banned_at = tokio::time::Instant::now();
    fake.drop_connections("CONNECTION_FORCED - banned");
    let ended = alice.finished().await;
    let Err(RunError::ShutOut(why)) = &ended else {
        panic!("a ban ends the run: {ended:?}");
    };
    assert!(why.contains("banned"), "{why}");
    assert_eq!(ended.as_ref().map_err(RunError::exit_code).err(), Some(5));
    assert!(
        alice
            .notices()
            .iter()
            .any(|n| n.contains("an operator banned"))
    );
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(
        gaps_after(&fake, banned_at).len(),
        1,
        "one attempt, refused, and no more"
    );
}

#[tokio::test(start_paused = true)]
async fn the_tui_way_connects_behind_the_first_frame_and_a_refusal_ends_the_run() {
    let fake = FakeBroker::new();
    fake.refuse_next([Refusal::Unreachable]);
    let home = Home::new();
    let mut start = Start::new(&fake, "alice", &home);
    start.connect_first = false;
    let mut alice = start.run().await;
    let ended = alice.finished().await;
    assert!(
        matches!(
            ended,
            Err(RunError::Broker(
                crate::broker::BrokerError::Unreachable { .. }
            ))
        ),
        "{ended:?}"
    );
}
