//! The input box: a top border titled with where the text goes (or, while Tab cycles,
//! with the candidates, the current one highlighted), and the editor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::input_box::InputBox;
use crate::app::user::completion::Cycle;
use crate::ui::widgets::wrap::columns;

use crate::app::user::UserApp;
use crate::domain::ConversationId;

/// Draws the box and the editor inside it; returns where the cursor is on screen, if
/// it is inside the box.
pub(super) fn render(
    app: &UserApp,
    input: &InputBox,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    let title = if let Some(lines) = input.held_paste_lines() {
        Row::from(Span::styled(
            format!(" paste {lines} lines? Enter: yes  Esc: no "),
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ))
    } else if let Some(prompt) = input.search_prompt() {
        Row::from(Span::styled(
            format!(" {prompt} "),
            Style::new().fg(Color::Cyan),
        ))
    } else if let Some(cycle) = input.completion() {
        candidates_title(cycle, usize::from(area.width))
    } else {
        Row::from(match (&app.current_conversation().id, app.typing_text()) {
            (ConversationId::Status, _) => " status ".to_string(),
            (id, None) => format!(" to {id} "),
            (id, Some(typing)) => format!(" to {id} · {typing} "),
        })
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(Style::new().fg(Color::DarkGray))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return None;
    }
    input.textarea.render(inner, buf);
    // Both are as the editor laid the text out just now.
    let cursor = input.textarea.screen_cursor();
    let (top, left) = input.textarea.scroll_offset();
    let row = u16::try_from(cursor.row.checked_sub(usize::from(top))?).ok()?;
    let col = u16::try_from(cursor.col.checked_sub(usize::from(left))?).ok()?;
    (row < inner.height && col < inner.width).then(|| Position::new(inner.x + col, inner.y + row))
}

/// The candidates of a completion as a border title, the current one reversed; when
/// they do not all fit in `width` columns, the list starts late enough to show it.
fn candidates_title(cycle: &Cycle, width: usize) -> Row<'static> {
    let names: Vec<&str> = cycle
        .candidates()
        .iter()
        .map(|c| c.trim_end_matches([' ', ':']))
        .collect();
    let current = cycle.position();
    let fits = |from: usize| {
        let used: usize = names[from..=current]
            .iter()
            .map(|name| columns(name) + 2)
            .sum();
        used < width
    };
    let first = (0..=current).find(|&from| fits(from)).unwrap_or(current);
    let mut spans = vec![Span::raw(if first > 0 { "…" } else { " " })];
    for (i, name) in names.iter().enumerate().skip(first) {
        let style = if i == current {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(name.to_string(), style));
        spans.push(Span::raw("  "));
    }
    Row::from(spans)
}
