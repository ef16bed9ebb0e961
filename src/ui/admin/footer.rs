//! The two bottom rows: the keys that work now, and the status bar saying whether the
//! data is current and how fresh it is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::admin::{AdminApp, Link, Overlay, Pane};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::truncate;

use super::format::age;

/// The key hints for what has the focus.
pub(super) fn hints(app: &AdminApp) -> &'static str {
    match app.overlay() {
        Some(Overlay::Help) => "Esc or ? close the help · q closes too",
        Some(Overlay::Form(_)) => "type · Enter ok · Backspace erase · Esc cancel",
        Some(Overlay::Confirm(_)) => "y yes · any other key no",
        Some(Overlay::Details(_)) => "↑↓ PgUp PgDn scroll · Esc close",
        None if app.filter_focused() => "type to filter · Enter keep · Esc clear · ↑↓ move",
        None => match app.pane() {
            Pane::Queues => {
                "n new · d delete · p purge · / filter · s sort · r refresh · Enter details · ? help · q quit"
            }
            Pane::Topics | Pane::Users => {
                "n new · d delete · m announce · / filter · s sort · r refresh · Enter details · ? help · q quit"
            }
            Pane::Broker => {
                "d close connection · / filter · s sort · r refresh · Enter details · ? help · q quit"
            }
        },
    }
}

/// Draws the key hints.
pub(super) fn render_hints(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let text = truncate(hints(app), usize::from(area.width.saturating_sub(1)));
    buf.set_string(area.x + 1, area.y, text, Style::new().fg(Color::Gray));
}

/// The status bar's text: connection, freshness, where counts come from.
pub(super) fn status_spans(app: &AdminApp) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let data_age = app.data_age().map(age);
    match app.link() {
        Link::Connecting => spans.push(Span::styled(
            format!("connecting to {}…", sanitize(&app.info().api_url)),
            Style::new().fg(Color::LightYellow),
        )),
        Link::Connected => spans.push(Span::styled(
            "● connected",
            Style::new().fg(Color::LightGreen),
        )),
        Link::Disconnected { error, .. } => {
            spans.push(Span::styled(
                "✗ disconnected, retrying",
                Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
            ));
            let shown = match &data_age {
                Some(age) => format!(" · showing data from {age} ago · {}", sanitize(error)),
                None => format!(" · {}", sanitize(error)),
            };
            spans.push(Span::raw(shown));
            return spans;
        }
    }
    if let Some(data_age) = data_age {
        let snapshot = app.snapshot();
        let refresh = app.info().refresh.as_secs_f64();
        spans.push(Span::raw(format!(
            " · updated {data_age} ago · every {refresh:.1} s · {} counts live over AMQP · other counts and rates from broker stats (~5 s)",
            snapshot.live_queues
        )));
    }
    if !app.in_flight().is_empty() {
        spans.push(Span::styled(
            format!(" · {} running", app.in_flight().len()),
            Style::new().fg(Color::LightYellow),
        ));
    }
    spans
}

/// Draws the status bar.
pub(super) fn render_status(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let base = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, base);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(status_spans(app));
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
