//! The input box: a top border titled with where the text goes, and the editor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Borders, Widget};
use ratatui_textarea::TextArea;

use crate::app::user::UserApp;
use crate::domain::ConversationId;

/// Draws the box and the editor inside it.
pub(super) fn render(app: &UserApp, input: &TextArea<'_>, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let title = match (&app.current_conversation().id, app.typing_text()) {
        (ConversationId::Status, _) => " status ".to_string(),
        (id, None) => format!(" to {id} "),
        (id, Some(typing)) => format!(" to {id} · {typing} "),
    };
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(Style::new().fg(Color::DarkGray))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    if !inner.is_empty() {
        input.render(inner, buf);
    }
}
