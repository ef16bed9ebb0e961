//! The sidebar: one row per conversation, the current one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::user::{Conversation, UserApp};
use crate::domain::ConversationId;
use crate::ui::widgets::wrap::{columns, truncate};

/// Draws the sidebar (its right border included) in `area`.
pub(super) fn render(app: &UserApp, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_style(Style::new().fg(Color::DarkGray));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let height = usize::from(inner.height);
    // Keep the current conversation in view.
    let first = (app.current + 1).saturating_sub(height);
    for (row, (index, conversation)) in app
        .conversations
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .enumerate()
    {
        let line = entry(app, conversation, index == app.current, inner.width);
        buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
    }
}

/// One conversation's row, exactly `width` columns wide.
fn entry(app: &UserApp, conversation: &Conversation, current: bool, width: u16) -> Row<'static> {
    let width = usize::from(width);
    let mut spans = vec![Span::raw(" ")];
    let name = match &conversation.id {
        ConversationId::Status => "status".to_string(),
        ConversationId::Direct(user) => {
            let (dot, colour) = if app.is_online(user) && app.away_reason(user).is_some() {
                ("◌ ", Color::Yellow)
            } else if app.is_online(user) {
                ("● ", Color::Green)
            } else {
                ("○ ", Color::DarkGray)
            };
            spans.push(Span::styled(dot, Style::new().fg(colour)));
            user.to_string()
        }
        ConversationId::Topic(topic) => format!("#{topic}"),
    };
    let count = if conversation.unread > 0 {
        format!(" {} ", conversation.unread)
    } else {
        " ".to_string()
    };
    let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let room = width.saturating_sub(used + columns(&count));
    let name = truncate(&name, room).into_owned();
    let gap = room.saturating_sub(columns(&name));
    spans.push(Span::raw(name));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(
        count,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    let style = if current {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    Row::from(spans).style(style)
}

#[cfg(test)]
#[path = "sidebar_tests.rs"]
mod tests;
