//! `kill -9` of the receiving client, again and again, while it drains a backlog of
//! 20,000 messages: afterwards `chat-tui history` holds every one exactly once. What was
//! stored before a kill is not stored again; what was delivered but not yet stored (or
//! stored but not yet acked) comes again and is kept once.

use std::collections::BTreeSet;
use std::time::Duration;

use chat_tui::broker::topology::{declare_inbox, declare_shared_exchanges};
use chat_tui::broker::user::UserSession;
use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{Envelope, UserName};
use futures_util::future::join_all;

use crate::common::chat::{Chat, Mode};
use crate::common::client::TestHome;
use crate::common::history;

crate::both_modes!(
    #[ignore = "kills clients with SIGKILL; run by scripts/fault-tests.sh"]
    kill_9_during_a_drain_loses_and_doubles_nothing,
);

/// Messages waiting in the inbox before the first start.
const BACKLOG: usize = 20_000;
/// How long the last, uninterrupted run may take to finish the drain.
const DRAIN: Duration = Duration::from_secs(300);

/// How many messages each run shows before it is killed: varied, so the kills land in
/// different places (mid-batch, between store and ack, at start-up).
fn kill_points() -> Vec<usize> {
    let seed = uuid::Uuid::now_v7().as_u128();
    (0..5)
        .map(|round| 1 + ((seed >> (round * 16)) as usize % 2_500))
        .collect()
}

fn body(i: usize) -> String {
    format!("backlog-{i:05}")
}

async fn kill_9_during_a_drain_loses_and_doubles_nothing(chat: Chat) {
    let alice = chat.user("alice");
    let bob = chat.user("bob");
    if chat.mode() == Mode::Open {
        // With accounts, `admin user add` made bob's inbox.
        let (connection, channel) = chat.operator_channel().await;
        declare_shared_exchanges(&channel)
            .await
            .expect("chat.direct");
        declare_inbox(&channel, &bob).await.expect("bob's inbox");
        let _ = connection.close(200, "done".into()).await;
    }
    // The team's inbox policy holds 10,000 messages by default: make room for the backlog.
    let _room = (chat.mode() == Mode::Accounts).then(|| chat.limit_inbox(&bob, BACKLOG as u32));

    let (sender, _inbox, _presence) = UserSession::connect(&chat.amqp_url(&alice), &alice, 1000)
        .await
        .expect("alice connects");
    for chunk in (0..BACKLOG).collect::<Vec<_>>().chunks(2_000) {
        let mut pending = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let envelope = Envelope::direct(alice.clone(), bob.clone(), body(i));
            pending.push(sender.publish(&envelope).await.expect("publish"));
        }
        for outcome in join_all(pending.into_iter().map(|p| p.wait())).await {
            assert_eq!(
                outcome.expect("confirmed"),
                chat_tui::broker::user::SendOutcome::Confirmed
            );
        }
    }
    sender.close().await.expect("alice leaves");
    assert_eq!(
        chat.ready_count(&inbox_queue(&bob)).await,
        Some(BACKLOG as u32)
    );

    let home = TestHome::new();
    let mut shown_before_kills = 0;
    for shown_this_run in kill_points() {
        let mut client = chat.client(&bob, &home);
        let mut seen = 0;
        client
            .watch_until("some of the backlog", Duration::from_secs(60), |e| {
                seen += usize::from(e["event"] == "message");
                seen >= shown_this_run
            })
            .await;
        client.kill().await;
        eprintln!("killed after {seen} new messages shown");
        shown_before_kills += seen;
    }
    assert!(
        shown_before_kills < BACKLOG,
        "the kills happened mid-drain ({shown_before_kills} shown before them)"
    );

    let last = chat.client(&bob, &home);
    let deadline = tokio::time::Instant::now() + DRAIN;
    while stored_count(&home, &bob, &alice) < BACKLOG {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the backlog was not stored within {DRAIN:?}"
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let exited = last.finish().await;
    assert!(exited.status.success(), "{}", exited.stderr);
    assert_eq!(
        chat.ready_count(&inbox_queue(&bob)).await,
        Some(0),
        "everything stored was acked"
    );

    let stored = history::json_lines(&history::ok(
        &home.data(),
        &["--name", bob.as_str(), "--with", alice.as_str(), "--json"],
    ));
    let bodies: Vec<&str> = stored.iter().filter_map(|e| e["body"].as_str()).collect();
    let distinct: BTreeSet<&str> = bodies.iter().copied().collect();
    assert_eq!(distinct.len(), bodies.len(), "no message is stored twice");
    let expected: Vec<String> = (0..BACKLOG).map(body).collect();
    let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(distinct, expected, "every message is stored");
}

/// How many messages from `from` `me`'s history holds now (read while the client runs).
fn stored_count(home: &TestHome, me: &UserName, from: &UserName) -> usize {
    let output = history::run(
        &home.data(),
        &["--name", me.as_str(), "--with", from.as_str(), "--json"],
    );
    history::stdout(&output).lines().count()
}
