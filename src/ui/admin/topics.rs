//! The Topics pane: the `chat.topic.*` exchanges and who is subscribed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::app::admin::{AdminApp, Pane, SortColumn};

use super::grid::{self, Column};
use super::queues::empty_hint;

const COLUMNS: [Column; 3] = [
    Column::text("topic", 34, Some(SortColumn::Name)),
    Column::number("subscribers", 11, Some(SortColumn::Subscribers)),
    Column::text("  users (Enter lists all)", 0, None),
];

/// Draws the table of topics.
pub(super) fn render(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    let topics = &app.snapshot().topics;
    let table = app.table(Pane::Topics);
    grid::render(area, buf, &COLUMNS, table, app.is_stale(), |index| {
        let Some(t) = topics.get(index) else {
            return Vec::new();
        };
        let users: Vec<&str> = t.subscribers.iter().map(|u| u.as_str()).collect();
        vec![
            (format!("#{}", t.name), Style::new().fg(Color::LightMagenta)),
            (t.subscribers.len().to_string(), Style::new()),
            (
                format!("  {}", users.join(", ")),
                Style::new().fg(Color::Gray),
            ),
        ]
    });
    if table.is_empty() {
        empty_hint(app, Pane::Topics, area, buf);
    }
}
