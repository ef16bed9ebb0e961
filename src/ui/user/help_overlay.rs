//! The F1 help: a centred popup listing every key and every command.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::Block;

use crate::ui::widgets::help::sections;
use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::{open_popup, put_lines};
use crate::ui::widgets::wrap::{columns, wrap};

/// The widest the popup gets.
const MAX_WIDTH: u16 = 78;

/// Below this many columns for descriptions, they go under what to type.
const MIN_DESCRIPTION: usize = 20;

/// Draws the popup over the middle of `area`, clearing what is under it. When the help
/// is taller than the popup can be, it shows the rows from `scroll` on (brought back
/// within range here) and its title says how to scroll.
pub(super) fn render(area: Rect, buf: &mut Buffer, scroll: &mut usize) {
    let inner_width = usize::from(MAX_WIDTH.min(area.width).saturating_sub(4));
    let rows = rows(inner_width);
    let height = (rows.len() as u16).saturating_add(2);
    let popup = centred(area, MAX_WIDTH, height);
    let fits = usize::from(popup.height.saturating_sub(2));
    *scroll = (*scroll).min(rows.len().saturating_sub(fits));
    let title = if fits >= rows.len() {
        " help · F1 closes ".to_owned()
    } else {
        let last = (*scroll + fits).min(rows.len());
        format!(" help {last}/{} · PgUp/PgDn · F1 closes ", rows.len())
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(title);
    let inner = open_popup(popup, block, buf);
    put_lines(&rows[*scroll..], inner, buf);
}

/// What a key does to the help's scroll position while it is open, if anything:
/// PgUp/PgDn by `page` rows, Up/Down by one, Home/End to either end.
pub fn scroll_help(key: KeyCode, scroll: &mut usize, page: usize) -> bool {
    match key {
        KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
        KeyCode::PageDown => *scroll = scroll.saturating_add(page),
        KeyCode::Up => *scroll = scroll.saturating_sub(1),
        KeyCode::Down => *scroll = scroll.saturating_add(1),
        KeyCode::Home => *scroll = 0,
        KeyCode::End => *scroll = usize::MAX,
        _ => return false,
    }
    true
}

/// The help laid out for `width` columns: a heading per section, then one entry per
/// key or command, descriptions wrapped in their own column.
fn rows(width: usize) -> Vec<Row<'static>> {
    let sections = sections();
    let key_width = sections
        .iter()
        .flat_map(|(_, entries)| entries.iter().map(|(key, _)| columns(key)))
        .max()
        .unwrap_or(0)
        + 2;
    let side_by_side = key_width + MIN_DESCRIPTION <= width;
    let heading = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let key_style = Style::new().fg(Color::Cyan);
    let mut rows = Vec::new();
    for (i, (title, entries)) in sections.iter().enumerate() {
        if i > 0 {
            rows.push(Row::default());
        }
        rows.push(Row::from(Span::styled(*title, heading)));
        for (key, what) in entries.iter() {
            if side_by_side {
                let pad = " ".repeat(key_width - columns(key));
                for (j, text) in wrap(what, width - key_width).into_iter().enumerate() {
                    let lead = if j == 0 {
                        vec![Span::styled(*key, key_style), Span::raw(pad.clone())]
                    } else {
                        vec![Span::raw(" ".repeat(key_width))]
                    };
                    rows.push(Row::from([lead, vec![Span::raw(text)]].concat()));
                }
            } else {
                rows.push(Row::from(Span::styled(*key, key_style)));
                for text in wrap(what, width.saturating_sub(2)) {
                    rows.push(Row::from(vec![Span::raw("  "), Span::raw(text)]));
                }
            }
        }
    }
    rows
}
