//! Logging in to the real broker: with an account (password from the environment or a
//! file), refused logins, and open mode's shared guest account.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use chat_tui::domain::UserName;
use chat_tui::domain::wire::inbox_queue;

use super::accounts::{Account, connection_user, url_without_login, user_exists};
use crate::common::client::{Client, ClientOptions, TestHome, is_notice};
use crate::common::{Cleanup, ready_count, unique_user};

/// A password no other test uses.
fn unique_password() -> String {
    format!("pw-{}", uuid::Uuid::now_v7().simple())
}

/// Waits until the client answers `/who`, which it does only once connected.
async fn ready(client: &mut Client) {
    client.send_line("/who").await;
    client
        .expect("the answer to /who (connected)", |e| {
            is_notice(e, "online:")
        })
        .await;
}

/// Standard base64 (RFC 4648, with padding), to look for a PLAIN response in the log.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn base64_is_the_standard_one() {
    assert_eq!(base64(b"\0alice\0pw"), "AGFsaWNlAHB3");
    assert_eq!(base64(b"ab"), "YWI=");
    assert_eq!(base64(b"a"), "YQ==");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_logs_in_and_its_password_never_reaches_the_most_verbose_log() {
    let mut cleanup = Cleanup::new();
    let name = cleanup.user(&unique_user("acct"));
    let password = unique_password();
    let _account = Account::create(&name, &password).await;
    let home = TestHome::new();
    let password_file = home.data().parent().unwrap().join("password");
    std::fs::write(&password_file, format!("{password}\n")).unwrap();
    std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let options = ClientOptions::default()
        .with_env("CHAT_TUI_AMQP_URL", &url_without_login())
        .with_env("CHAT_TUI_PASSWORD_FILE", password_file.to_str().unwrap())
        .with_env(
            "CHAT_TUI_LOG",
            "trace,lapin=trace,amq_protocol=trace,amq_protocol_tcp=trace",
        );
    let mut client = Client::spawn_with(name.as_str(), &home, options);
    ready(&mut client).await;
    assert_eq!(
        connection_user(&name).await,
        name.as_str(),
        "logged in as the account"
    );
    let exited = client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);

    let log = std::fs::read_to_string(home.logs().join(format!("user-{name}.log"))).unwrap();
    // The log is as verbose as asked: our own traces and lapin's debug lines are there.
    assert!(log.contains("connected; inbox taken"), "{log}");
    assert!(log.contains("TRACE"), "the most verbose level: {log}");
    assert!(log.contains("lapin"), "lapin logged too: {log}");
    // The PLAIN response of the login frame, `\0user\0password`, in every form a log
    // line could hold it: as text, in base64, and as lapin's frame trace shows a long
    // string (the list of its bytes, `LongString([0, 97, ...])`).
    let plain = format!("\0{name}\0{password}");
    let as_bytes = format!("{:?}", plain.as_bytes());
    let as_bytes = as_bytes.trim_start_matches('[').trim_end_matches(']');
    for secret in [&password, &plain, &base64(plain.as_bytes()), as_bytes] {
        assert!(!log.contains(secret), "{secret:?} is in the log");
    }
    assert!(!exited.stderr.contains(&password), "{}", exited.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_or_unknown_account_exits_5_and_creates_nothing() {
    let mut cleanup = Cleanup::new();
    let name = cleanup.user(&unique_user("acct"));
    let _account = Account::create(&name, &unique_password()).await;
    let nobody = cleanup.user(&unique_user("nobody"));
    for (user, password) in [(&name, "wrong-password"), (&nobody, "any-password")] {
        let home = TestHome::new();
        let options = ClientOptions::default()
            .with_env("CHAT_TUI_AMQP_URL", &url_without_login())
            .with_env("CHAT_TUI_PASSWORD", password);
        let exited = Client::spawn_with(user.as_str(), &home, options)
            .wait_exit(Duration::from_secs(20))
            .await;
        assert_eq!(exited.status.code(), Some(5), "stderr: {}", exited.stderr);
        let broker = url::Url::parse(&url_without_login()).unwrap();
        let label = format!(
            "{}:{}",
            broker.host_str().unwrap(),
            broker.port().unwrap_or(5672)
        );
        assert!(
            exited.stderr.contains(&format!(
                "the broker at {label} refused the login for {user}: wrong password or no such account"
            )),
            "{}",
            exited.stderr
        );
        assert!(!exited.stderr.contains(password), "{}", exited.stderr);
        // The account's inbox is the operator's; nothing is made for an unknown name.
        let expected = (user == &name).then_some(0);
        assert_eq!(
            ready_count(&inbox_queue(user)).await,
            expected,
            "the inbox of {user}"
        );
    }
    assert!(!user_exists(&nobody).await, "no account was made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_start_without_credentials_logs_in_as_guest() {
    let mut cleanup = Cleanup::new();
    let name: UserName = cleanup.user(&unique_user("open"));
    let home = TestHome::new();
    let options = ClientOptions::default().with_env("CHAT_TUI_AMQP_URL", &url_without_login());
    let mut client = Client::spawn_with(name.as_str(), &home, options);
    ready(&mut client).await;
    assert_eq!(connection_user(&name).await, "guest");
    let exited = client.finish().await;
    assert_eq!(exited.status.code(), Some(0), "{}", exited.stderr);
    assert!(!exited.stderr.contains("warning"), "{}", exited.stderr);
}
