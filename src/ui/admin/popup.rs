//! The small popups: a one-line form (with its refusal, if any) and a y/N question.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::admin::{Confirm, Form};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::{open_popup, put_lines};
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::{char_columns, columns, wrap};

/// The widest a popup gets.
const MAX_WIDTH: u16 = 72;

/// Clears a popup of `rows` inside lines in the middle of `area`, draws its frame and
/// returns the inside (one column of padding each side).
pub(super) fn frame(
    area: Rect,
    rows: usize,
    title: String,
    colour: Color,
    buf: &mut Buffer,
) -> Rect {
    let height = (rows as u16).saturating_add(2);
    let popup = centred(area, MAX_WIDTH, height);
    let block = Block::bordered()
        .border_style(Style::new().fg(colour))
        .title(Span::styled(
            title,
            Style::new().add_modifier(Modifier::BOLD),
        ));
    open_popup(popup, block, buf)
}

/// The inside width a popup over `area` gets.
pub(super) fn inner_width(area: Rect) -> usize {
    usize::from(MAX_WIDTH.min(area.width).saturating_sub(4))
}

/// The end of `text` that fits in `width` columns (what was typed last stays visible).
pub(super) fn tail(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += char_columns(c, 0);
        if used > width {
            break;
        }
        start = i;
    }
    &text[start..]
}

/// Draws a form: the label and input with a cursor, the refusal in red, the keys.
pub(super) fn render_form(form: &Form, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let label = format!("{}: ", form.kind.label());
    let input = sanitize(&form.input);
    let room = width.saturating_sub(columns(&label) + 1);
    let mut lines = vec![Line::from(vec![
        Span::styled(label, Style::new().fg(Color::Cyan)),
        Span::raw(tail(&input, room).to_owned()),
        Span::styled("▏", Style::new().fg(Color::LightYellow)),
    ])];
    if let Some(error) = &form.error {
        let error = sanitize(error);
        for row in wrap(&error, width) {
            lines.push(Line::from(Span::styled(
                row.to_owned(),
                Style::new().fg(ERROR),
            )));
        }
    }
    lines.push(Line::from(Span::styled(
        "Enter ok · Esc cancel",
        Style::new().fg(Color::Gray),
    )));
    let title = format!(" {} ", sanitize(&form.kind.title()));
    let colour = if form.error.is_some() {
        ERROR
    } else {
        Color::Cyan
    };
    let inner = frame(area, lines.len(), title, colour, buf);
    put_lines(&lines, inner, buf);
}

/// Draws a y/N question, wrapped.
pub(super) fn render_confirm(confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let question = sanitize(&confirm.question);
    let lines: Vec<Line<'_>> = wrap(&question, width)
        .into_iter()
        .map(|row| Line::from(Span::styled(row, Style::new().add_modifier(Modifier::BOLD))))
        .collect();
    let inner = frame(
        area,
        lines.len(),
        " confirm ".to_owned(),
        Color::LightYellow,
        buf,
    );
    put_lines(&lines, inner, buf);
}
