//! The two bottom rows: the keys that work now, and the status bar saying whether the
//! data is current and how fresh it is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::admin::{AdminApp, Link, Overlay, Pane, PasswordPurpose, PasswordStep};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::status_line::{Segment, fit_segments};
use crate::ui::widgets::wrap::truncate;

use super::format::age;

/// The key hints for what has the focus.
pub(super) fn hints(app: &AdminApp) -> &'static str {
    if app.shown_password().is_some() {
        return "copy the password now: it is not shown again · Enter or Esc close";
    }
    match app.overlay() {
        Some(Overlay::Help) => "Esc or ? close the help · q closes too",
        Some(Overlay::Form(_)) => "type · Enter ok · Backspace erase · Esc cancel",
        Some(Overlay::Password(form)) => match (&form.step, form.purpose) {
            (PasswordStep::Choose, PasswordPurpose::NewAccount) => {
                "Enter generated password · t type one · o no account · Esc cancel"
            }
            (PasswordStep::Choose, PasswordPurpose::Reset) => {
                "Enter generated password · t type one · Esc cancel"
            }
            _ => "type (shown as •) · Enter ok · Backspace erase · Esc cancel",
        },
        Some(Overlay::Confirm(_)) => "y yes · any other key no",
        Some(Overlay::Details(_)) => "↑↓ PgUp PgDn scroll · Esc close",
        None if app.filter_focused() => "type to filter · Enter keep · Esc clear · ↑↓ move",
        None => match app.pane() {
            Pane::Queues => {
                "n new · d delete · p purge · / filter · s sort · r refresh · Enter details · ? help · q quit"
            }
            Pane::Topics => {
                "n new · d delete · m announce · / filter · s sort · r refresh · Enter details · ? help · q quit"
            }
            Pane::Users => {
                "n new · P password · b ban/unban · d delete · m announce · / filter · s sort · Enter details · ? help · q quit"
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

/// The status bar's parts, in display order: connection, freshness, where counts come
/// from, actions under way (a disconnection's reason is added after them).
pub(super) fn status_segments(app: &AdminApp) -> Vec<Segment> {
    let mut segments = Vec::new();
    let data_age = app.data_age().map(age);
    match app.link() {
        Link::Connecting => segments.push((
            9,
            Span::styled(
                format!("connecting to {}…", sanitize(&app.info().api_url)),
                Style::new().fg(Color::LightYellow),
            ),
        )),
        Link::Connected => segments.push((
            9,
            Span::styled("● connected", Style::new().fg(Color::LightGreen)),
        )),
        Link::Disconnected { .. } => {
            segments.push((
                9,
                Span::styled(
                    "✗ disconnected, retrying",
                    Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
                ),
            ));
            if let Some(age) = &data_age {
                segments.push((8, Span::raw(format!("data from {age} ago"))));
            }
        }
    }
    if !app.is_stale()
        && let Some(data_age) = data_age
    {
        let live = app.snapshot().live_queues;
        segments.push((8, Span::raw(format!("updated {data_age} ago"))));
        segments.push((6, Span::raw(format!("{live} counts live"))));
        segments.push((3, Span::raw("others and rates ~5 s (broker stats)")));
        let refresh = app.info().refresh.as_secs_f64();
        segments.push((2, Span::raw(format!("refresh {refresh:.1} s"))));
    }
    if !app.in_flight().is_empty() {
        segments.push((
            7,
            Span::styled(
                format!("{} running", app.in_flight().len()),
                Style::new().fg(Color::LightYellow),
            ),
        ));
    }
    segments
}

/// Draws the status bar.
pub(super) fn render_status(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let base = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, base);
    let mut spans = fit_segments(status_segments(app), usize::from(area.width), " · ");
    // The reason comes last and is cut at the edge rather than left out.
    if let Link::Disconnected { error, .. } = app.link() {
        spans.push(Span::raw(format!(" · {}", sanitize(error))));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
