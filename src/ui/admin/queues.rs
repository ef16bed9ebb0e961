//! The Queues pane: every queue of the vhost with its counts, rates and a trend.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::app::admin::{AdminApp, Pane, QUEUE_TREND_POINTS, SortColumn};
use crate::ui::widgets::sanitize::sanitize;

use super::format::{rate, sparkline, thousands};
use super::grid::{self, Cell, Column, GREY};

/// The columns, name first so narrow terminals keep it.
const COLUMNS: [Column; 9] = [
    Column::text("name", 0, Some(SortColumn::Name)),
    Column::text("", 1, None),
    Column::number("ready", 8, Some(SortColumn::Ready)),
    Column::number("unacked", 8, Some(SortColumn::Unacked)),
    Column::number("total", 8, Some(SortColumn::Total)),
    Column::number("cons", 4, Some(SortColumn::Consumers)),
    Column::number("in/s", 8, Some(SortColumn::PublishRate)),
    Column::number("out/s", 8, Some(SortColumn::DeliverRate)),
    Column::text("trend", 12, None),
];

/// Draws the table of queues.
pub(super) fn render(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    let queues = &app.snapshot().queues;
    let table = app.table(Pane::Queues);
    let plain = Style::new();
    grid::render(area, buf, &COLUMNS, table, app.is_stale(), |index| {
        let Some(q) = queues.get(index) else {
            return Vec::new();
        };
        let live: Cell = if q.live {
            ("●".to_owned(), Style::new().fg(Color::LightGreen))
        } else {
            ("·".to_owned(), Style::new().fg(GREY))
        };
        let trend = app
            .trends()
            .queue_trend(&q.name)
            .map(|t| sparkline(t, QUEUE_TREND_POINTS.min(12)))
            .unwrap_or_default();
        vec![
            (sanitize(&q.name).into_owned(), plain),
            live,
            (thousands(q.ready), plain),
            (thousands(q.unacked), plain),
            (thousands(q.total()), plain),
            (q.consumers.to_string(), plain),
            (rate(q.publish_rate), plain),
            (rate(q.deliver_rate), plain),
            (trend, Style::new().fg(Color::LightCyan)),
        ]
    });
    if table.is_empty() {
        empty_hint(app, Pane::Queues, area, buf);
    }
}

/// Says why a table is empty: loading, filtered out, or nothing there.
pub(super) fn empty_hint(app: &AdminApp, pane: Pane, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 2 {
        return;
    }
    let table = app.table(pane);
    let text = if app.data_age().is_none() {
        "loading…".to_owned()
    } else if !table.filter().is_empty() {
        format!(
            "no {} match /{}",
            pane.rows_label(),
            sanitize(table.filter())
        )
    } else {
        format!("no {} yet", pane.rows_label())
    };
    buf.set_stringn(
        area.x + 1,
        area.y + 1,
        text,
        usize::from(area.width - 1),
        Style::new().fg(GREY),
    );
}
