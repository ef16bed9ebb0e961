//! Start-up: check the name, open the history, take the inbox — refusing bad input with
//! a clear message before anything is created — then start the sources and run the
//! client on the real broker.

use std::sync::Arc;

use tokio::sync::mpsc;

use crate::app::user::UserApp;
use crate::broker::user::{AmqpBroker, Connected, UserSession};
use crate::broker::{BrokerAddress, BrokerError, ManagementApi, TlsTrust};
use crate::domain::UserName;
use crate::runtime::Ending;
use crate::store::{History, HistoryLock, StoreError};

use super::client::{self, Parts};
use super::connect;
use super::face::{Face, Screen};
use super::options::{Frontend, RunError, UserOptions};
use super::sources;
use super::store_handle::StoreHandle;
use super::supervisor::PREFETCH;

/// Messages per conversation loaded from the history at start: a screenful; older ones
/// are paged in as the user scrolls back.
pub const HISTORY_PAGE: usize = crate::app::user::FIRST_PAGE;

/// Runs user mode until the user quits or a signal stops it.
pub async fn run(options: UserOptions) -> Result<Ending, RunError> {
    let me = UserName::parse(&options.name)?;
    // Line mode connects before it reads a line, so a script's input is never sent
    // before the broker can take it. The TUI draws its first frame first and connects
    // behind it ("connecting…" in the status bar).
    let connect_first = matches!(options.frontend, Frontend::Plain(_));
    let mut told = false;
    let limit = options.connect_limit;
    let prepared = prepare(
        &options,
        &History::default_path(&me)?,
        connect_first,
        |waited| {
            if !told {
                told = true;
                eprintln!(
                    "chat-tui: the broker is slow to answer ({} s so far); still trying, up to {} s (--connect-timeout)",
                    waited.as_secs(),
                    limit.as_secs()
                );
            }
        },
    )
    .await?;

    let (sender, events) = mpsc::channel(4096);
    let mut tasks = tokio::task::JoinSet::new();
    tasks.spawn(sources::signals(sender.clone()));
    if let Some(interval) = options.settings.roster_interval {
        tasks.spawn(sources::roster(interval, sender.clone()));
    }
    let face = match options.frontend {
        Frontend::Tui => {
            tasks.spawn(sources::terminal(sender.clone()));
            Face::Tui(Box::new(Screen::enter(
                options.log_path.clone(),
                &options.settings.tui,
                options.settings.paste_max_lines,
            )?))
        }
        Frontend::Plain(format) => {
            // A thread, not a task: it ends with the process.
            sources::stdin_lines(sender.clone());
            Face::Lines {
                format,
                out: Box::new(std::io::stdout()),
            }
        }
    };
    let parts = prepared.into_parts(face, &options);
    let result = client::run(parts, sender, events).await;
    tasks.abort_all();
    let outcome = result?;
    if outcome.unsent > 0 {
        // The terminal is restored: the TUI says it on the way out (line mode ended
        // with RunError::Unsent instead).
        eprintln!("chat-tui: {}", super::options::unsent_text(outcome.unsent));
    }
    Ok(match outcome.stopped_by {
        Some(reason) => Ending::Stopped(reason),
        None => Ending::Quit,
    })
}

/// What start-up gathers before the sources and the face: the broker, the app with its
/// history, the store, and (in line mode) the first session.
pub(super) struct Prepared {
    broker: Arc<AmqpBroker>,
    me: UserName,
    app: UserApp,
    store: StoreHandle,
    first: Option<Connected<UserSession>>,
}

impl Prepared {
    /// The parts of a run showing `face`.
    pub(super) fn into_parts(self, face: Face, options: &UserOptions) -> Parts<AmqpBroker> {
        Parts {
            broker: self.broker,
            me: self.me,
            app: self.app,
            store: self.store,
            face,
            first: self.first,
            max_wait: options.max_wait,
            connect_limit: options.connect_limit,
        }
    }
}

/// Checks the name, opens the history at `history_path`, connects first when asked
/// (patiently: `on_slow` hears a broker slow to answer), and derives the management
/// API — refusing bad input with a clear message before anything is created.
pub(super) async fn prepare(
    options: &UserOptions,
    history_path: &std::path::Path,
    connect_first: bool,
    on_slow: impl FnMut(std::time::Duration),
) -> Result<Prepared, RunError> {
    let me = UserName::parse(&options.name)?;
    let tls = TlsTrust::load(options.settings.ca_file.as_deref())?;
    // One process per history: a second client of the same name on this machine would
    // share the file (and `--recover` must know the client is running).
    let Some(lock) = HistoryLock::try_take(history_path)? else {
        return Err(RunError::HistoryInUse(me));
    };
    let history = History::open(history_path)?;
    let first = if connect_first {
        let url = options.settings.amqp_url.as_str();
        let connected = connect::patiently(
            || AmqpBroker::connect_at(url, &tls, &me, PREFETCH),
            options.connect_limit,
            on_slow,
        )
        .await?;
        tracing::info!(user = %me, "connected; inbox taken");
        Some(connected)
    } else {
        None
    };
    // Line mode has tried the URL already (lapin's refusal is the broker unreachable);
    // an address the management API cannot be derived from is refused here.
    let address = BrokerAddress::parse(&options.settings.amqp_url)
        .map_err(BrokerError::from)?
        .with_tls(tls);
    let management =
        ManagementApi::new(&options.settings.api_target(&address)).map_err(BrokerError::from)?;
    let broker = Arc::new(AmqpBroker::new(
        address.as_str(),
        address.tls().clone(),
        management,
    ));
    let mut app = load_app(
        &me,
        address.label().to_owned(),
        options.local_offset,
        &history,
    )?;
    app.trust = crate::broker::user::ChatBroker::trust(broker.as_ref(), &me);
    app.typing.enabled = options.settings.typing;
    let store = StoreHandle::new(history).owned_by(me.clone(), Some(lock));
    Ok(Prepared {
        broker,
        me,
        app,
        store,
        first,
    })
}

/// The app for `me`, with each conversation's newest messages, the unread counts and
/// the subscriptions read from `history`.
pub(super) fn load_app(
    me: &UserName,
    broker_label: String,
    local_offset: time::UtcOffset,
    history: &History,
) -> Result<UserApp, StoreError> {
    let mut app = UserApp::new(me.clone(), broker_label, local_offset);
    let mut loaded = Vec::new();
    let closed = history.closed()?;
    for conversation in history.conversations()? {
        if closed.contains(&conversation) {
            continue;
        }
        let messages = history.recent(&conversation, HISTORY_PAGE)?;
        loaded.push((conversation, messages));
    }
    let unread = history.unread_counts()?;
    let unread = unread.into_iter().filter(|(c, _)| !closed.contains(c));
    app.load_history(loaded, unread.collect(), history.subscriptions()?);
    app.set_closed(closed);
    app.attention.levels = history.notify_levels()?.into_iter().collect();
    Ok(app)
}
