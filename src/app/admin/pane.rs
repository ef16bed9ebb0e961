//! The four panes of the console and the columns each one can be sorted by.

/// One pane of the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Every queue of the vhost.
    Queues,
    /// The `chat.topic.*` exchanges.
    Topics,
    /// Chat users (`chat.user.*` inboxes).
    Users,
    /// Overview, rates chart and connections.
    Broker,
}

impl Pane {
    /// Every pane, in tab order.
    pub const ALL: [Pane; 4] = [Pane::Queues, Pane::Topics, Pane::Users, Pane::Broker];

    /// Position in tab order (0–3).
    pub fn index(self) -> usize {
        match self {
            Pane::Queues => 0,
            Pane::Topics => 1,
            Pane::Users => 2,
            Pane::Broker => 3,
        }
    }

    /// The pane after this one, wrapping around.
    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    /// The pane before this one, wrapping around.
    pub fn previous(self) -> Pane {
        Pane::ALL[(self.index() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Queues => "Queues",
            Pane::Topics => "Topics",
            Pane::Users => "Users",
            Pane::Broker => "Broker",
        }
    }

    /// What the rows of this pane's table are, for messages ("queues", "connections").
    pub fn rows_label(self) -> &'static str {
        match self {
            Pane::Queues => "queues",
            Pane::Topics => "topics",
            Pane::Users => "users",
            Pane::Broker => "connections",
        }
    }

    /// The columns the table can be sorted by, in the order `s` cycles through them.
    pub fn sort_columns(self) -> &'static [SortColumn] {
        use SortColumn::*;
        match self {
            Pane::Queues => &[
                Name,
                Ready,
                Unacked,
                Total,
                Consumers,
                PublishRate,
                DeliverRate,
            ],
            Pane::Topics => &[Name, Subscribers],
            Pane::Users => &[Name, Online, Waiting, TopicCount],
            Pane::Broker => &[Name, User, Client, Channels],
        }
    }
}

/// A column a table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    /// The name (every pane).
    Name,
    /// Ready messages (queues).
    Ready,
    /// Unacknowledged messages (queues).
    Unacked,
    /// Ready plus unacknowledged (queues).
    Total,
    /// Consumers (queues).
    Consumers,
    /// Publish rate (queues).
    PublishRate,
    /// Deliver rate (queues).
    DeliverRate,
    /// Subscriber count (topics).
    Subscribers,
    /// Online first (users).
    Online,
    /// Messages waiting (users).
    Waiting,
    /// Topics subscribed (users).
    TopicCount,
    /// The RabbitMQ user (connections).
    User,
    /// The client's name (connections).
    Client,
    /// Open channels (connections).
    Channels,
}

impl SortColumn {
    /// The column's label as the table header and status line show it.
    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Ready => "ready",
            SortColumn::Unacked => "unacked",
            SortColumn::Total => "total",
            SortColumn::Consumers => "consumers",
            SortColumn::PublishRate => "in/s",
            SortColumn::DeliverRate => "out/s",
            SortColumn::Subscribers => "subscribers",
            SortColumn::Online => "online",
            SortColumn::Waiting => "waiting",
            SortColumn::TopicCount => "topics",
            SortColumn::User => "user",
            SortColumn::Client => "client",
            SortColumn::Channels => "channels",
        }
    }

    /// Whether the column reads best largest first (numbers) rather than A to Z.
    pub fn descending_by_default(self) -> bool {
        !matches!(
            self,
            SortColumn::Name | SortColumn::User | SortColumn::Client
        )
    }
}

/// How a table is sorted: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// Largest (or Z) first.
    pub descending: bool,
}

impl Sort {
    /// By name, A to Z.
    pub const BY_NAME: Sort = Sort {
        column: SortColumn::Name,
        descending: false,
    };

    /// The next column of `pane` in its natural direction.
    pub fn cycled(self, pane: Pane) -> Sort {
        let columns = pane.sort_columns();
        let at = columns.iter().position(|c| *c == self.column).unwrap_or(0);
        let column = columns[(at + 1) % columns.len()];
        Sort {
            column,
            descending: column.descending_by_default(),
        }
    }

    /// The same column, the other way round.
    pub fn reversed(self) -> Sort {
        Sort {
            descending: !self.descending,
            ..self
        }
    }

    /// `ready ↓`, `name ↑`.
    pub fn label(self) -> String {
        let arrow = if self.descending { '↓' } else { '↑' };
        format!("{} {arrow}", self.column.label())
    }
}
