//! End-to-end tests of the operator's command line, `chat-tui admin setup|user|topic`:
//! the built binary against the real broker, each test in a throwaway virtual host of its
//! own (deleted by a guard, with every account the test made, even on panic). What the
//! commands did is checked with the broker's own view: the management API as guest, and
//! AMQP logins (lapin) as the accounts they made, whose attacks the broker must refuse.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Output;
use std::time::Duration;

use lapin::options::{
    BasicConsumeOptions, ExchangeDeclareOptions, ExchangeDeleteOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::protocol::{AMQPErrorKind, AMQPSoftError};
use lapin::types::FieldTable;
use lapin::{Channel, Connection, ConnectionProperties, ExchangeKind};
use serde_json::{Value, json};

use common::admin::api_url;
use common::amqp_url;

/// A fresh random hex tail.
fn suffix(len: usize) -> String {
    let simple = uuid::Uuid::now_v7().simple().to_string();
    simple[simple.len() - len..].to_owned()
}

/// A management API request as `user`: the status and the JSON body (`Null` if none).
async fn api_as(
    user: &str,
    password: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .request(method, format!("{}/api/{path}", api_url()))
        .basic_auth(user, Some(password));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the management API answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A management API request as guest.
async fn api(method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
    api_as("guest", "guest", method, path, body).await
}

/// A virtual host made for one test, with guest given every permission on it. Dropping
/// it deletes the accounts registered with [`Vhost::account`], then the virtual host
/// (and so everything in it), on a thread and runtime of its own.
struct Vhost {
    name: String,
    accounts: Vec<String>,
}

impl Vhost {
    async fn create() -> Self {
        let vhost = Self {
            name: format!("chat-cli-{}", suffix(12)),
            accounts: Vec::new(),
        };
        let (status, body) = api(
            reqwest::Method::PUT,
            &format!("vhosts/{}", vhost.name),
            None,
        )
        .await;
        assert!(
            status == 201 || status == 204,
            "create vhost: {status} {body}"
        );
        let (status, body) = api(
            reqwest::Method::PUT,
            &format!("permissions/{}/guest", vhost.name),
            Some(json!({"configure": ".*", "write": ".*", "read": ".*"})),
        )
        .await;
        assert!(
            status == 201 || status == 204,
            "permissions: {status} {body}"
        );
        vhost
    }

    /// A chat user name no other test uses, registered for deletion of its account.
    fn account(&mut self, prefix: &str) -> String {
        let name = format!("{prefix}-{}", suffix(10));
        self.accounts.push(name.clone());
        name
    }

    /// Runs `chat-tui admin <args>` against this virtual host, with `stdin` as input.
    async fn admin(&self, args: &[&str], stdin: Option<&str>) -> Output {
        admin_with(
            &[
                "--vhost",
                &self.name,
                "--api-user",
                "guest",
                "--api-password",
                "guest",
            ],
            args,
            stdin,
        )
        .await
    }

    /// Like [`Vhost::admin`], and fails the test unless it exits 0; its stdout.
    async fn admin_ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let out = self.admin(args, stdin).await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "chat-tui admin {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// The AMQP URL of this virtual host, logged in as `user`.
    fn amqp_url(&self, user: &str, password: &str) -> String {
        let mut url = url::Url::parse(&amqp_url()).expect("a valid AMQP URL");
        url.set_username(user).expect("a user");
        url.set_password(Some(password)).expect("a password");
        url.set_path(&self.name);
        url.to_string()
    }

    /// Logs in over AMQP as `user`.
    async fn login(&self, user: &str, password: &str) -> Result<Connection, lapin::Error> {
        Connection::connect(
            &self.amqp_url(user, password),
            ConnectionProperties::default(),
        )
        .await
    }

    /// A GET as guest in this virtual host: `<kind>/<vhost>/<name>`.
    async fn get(&self, kind: &str, name: &str) -> (u16, Value) {
        api(
            reqwest::Method::GET,
            &format!("{kind}/{}/{name}", self.name),
            None,
        )
        .await
    }

    /// The bindings of queue `queue` as `(source, key)` pairs, sorted.
    async fn bindings_of(&self, queue: &str) -> Vec<(String, String)> {
        let (status, body) = self.get("queues", &format!("{queue}/bindings")).await;
        assert_eq!(status, 200, "{body}");
        let mut pairs: Vec<(String, String)> = body
            .as_array()
            .expect("a list")
            .iter()
            .filter(|b| b["source"] != "")
            .map(|b| {
                (
                    b["source"].as_str().unwrap().to_owned(),
                    b["routing_key"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    }

    /// Makes a queue as an open-mode client would have made its inbox.
    async fn make_queue(&self, name: &str) {
        let (status, body) = api(
            reqwest::Method::PUT,
            &format!("queues/{}/{name}", self.name),
            Some(json!({"durable": true, "auto_delete": false, "arguments": {}})),
        )
        .await;
        assert!(
            status == 201 || status == 204,
            "queue {name}: {status} {body}"
        );
    }

    /// Publishes `count` messages straight into `queue` (as guest) and waits until the
    /// management API's statistics show them.
    async fn fill(&self, queue: &str, count: u64) {
        for i in 0..count {
            let (status, body) = api(
                reqwest::Method::POST,
                &format!("exchanges/{}/amq.default/publish", self.name),
                Some(json!({"properties": {}, "routing_key": queue, "payload": format!("m{i}"), "payload_encoding": "string"})),
            )
            .await;
            assert_eq!((status, body["routed"].clone()), (200, json!(true)));
        }
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.get("queues", queue).await;
            if body["messages"] == json!(count) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "statistics of {queue}: {body}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

impl Drop for Vhost {
    fn drop(&mut self) {
        let name = self.name.clone();
        let accounts = std::mem::take(&mut self.accounts);
        let worker = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a cleanup runtime");
            runtime.block_on(async move {
                for account in &accounts {
                    let _ = api(reqwest::Method::DELETE, &format!("users/{account}"), None).await;
                }
                let (status, _) =
                    api(reqwest::Method::DELETE, &format!("vhosts/{name}"), None).await;
                if status != 204 {
                    eprintln!("cleanup of virtual host {name}: HTTP {status}");
                }
            });
        });
        if worker.join().is_err() {
            eprintln!("the cleanup thread panicked");
        }
    }
}

/// Runs `chat-tui admin <global> <args>` (no configuration file; the test broker's API
/// unless `global` names another).
async fn admin_with(global: &[&str], args: &[&str], stdin: Option<&str>) -> Output {
    use tokio::io::AsyncWriteExt;
    let url = api_url();
    let default_api: &[&str] = if global.contains(&"--api-url") {
        &[]
    } else {
        &["--api-url", &url]
    };
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_chat-tui"))
        .arg("admin")
        .args(default_api)
        .args(global)
        .args(args)
        .env("CHAT_TUI_CONFIG", "/nonexistent/chat-tui-test.toml")
        .env("CHAT_TUI_LOG_DIR", std::env::temp_dir())
        .env_remove("CHAT_TUI_AMQP_URL")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).await.expect("write stdin");
    }
    drop(input);
    tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the command ends within 60 s")
        .expect("its output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn is_access_refused(error: &lapin::Error) -> bool {
    matches!(error.kind(), lapin::ErrorKind::ProtocolError(e)
        if *e.kind() == AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED))
}

/// Fails the test unless the broker refuses `attempt` with 403 ACCESS_REFUSED.
fn expect_refused<T: std::fmt::Debug>(what: &str, attempt: Result<T, lapin::Error>) {
    match attempt {
        Ok(value) => panic!("{what}: allowed ({value:?})"),
        Err(error) => assert!(is_access_refused(&error), "{what}: {error}"),
    }
}

/// A channel on `connection` (a refusal closes the channel it happened on).
async fn channel(connection: &Connection) -> Channel {
    connection.create_channel().await.expect("a channel")
}

fn passive() -> QueueDeclareOptions {
    QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    }
}

#[tokio::test]
async fn setup_is_idempotent_and_binds_existing_inboxes() {
    let vhost = Vhost::create().await;
    let open_user = format!("open-{}", suffix(8));
    let inbox = format!("chat.user.{open_user}");
    vhost.make_queue(&inbox).await;

    let first = vhost.admin_ok(&["setup"], None).await;
    for line in [
        "created exchange chat.direct (direct, durable)",
        "created exchange chat.presence (fanout, durable)",
        "created exchange chat.presence.answers (direct, durable)",
        "created exchange chat.announce (direct, durable)",
        "applied policy chat-inboxes",
        &format!("bound {inbox} to chat.direct (key {open_user})"),
        &format!("bound {inbox} to chat.announce (key all)"),
        &format!("bound {inbox} to chat.announce (key {open_user})"),
    ] {
        assert!(first.contains(line), "{line:?} in:\n{first}");
    }
    for (name, kind) in [
        ("chat.direct", "direct"),
        ("chat.presence", "fanout"),
        ("chat.presence.answers", "direct"),
        ("chat.announce", "direct"),
    ] {
        let (status, body) = vhost.get("exchanges", name).await;
        assert_eq!(status, 200, "{name}: {body}");
        assert_eq!(
            (body["type"].as_str(), body["durable"].as_bool()),
            (Some(kind), Some(true))
        );
        assert_eq!(body["auto_delete"], false);
    }
    let (status, policy) = vhost.get("policies", "chat-inboxes").await;
    assert_eq!(status, 200, "{policy}");
    assert_eq!(policy["pattern"], r"^chat\.user\.");
    assert_eq!(policy["apply-to"], "queues");
    assert_eq!(policy["priority"], 0);
    assert_eq!(
        policy["definition"],
        json!({"max-length": 10000, "max-length-bytes": 104_857_600, "overflow": "reject-publish"})
    );
    assert_eq!(
        vhost.bindings_of(&inbox).await,
        [
            ("chat.announce".to_owned(), "all".to_owned()),
            ("chat.announce".to_owned(), open_user.clone()),
            ("chat.direct".to_owned(), open_user.clone()),
        ]
    );

    // A second run changes nothing and says nothing on stdout.
    let second = vhost.admin(&["setup"], None).await;
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(String::from_utf8_lossy(&second.stdout), "");
    assert!(
        stderr(&second).contains("nothing changed"),
        "{}",
        stderr(&second)
    );
    let verbose = vhost.admin_ok(&["setup", "--verbose"], None).await;
    assert!(
        verbose.contains("exchange chat.announce (direct) exists"),
        "{verbose}"
    );
    assert!(verbose.contains("is in place"), "{verbose}");
    assert_eq!(vhost.bindings_of(&inbox).await.len(), 3, "no binding twice");

    // Other limits update the policy.
    let limited = vhost
        .admin_ok(
            &[
                "setup",
                "--inbox-max-messages",
                "50",
                "--inbox-max-bytes",
                "4096",
            ],
            None,
        )
        .await;
    assert!(limited.contains("updated policy chat-inboxes"), "{limited}");
    let (_, policy) = vhost.get("policies", "chat-inboxes").await;
    assert_eq!(
        policy["definition"],
        json!({"max-length": 50, "max-length-bytes": 4096, "overflow": "reject-publish"})
    );
}

#[tokio::test]
async fn setup_refuses_a_shared_exchange_of_the_wrong_type() {
    let vhost = Vhost::create().await;
    let (status, _) = api(
        reqwest::Method::PUT,
        &format!("exchanges/{}/chat.announce", vhost.name),
        Some(json!({"type": "fanout", "durable": true})),
    )
    .await;
    assert_eq!(status, 201);
    let out = vhost.admin(&["setup"], None).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("chat.announce exists as a fanout exchange"),
        "{}",
        stderr(&out)
    );
    let (status, _) = vhost.get("exchanges", "chat.direct").await;
    assert_eq!(status, 404, "nothing was created");
}

#[tokio::test]
async fn a_new_account_logs_in_and_the_broker_refuses_what_is_not_its_own() {
    let mut vhost = Vhost::create().await;
    let alice = vhost.account("alice");
    let bob = vhost.account("bob");
    // Before setup, an account is refused with nothing created.
    let early = vhost.admin(&["user", "add", &alice], None).await;
    assert_eq!(early.status.code(), Some(1), "{}", stderr(&early));
    assert!(
        stderr(&early).contains("chat-tui admin setup"),
        "{}",
        stderr(&early)
    );
    let (status, _) = api(reqwest::Method::GET, &format!("users/{alice}"), None).await;
    assert_eq!(status, 404);

    vhost.admin_ok(&["setup"], None).await;
    let out = vhost.admin(&["user", "add", &alice], None).await;
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let password = stdout.strip_suffix('\n').expect("one line");
    assert_eq!(password.len(), 22, "{stdout:?}");
    assert!(
        password
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
        "{password}"
    );
    assert!(
        stderr(&out).contains(&format!("created the account {alice}")),
        "{}",
        stderr(&out)
    );
    let bob_password = vhost
        .admin_ok(
            &["user", "add", &bob, "--password-stdin"],
            Some("bobs-own\n"),
        )
        .await;
    assert_eq!(bob_password, "", "a given password is not printed");

    // The account as made: tag, permissions, inbox and its bindings.
    let (_, account) = api(reqwest::Method::GET, &format!("users/{alice}"), None).await;
    assert_eq!(account["tags"], json!(["management"]));
    let (_, permissions) = api(
        reqwest::Method::GET,
        &format!("permissions/{}/{alice}", vhost.name),
        None,
    )
    .await;
    assert_eq!(permissions["configure"], r"^amq\.gen-.*$");
    let inbox = format!("chat.user.{alice}");
    let (status, queue) = vhost.get("queues", &inbox).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            queue["durable"].clone(),
            queue["exclusive"].clone(),
            queue["auto_delete"].clone()
        ),
        (json!(true), json!(false), json!(false))
    );
    assert_eq!(queue["arguments"], json!({}));
    assert_eq!(vhost.bindings_of(&inbox).await.len(), 3);

    // Twice is refused; so is a bad name.
    let again = vhost.admin(&["user", "add", &alice], None).await;
    assert_eq!(again.status.code(), Some(6), "{}", stderr(&again));
    assert!(stderr(&again).contains(&format!("user {alice} already exists")));
    assert!(again.stdout.is_empty());
    let bad = vhost.admin(&["user", "add", "No/Such"], None).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("invalid user name"),
        "{}",
        stderr(&bad)
    );

    // What alice may do over AMQP.
    let connection = vhost.login(&alice, password).await.expect("alice logs in");
    let own = channel(&connection).await;
    own.basic_consume(
        inbox.as_str().into(),
        "".into(),
        BasicConsumeOptions {
            exclusive: true,
            ..BasicConsumeOptions::default()
        },
        FieldTable::default(),
    )
    .await
    .expect("alice consumes her own inbox");
    own.queue_declare(inbox.as_str().into(), passive(), FieldTable::default())
        .await
        .expect("passive declare of her inbox");
    own.exchange_declare(
        "chat.direct".into(),
        ExchangeKind::Direct,
        ExchangeDeclareOptions {
            passive: true,
            ..ExchangeDeclareOptions::default()
        },
        FieldTable::default(),
    )
    .await
    .expect("passive declare of chat.direct");
    let feed = own
        .queue_declare(
            "".into(),
            QueueDeclareOptions {
                exclusive: true,
                auto_delete: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await
        .expect("a server-named queue");
    own.queue_bind(
        feed.name().as_str().into(),
        "chat.presence".into(),
        "".into(),
        QueueBindOptions::default(),
        FieldTable::default(),
    )
    .await
    .expect("its presence feed");

    // What the broker refuses her.
    let bob_inbox = format!("chat.user.{bob}");
    expect_refused(
        "consume bob's inbox",
        channel(&connection)
            .await
            .basic_consume(
                bob_inbox.as_str().into(),
                "".into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await,
    );
    expect_refused(
        "bind a queue to chat.direct",
        own.queue_bind(
            feed.name().as_str().into(),
            "chat.direct".into(),
            bob.as_str().into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await,
    );
    expect_refused(
        "declare chat.direct",
        channel(&connection)
            .await
            .exchange_declare(
                "chat.direct".into(),
                ExchangeKind::Direct,
                ExchangeDeclareOptions {
                    durable: true,
                    ..ExchangeDeclareOptions::default()
                },
                FieldTable::default(),
            )
            .await,
    );
    expect_refused(
        "delete chat.direct",
        channel(&connection)
            .await
            .exchange_delete("chat.direct".into(), ExchangeDeleteOptions::default())
            .await,
    );
    let _ = connection.close(200, "done".into()).await;

    // The management tag lets her read the exchanges (for /topics) and change nothing.
    let (status, _) = api_as(
        &alice,
        password,
        reqwest::Method::GET,
        &format!("exchanges/{}", vhost.name),
        None,
    )
    .await;
    assert_eq!(status, 200, "alice lists the exchanges");
    let (status, _) = api_as(
        &alice,
        password,
        reqwest::Method::DELETE,
        &format!("queues/{}/{bob_inbox}", vhost.name),
        None,
    )
    .await;
    assert!(
        status == 401 || status == 403,
        "delete bob's inbox: {status}"
    );
    let (status, _) = api_as(
        &alice,
        password,
        reqwest::Method::PUT,
        &format!("exchanges/{}/chat.topic.mine", vhost.name),
        Some(json!({"type": "fanout", "durable": true})),
    )
    .await;
    assert!(status == 401 || status == 403, "declare a topic: {status}");
    let (status, _) = api_as(
        &alice,
        password,
        reqwest::Method::PUT,
        &format!("permissions/{}/{alice}", vhost.name),
        Some(json!({"configure": ".*", "write": ".*", "read": ".*"})),
    )
    .await;
    assert!(
        status == 401 || status == 403,
        "widen her permissions: {status}"
    );
    let (status, _) = vhost.get("queues", &bob_inbox).await;
    assert_eq!(status, 200, "bob's inbox is still there");
    let (status, _) = vhost.get("exchanges", "chat.topic.mine").await;
    assert_eq!(status, 404, "no topic was made");

    // And she is no operator: her credentials are refused with 5.
    let as_alice = admin_with(
        &[
            "--vhost",
            &vhost.name,
            "--api-user",
            &alice,
            "--api-password",
            password,
        ],
        &["user", "list"],
        None,
    )
    .await;
    assert_eq!(as_alice.status.code(), Some(5), "{}", stderr(&as_alice));
}

#[tokio::test]
async fn passwd_replaces_the_password() {
    let mut vhost = Vhost::create().await;
    let carol = vhost.account("carol");
    vhost.admin_ok(&["setup"], None).await;
    vhost
        .admin_ok(
            &["user", "add", &carol, "--password-stdin"],
            Some("first-password\r\n"),
        )
        .await;
    vhost
        .login(&carol, "first-password")
        .await
        .expect("the given password, without its line ending")
        .close(200, "done".into())
        .await
        .expect("close");

    let new = vhost.admin_ok(&["user", "passwd", &carol], None).await;
    let new = new.trim_end();
    assert_eq!(new.len(), 22);
    assert!(
        vhost.login(&carol, "first-password").await.is_err(),
        "the old password fails"
    );
    vhost
        .login(&carol, new)
        .await
        .expect("the new password works");
    let (_, account) = api(reqwest::Method::GET, &format!("users/{carol}"), None).await;
    assert_eq!(account["tags"], json!(["management"]), "the tag stays");

    let empty = vhost
        .admin(&["user", "passwd", &carol, "--password-stdin"], Some("\n"))
        .await;
    assert_eq!(empty.status.code(), Some(2), "{}", stderr(&empty));
    vhost
        .login(&carol, new)
        .await
        .expect("an empty password changed nothing");

    let nobody = vhost.account("nobody");
    let missing = vhost.admin(&["user", "passwd", &nobody], None).await;
    assert_eq!(missing.status.code(), Some(6), "{}", stderr(&missing));
    assert!(stderr(&missing).contains(&format!("no such user {nobody}")));
    assert!(missing.stdout.is_empty(), "no password printed");
}

#[tokio::test]
async fn ban_closes_live_connections_and_refuses_logins_until_unban() {
    let mut vhost = Vhost::create().await;
    let dave = vhost.account("dave");
    vhost.admin_ok(&["setup"], None).await;
    let password = vhost.admin_ok(&["user", "add", &dave], None).await;
    let password = password.trim_end();
    let live = vhost.login(&dave, password).await.expect("dave logs in");
    let live_channel = channel(&live).await;

    // At once: the broker's connection tracking knows the connection already.
    let banned = vhost.admin_ok(&["user", "ban", &dave], None).await;
    assert!(banned.contains(&format!("banned {dave}")), "{banned}");
    assert!(banned.contains("closed 1 connection"), "{banned}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while live.status().connected() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the live connection is still open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!live_channel.status().connected());
    let refused = vhost.login(&dave, password).await;
    assert!(refused.is_err(), "a banned login is refused");
    let (status, _) = api(reqwest::Method::GET, &format!("users/{dave}"), None).await;
    assert_eq!(status, 200, "the account stays");

    let again = vhost.admin_ok(&["user", "ban", &dave], None).await;
    assert_eq!(again.trim_end(), format!("{dave} is already banned"));

    let unbanned = vhost.admin_ok(&["user", "unban", &dave], None).await;
    assert_eq!(unbanned.trim_end(), format!("unbanned {dave}"));
    vhost
        .login(&dave, password)
        .await
        .expect("dave logs in again");

    let nobody = vhost.account("nobody");
    for command in ["ban", "unban"] {
        let missing = vhost.admin(&["user", command, &nobody], None).await;
        assert_eq!(
            missing.status.code(),
            Some(6),
            "{command}: {}",
            stderr(&missing)
        );
    }
    // An operator's account is left alone.
    let guest = vhost.admin(&["user", "ban", "guest"], None).await;
    assert_eq!(guest.status.code(), Some(2), "{}", stderr(&guest));
    assert!(
        stderr(&guest).contains("operator's account"),
        "{}",
        stderr(&guest)
    );
    let (status, _) = api(
        reqwest::Method::GET,
        &format!("permissions/{}/guest", vhost.name),
        None,
    )
    .await;
    assert_eq!(status, 200, "guest keeps its permissions");
}

#[tokio::test]
async fn remove_deletes_the_account_and_the_inbox_with_its_messages() {
    let mut vhost = Vhost::create().await;
    let erin = vhost.account("erin");
    vhost.admin_ok(&["setup"], None).await;
    let password = vhost.admin_ok(&["user", "add", &erin], None).await;
    let inbox = format!("chat.user.{erin}");
    vhost.fill(&inbox, 3).await;
    let live = vhost
        .login(&erin, password.trim_end())
        .await
        .expect("erin logs in");

    let removed = vhost.admin_ok(&["user", "remove", &erin], None).await;
    assert!(
        removed.contains(&format!("deleted the account {erin}")),
        "{removed}"
    );
    assert!(removed.contains("closed 1 connection"), "{removed}");
    assert!(
        removed.contains(&format!("deleted the inbox of {erin} with 3 messages")),
        "{removed}"
    );
    let (status, _) = api(reqwest::Method::GET, &format!("users/{erin}"), None).await;
    assert_eq!(status, 404, "the account is gone");
    let (status, _) = vhost.get("queues", &inbox).await;
    assert_eq!(status, 404, "the inbox is gone");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while live.status().connected() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the live connection is still open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let again = vhost.admin(&["user", "remove", &erin], None).await;
    assert_eq!(again.status.code(), Some(6), "{}", stderr(&again));
    assert!(stderr(&again).contains(&format!("no such user {erin}")));

    // An open-mode user (an inbox, no account) is removed too.
    let open_user = format!("open-{}", suffix(8));
    let open_inbox = format!("chat.user.{open_user}");
    vhost.make_queue(&open_inbox).await;
    let removed = vhost.admin_ok(&["user", "remove", &open_user], None).await;
    assert_eq!(
        removed.trim_end(),
        format!("deleted the inbox of {open_user} with 0 messages")
    );
    let (status, _) = vhost.get("queues", &open_inbox).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn list_shows_every_chat_user_with_account_state_and_counts() {
    let mut vhost = Vhost::create().await;
    vhost.admin_ok(&["setup"], None).await;
    // One stem, so that natural order is visible: -2 before -10.
    let stem = format!("l{}", suffix(8));
    let active = format!("{stem}-2");
    let banned = format!("{stem}-10");
    vhost.accounts.extend([active.clone(), banned.clone()]);
    let open_user = format!("{stem}-open");
    vhost.admin_ok(&["user", "add", &banned], None).await;
    vhost.admin_ok(&["user", "add", &active], None).await;
    vhost.admin_ok(&["user", "ban", &banned], None).await;
    vhost.make_queue(&format!("chat.user.{open_user}")).await;
    vhost.fill(&format!("chat.user.{open_user}"), 2).await;
    // An account with permissions but no inbox is not a chat user (nor is guest).
    let monitor = vhost.account("monitor");
    api(
        reqwest::Method::PUT,
        &format!("users/{monitor}"),
        Some(json!({"password": "x", "tags": ""})),
    )
    .await;
    api(
        reqwest::Method::PUT,
        &format!("permissions/{}/{monitor}", vhost.name),
        Some(json!({"configure": "", "write": "", "read": ".*"})),
    )
    .await;

    let listed: Value =
        serde_json::from_str(&vhost.admin_ok(&["user", "list", "--json"], None).await)
            .expect("one JSON array");
    assert_eq!(
        listed,
        json!([
            {"name": active, "account": true, "state": "active", "connections": 0, "messages": 0},
            {"name": banned, "account": true, "state": "banned", "connections": 0, "messages": 0},
            {"name": open_user, "account": false, "state": "active", "connections": 0, "messages": 2},
        ])
    );
    let table = vhost.admin_ok(&["user", "list"], None).await;
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[0].starts_with("NAME") && lines[0].ends_with("MESSAGES"),
        "{table}"
    );
    let words = |line: &str| {
        line.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        words(lines[1]),
        [active.as_str(), "yes", "active", "0", "0"]
    );
    assert_eq!(
        words(lines[2]),
        [banned.as_str(), "yes", "banned", "0", "0"]
    );
    assert_eq!(
        words(lines[3]),
        [open_user.as_str(), "no", "active", "0", "2"]
    );
    // Aligned: every row's second column starts where the header's does.
    let column = lines[0].find("ACCOUNT").unwrap();
    assert!(
        lines[1..]
            .iter()
            .all(|l| l[column..].starts_with(['y', 'n'])),
        "{table}"
    );
}

#[tokio::test]
async fn topics_are_added_listed_and_removed() {
    let mut vhost = Vhost::create().await;
    vhost.admin_ok(&["setup"], None).await;
    let topic = format!("news-{}", suffix(8));
    let frank = vhost.account("frank");
    vhost.admin_ok(&["user", "add", &frank], None).await;

    assert_eq!(
        vhost
            .admin_ok(&["topic", "add", &topic], None)
            .await
            .trim_end(),
        format!("created topic {topic}")
    );
    let (status, exchange) = vhost.get("exchanges", &format!("chat.topic.{topic}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (exchange["type"].clone(), exchange["durable"].clone()),
        (json!("fanout"), json!(true))
    );
    let twice = vhost.admin(&["topic", "add", &topic], None).await;
    assert_eq!(twice.status.code(), Some(6), "{}", stderr(&twice));
    assert!(stderr(&twice).contains(&format!("topic {topic} already exists")));

    let listed: Value =
        serde_json::from_str(&vhost.admin_ok(&["topic", "list", "--json"], None).await).unwrap();
    assert_eq!(listed, json!([{"name": topic, "members": 0}]));
    // frank joins (his inbox bound to the topic, as his client does).
    let (status, _) = api(
        reqwest::Method::POST,
        &format!(
            "bindings/{}/e/chat.topic.{topic}/q/chat.user.{frank}",
            vhost.name
        ),
        Some(json!({"routing_key": ""})),
    )
    .await;
    assert_eq!(status, 201);
    let listed: Value =
        serde_json::from_str(&vhost.admin_ok(&["topic", "list", "--json"], None).await).unwrap();
    assert_eq!(listed, json!([{"name": topic, "members": 1}]));
    let table = vhost.admin_ok(&["topic", "list"], None).await;
    assert_eq!(
        table
            .lines()
            .nth(1)
            .map(|l| l.split_whitespace().collect::<Vec<_>>()),
        Some(vec![topic.as_str(), "1"]),
        "{table}"
    );

    assert_eq!(
        vhost
            .admin_ok(&["topic", "remove", &topic], None)
            .await
            .trim_end(),
        format!("deleted topic {topic}")
    );
    let (status, _) = vhost.get("exchanges", &format!("chat.topic.{topic}")).await;
    assert_eq!(status, 404);
    let gone = vhost.admin(&["topic", "remove", &topic], None).await;
    assert_eq!(gone.status.code(), Some(6), "{}", stderr(&gone));
    assert!(stderr(&gone).contains(&format!("no such topic {topic}")));
    let bad = vhost.admin(&["topic", "add", "#news"], None).await;
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("invalid topic name"),
        "{}",
        stderr(&bad)
    );
}

#[tokio::test]
async fn wrong_operator_credentials_are_5_and_no_broker_is_4() {
    let refused = admin_with(
        &["--api-user", "guest", "--api-password", "not-the-password"],
        &["user", "list"],
        None,
    )
    .await;
    assert_eq!(refused.status.code(), Some(5), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("--api-password"),
        "{}",
        stderr(&refused)
    );

    let absent = admin_with(&["--api-url", "http://127.0.0.1:1"], &["setup"], None).await;
    assert_eq!(absent.status.code(), Some(4), "{}", stderr(&absent));
    assert!(
        stderr(&absent).contains("http://127.0.0.1:1"),
        "{}",
        stderr(&absent)
    );

    let no_vhost = admin_with(
        &["--vhost", &format!("missing-{}", suffix(8))],
        &["topic", "list"],
        None,
    )
    .await;
    assert_eq!(no_vhost.status.code(), Some(1), "{}", stderr(&no_vhost));
}

#[tokio::test]
async fn the_consoles_delete_of_a_user_deletes_its_account_too() {
    use chat_tui::broker::console::{BrokerConsole, Console, ConsoleError, ConsoleSettings};
    use chat_tui::broker::{ApiTarget, BrokerAddress};
    use chat_tui::domain::UserName;
    use chat_tui::domain::console::{Action, Target};

    let mut vhost = Vhost::create().await;
    vhost.admin_ok(&["setup"], None).await;
    let gina = vhost.account("gina");
    let password = vhost.admin_ok(&["user", "add", &gina], None).await;
    let live = vhost
        .login(&gina, password.trim_end())
        .await
        .expect("gina logs in");
    let console = BrokerConsole::new(ConsoleSettings {
        api: ApiTarget {
            url: api_url(),
            user: "guest".into(),
            password: "guest".into(),
            vhost: vhost.name.clone(),
            tls: Default::default(),
        },
        amqp: BrokerAddress::parse(&vhost.amqp_url("guest", "guest")).expect("an AMQP URL"),
    })
    .expect("a console");
    let target = Target::User(UserName::parse(&gina).expect("valid"));

    console
        .perform(&Action::Delete(target.clone()))
        .await
        .expect("delete gina");
    let (status, _) = api(reqwest::Method::GET, &format!("users/{gina}"), None).await;
    assert_eq!(status, 404, "the account is gone");
    let (status, _) = vhost.get("queues", &format!("chat.user.{gina}")).await;
    assert_eq!(status, 404, "the inbox is gone");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while live.status().connected() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "her connection is still open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        console.perform(&Action::Delete(target.clone())).await,
        Err(ConsoleError::NotFound(target))
    );
    // An operator's account is not deleted from the console either.
    let guest = Target::User(UserName::parse("guest").expect("valid"));
    let refused = console.perform(&Action::Delete(guest)).await;
    assert!(
        matches!(&refused, Err(ConsoleError::Broker(text)) if text.contains("operator's account")),
        "{refused:?}"
    );
    let (status, _) = api(
        reqwest::Method::GET,
        &format!("permissions/{}/guest", vhost.name),
        None,
    )
    .await;
    assert_eq!(status, 200, "guest keeps its permissions");
}
