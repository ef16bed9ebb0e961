//! The management API taken away under a running console: `chat-tui admin` says so,
//! keeps the last data, and recovers when the plugin is back.

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_tui::app::admin::{AdminApp, ConsoleInfo};
use chat_tui::broker::console::Console;
use chat_tui::domain::console::{Action, QueueName, Target};
use chat_tui::runtime::admin::{AdminEvent, Driver, poll};
use tokio::sync::{Notify, mpsc, watch};

use crate::common::Cleanup;
use crate::common::admin::{console, unique_queue};

const PLUGIN: &str = "rabbitmq_management";

fn plugins(action: &str) {
    let status = Command::new("rabbitmq-plugins")
        .args([action, PLUGIN])
        .status()
        .expect("rabbitmq-plugins runs (these tests need a local RabbitMQ)");
    assert!(
        status.success(),
        "rabbitmq-plugins {action} {PLUGIN} failed"
    );
}

/// Disables the management plugin; enables it again when dropped, even on panic, and
/// waits until the API answers once more.
struct PluginDown;

impl PluginDown {
    fn new() -> Self {
        plugins("disable");
        Self
    }
}

impl Drop for PluginDown {
    fn drop(&mut self) {
        plugins("enable");
        let deadline = Instant::now() + Duration::from_secs(60);
        while Command::new("curl")
            .args([
                "-sf",
                "-u",
                "guest:guest",
                "http://127.0.0.1:15672/api/overview",
            ])
            .stdout(std::process::Stdio::null())
            .status()
            .map(|s| !s.success())
            .unwrap_or(true)
        {
            if Instant::now() > deadline {
                eprintln!("the management API did not come back within 60 s");
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

/// Feeds the runtime's events to the driver until `done` holds.
async fn until(
    driver: &mut Driver<chat_tui::broker::console::BrokerConsole>,
    events: &mut mpsc::Receiver<AdminEvent>,
    what: &str,
    within: Duration,
    done: impl Fn(&AdminApp) -> bool,
) {
    let deadline = tokio::time::Instant::now() + within;
    while !done(driver.app()) {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Ok(Some(AdminEvent::App(event))) => driver.feed(*event),
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => panic!("gave up waiting for {what}"),
        }
    }
}

// One mode only: the console logs in as the operator whichever mode the chat is in,
// and no chat user takes part.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "disables the management plugin; run by scripts/fault-tests.sh"]
async fn admin_says_when_the_management_api_goes_and_recovers_when_it_is_back() {
    let console = Arc::new(console());
    let mut cleanup = Cleanup::new();
    let queue = unique_queue("fault-admin");
    cleanup.queue(&queue);
    let target = Target::Queue(QueueName::parse(&queue).expect("valid"));
    console
        .perform(&Action::Create(target))
        .await
        .expect("create a queue to watch");

    let (tx, mut events) = mpsc::channel(64);
    let refresh_now = Arc::new(Notify::new());
    let (watched_tx, watched_rx) = watch::channel(Vec::new());
    tokio::spawn(poll(
        Arc::clone(&console),
        watched_rx,
        Arc::clone(&refresh_now),
        Duration::from_millis(500),
        tx.clone(),
    ));
    let info = ConsoleInfo {
        api_url: "http://127.0.0.1:15672".into(),
        vhost: "/".into(),
        refresh: Duration::from_millis(500),
    };
    let app = AdminApp::new(info, Instant::now());
    let mut driver = Driver::new(app, console, tx, refresh_now, watched_tx);
    let has_queue = |app: &AdminApp| app.snapshot().queues.iter().any(|q| q.name == queue);
    until(
        &mut driver,
        &mut events,
        "the queue listed",
        Duration::from_secs(15),
        has_queue,
    )
    .await;

    let down = PluginDown::new();
    until(
        &mut driver,
        &mut events,
        "disconnected",
        Duration::from_secs(60),
        AdminApp::is_stale,
    )
    .await;
    assert!(
        has_queue(driver.app()),
        "the last data is kept while disconnected"
    );
    drop(down);
    until(
        &mut driver,
        &mut events,
        "reconnected",
        Duration::from_secs(60),
        |app| !app.is_stale() && has_queue(app),
    )
    .await;
}
