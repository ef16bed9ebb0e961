//! The sidebar: one row per conversation, the current one highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::user::{Conversation, UserApp};
use crate::domain::ConversationId;
use crate::ui::widgets::colour::HIGHLIGHT;
use crate::ui::widgets::wrap::{columns, truncate};

/// The sidebar's frame: a border on its right.
fn block() -> Block<'static> {
    Block::new()
        .borders(Borders::RIGHT)
        .border_style(Style::new().fg(Color::DarkGray))
}

/// Where the rows go in a sidebar drawn in `area` (inside its border).
pub(super) fn inner(area: Rect) -> Rect {
    block().inner(area)
}

/// The conversation on the sidebar's first row when it has `height` rows: the list
/// scrolls so that the current conversation stays in view.
pub(super) fn first_shown(app: &UserApp, height: u16) -> usize {
    (app.current + 1).saturating_sub(usize::from(height))
}

/// Draws the sidebar (its right border included) in `area`.
pub(super) fn render(app: &UserApp, area: Rect, buf: &mut Buffer) {
    let block = block();
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let height = usize::from(inner.height);
    let first = first_shown(app, inner.height);
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
    // Highlights are counted apart, in their colour: `3 1!`; when every unread message
    // is one (a direct message), only `2!`.
    let count = if conversation.unread > conversation.highlights {
        format!(" {} ", conversation.unread)
    } else {
        " ".to_string()
    };
    let highlights = match conversation.highlights {
        0 => String::new(),
        n => format!("{n}! "),
    };
    let used: usize = spans.iter().map(|s| columns(&s.content)).sum();
    let room = width.saturating_sub(used + columns(&count) + columns(&highlights));
    let name = truncate(&name, room).into_owned();
    let gap = room.saturating_sub(columns(&name));
    spans.push(Span::raw(name));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(
        count,
        Style::new().add_modifier(Modifier::BOLD),
    ));
    if !highlights.is_empty() {
        spans.push(Span::styled(
            highlights,
            Style::new().fg(HIGHLIGHT).add_modifier(Modifier::BOLD),
        ));
    }
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
