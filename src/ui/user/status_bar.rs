//! The status bar: who, where, the connection, the conversation, unread count, help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};

use crate::app::user::{ConnectionState, UserApp};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::columns;

/// The separator between segments.
const SEPARATOR: &str = " │ ";

/// Draws the bar. Segments that do not fit are dropped, least important first, so the
/// connection state and the conversation stay visible on narrow terminals.
pub(super) fn render(app: &UserApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let base = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, base);
    let row = Row::from(fit(segments(app), usize::from(area.width))).style(base);
    buf.set_line(area.x, area.y, &row, area.width);
}

/// One segment: how important it is (higher stays longer) and its text.
type Segment = (u8, Span<'static>);

/// Every segment, in display order.
fn segments(app: &UserApp) -> Vec<Segment> {
    let connection = match &app.connection {
        ConnectionState::Connecting => {
            Span::styled("connecting…", Style::new().fg(Color::LightYellow))
        }
        ConnectionState::Connected => {
            Span::styled("● connected", Style::new().fg(Color::LightGreen))
        }
        ConnectionState::Disconnected(reason) => Span::styled(
            format!("✗ disconnected: {}", sanitize(reason)),
            Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
        ),
    };
    let mut segments = vec![
        (4, Span::raw(app.me.to_string())),
        (1, Span::raw(sanitize(&app.broker_label).into_owned())),
        (6, connection),
        (
            5,
            Span::styled(
                app.current_conversation().id.to_string(),
                Style::new().add_modifier(Modifier::BOLD),
            ),
        ),
    ];
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

/// Drops the least important segments until the rest fit in `width`, then joins them.
fn fit(mut segments: Vec<Segment>, width: usize) -> Vec<Span<'static>> {
    let total = |segments: &[Segment]| {
        1 + segments
            .iter()
            .map(|(_, span)| columns(&span.content))
            .sum::<usize>()
            + columns(SEPARATOR) * segments.len().saturating_sub(1)
    };
    while segments.len() > 1 && total(&segments) > width {
        let least = segments
            .iter()
            .enumerate()
            .min_by_key(|(_, (rank, _))| *rank)
            .map(|(index, _)| index);
        if let Some(index) = least {
            segments.remove(index);
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (_, span)) in segments.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(SEPARATOR));
        }
        spans.push(span);
    }
    spans
}
