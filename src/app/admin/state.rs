//! The admin console's state: everything the views draw, read through accessors.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::domain::console::{Action, Details, Snapshot, Target};
use crate::domain::wire::inbox_queue;

use super::form::Form;
use super::pane::Pane;
use super::password::{PasswordForm, ShownPassword};
use super::table::Table;
use super::trends::Trends;

/// Table rows assumed visible until the runtime reports the real size.
pub const DEFAULT_VIEWPORT_ROWS: u16 = 20;

/// At most this many queues are watched live (read exactly over AMQP) per refresh.
pub const MAX_WATCHED: usize = 100;

/// Where the console points, for the header and the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleInfo {
    /// The management API's base URL.
    pub api_url: String,
    /// The virtual host shown.
    pub vhost: String,
    /// How often the runtime refreshes on its own.
    pub refresh: Duration,
}

/// Whether the data on screen is current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// No refresh has finished yet.
    Connecting,
    /// The last refresh worked.
    Connected,
    /// The broker could not be reached; the last data stays on screen, greyed, and the
    /// runtime keeps retrying.
    Disconnected {
        /// Why, in words.
        error: String,
        /// When the first failure in a row happened.
        since: Instant,
    },
}

/// A question waiting for y/N.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// What `y` does.
    pub action: Action,
    /// The question, naming the item: `Delete queue orders? y/N`.
    pub question: String,
}

/// The details overlay: loading, loaded or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsView {
    /// The item shown.
    pub target: Target,
    /// `None` while loading, then the details or why they could not be read.
    pub result: Option<Result<Details, String>>,
    /// The first item line shown (Up/Down scroll long lists).
    pub scroll: usize,
}

/// What is drawn over the table, if anything; it takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help.
    Help,
    /// A form.
    Form(Form),
    /// A user's password: generated or typed twice.
    Password(PasswordForm),
    /// A y/N question.
    Confirm(Confirm),
    /// Details of one item.
    Details(DetailsView),
}

/// How a status message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Something finished.
    Info,
    /// Something is under way.
    Busy,
    /// Something failed.
    Error,
}

/// The line above the key hints: the last thing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How it reads.
    pub level: NoticeLevel,
    /// What happened.
    pub text: String,
}

/// The whole state of one running admin console.
#[derive(Debug, Clone)]
pub struct AdminApp {
    /// Where the console points.
    pub(super) info: ConsoleInfo,
    /// The latest time an event told us.
    pub(super) now: Instant,
    /// The last data read.
    pub(super) snapshot: Snapshot,
    /// When the last refresh finished.
    pub(super) refreshed_at: Option<Instant>,
    /// How long it took.
    pub(super) refresh_took: Duration,
    /// Whether the data is current.
    pub(super) link: Link,
    /// The pane on screen.
    pub(super) pane: Pane,
    /// One table per pane, in [`Pane::ALL`] order (the Broker pane's lists connections).
    pub(super) tables: [Table; 4],
    /// Keys go to the current pane's filter.
    pub(super) filter_focus: bool,
    /// What is open over the table.
    pub(super) overlay: Option<Overlay>,
    /// The last status message.
    pub(super) notice: Option<Notice>,
    /// Actions sent and not answered yet.
    pub(super) in_flight: Vec<Action>,
    /// Trends for the sparklines and the chart.
    pub(super) trends: Trends,
    /// Visible table rows, as the runtime reported.
    pub(super) viewport_rows: u16,
    /// A row to select once a refresh shows it: what the operator just created.
    pub(super) select_next: Option<(Pane, String)>,
    /// Generated passwords not yet seen, oldest first: the first is drawn over
    /// everything, and dropped when Esc or Enter closes it.
    pub(super) passwords: VecDeque<ShownPassword>,
}

impl AdminApp {
    /// A console with no data yet, on the Queues pane.
    pub fn new(info: ConsoleInfo, now: Instant) -> Self {
        Self {
            info,
            now,
            snapshot: Snapshot::default(),
            refreshed_at: None,
            refresh_took: Duration::ZERO,
            link: Link::Connecting,
            pane: Pane::Queues,
            tables: Default::default(),
            filter_focus: false,
            overlay: None,
            notice: None,
            in_flight: Vec::new(),
            trends: Trends::default(),
            viewport_rows: DEFAULT_VIEWPORT_ROWS,
            select_next: None,
            passwords: VecDeque::new(),
        }
    }

    /// Where the console points.
    pub fn info(&self) -> &ConsoleInfo {
        &self.info
    }

    /// The last data read from the broker (empty before the first refresh).
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Whether the data is current, loading or stale.
    pub fn link(&self) -> &Link {
        &self.link
    }

    /// Whether the data on screen is stale (the broker is unreachable).
    pub fn is_stale(&self) -> bool {
        matches!(self.link, Link::Disconnected { .. })
    }

    /// The pane on screen.
    pub fn pane(&self) -> Pane {
        self.pane
    }

    /// The table of `pane`.
    pub fn table(&self, pane: Pane) -> &Table {
        &self.tables[pane.index()]
    }

    /// Whether keys go to the filter of the current pane.
    pub fn filter_focused(&self) -> bool {
        self.filter_focus
    }

    /// What is open over the table.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    /// The generated password on screen (shown once: Esc or Enter drops it).
    pub fn shown_password(&self) -> Option<&ShownPassword> {
        self.passwords.front()
    }

    /// The last status message.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Actions sent to the broker and not answered yet.
    pub fn in_flight(&self) -> &[Action] {
        &self.in_flight
    }

    /// Queue trends and the cluster's rates over time.
    pub fn trends(&self) -> &Trends {
        &self.trends
    }

    /// How long ago the data was last refreshed (`None` before the first refresh).
    pub fn data_age(&self) -> Option<Duration> {
        self.refreshed_at
            .map(|at| self.now.saturating_duration_since(at))
    }

    /// How long the last refresh took.
    pub fn refresh_took(&self) -> Duration {
        self.refresh_took
    }

    /// Table rows visible, as the runtime last reported.
    pub fn viewport_rows(&self) -> u16 {
        self.viewport_rows
    }

    /// The queues whose counts should be read live on the next refresh: the item whose
    /// details are open, the rows visible in the Queues pane and the inboxes of the rows
    /// visible in the Users pane (the pane on screen first), without duplicates and at
    /// most [`MAX_WATCHED`].
    pub fn watched_queues(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        if let Some(Overlay::Details(view)) = &self.overlay {
            match &view.target {
                Target::Queue(name) => names.push(name.to_string()),
                Target::User(name) => names.push(inbox_queue(name)),
                Target::Topic(_) | Target::Connection(_) => {}
            }
        }
        let rows = usize::from(self.viewport_rows);
        let visible = |pane: Pane| -> Vec<String> {
            let table = self.table(pane);
            let window = table.window(rows);
            table.order()[window]
                .iter()
                .filter_map(|&i| match pane {
                    Pane::Queues => self.snapshot.queues.get(i).map(|q| q.name.clone()),
                    Pane::Users => self.snapshot.users.get(i).map(|u| inbox_queue(&u.name)),
                    Pane::Topics | Pane::Broker => None,
                })
                .collect()
        };
        let panes = if self.pane == Pane::Users {
            [Pane::Users, Pane::Queues]
        } else {
            [Pane::Queues, Pane::Users]
        };
        for pane in panes {
            for name in visible(pane) {
                if names.len() == MAX_WATCHED {
                    return names;
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }
}
