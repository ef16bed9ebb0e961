//! One chat in either of its modes, so that a test written once means the same in both:
//!
//! - [`Mode::Open`]: everyone logs in as the broker's shared `guest` account on vhost
//!   `/`; clients declare what they need, and a [`Cleanup`] deletes it afterwards;
//! - [`Mode::Accounts`] (protocol version 3): a [`Team`] in a virtual host of its own,
//!   set up by `chat-tui admin setup`; each user is an account of the same name made by
//!   `chat-tui admin user add`, each topic made by `chat-tui admin topic add`, and
//!   clients log in as their account (`CHAT_TUI_PASSWORD`). The virtual host and the
//!   accounts are deleted afterwards.
//!
//! [`both_modes!`](crate::both_modes) runs a test `async fn(Chat)` once in each mode.

use std::collections::HashMap;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chat_tui::broker::topology::declare_shared_exchanges;
use chat_tui::domain::wire::{DIRECT_EXCHANGE, GUEST_LOGIN};
use chat_tui::domain::{TopicName, UserName};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Channel, Connection, PublisherConfirm};

use super::client::{Client, ClientOptions, TestHome};
use super::team::{Team, text};
use super::{Cleanup, unique_topic, unique_user};

/// How the chat's users log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everyone is the shared guest account on vhost `/`.
    Open,
    /// Each user is a RabbitMQ account of the same name, in a team's virtual host.
    Accounts,
}

/// A password no account has: what a person with a password types in accounts mode
/// when the test is about something refused before any login.
const NO_ACCOUNTS_PASSWORD: &str = "no-account-has-this-password";

/// One test's chat: its users, topics and clients, in one [`Mode`]; everything it
/// created on the broker is deleted when it is dropped, even after a panic.
#[derive(Debug)]
pub struct Chat {
    mode: Mode,
    /// The team (accounts mode only).
    team: Option<Mutex<Team>>,
    /// What open mode deletes at the end (accounts mode deletes the virtual host).
    cleanup: Mutex<Cleanup>,
    /// Each account's password (accounts mode).
    passwords: Mutex<HashMap<String, String>>,
    /// The URLs its programs log in with.
    urls: Urls,
}

/// The addresses of a chat.
#[derive(Debug, Clone)]
struct Urls {
    /// The operator's URL: guest, on the chat's virtual host.
    operator: String,
    /// The URL clients are given: the guest URL in open mode, the team's virtual host
    /// without a login in accounts mode.
    client: String,
}

/// Locks `mutex`, also after a panic elsewhere (the data is still usable for cleanup).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Chat {
    /// A fresh chat in `mode` (accounts: a new virtual host with `chat-tui admin setup`
    /// run in it).
    pub async fn new(mode: Mode) -> Self {
        let (team, urls) = match mode {
            Mode::Open => (
                None,
                Urls {
                    operator: super::amqp_url(),
                    client: super::amqp_url(),
                },
            ),
            Mode::Accounts => {
                let team = Team::new().await;
                let urls = Urls {
                    operator: team.guest_url(),
                    client: team.address(),
                };
                (Some(Mutex::new(team)), urls)
            }
        };
        Self {
            mode,
            team,
            cleanup: Mutex::new(Cleanup::new()),
            passwords: Mutex::new(HashMap::new()),
            urls,
        }
    }

    /// The mode of this chat.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The virtual host the chat lives in: `/`, or the team's.
    pub fn vhost(&self) -> String {
        self.team()
            .map_or_else(|| "/".to_owned(), |team| team.vhost.clone())
    }

    /// The login `user`'s clients connect with: guest, or `user`'s own account.
    pub fn login(&self, user: &UserName) -> String {
        match self.mode {
            Mode::Open => GUEST_LOGIN.to_owned(),
            Mode::Accounts => user.to_string(),
        }
    }

    /// The team, in accounts mode.
    fn team(&self) -> Option<MutexGuard<'_, Team>> {
        self.team.as_ref().map(lock)
    }

    /// A new user `<prefix>-<random>`: in accounts mode its account and inbox are made
    /// (`chat-tui admin user add`) and its password kept; in open mode its inbox (made
    /// by its first client) is deleted at the end.
    pub fn user(&self, prefix: &str) -> UserName {
        let user = unique_user(prefix);
        match self.team() {
            Some(mut team) => {
                let password = team.add(&user);
                lock(&self.passwords).insert(user.to_string(), password);
            }
            None => {
                lock(&self.cleanup).user(&user);
            }
        }
        user
    }

    /// A unique user name that nobody has (no account, no inbox); should something
    /// wrongly make its inbox, it is deleted at the end all the same.
    pub fn absent_user(&self, prefix: &str) -> UserName {
        let user = unique_user(prefix);
        if self.team.is_none() {
            lock(&self.cleanup).user(&user);
        }
        user
    }

    /// A new topic `<prefix>-<random>`, created as an operator creates it: in accounts
    /// mode `chat-tui admin topic add`, in open mode its exchange declared (and deleted
    /// at the end).
    pub async fn topic(&self, prefix: &str) -> TopicName {
        let topic = unique_topic(prefix);
        if let Some(team) = self.team() {
            let added = team.admin(&["topic", "add", topic.as_str()], None);
            assert!(added.status.success(), "topic add: {}", text(&added));
            return topic;
        }
        lock(&self.cleanup).topic(&topic);
        super::create_topic(&topic).await;
        topic
    }

    /// A unique topic name that does not exist; should something wrongly make it, it is
    /// deleted at the end all the same.
    pub fn absent_topic(&self, prefix: &str) -> TopicName {
        let topic = unique_topic(prefix);
        if self.team.is_none() {
            lock(&self.cleanup).topic(&topic);
        }
        topic
    }

    /// Deletes the queue `name` at the end (in accounts mode the virtual host goes, and
    /// every queue with it).
    pub fn forget_queue(&self, name: &str) {
        if self.team.is_none() {
            lock(&self.cleanup).queue(name);
        }
    }

    /// `user`'s password (accounts mode; open mode has none of its own).
    pub fn password(&self, user: &UserName) -> Option<String> {
        lock(&self.passwords).get(user.as_str()).cloned()
    }

    /// The AMQP URL a program of `user`'s logs in with, password included: guest in
    /// open mode, `user`'s account in accounts mode.
    pub fn amqp_url(&self, user: &UserName) -> String {
        match (self.team(), self.password(user)) {
            (Some(team), Some(password)) => team.url(user.as_str(), &password),
            (Some(_), None) => panic!("{user} has no account in this chat"),
            (None, _) => super::amqp_url(),
        }
    }

    /// The operator's AMQP URL: the guest account (an administrator) on the chat's
    /// virtual host, for checks such as ready and consumer counts.
    pub fn operator_url(&self) -> &str {
        &self.urls.operator
    }

    /// A connection and channel as the operator (see [`Chat::operator_url`]).
    pub async fn operator_channel(&self) -> (Connection, Channel) {
        super::raw_channel_at(self.operator_url()).await
    }

    /// The number of ready messages in `queue`, or `None` if it is missing.
    pub async fn ready_count(&self, queue: &str) -> Option<u32> {
        super::ready_count_at(self.operator_url(), queue).await
    }

    /// The number of consumers on `queue`, or `None` if it is missing.
    pub async fn consumer_count(&self, queue: &str) -> Option<u32> {
        super::consumer_count_at(self.operator_url(), queue).await
    }

    /// Waits until `queue` has a consumer, failing the test after `timeout`.
    pub async fn wait_for_consumer(&self, queue: &str, timeout: Duration) {
        super::wait_for_consumer_at(self.operator_url(), queue, timeout).await;
    }

    /// Starts `user`'s line-mode JSON client, logged in as this chat's mode says.
    pub fn client(&self, user: &UserName, home: &TestHome) -> Client {
        self.client_with(user, home, ClientOptions::default())
    }

    /// Starts `user`'s client with `options`; their environment comes after the chat's,
    /// so a test may override `CHAT_TUI_AMQP_URL` or `CHAT_TUI_PASSWORD`.
    pub fn client_with(&self, user: &UserName, home: &TestHome, options: ClientOptions) -> Client {
        self.client_named(user.as_str(), home, options)
    }

    /// Starts a client for `name` as typed, which may be an invalid name: in accounts
    /// mode with its account's password, or for a name without an account a password no
    /// account has.
    pub fn client_named(&self, name: &str, home: &TestHome, options: ClientOptions) -> Client {
        let mut login = ClientOptions {
            json: options.json,
            env: Vec::new(),
        }
        .with_env("CHAT_TUI_AMQP_URL", &self.urls.client);
        if self.team.is_some() {
            let password = lock(&self.passwords)
                .get(name)
                .cloned()
                .unwrap_or_else(|| NO_ACCOUNTS_PASSWORD.to_owned());
            login = login.with_env("CHAT_TUI_PASSWORD", &password);
        }
        login.env.extend(options.env);
        Client::spawn_with(name, home, login)
    }

    /// A raw AMQP sender that looks like `user`'s client: in accounts mode logged in as
    /// `user`'s account, in open mode as guest (whose clients declare `chat.direct`, so
    /// it does too); every publish carries the login as `user_id`, as clients do.
    pub async fn sender(&self, user: &UserName) -> Sender {
        let (connection, channel) = super::raw_channel_at(&self.amqp_url(user)).await;
        if self.mode == Mode::Open {
            declare_shared_exchanges(&channel)
                .await
                .expect("the shared exchanges");
        }
        let login = self.login(user);
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await
            .expect("confirm mode");
        Sender {
            connection,
            channel,
            login,
        }
    }

    /// Limits `user`'s inbox to `max` messages, refusing more (`overflow:
    /// reject-publish`), until the guard is dropped. Open mode: a policy on that one
    /// queue. Accounts mode: the operator's own tool, `chat-tui admin setup
    /// --inbox-max-messages`, which limits every inbox of the team (the test's users
    /// alone); the guard runs `setup` again with the defaults.
    pub fn limit_inbox(&self, user: &UserName, max: u32) -> InboxLimit<'_> {
        match self.team() {
            Some(team) => {
                let max = max.to_string();
                let limited = team.admin(&["setup", "--inbox-max-messages", &max], None);
                assert!(limited.status.success(), "setup: {}", text(&limited));
                InboxLimit {
                    chat: self,
                    policy: None,
                }
            }
            None => {
                let queue = chat_tui::domain::wire::inbox_queue(user);
                let name = format!("test-limit-{queue}");
                let pattern = format!("^{}$", queue.replace('.', "\\."));
                let definition = format!(r#"{{"max-length":{max},"overflow":"reject-publish"}}"#);
                let status = Command::new("rabbitmqctl")
                    .args(["set_policy", &name, &pattern, &definition])
                    .args(["--apply-to", "queues"])
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("rabbitmqctl runs (these tests need a local RabbitMQ)");
                assert!(status.success(), "rabbitmqctl set_policy failed");
                InboxLimit {
                    chat: self,
                    policy: Some(name),
                }
            }
        }
    }
}

/// An inbox limit of [`Chat::limit_inbox`]; lifted when dropped, even on panic.
#[derive(Debug)]
pub struct InboxLimit<'a> {
    chat: &'a Chat,
    /// The open mode policy's name.
    policy: Option<String>,
}

impl Drop for InboxLimit<'_> {
    fn drop(&mut self) {
        // No panic here: this may run while a failed test unwinds.
        if let Some(policy) = &self.policy {
            let _ = Command::new("rabbitmqctl")
                .args(["clear_policy", policy])
                .stdout(std::process::Stdio::null())
                .status();
        } else if let Some(team) = self.chat.team() {
            let restored = team.admin(&["setup"], None);
            if !restored.status.success() {
                eprintln!("could not lift the inbox limit: {}", text(&restored));
            }
        }
    }
}

/// A raw AMQP connection in confirm mode, publishing as a user's client would (see
/// [`Chat::sender`]).
#[derive(Debug)]
pub struct Sender {
    connection: Connection,
    channel: Channel,
    login: String,
}

impl Sender {
    /// Publishes `payload` as a DM to `to` through `chat.direct` (`mandatory`, `user_id`
    /// the login, `message_id` `id` if given), and returns the broker's confirmation to
    /// await later, so that thousands can be in flight at once.
    pub async fn publish_dm(
        &self,
        to: &UserName,
        payload: &[u8],
        id: Option<&str>,
    ) -> PublisherConfirm {
        let mut properties = BasicProperties::default().with_user_id(self.login.as_str().into());
        if let Some(id) = id {
            properties = properties.with_message_id(id.into());
        }
        self.channel
            .basic_publish(
                DIRECT_EXCHANGE.into(),
                to.as_str().into(),
                BasicPublishOptions {
                    mandatory: true,
                    immediate: false,
                },
                payload,
                properties,
            )
            .await
            .expect("publish")
    }

    /// Closes the connection.
    pub async fn close(self) {
        let _ = self.connection.close(200, "done".into()).await;
    }
}

/// Runs each named test of the calling module — an `async fn name(chat: Chat)` — in
/// both modes: `open::name` with a [`Chat`] in [`Mode::Open`] and `accounts::name` in
/// [`Mode::Accounts`], each a multi-threaded tokio test. Attributes written before a
/// name (such as `#[ignore = "…"]`) go on both variants.
///
/// ```ignore
/// async fn a_dm_arrives(chat: Chat) { … }
/// both_modes!(a_dm_arrives, #[ignore = "restarts the node"] a_restart_loses_nothing);
/// ```
#[macro_export]
macro_rules! both_modes {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {
        /// The tests in open mode: everyone is the shared guest account on vhost `/`.
        mod open {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                $(#[$meta])*
                async fn $name() {
                    let chat = $crate::common::chat::Chat::new(
                        $crate::common::chat::Mode::Open,
                    )
                    .await;
                    super::$name(chat).await;
                }
            )+
        }

        /// The tests in accounts mode: each user logs in as a RabbitMQ account of its
        /// own, in a team's virtual host.
        mod accounts {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                $(#[$meta])*
                async fn $name() {
                    let chat = $crate::common::chat::Chat::new(
                        $crate::common::chat::Mode::Accounts,
                    )
                    .await;
                    super::$name(chat).await;
                }
            )+
        }
    };
}
