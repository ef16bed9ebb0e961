//! A second login while the first session is reconnecting: exactly one session owns the
//! inbox at any time, a message reaches exactly one of them, and the one left out takes
//! over once the other quits.

use std::time::Duration;

use chat_tui::broker::user::UserSession;
use chat_tui::domain::wire::inbox_queue;
use chat_tui::domain::{Envelope, UserName};
use serde_json::Value;

use crate::common::admin::cut_connection;
use crate::common::chat::Chat;
use crate::common::client::{STEP, TestHome, is_notice};

crate::both_modes!(
    #[ignore = "cuts a client's connection; run by scripts/fault-tests.sh"]
    a_second_login_while_the_first_reconnects_leaves_one_owner,
);

/// Checks, several times over a few seconds, that the inbox has exactly one consumer.
async fn exactly_one_owner(chat: &Chat, user: &UserName) {
    for _ in 0..10 {
        assert_eq!(
            chat.consumer_count(&inbox_queue(user)).await,
            Some(1),
            "exactly one session holds the inbox"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// carol sends `body` to `to` and waits for the broker's confirm.
async fn dm(carol: &UserSession, to: &UserName, body: &str) {
    let envelope = Envelope::direct(carol.me().clone(), to.clone(), body.to_owned());
    let outcome = carol
        .publish(&envelope)
        .await
        .expect("publish")
        .wait()
        .await;
    assert_eq!(
        outcome.expect("confirmed"),
        chat_tui::broker::user::SendOutcome::Confirmed
    );
}

fn shows(body: &'static str) -> impl Fn(&Value) -> bool {
    move |e: &Value| e["event"] == "message" && e["body"] == body
}

async fn a_second_login_while_the_first_reconnects_leaves_one_owner(chat: Chat) {
    let alice = chat.user("alice");
    let carol_name = chat.user("carol");
    let (carol, _carol_inbox, _carol_presence) =
        UserSession::connect(&chat.amqp_url(&carol_name), &carol_name, 10)
            .await
            .expect("carol connects");
    let home = TestHome::new();
    let mut first = chat.client(&alice, &home);
    chat.wait_for_consumer(&inbox_queue(&alice), STEP).await;

    cut_connection(&alice).await;
    first
        .expect("the first says it lost the connection", |e| {
            is_notice(e, "connection lost")
        })
        .await;
    let mut second = chat.client(&alice, &home);
    // The second start either takes the inbox while the first waits to retry, or finds
    // it taken again by the first and exits 3. Both leave one owner.
    tokio::time::sleep(Duration::from_secs(3)).await;
    if second.is_running() {
        eprintln!("the second login took the inbox; the first keeps trying");
        exactly_one_owner(&chat, &alice).await;
        first
            .expect("the first says the inbox is held", |e| {
                is_notice(e, "held by another session")
            })
            .await;
        dm(&carol, &alice, "to the second").await;
        second
            .expect("the second shows it", shows("to the second"))
            .await;
        first
            .expect_none(
                "the first shows nothing",
                Duration::from_secs(2),
                shows("to the second"),
            )
            .await;

        let exited = second.finish().await;
        assert!(exited.status.success(), "{}", exited.stderr);
        first
            .expect_within("the first takes over", Duration::from_secs(45), |e| {
                is_notice(e, "reconnected")
            })
            .await;
    } else {
        eprintln!("the first reconnected before the second started");
        let exited = second.wait_exit(Duration::from_secs(5)).await;
        assert_eq!(exited.status.code(), Some(3), "{}", exited.stderr);
        assert!(
            exited.stderr.contains("already connected"),
            "{}",
            exited.stderr
        );
        first
            .expect("the first is back", |e| is_notice(e, "reconnected"))
            .await;
    }
    exactly_one_owner(&chat, &alice).await;
    dm(&carol, &alice, "to the first").await;
    first
        .expect("the first shows it", shows("to the first"))
        .await;
    let exited = first.finish().await;
    assert!(exited.status.success(), "{}", exited.stderr);
    let _ = carol.close().await;
}
