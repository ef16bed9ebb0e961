//! The details overlay: labelled fields, then a titled list (bindings, subscribers…),
//! scrolled with the arrows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::admin::DetailsView;
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::open_popup;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::wrap;

/// The widest the overlay gets.
const MAX_WIDTH: u16 = 90;

/// Draws the overlay over most of `area`.
pub(super) fn render(view: &DetailsView, area: Rect, buf: &mut Buffer) {
    let popup = centred(
        area,
        MAX_WIDTH.min(area.width.saturating_sub(4)),
        area.height.saturating_sub(4),
    );
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(
            format!(" {} ", sanitize(&view.target.to_string())),
            Style::new().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(" Esc close ");
    let inner = open_popup(popup, block, buf);
    if inner.is_empty() {
        return;
    }
    let width = usize::from(inner.width);
    let lines: Vec<Line<'static>> = match &view.result {
        None => vec![Line::from(Span::styled(
            "loading…",
            Style::new().fg(Color::Gray),
        ))],
        Some(Err(error)) => wrap(&sanitize(error), width)
            .into_iter()
            .map(|row| Line::from(Span::styled(row.to_owned(), Style::new().fg(ERROR))))
            .collect(),
        Some(Ok(details)) => {
            let label_width = details
                .fields
                .iter()
                .map(|(label, _)| label.chars().count())
                .max()
                .unwrap_or(0)
                + 2;
            let mut lines: Vec<Line<'static>> = details
                .fields
                .iter()
                .map(|(label, value)| {
                    Line::from(vec![
                        Span::styled(
                            format!("{:<label_width$}", sanitize(label)),
                            Style::new().fg(Color::Cyan),
                        ),
                        Span::raw(sanitize(value).into_owned()),
                    ])
                })
                .collect();
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!(
                    "{} ({})",
                    sanitize(&details.items_title),
                    details.items.len()
                ),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            )));
            if details.items.is_empty() {
                lines.push(Line::from(Span::styled(
                    "none",
                    Style::new().fg(Color::Gray),
                )));
            }
            let room = usize::from(inner.height).saturating_sub(lines.len());
            let start = view
                .scroll
                .min(details.items.len().saturating_sub(room.max(1)));
            if start > 0 {
                lines.push(Line::from(Span::styled(
                    format!("↑ {start} more"),
                    Style::new().fg(Color::Gray),
                )));
            }
            for item in details.items.iter().skip(start).take(room) {
                lines.push(Line::from(format!("  {}", sanitize(item))));
            }
            lines
        }
    };
    for (i, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
        buf.set_line(inner.x, inner.y + i as u16, line, inner.width);
    }
}
