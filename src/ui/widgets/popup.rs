//! Popups drawn over a view: a cleared, framed box with one column of padding inside.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};

/// Clears `popup`, draws `block` around it and returns the inside, with one column of
/// padding each side (empty when the popup is too small to hold anything).
pub fn open_popup(popup: Rect, block: Block<'_>, buf: &mut Buffer) -> Rect {
    Clear.render(popup, buf);
    let inner = block.inner(popup);
    block.render(popup, buf);
    Rect {
        x: inner.x.saturating_add(1).min(inner.right()),
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// Draws `lines` from the top of `inner`, as many as fit, each cut at its width.
pub fn put_lines(lines: &[Line<'_>], inner: Rect, buf: &mut Buffer) {
    if inner.is_empty() {
        return;
    }
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
}
