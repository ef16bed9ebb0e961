//! Start-up: check the management API answers and accepts the credentials — with a clear
//! message and no terminal touched when it does not — then start the tasks and the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, mpsc, watch};

use super::driver::{AdminEvent, Driver};
use super::poller;
use crate::app::admin::{AdminApp, ConsoleInfo, Event};
use crate::broker::console::{BrokerConsole, ConsoleError, ConsoleSettings};
use crate::config::AdminSettings;
use crate::runtime::Ending;
use crate::runtime::event_loop;
use crate::ui::terminal::TerminalGuard;

/// How often the clock ticks, so "updated N s ago" stays true between refreshes.
const TICK: Duration = Duration::from_secs(1);

/// What `chat-tui admin` runs with.
#[derive(Debug, Clone)]
pub struct AdminOptions {
    /// Merged configuration.
    pub settings: AdminSettings,
    /// Standard input and output are a terminal (the console needs one).
    pub interactive: bool,
    /// Where the log file is, to mention it on errors.
    pub log_path: Option<PathBuf>,
}

/// Why admin mode could not run. `Display` is the message for the person.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The management API cannot be used (not there, or refusing the credentials).
    #[error("{0}")]
    Console(#[from] ConsoleError),
    /// Standard input or output is not a terminal.
    #[error(
        "admin mode is a full-screen console and needs a terminal (the management API at {0} answered)"
    )]
    NotATerminal(String),
    /// The terminal could not be set up or drawn on.
    #[error("cannot use the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl AdminError {
    /// The process exit code: 2 without a terminal, 4 when the management API does not
    /// answer, 5 when it refuses the credentials, 1 for the rest.
    pub fn exit_code(&self) -> u8 {
        match self {
            AdminError::NotATerminal(_) => 2,
            AdminError::Console(ConsoleError::Unreachable { .. }) => 4,
            AdminError::Console(ConsoleError::Refused { .. }) => 5,
            _ => 1,
        }
    }
}

/// Runs the console until the operator quits or a signal stops it.
pub async fn run(options: AdminOptions) -> Result<Ending, AdminError> {
    let settings = options.settings;
    let console = BrokerConsole::new(ConsoleSettings {
        api: settings.api.clone(),
        amqp: settings.amqp.clone(),
    })?;
    // Before the terminal is touched: a missing plugin or wrong password is a plain message.
    console.check().await?;
    if !options.interactive {
        return Err(AdminError::NotATerminal(settings.api.url));
    }
    let console = Arc::new(console);

    let (events_tx, events_rx) = mpsc::channel(1024);
    let refresh_now = Arc::new(Notify::new());
    let (watched_tx, watched_rx) = watch::channel(Vec::new());
    let mut tasks = tokio::task::JoinSet::new();
    tasks.spawn(poller::poll(
        Arc::clone(&console),
        watched_rx,
        Arc::clone(&refresh_now),
        settings.refresh,
        events_tx.clone(),
    ));
    tasks.spawn(ticks(events_tx.clone()));
    tasks.spawn(stops(events_tx.clone()));
    tasks.spawn(crate::runtime::shared_sources::terminal_input(
        events_tx.clone(),
        |item| match item {
            Ok(event) => AdminEvent::Terminal(event),
            Err(reason) => AdminEvent::Stop(reason),
        },
    ));

    let app = AdminApp::new(
        ConsoleInfo {
            api_url: settings.api.url.clone(),
            vhost: settings.api.vhost.clone(),
            refresh: settings.refresh,
        },
        Instant::now(),
    );
    let guard = TerminalGuard::enter(options.log_path)?;
    let mut driver =
        Driver::new(app, console, events_tx, refresh_now, watched_tx).with_terminal(guard);
    let mut events = events_rx;
    let result = event_loop::run(&mut driver, &mut events).await;
    let ending = match driver.stopped_by() {
        Some(reason) => Ending::Stopped(reason.to_owned()),
        None => Ending::Quit,
    };
    // The terminal is restored here, before the tasks wind down.
    drop(driver);
    tasks.abort_all();
    result?;
    Ok(ending)
}

async fn ticks(events: mpsc::Sender<AdminEvent>) {
    let mut timer = tokio::time::interval(TICK);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        let tick = AdminEvent::App(Box::new(Event::Tick(Instant::now())));
        if events.send(tick).await.is_err() {
            return;
        }
    }
}

async fn stops(events: mpsc::Sender<AdminEvent>) {
    let name = crate::runtime::shared_sources::stop_signal().await;
    let _ = events
        .send(AdminEvent::Stop(format!("received {name}")))
        .await;
}
