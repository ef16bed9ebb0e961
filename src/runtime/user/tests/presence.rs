//! Presence on the fake broker: a join costs O(N) deliveries, and the newcomer's roster
//! is complete from the answers sent straight to it.

use super::*;

/// How many people a `/who` block lists (each name is marked `●`, or `◌` when away).
fn who_names(block: &str) -> usize {
    block
        .lines()
        .skip(1)
        .filter(|row| !row.starts_with("◌ away:"))
        .map(|row| row.matches(['●', '◌']).count())
        .sum()
}

/// Waits until `client`'s `/who` lists `count` people.
async fn until_roster(client: &Client, count: usize) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        client.say("/who").await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        let complete = client
            .notices()
            .iter()
            .rev()
            .find(|n| n.starts_with("online: "))
            .is_some_and(|n| who_names(n) == count);
        if complete {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "roster never reached {count}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_join_costs_about_two_deliveries_per_person_online() {
    const ONLINE: usize = 20;
    let fake = FakeBroker::new();
    let homes: Vec<Home> = (0..=ONLINE).map(|_| Home::new()).collect();
    let mut clients = Vec::new();
    for (i, home) in homes.iter().enumerate().take(ONLINE) {
        let client = Client::start(&fake, &format!("user{i}"), home).await;
        until_roster(&client, i + 1).await;
        clients.push(client);
    }
    let before = fake.presence_deliveries();
    let newcomer = Client::start(&fake, "newcomer", &homes[ONLINE]).await;
    until_roster(&newcomer, ONLINE + 1).await;
    let cost = fake.presence_deliveries() - before;
    // The join reaches everyone (ONLINE + 1, the newcomer's own feed included), and each
    // of the ONLINE answers goes to the newcomer alone.
    assert_eq!(cost, 2 * ONLINE + 1, "presence deliveries for one join");
    for client in clients {
        client.end_input().await.unwrap();
    }
    newcomer.end_input().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn who_right_after_start_waits_for_the_answers_to_the_join() {
    let fake = FakeBroker::new();
    let (bob_home, alice_home) = (Home::new(), Home::new());
    let bob = Client::start(&fake, "bob", &bob_home).await;
    until_roster(&bob, 1).await;
    let alice = Client::start(&fake, "alice", &alice_home).await;
    alice.say("/who").await;
    alice
        .until("the roster", |_| {
            alice.notices().iter().any(|n| n.starts_with("online: "))
        })
        .await;
    let notices = alice.notices();
    assert!(
        notices
            .iter()
            .any(|n| n == "still gathering who is online…"),
        "{notices:?}"
    );
    let block = notices.iter().find(|n| n.starts_with("online: ")).unwrap();
    assert_eq!(who_names(block), 2, "{block}");
    assert!(block.contains("● bob"), "{block}");
}
