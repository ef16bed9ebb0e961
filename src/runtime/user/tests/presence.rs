//! Presence on the fake broker: a join costs O(N) deliveries, and the newcomer's roster
//! is complete from the answers sent straight to it.

use super::*;

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
            .is_some_and(|n| n.trim_start_matches("online: ").split(", ").count() == count);
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
