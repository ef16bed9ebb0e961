//! The Broker pane: overview fields and a chart of the cluster's message rates on top,
//! the client connections below.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Widget};

use crate::app::admin::{AdminApp, Pane, SortColumn};
use crate::ui::widgets::layout::split_left;
use crate::ui::widgets::sanitize::sanitize;

use super::format::{rate, thousands};
use super::grid::{self, Column, GREY};
use super::queues::empty_hint;

/// Rows of the overview and chart, when there is room.
const TOP_ROWS: u16 = 9;

/// Width of the overview column beside the chart.
const OVERVIEW_WIDTH: u16 = 44;

/// Below this width the chart is left out.
const CHART_MIN_WIDTH: u16 = 70;

const COLUMNS: [Column; 5] = [
    Column::text("connection", 0, Some(SortColumn::Name)),
    Column::text("user", 12, Some(SortColumn::User)),
    Column::text("client", 0, Some(SortColumn::Client)),
    Column::number("channels", 8, Some(SortColumn::Channels)),
    Column::text("state", 8, None),
];

/// Draws the pane.
pub(super) fn render(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    let top_rows = TOP_ROWS.min(area.height / 2);
    let top = Rect {
        height: top_rows,
        ..area
    };
    let bottom = Rect {
        y: area.y + top_rows,
        height: area.height - top_rows,
        ..area
    };
    if area.width >= CHART_MIN_WIDTH {
        let (left, right) = split_left(top, OVERVIEW_WIDTH);
        overview(app, left, buf);
        chart(app, right, buf);
    } else {
        overview(app, top, buf);
    }
    let connections = &app.snapshot().connections;
    let table = app.table(Pane::Broker);
    grid::render(bottom, buf, &COLUMNS, table, app.is_stale(), |index| {
        let Some(c) = connections.get(index) else {
            return Vec::new();
        };
        vec![
            (sanitize(&c.name).into_owned(), Style::new()),
            (sanitize(&c.user).into_owned(), Style::new()),
            (
                sanitize(&c.client).into_owned(),
                Style::new().fg(Color::Gray),
            ),
            (c.channels.to_string(), Style::new()),
            (sanitize(&c.state).into_owned(), Style::new()),
        ]
    });
    if table.is_empty() {
        empty_hint(app, Pane::Broker, bottom, buf);
    }
}

/// The overview's labelled values, one per row.
fn overview(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    let o = &app.snapshot().overview;
    let label = Style::new().fg(if app.is_stale() { GREY } else { Color::Cyan });
    let value = if app.is_stale() {
        Style::new().fg(GREY)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let rows = [
        (
            "RabbitMQ",
            format!(
                "{} · Erlang {}",
                sanitize(&o.rabbitmq_version),
                sanitize(&o.erlang_version)
            ),
        ),
        ("node", sanitize(&o.node).into_owned()),
        ("cluster", sanitize(&o.cluster_name).into_owned()),
        (
            "objects",
            format!(
                "{} queues · {} exchanges",
                thousands(o.queues),
                thousands(o.exchanges)
            ),
        ),
        (
            "clients",
            format!(
                "{} conn · {} chan · {} cons",
                thousands(o.connections),
                thousands(o.channels),
                thousands(o.consumers)
            ),
        ),
        (
            "messages",
            format!(
                "{} ready · {} unacked",
                thousands(o.messages_ready),
                thousands(o.messages_unacked)
            ),
        ),
        (
            "rates",
            format!("in {} · out {}", rate(o.publish_rate), rate(o.deliver_rate)),
        ),
    ];
    for (i, (name, text)) in rows.into_iter().enumerate().take(usize::from(area.height)) {
        let line = Line::from(vec![
            Span::styled(format!(" {name:<9}"), label),
            Span::styled(text, value),
        ]);
        buf.set_line(area.x, area.y + i as u16, &line, area.width);
    }
}

/// The chart of publish and deliver rates over the last refreshes.
fn chart(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    if area.width < 10 || area.height < 3 {
        return;
    }
    let rates = app.trends().rates();
    let publish: Vec<(f64, f64)> = rates
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.publish))
        .collect();
    let deliver: Vec<(f64, f64)> = rates
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.deliver))
        .collect();
    let top = rates
        .iter()
        .map(|p| p.publish.max(p.deliver))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.1;
    let stale = app.is_stale();
    let colour = |c: Color| if stale { GREY } else { c };
    let datasets = vec![
        Dataset::default()
            .name("in/s")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(colour(Color::LightCyan)))
            .data(&publish),
        Dataset::default()
            .name("out/s")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(colour(Color::LightMagenta)))
            .data(&deliver),
    ];
    let points = rates.len().max(2) as f64 - 1.0;
    Chart::new(datasets)
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Ratio(1, 2), Constraint::Ratio(1, 1)))
        .x_axis(
            Axis::default()
                .bounds([0.0, points])
                .style(Style::new().fg(GREY)),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels([Span::raw("0"), Span::raw(rate(top))])
                .style(Style::new().fg(GREY)),
        )
        .render(area, buf);
}
