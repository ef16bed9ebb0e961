//! TLS end to end: the real `chat-tui` binary over `amqps://` and an `https://`
//! management API, against the real broker behind TLS-terminating proxies
//! (`tests/common/tls_proxy.rs`) whose certificates come from a CA the test makes. The
//! broker's own listeners are not touched. Trusted with `--ca-file`, a DM goes through,
//! the topics are listed (user mode and the operator CLI) and the console reads and
//! counts; without it, with a certificate for another name, or with TLS to a plain port,
//! the client stops at once with one clear sentence and exit 4.

// Test code: a failed expectation is a failed run, so it may panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use chat_tui::broker::console::{BrokerConsole, Console, ConsoleSettings};
use chat_tui::broker::{ApiTarget, BrokerAddress, TlsTrust};
use chat_tui::domain::console::{Action, QueueName, Target};
use serde_json::Value;

use common::admin::{publish_confirmed, unique_queue};
use common::client::{Client, ClientOptions, TestHome, is_message, is_notice};
use common::tls_proxy::{TestCa, TlsProxy};
use common::{Cleanup, create_topic, unique_topic, unique_user};

/// The broker's plain AMQP port, behind the proxy.
const AMQP_UPSTREAM: &str = "127.0.0.1:5672";
/// The broker's plain management API port, behind the proxy.
const API_UPSTREAM: &str = "127.0.0.1:15672";
/// How long a refused certificate may take to end a client: it fails at the handshake.
const FAST: Duration = Duration::from_secs(10);

/// The broker behind TLS: proxies for AMQP and the API with a certificate for `names`,
/// signed by a CA of the test's whose PEM file is `ca_file`.
struct TlsBroker {
    amqp: TlsProxy,
    api: TlsProxy,
    ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsBroker {
    fn start(names: &[&str]) -> Self {
        let ca = TestCa::new("chat-tui test CA");
        let dir = tempfile::tempdir().unwrap();
        let ca_file = ca.write_pem(dir.path(), "team-ca.pem");
        Self {
            amqp: TlsProxy::start(AMQP_UPSTREAM, ca.server_cert(names)),
            api: TlsProxy::start(API_UPSTREAM, ca.server_cert(names)),
            ca_file,
            _dir: dir,
        }
    }

    /// The `amqps://` URL of the proxy, as guest, at `host`.
    fn amqps_url(&self, host: &str) -> String {
        format!("amqps://guest:guest@{host}:{}/%2f", self.amqp.port())
    }

    /// The `https://` URL of the API's proxy at `host`.
    fn api_url(&self, host: &str) -> String {
        format!("https://{host}:{}", self.api.port())
    }

    fn ca_file(&self) -> &str {
        self.ca_file.to_str().unwrap()
    }
}

/// Starts a JSON client over TLS with `options` and waits until it is connected (it
/// answers `/who` only then).
async fn start(name: &str, home: &TestHome, options: ClientOptions) -> Client {
    let mut client = Client::spawn_with(name, home, options);
    client.send_line("/who").await;
    client
        .expect("the answer to /who (connected)", |e| {
            is_notice(e, "online:")
        })
        .await;
    client
}

/// Runs a client that must fail to connect: its stderr, after checking it exited 4
/// within [`FAST`] and shows no rustls internals.
async fn refused(home: &TestHome, options: ClientOptions) -> String {
    let name = unique_user("tls");
    let started = Instant::now();
    let exited = Client::spawn_with(name.as_str(), home, options)
        .wait_exit(FAST)
        .await;
    assert!(started.elapsed() < FAST, "took {:?}", started.elapsed());
    assert_eq!(exited.status.code(), Some(4), "stderr: {}", exited.stderr);
    assert_no_rustls_dump(&exited.stderr);
    exited.stderr
}

fn assert_no_rustls_dump(text: &str) {
    for internal in [
        "InvalidCertificate",
        "UnknownIssuer",
        "NotValidForName",
        "Custom {",
    ] {
        assert!(!text.contains(internal), "{internal} shown: {text}");
    }
}

/// Runs `chat-tui admin <args>` with no configuration file, the API at `api_url`.
async fn admin(api_url: &str, args: &[&str]) -> Output {
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_chat-tui"))
        .arg("admin")
        .args(args)
        .env("CHAT_TUI_API_URL", api_url)
        .env("CHAT_TUI_CONFIG", "/nonexistent/chat-tui-test.toml")
        .env("CHAT_TUI_LOG_DIR", std::env::temp_dir())
        .env_remove("CHAT_TUI_AMQP_URL")
        .env_remove("CHAT_TUI_CA_FILE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary runs");
    tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("the command ends within 60 s")
        .expect("its output")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_teams_ca_a_dm_goes_over_amqps_and_topics_over_https() {
    let broker = TlsBroker::start(&["localhost"]);
    let mut cleanup = Cleanup::new();
    let alice = cleanup.user(&unique_user("alice"));
    let bob = cleanup.user(&unique_user("bob"));
    let topic = cleanup.topic(&unique_topic("tls"));
    create_topic(&topic).await;
    let home = TestHome::new();
    let over_tls = || {
        ClientOptions::default()
            .with_env("CHAT_TUI_AMQP_URL", &broker.amqps_url("localhost"))
            .with_env("CHAT_TUI_API_URL", &broker.api_url("localhost"))
            .with_env("CHAT_TUI_CA_FILE", broker.ca_file())
    };
    let mut bob_client = start(bob.as_str(), &home, over_tls()).await;
    let mut alice_client = start(alice.as_str(), &home, over_tls()).await;

    alice_client
        .send_line(&format!("/msg {bob} over tls"))
        .await;
    let pending = alice_client
        .expect("our message, pending", |e| {
            is_message(e, "message", "over tls") && e["mine"] == true
        })
        .await;
    let id = pending["id"].clone();
    alice_client
        .expect("our message, delivered", |e| {
            e["event"] == "status" && e["id"] == id && e["status"] == "delivered"
        })
        .await;
    let got = bob_client
        .expect("alice's DM", |e| {
            is_message(e, "message", "over tls") && e["from"] == alice.as_str()
        })
        .await;
    assert_eq!(got["id"], id, "{got}");

    // The management API through the https proxy, with the same CA file.
    alice_client.send_line("/topics").await;
    let wanted = format!("#{topic}");
    alice_client
        .expect("the topic listed over https", |e: &Value| {
            e["text"]
                .as_str()
                .and_then(|t| t.strip_prefix("topics: "))
                .is_some_and(|list| list.split(", ").any(|item| item == wanted))
        })
        .await;

    for client in [alice_client, bob_client] {
        let exited = client.finish().await;
        assert_eq!(exited.status.code(), Some(0), "stderr: {}", exited.stderr);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_ca_file_amqps_fails_fast_saying_the_authority_is_unknown() {
    let broker = TlsBroker::start(&["localhost"]);
    let home = TestHome::new();
    let options =
        ClientOptions::default().with_env("CHAT_TUI_AMQP_URL", &broker.amqps_url("localhost"));
    let stderr = refused(&home, options).await;
    let expected = format!(
        "cannot connect to RabbitMQ at amqps://guest:***@localhost:{}/%2f: the broker's certificate at localhost:{} is not signed by a trusted authority; pass --ca-file with your team's CA",
        broker.amqp.port(),
        broker.amqp.port()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_for_another_name_fails_saying_so() {
    let broker = TlsBroker::start(&["wrong.example"]);
    let home = TestHome::new();
    let at = |host: &str| {
        ClientOptions::default()
            .with_env("CHAT_TUI_AMQP_URL", &broker.amqps_url(host))
            .with_env("CHAT_TUI_CA_FILE", broker.ca_file())
    };
    let stderr = refused(&home, at("localhost")).await;
    assert!(
        stderr.contains(
            "the broker's certificate is not valid for localhost (it is for wrong.example)"
        ),
        "{stderr}"
    );
    let stderr = refused(&home, at("127.0.0.1")).await;
    assert!(
        stderr.contains(
            "the broker's certificate is not valid for 127.0.0.1 (it is for wrong.example)"
        ),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_cli_lists_topics_over_https_only_with_the_ca_file() {
    let broker = TlsBroker::start(&["localhost"]);
    let mut cleanup = Cleanup::new();
    let topic = cleanup.topic(&unique_topic("tls"));
    create_topic(&topic).await;
    let api_url = broker.api_url("localhost");

    let listed = admin(
        &api_url,
        &["topic", "list", "--json", "--ca-file", broker.ca_file()],
    )
    .await;
    let stderr = String::from_utf8_lossy(&listed.stderr);
    assert_eq!(listed.status.code(), Some(0), "stderr: {stderr}");
    let topics: Value = serde_json::from_slice(&listed.stdout).expect("a JSON array");
    assert!(
        topics
            .as_array()
            .expect("an array")
            .iter()
            .any(|t| t["name"] == topic.as_str()),
        "{topics}"
    );

    let refused = admin(&api_url, &["topic", "list", "--json"]).await;
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(4), "stderr: {stderr}");
    let expected = format!(
        "cannot reach the management API at {api_url}: the broker's certificate at localhost:{} is not signed by a trusted authority; pass --ca-file with your team's CA",
        broker.api.port()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert_no_rustls_dump(&stderr);
    assert!(refused.stdout.is_empty(), "nothing listed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unusable_ca_file_is_refused_before_connecting() {
    let home = TestHome::new();
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("not-a-ca.pem");
    std::fs::write(&not_pem, "just words\n").unwrap();
    let absent = dir.path().join("absent.pem");
    for (file, says) in [
        (&absent, "cannot read the CA file"),
        (&not_pem, "holds no certificate"),
    ] {
        let options = ClientOptions::default().with_env("CHAT_TUI_CA_FILE", file.to_str().unwrap());
        let exited = Client::spawn_with(unique_user("tls").as_str(), &home, options)
            .wait_exit(FAST)
            .await;
        assert_eq!(exited.status.code(), Some(2), "stderr: {}", exited.stderr);
        assert!(
            exited.stderr.contains(says) && exited.stderr.contains(&*file.to_string_lossy()),
            "{}",
            exited.stderr
        );
    }
    let refused = admin(
        "https://localhost:15671",
        &["topic", "list", "--ca-file", absent.to_str().unwrap()],
    )
    .await;
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("cannot read the CA file"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_to_a_plain_port_says_it_does_not_answer_in_tls() {
    let home = TestHome::new();
    let options = ClientOptions::default().with_env(
        "CHAT_TUI_AMQP_URL",
        "amqps://guest:guest@localhost:5672/%2f",
    );
    let stderr = refused(&home, options).await;
    assert!(
        stderr.contains("localhost:5672 does not answer in TLS: use the port of the broker's TLS listener, or a plain amqp:// or http:// URL"),
        "{stderr}"
    );
    let plain_api = admin("https://localhost:15672", &["topic", "list"]).await;
    let stderr = String::from_utf8_lossy(&plain_api.stderr);
    assert_eq!(plain_api.status.code(), Some(4), "stderr: {stderr}");
    assert!(
        stderr.contains("localhost:15672 does not answer in TLS"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_works_over_https_and_counts_over_amqps_with_the_ca() {
    let broker = TlsBroker::start(&["localhost"]);
    let team = TlsTrust::from_ca_file(&broker.ca_file).unwrap();
    let settings = |api_tls: &TlsTrust, amqp_tls: &TlsTrust| ConsoleSettings {
        api: ApiTarget {
            url: broker.api_url("localhost"),
            user: "guest".into(),
            password: "guest".into(),
            vhost: "/".into(),
            tls: api_tls.clone(),
        },
        amqp: BrokerAddress::parse(&broker.amqps_url("localhost"))
            .unwrap()
            .with_tls(amqp_tls.clone()),
    };
    let mut cleanup = Cleanup::new();
    let name = unique_queue("tls-q");
    cleanup.queue(&name);
    let console = BrokerConsole::new(settings(&team, &team)).unwrap();
    console
        .perform(&Action::Create(Target::Queue(
            QueueName::parse(&name).unwrap(),
        )))
        .await
        .expect("created over https");
    publish_confirmed(&name, 3).await;
    let row = |snapshot: &chat_tui::domain::console::Snapshot| {
        snapshot
            .queues
            .iter()
            .find(|q| q.name == name)
            .cloned()
            .expect("the queue is listed")
    };
    let snapshot = console
        .snapshot(std::slice::from_ref(&name))
        .await
        .expect("a snapshot over https");
    let counted = row(&snapshot);
    assert!(counted.live, "counted over amqps: {counted:?}");
    assert_eq!(counted.ready, 3);

    // AMQP without the CA: listed over https, but not counted over amqps.
    let amqp_untrusted = BrokerConsole::new(settings(&team, &TlsTrust::system())).unwrap();
    let snapshot = amqp_untrusted
        .snapshot(std::slice::from_ref(&name))
        .await
        .expect("a snapshot over https");
    assert!(!row(&snapshot).live, "not counted over an untrusted amqps");

    let untrusted = BrokerConsole::new(settings(&TlsTrust::system(), &TlsTrust::system())).unwrap();
    let error = untrusted.check().await.expect_err("the API is not trusted");
    assert!(error.is_unreachable(), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("is not signed by a trusted authority; pass --ca-file with your team's CA"),
        "{error}"
    );
    assert_no_rustls_dump(&error.to_string());
}
