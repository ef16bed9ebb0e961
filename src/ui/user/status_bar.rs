//! The status bar: who, where, the connection, the conversation, unread count, help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};

use crate::app::user::{ConnectionState, UserApp};
use crate::domain::Trust;
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::status_line::{Segment, fit_segments};

/// The separator between segments.
const SEPARATOR: &str = " │ ";

/// Below this width the bar is compact: the connection is only its symbol and the
/// conversation's name comes first (the sidebar is hidden, so the bar is the only place
/// that names it).
const COMPACT_WIDTH: u16 = 40;

/// Draws the bar. Segments that do not fit are dropped, least important first, so the
/// connection state and the conversation stay visible on narrow terminals.
pub(super) fn render(app: &UserApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let base = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, base);
    let row = Row::from(fit_segments(
        segments(app, area.width < COMPACT_WIDTH),
        usize::from(area.width),
        SEPARATOR,
    ))
    .style(base);
    buf.set_line(area.x, area.y, &row, area.width);
}

/// Every segment, in display order; `compact`: the connection as a symbol only.
fn segments(app: &UserApp, compact: bool) -> Vec<Segment> {
    let mut connection = match &app.connection {
        ConnectionState::Connecting => {
            Span::styled("connecting…", Style::new().fg(Color::LightYellow))
        }
        ConnectionState::Connected => match &app.blocked {
            Some(reason) => Span::styled(
                format!(
                    "⏸ {} — your messages are kept",
                    crate::app::user::blocked_text(reason)
                ),
                Style::new()
                    .fg(Color::LightYellow)
                    .add_modifier(Modifier::BOLD),
            ),
            None => Span::styled("● connected", Style::new().fg(Color::LightGreen)),
        },
        ConnectionState::Reconnecting { retry_in_secs, .. } => Span::styled(
            match retry_in_secs {
                0 => "⟳ reconnecting…".to_owned(),
                secs => format!("⟳ reconnecting in {secs}s"),
            },
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
        ),
        ConnectionState::Disconnected(reason) => Span::styled(
            format!("✗ disconnected: {}", sanitize(reason)),
            Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
        ),
    };
    if compact {
        connection.content = compact_state(app).into();
    }
    let mut segments = vec![
        (4, Span::raw(app.me.to_string())),
        (1, Span::raw(sanitize(&app.broker_label).into_owned())),
        (6, connection),
        (
            if compact { 7 } else { 5 },
            Span::styled(
                app.current_conversation().id.to_string(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
        ),
    ];
    if app.trust == Trust::Open {
        segments.insert(
            3,
            (
                5,
                Span::styled(
                    "open mode: names not verified",
                    Style::new().fg(Color::LightYellow),
                ),
            ),
        );
    }
    if app.receiving_paused {
        segments.insert(
            3,
            (
                6,
                Span::styled(
                    "⏸ receiving paused: cannot store",
                    Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
                ),
            ),
        );
    }
    let unread = app.total_unread();
    if unread > 0 {
        segments.push((
            3,
            Span::styled(
                format!("{unread} unread"),
                Style::new().add_modifier(Modifier::BOLD),
            ),
        ));
    }
    segments.push((2, Span::raw("F1 help")));
    segments
}

/// The connection state as its symbol and any countdown: `●` for connected, `⟳ 4s`
/// for reconnecting in 4 s.
fn compact_state(app: &UserApp) -> String {
    match &app.connection {
        ConnectionState::Connecting => "…".to_owned(),
        ConnectionState::Connected if app.blocked.is_some() => "⏸".to_owned(),
        ConnectionState::Connected => "●".to_owned(),
        ConnectionState::Reconnecting {
            retry_in_secs: 0, ..
        } => "⟳".to_owned(),
        ConnectionState::Reconnecting { retry_in_secs, .. } => format!("⟳ {retry_in_secs}s"),
        ConnectionState::Disconnected(_) => "✗".to_owned(),
    }
}
