//! The user runtime on the fake broker, under tokio's paused clock: the whole client
//! (supervisor, inbox pump, outbox, driver on the event loop) in line mode with JSON
//! output, driven by events as stdin would feed them. Seconds of reconnect backoff take
//! no time; the history is a real SQLite file in a temporary directory.

mod inbox;
mod outbox;
mod presence;
mod reconnect;

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use time::UtcOffset;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::client::{self, Parts};
use super::driver::Outcome;
use super::events::RuntimeEvent;
use super::face::Face;
use super::options::RunError;
use super::startup::load_app;
use super::store_handle::StoreHandle;
use super::supervisor::PREFETCH;
use crate::app::user::Event;
use crate::broker::user::ChatBroker;
use crate::broker::user::fake::FakeBroker;
use crate::domain::{ChatMessage, Content, DeliveryStatus, Direction, UserName};
use crate::store::History;
use crate::ui::plain::LineFormat;

/// How long (on the paused clock) a test waits for something before it fails.
const PATIENCE: Duration = Duration::from_secs(600);

/// A name for tests.
fn name(text: &str) -> UserName {
    UserName::parse(text).unwrap()
}

/// Line mode's output, kept for the test to read.
#[derive(Clone, Default)]
struct Output(Arc<Mutex<Vec<u8>>>);

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where a client keeps its history; several runs may share one.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("history.sqlite3")
    }

    /// Everything stored, in order.
    fn history(&self) -> Vec<ChatMessage> {
        History::open(&self.path()).unwrap().all(None).unwrap()
    }

    /// The outgoing messages still pending.
    fn pending(&self) -> Vec<ChatMessage> {
        History::open(&self.path())
            .unwrap()
            .pending_outgoing()
            .unwrap()
    }

    /// The bodies of what was received, in the order stored.
    fn received(&self) -> Vec<String> {
        let received = self
            .history()
            .into_iter()
            .filter(|m| m.direction == Direction::Incoming)
            .collect();
        texts(received)
    }
}

/// One running client.
struct Client {
    sender: mpsc::Sender<RuntimeEvent>,
    output: Output,
    run: Option<JoinHandle<Result<Outcome, RunError>>>,
}

/// How a test starts a client.
struct Start<'a> {
    fake: &'a FakeBroker,
    me: &'a str,
    home: &'a Home,
    /// Connect before running (as line mode does); otherwise the supervisor connects.
    connect_first: bool,
    /// Called after each disk sync of the history.
    after_sync: Option<Box<dyn Fn() + Send + Sync>>,
    /// `--max-wait`.
    max_wait: Option<Duration>,
    /// While set, every write of the history fails (a full disk).
    fail_writes: Arc<std::sync::atomic::AtomicBool>,
}

impl<'a> Start<'a> {
    fn new(fake: &'a FakeBroker, me: &'a str, home: &'a Home) -> Self {
        Self {
            fake,
            me,
            home,
            connect_first: true,
            after_sync: None,
            max_wait: None,
            fail_writes: Arc::default(),
        }
    }

    async fn run(self) -> Client {
        let me = name(self.me);
        let history = History::open(&self.home.path()).unwrap();
        let app = load_app(&me, "fake".into(), UtcOffset::UTC, &history).unwrap();
        let mut store = StoreHandle::new(history);
        if let Some(hook) = self.after_sync {
            store = store.after_sync(hook);
        }
        store = store.failing_writes(self.fail_writes);
        let first = if self.connect_first {
            Some(self.fake.connect(&me, PREFETCH).await.unwrap())
        } else {
            None
        };
        let output = Output::default();
        let face = Face::Lines {
            format: LineFormat::Json,
            out: Box::new(output.clone()),
        };
        let parts = Parts {
            broker: Arc::new(self.fake.clone()),
            me,
            app,
            store,
            face,
            first,
            max_wait: self.max_wait,
            connect_limit: crate::runtime::user::DEFAULT_CONNECT_LIMIT,
        };
        let (sender, events) = mpsc::channel(4096);
        let run = tokio::spawn(client::run(parts, sender.clone(), events));
        Client {
            sender,
            output,
            run: Some(run),
        }
    }
}

impl Client {
    /// Starts `me` on `fake`, connected first, with its history in `home`.
    async fn start(fake: &FakeBroker, me: &str, home: &Home) -> Self {
        Start::new(fake, me, home).run().await
    }

    /// Types a line, as stdin would.
    async fn say(&self, line: &str) {
        let event = RuntimeEvent::App(Event::Input(line.to_owned()));
        self.sender.send(event).await.unwrap();
    }

    /// Every JSON object printed so far.
    fn printed(&self) -> Vec<Value> {
        let bytes = self.output.0.lock().unwrap().clone();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    /// The texts of the notices printed so far.
    fn notices(&self) -> Vec<String> {
        self.printed()
            .iter()
            .filter(|v| v["event"] == "notice")
            .filter_map(|v| v["text"].as_str().map(str::to_owned))
            .collect()
    }

    /// Waits (on the paused clock) until `done` holds for what was printed.
    async fn until(&self, what: &str, done: impl Fn(&[Value]) -> bool) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !done(&self.printed()) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting for {what}; printed: {:#?}",
                self.printed()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until `count` messages printed a `delivered` status.
    async fn until_delivered(&self, count: usize) {
        self.until(&format!("{count} delivered"), |printed| {
            delivered(printed).len() >= count
        })
        .await;
    }

    /// Ends stdin and waits for the client to finish.
    async fn end_input(mut self) -> Result<Outcome, RunError> {
        self.sender.send(RuntimeEvent::EndOfInput).await.unwrap();
        self.finished().await
    }

    /// Waits for the client to end by itself.
    async fn finished(&mut self) -> Result<Outcome, RunError> {
        let run = self.run.take().unwrap();
        match tokio::time::timeout(PATIENCE, run).await {
            Ok(ended) => ended.unwrap(),
            Err(_) => panic!("the client did not end; printed: {:#?}", self.printed()),
        }
    }
}

/// The bodies of the messages whose `delivered` status was printed, in order.
fn delivered(printed: &[Value]) -> Vec<String> {
    printed
        .iter()
        .filter(|v| v["event"] == "status" && v["status"] == "delivered")
        .filter_map(|v| v["body"].as_str().map(str::to_owned))
        .collect()
}

/// The bodies of the messages received and printed, in order.
fn received(printed: &[Value]) -> Vec<String> {
    printed
        .iter()
        .filter(|v| v["event"] == "message" && v["mine"] == false)
        .filter_map(|v| v["body"].as_str().map(str::to_owned))
        .collect()
}

/// The text bodies of `messages`, in order.
fn texts(messages: Vec<ChatMessage>) -> Vec<String> {
    messages
        .into_iter()
        .filter_map(|m| match m.content {
            Content::Text(text) => Some(text),
            Content::Unreadable { .. } => None,
        })
        .collect()
}

/// Whether every outgoing message of `history` is delivered.
fn all_delivered(history: &[ChatMessage]) -> bool {
    history
        .iter()
        .filter(|m| m.direction == Direction::Outgoing)
        .all(|m| m.status == DeliveryStatus::Delivered)
}

#[test]
fn start_up_brings_back_the_notify_levels_and_closed_conversations_kept() {
    use crate::domain::{ConversationId, NotifyLevel, TopicName};
    let mut history = History::open_in_memory().unwrap();
    let news = ConversationId::Topic(TopicName::parse("news").unwrap());
    let bob = ConversationId::Direct(name("bob"));
    history
        .set_notify_level(&news, Some(NotifyLevel::None))
        .unwrap();
    history.set_closed(&bob, true).unwrap();
    let app = load_app(&name("alice"), "fake".into(), UtcOffset::UTC, &history).unwrap();
    assert_eq!(app.attention.level(&news), NotifyLevel::None, "still muted");
    assert_eq!(app.attention.level(&bob), NotifyLevel::All, "the default");
    assert!(app.closed.contains(&bob));
}
