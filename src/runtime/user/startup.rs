//! Start-up: check the name, open the history, take the inbox — refusing bad input with
//! a clear message before anything is created — then hand over to the event loop.

use time::UtcOffset;
use tokio::sync::{mpsc, watch};

use crate::app::user::{Event, UserApp};
use crate::broker::{BrokerAddress, BrokerError, ManagementApi, UserSession};
use crate::config::UserSettings;
use crate::domain::{NameError, UserName};
use crate::store::{History, StoreError};
use crate::ui::plain::LineFormat;

use super::event_loop::EventLoop;
use super::store_handle::StoreHandle;
use super::supervisor::Supervisor;
use super::{outbox, sources};
use crate::runtime::Ending;

/// Messages the broker may push to us before we ack (AMQP prefetch).
pub const PREFETCH: u16 = 500;
/// How long quitting waits for the connection supervisor to ack what was shown and
/// close the session.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(3);
/// Messages per conversation loaded from the history at start: a screenful; older ones
/// are paged in as the user scrolls back.
pub const HISTORY_PAGE: usize = crate::app::user::FIRST_PAGE;

/// Which face user mode shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frontend {
    /// The full-screen ratatui client.
    Tui,
    /// Line mode: stdin lines in, one printed line per event out.
    Plain(LineFormat),
}

/// What `chat-tui user` runs with.
#[derive(Debug, Clone)]
pub struct UserOptions {
    /// The name as typed (checked here).
    pub name: String,
    /// Merged configuration.
    pub settings: UserSettings,
    /// TUI or line mode.
    pub frontend: Frontend,
    /// Local time offset for showing times (read before threads start).
    pub local_offset: UtcOffset,
    /// Where the log file is, to mention it on errors.
    pub log_path: Option<std::path::PathBuf>,
}

/// Why user mode could not run. `Display` is the message for the person.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// `--name` is not a valid user name.
    #[error("{0}")]
    InvalidName(#[from] NameError),
    /// The broker refused or is not there.
    #[error("{0}")]
    Broker(#[from] BrokerError),
    /// The local history could not be opened.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// An administrator deleted this user while it was connected (line mode ends then).
    #[error(
        "{0} was removed by an administrator: the user and its inbox no longer exist; ask an operator to create it again"
    )]
    Removed(UserName),
    /// The terminal could not be set up.
    #[error("cannot use the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl RunError {
    /// The process exit code: 2 for bad input, 3 for a name already connected, 4 for a
    /// broker that cannot be reached, 5 for a user removed by an administrator, 1 for the
    /// rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::InvalidName(_) => 2,
            RunError::Broker(BrokerError::AlreadyConnected(_)) => 3,
            RunError::Broker(BrokerError::Unreachable { .. }) => 4,
            RunError::Removed(_) => 5,
            _ => 1,
        }
    }
}

/// Runs user mode until the user quits or a signal stops it.
pub async fn run(options: UserOptions) -> Result<Ending, RunError> {
    let me = UserName::parse(&options.name)?;
    let history = History::open(&History::default_path(&me)?)?;

    let mut loaded = Vec::new();
    for conversation in history.conversations()? {
        let messages = history.recent(&conversation, HISTORY_PAGE)?;
        loaded.push((conversation, messages));
    }
    let (unread, subscriptions) = (history.unread_counts()?, history.subscriptions()?);
    let store = StoreHandle::new(history);

    // Line mode connects before it reads a line, so a script's input is never sent
    // before the broker can take it. The TUI draws its first frame first and connects
    // behind it ("connecting…" in the status bar).
    let first = match options.frontend {
        Frontend::Plain(_) => {
            let connected = UserSession::connect(&options.settings.amqp_url, &me, PREFETCH).await?;
            tracing::info!(user = %me, "connected; inbox taken");
            Some(connected)
        }
        Frontend::Tui => None,
    };
    let waiting = first
        .as_ref()
        .map(|(session, ..)| session.waiting_at_connect());
    // Line mode has tried the URL already (lapin's refusal is the broker unreachable);
    // an address the management API cannot be derived from is refused here.
    let address = BrokerAddress::parse(&options.settings.amqp_url).map_err(BrokerError::from)?;
    let management =
        ManagementApi::new(&options.settings.api_target(&address)).map_err(BrokerError::from)?;
    let mut app = UserApp::new(me.clone(), address.label().to_owned(), options.local_offset);
    app.load_history(loaded, unread, subscriptions);

    let (events_tx, events_rx) = mpsc::channel(4096);
    let (outgoing_tx, outgoing_rx) = mpsc::unbounded_channel();
    let (stop_supervisor, stopping) = watch::channel(false);
    let (supervisor, sessions) = Supervisor::new(
        address.as_str().to_owned(),
        me.clone(),
        store.clone(),
        events_tx.clone(),
        first,
        stopping,
    );
    let mut supervisor = tokio::spawn(supervisor.run());
    let mut tasks = tokio::task::JoinSet::new();
    tasks.spawn(sources::signals(events_tx.clone()));
    if let Some(interval) = options.settings.roster_interval {
        tasks.spawn(sources::roster(interval, events_tx.clone()));
    }
    match options.frontend {
        Frontend::Tui => {
            tasks.spawn(sources::terminal(events_tx.clone()));
        }
        Frontend::Plain(_) => {
            // A thread, not a task: it ends with the process.
            sources::stdin_lines(events_tx.clone());
        }
    };
    // The outbox sends what is pending from earlier runs (a crash, a lost connection)
    // first, then announces us, on this session and on every later one.
    let outbox = tokio::spawn(outbox::pump(
        sessions.clone(),
        store.clone(),
        outgoing_rx,
        events_tx.clone(),
    ));

    let mut event_loop = EventLoop::new(
        app,
        options.frontend,
        sessions.clone(),
        store,
        management,
        outgoing_tx,
        events_tx,
    );
    if let Some(waiting) = waiting {
        event_loop.handle_app_event(Event::Connected { waiting });
    }
    let mut result = event_loop.run(events_rx, options.log_path.clone()).await;
    if result.is_ok() && event_loop.removed() && matches!(options.frontend, Frontend::Plain(_)) {
        result = Err(RunError::Removed(me));
    }
    let ending = match event_loop.stopped_by() {
        Some(reason) => Ending::Stopped(reason.to_owned()),
        None => Ending::Quit,
    };

    // The event loop waited (bounded) for the outbox to drain; whatever is still
    // unconfirmed stays pending in the history and is sent again on the next start.
    outbox.abort();
    // The inbox pump finishes the burst it holds (a message shown is acked before the
    // connection closes), unless that takes longer than the grace.
    stop_supervisor.send_replace(true);
    if tokio::time::timeout(STOP_GRACE, &mut supervisor)
        .await
        .is_err()
    {
        tracing::warn!("the connection supervisor did not stop in time; left behind");
        supervisor.abort();
    }
    tasks.abort_all();
    let current = sessions.borrow().clone();
    if let Some(session) = current {
        let _ = session.close().await;
    }
    result.map(|()| ending)
}
