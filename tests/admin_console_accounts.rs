//! The admin console's account actions (the Users pane's `n`, `P`, `b`, `d`) against the
//! real broker, in a throwaway virtual host set up by `chat-tui admin setup` (a
//! [`Team`], deleted with its accounts even on panic): the real console's `perform`
//! creates an account with a generated password, sets a typed one, bans, unbans and
//! deletes, and every step is checked by logging in over AMQP and with the broker's own
//! view.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use chat_tui::broker::BrokerError;
use chat_tui::broker::console::{BrokerConsole, Console, ConsoleSettings};
use chat_tui::broker::user::UserSession;
use chat_tui::broker::{ApiTarget, BrokerAddress};
use chat_tui::config::Password;
use chat_tui::domain::UserName;
use chat_tui::domain::console::{AccountState, Action, NewPassword, Outcome, Target};
use chat_tui::domain::wire::inbox_queue;
use lapin::protocol::{AMQPErrorKind, AMQPHardError, AMQPSoftError};
use lapin::{Connection, ConnectionProperties};

use common::admin::api_url;
use common::team::Team;
use common::unique_user;

/// The real console on the team's virtual host, as guest (its administrator).
fn console_of(team: &Team) -> BrokerConsole {
    BrokerConsole::new(ConsoleSettings {
        api: ApiTarget {
            url: api_url(),
            user: "guest".into(),
            password: "guest".into(),
            vhost: team.vhost.clone(),
            tls: Default::default(),
        },
        amqp: BrokerAddress::parse(&team.guest_url()).expect("an AMQP URL"),
    })
    .expect("a console")
}

async fn login(team: &Team, user: &UserName, password: &str) -> Result<Connection, lapin::Error> {
    Connection::connect(
        &team.url(user.as_str(), password),
        ConnectionProperties::default(),
    )
    .await
}

fn is_protocol_error(error: &lapin::Error, kind: AMQPErrorKind) -> bool {
    matches!(error.kind(), lapin::ErrorKind::ProtocolError(e) if *e.kind() == kind)
}

/// The account state the console's snapshot shows for `user` (`None`: not listed).
async fn state_of(console: &BrokerConsole, user: &UserName) -> Option<AccountState> {
    let snapshot = console.snapshot(&[]).await.expect("a snapshot");
    snapshot
        .users
        .iter()
        .find(|u| &u.name == user)
        .map(|u| u.account)
}

/// GET `/api/<path>` as guest: the status.
async fn status_of(path: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/api/{path}", api_url()))
        .basic_auth("guest", Some("guest"))
        .send()
        .await
        .expect("the management API answers")
        .status()
        .as_u16()
}

fn percent(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[tokio::test]
async fn the_consoles_account_actions_create_reset_ban_unban_and_delete() {
    let mut team = Team::new().await;
    let console = console_of(&team);
    let user = unique_user("pane");
    team.register(&user);

    // n, then Enter: a generated password, returned once.
    let created = console
        .perform(&Action::CreateAccount {
            user: user.clone(),
            password: NewPassword::Generate,
        })
        .await
        .expect("created");
    let Outcome::Generated(generated) = created else {
        panic!("a generated password: {created:?}");
    };
    assert_eq!(generated.expose().len(), 22);
    login(&team, &user, generated.expose())
        .await
        .expect("the generated password logs in")
        .close(200, "done".into())
        .await
        .expect("close");
    assert_eq!(state_of(&console, &user).await, Some(AccountState::Active));

    // P, typed twice: the old password stops working.
    let typed = format!("typed-{}", uuid::Uuid::now_v7().simple());
    let reset = console
        .perform(&Action::SetPassword {
            user: user.clone(),
            password: NewPassword::Typed(Password::new(typed.clone())),
        })
        .await
        .expect("a new password");
    assert_eq!(reset, Outcome::Done, "a typed password is not given back");
    let old = login(&team, &user, generated.expose()).await;
    assert!(
        matches!(&old, Err(e) if is_protocol_error(e, AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED))),
        "the old password is refused: {old:?}"
    );
    let live = login(&team, &user, &typed)
        .await
        .expect("the new one logs in");

    // b, y: the live connection is closed, logins are refused at the virtual host.
    let banned = console
        .perform(&Action::Ban(user.clone()))
        .await
        .expect("banned");
    assert_eq!(
        banned,
        Outcome::Banned {
            already: false,
            closed: 1
        }
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while live.status().connected() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the live connection is still open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let refused = login(&team, &user, &typed).await;
    assert!(
        matches!(&refused, Err(e) if is_protocol_error(e, AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED))),
        "vhost access refused: {refused:?}"
    );
    let client = UserSession::connect(&team.url(user.as_str(), &typed), &user, 10).await;
    assert!(
        matches!(&client, Err(BrokerError::Banned(who)) if *who == user),
        "the client is told it was banned: {:?}",
        client.as_ref().err()
    );
    let said = client.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(said.contains("an operator banned"), "{said}");
    assert_eq!(state_of(&console, &user).await, Some(AccountState::Banned));
    let status = status_of(&format!("users/{}", percent(user.as_str()))).await;
    assert_eq!(status, 200, "the account stays");

    // b, y again: unbanned, it logs in.
    let unbanned = console
        .perform(&Action::Unban(user.clone()))
        .await
        .expect("unbanned");
    assert_eq!(unbanned, Outcome::Unbanned { was_active: false });
    login(&team, &user, &typed)
        .await
        .expect("logs in again")
        .close(200, "done".into())
        .await
        .expect("close");

    // d, y: account and inbox are gone.
    console
        .perform(&Action::Delete(Target::User(user.clone())))
        .await
        .expect("deleted");
    let account = status_of(&format!("users/{}", percent(user.as_str()))).await;
    assert_eq!(account, 404, "the account is gone");
    let inbox = status_of(&format!(
        "queues/{}/{}",
        percent(&team.vhost),
        percent(&inbox_queue(&user))
    ))
    .await;
    assert_eq!(inbox, 404, "the inbox is gone");
    assert_eq!(state_of(&console, &user).await, None);
    let gone = login(&team, &user, &typed).await;
    assert!(gone.is_err(), "no login any more");
}
