//! The Users pane: chat users, whether they are online, their account (active, banned,
//! or none: an open-mode inbox), what waits in their inbox.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::app::admin::{AdminApp, Pane, SortColumn};
use crate::domain::console::AccountState;
use crate::ui::widgets::colour::ERROR;

use super::format::thousands;
use super::grid::{self, Column, GREY};
use super::queues::empty_hint;

const COLUMNS: [Column; 6] = [
    Column::text("user", 20, Some(SortColumn::Name)),
    Column::text("status", 8, Some(SortColumn::Online)),
    Column::text("account", 10, None),
    Column::number("waiting", 8, Some(SortColumn::Waiting)),
    Column::number("topics", 6, Some(SortColumn::TopicCount)),
    Column::text("  subscribed to", 0, None),
];

/// Draws the table of users.
pub(super) fn render(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    let users = &app.snapshot().users;
    let table = app.table(Pane::Users);
    grid::render(area, buf, &COLUMNS, table, app.is_stale(), |index| {
        let Some(u) = users.get(index) else {
            return Vec::new();
        };
        let status = if u.online {
            ("● online".to_owned(), Style::new().fg(Color::LightGreen))
        } else {
            ("offline".to_owned(), Style::new().fg(GREY))
        };
        let account = match u.account {
            AccountState::Active => Style::new(),
            AccountState::Banned => Style::new().fg(ERROR),
            AccountState::NoAccount | AccountState::Unknown => Style::new().fg(GREY),
        };
        let topics: Vec<String> = u.topics.iter().map(|t| format!("#{t}")).collect();
        vec![
            (u.name.to_string(), Style::new()),
            status,
            (u.account.label().to_owned(), account),
            (thousands(u.waiting), Style::new()),
            (u.topics.len().to_string(), Style::new()),
            (
                format!("  {}", topics.join(" ")),
                Style::new().fg(Color::LightMagenta),
            ),
        ]
    });
    if table.is_empty() {
        empty_hint(app, Pane::Users, area, buf);
    }
}
