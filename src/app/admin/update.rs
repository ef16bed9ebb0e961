//! How the console reacts to refreshes, action outcomes, details and time. Keys are in
//! `input.rs`.

use std::cmp::Ordering;

use crate::domain::console::{Action, ConnectionRow, Outcome, QueueRow, Target, TopicRow, UserRow};

use super::effect::Effect;
use super::event::Event;
use super::pane::{Pane, SortColumn};
use super::state::{AdminApp, Link, Notice, NoticeLevel, Overlay};
use super::words;

impl AdminApp {
    /// Handles one event and says what the runtime should do.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(key) => self.on_key(key),
            Event::Refreshed { snapshot, at, took } => {
                let keep: Vec<Option<String>> =
                    Pane::ALL.iter().map(|&p| self.selected_name(p)).collect();
                self.snapshot = snapshot;
                self.trends.record(&self.snapshot);
                self.refreshed_at = Some(at);
                self.refresh_took = took;
                self.now = self.now.max(at);
                self.link = Link::Connected;
                let created = self.select_next.take();
                for (pane, keep) in Pane::ALL.into_iter().zip(keep) {
                    match &created {
                        Some((in_pane, name)) if *in_pane == pane => {
                            self.rebuild(pane, Some(name));
                            if self.selected_name(pane).as_deref() != Some(name.as_str()) {
                                // Not there (yet, or filtered out): stay where we were.
                                self.rebuild(pane, keep.as_deref());
                            }
                        }
                        _ => self.rebuild(pane, keep.as_deref()),
                    }
                }
                Vec::new()
            }
            Event::RefreshFailed {
                error,
                unreachable,
                at,
            } => {
                self.now = self.now.max(at);
                if unreachable {
                    let since = match &self.link {
                        Link::Disconnected { since, .. } => *since,
                        _ => at,
                    };
                    self.link = Link::Disconnected { error, since };
                } else {
                    self.set_notice(NoticeLevel::Error, format!("refresh failed: {error}"));
                }
                Vec::new()
            }
            Event::ActionDone { action, outcome } => {
                self.settle(&action);
                match &action {
                    Action::Create(target) => {
                        self.select_next = match target {
                            Target::Queue(name) => Some((Pane::Queues, name.to_string())),
                            Target::Topic(name) => Some((Pane::Topics, name.to_string())),
                            Target::User(name) => Some((Pane::Users, name.to_string())),
                            Target::Connection(_) => None,
                        };
                    }
                    Action::CreateAccount { user, .. } => {
                        self.select_next = Some((Pane::Users, user.to_string()));
                    }
                    _ => {}
                }
                self.set_notice(NoticeLevel::Info, words::done(&action, &outcome));
                if let Outcome::Generated(password) = outcome {
                    self.show_password(&action, password);
                }
                vec![Effect::Refresh]
            }
            Event::ActionFailed { action, error } => {
                self.settle(&action);
                self.set_notice(NoticeLevel::Error, words::failed(&action, &error));
                vec![Effect::Refresh]
            }
            Event::Details { target, result } => {
                if let Some(Overlay::Details(view)) = &mut self.overlay
                    && view.target == target
                {
                    view.result = Some(result);
                }
                Vec::new()
            }
            Event::Tick(now) => {
                self.now = self.now.max(now);
                Vec::new()
            }
            Event::Viewport { rows } => {
                self.viewport_rows = rows.max(1);
                let rows = usize::from(self.viewport_rows);
                for table in &mut self.tables {
                    table.scroll_into_view(rows);
                }
                Vec::new()
            }
        }
    }

    /// Replaces the status message.
    pub(super) fn set_notice(&mut self, level: NoticeLevel, text: String) {
        self.notice = Some(Notice { level, text });
    }

    /// Forgets one in-flight action that was answered.
    fn settle(&mut self, action: &Action) {
        if let Some(at) = self.in_flight.iter().position(|a| a == action) {
            self.in_flight.remove(at);
        }
    }

    /// The name of the row selected in `pane`, as the snapshot has it.
    pub fn selected_name(&self, pane: Pane) -> Option<String> {
        let index = self.table(pane).selected()?;
        let s = &self.snapshot;
        match pane {
            Pane::Queues => s.queues.get(index).map(|r| r.name.clone()),
            Pane::Topics => s.topics.get(index).map(|r| r.name.to_string()),
            Pane::Users => s.users.get(index).map(|r| r.name.to_string()),
            Pane::Broker => s.connections.get(index).map(|r| r.name.clone()),
        }
    }

    /// Recomputes the rows of `pane` from the snapshot, filter and sort, keeping the row
    /// named `keep` selected if it is still there.
    pub(super) fn rebuild(&mut self, pane: Pane, keep: Option<&str>) {
        let rows = usize::from(self.viewport_rows);
        let s = &self.snapshot;
        let table = &mut self.tables[pane.index()];
        let column = table.sort.column;
        match pane {
            Pane::Queues => {
                let names: Vec<&str> = s.queues.iter().map(|r| r.name.as_str()).collect();
                let cmp = |a: usize, b: usize| compare_queues(&s.queues[a], &s.queues[b], column);
                table.rebuild(&names, cmp, keep, rows);
            }
            Pane::Topics => {
                let names: Vec<&str> = s.topics.iter().map(|r| r.name.as_str()).collect();
                let cmp = |a: usize, b: usize| compare_topics(&s.topics[a], &s.topics[b], column);
                table.rebuild(&names, cmp, keep, rows);
            }
            Pane::Users => {
                let names: Vec<&str> = s.users.iter().map(|r| r.name.as_str()).collect();
                let cmp = |a: usize, b: usize| compare_users(&s.users[a], &s.users[b], column);
                table.rebuild(&names, cmp, keep, rows);
            }
            Pane::Broker => {
                let list = &s.connections;
                let names: Vec<&str> = list.iter().map(|r| r.name.as_str()).collect();
                let cmp = |a: usize, b: usize| compare_connections(&list[a], &list[b], column);
                table.rebuild(&names, cmp, keep, rows);
            }
        }
    }
}

/// Orders two queues by `column` (names break ties later).
fn compare_queues(a: &QueueRow, b: &QueueRow, column: SortColumn) -> Ordering {
    match column {
        SortColumn::Ready => a.ready.cmp(&b.ready),
        SortColumn::Unacked => a.unacked.cmp(&b.unacked),
        SortColumn::Total => a.total().cmp(&b.total()),
        SortColumn::Consumers => a.consumers.cmp(&b.consumers),
        SortColumn::PublishRate => a.publish_rate.total_cmp(&b.publish_rate),
        SortColumn::DeliverRate => a.deliver_rate.total_cmp(&b.deliver_rate),
        _ => Ordering::Equal,
    }
}

/// Orders two topics by `column`.
fn compare_topics(a: &TopicRow, b: &TopicRow, column: SortColumn) -> Ordering {
    match column {
        SortColumn::Subscribers => a.subscribers.len().cmp(&b.subscribers.len()),
        _ => Ordering::Equal,
    }
}

/// Orders two users by `column`.
fn compare_users(a: &UserRow, b: &UserRow, column: SortColumn) -> Ordering {
    match column {
        SortColumn::Online => a.online.cmp(&b.online),
        SortColumn::Waiting => a.waiting.cmp(&b.waiting),
        SortColumn::TopicCount => a.topics.len().cmp(&b.topics.len()),
        _ => Ordering::Equal,
    }
}

/// Orders two connections by `column`.
fn compare_connections(a: &ConnectionRow, b: &ConnectionRow, column: SortColumn) -> Ordering {
    match column {
        SortColumn::User => a.user.cmp(&b.user),
        SortColumn::Client => a.client.cmp(&b.client),
        SortColumn::Channels => a.channels.cmp(&b.channels),
        _ => Ordering::Equal,
    }
}
