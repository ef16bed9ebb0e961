//! The top row: the tabs, the current one highlighted, and where the console points.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::admin::{AdminApp, Pane};
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::{columns, truncate};

/// Draws the tabs on the left and the API URL and vhost on the right, if they fit.
pub(super) fn render(app: &AdminApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let mut spans = vec![Span::styled(
        " chat-tui admin ",
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    )];
    for (i, pane) in Pane::ALL.iter().enumerate() {
        let text = format!(" {} {} ", i + 1, pane.title());
        let style = if *pane == app.pane() {
            Style::new()
                .bg(Color::Cyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(text, style));
    }
    let tabs = Line::from(spans);
    let used = tabs.width();
    buf.set_line(area.x, area.y, &tabs, area.width);
    let info = app.info();
    let label = format!(
        "{} · vhost {} ",
        sanitize(&info.api_url),
        sanitize(&info.vhost)
    );
    let room = usize::from(area.width).saturating_sub(used + 2);
    if room >= 12 {
        let label = truncate(&label, room);
        let x = area.x + area.width - columns(&label) as u16;
        buf.set_string(x, area.y, label, Style::new().fg(Color::Gray));
    }
}
