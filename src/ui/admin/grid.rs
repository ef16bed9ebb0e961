//! Drawing one pane's table: a header row, then only the rows of the visible window,
//! the selected one highlighted, numbers right-aligned, everything greyed when stale.
//! Columns that do not fit whole are left out, so a number is never cut short.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::app::admin::{Sort, SortColumn, Table};
use crate::ui::widgets::wrap::{columns, truncate};

/// Colour of stale data and of quiet text.
pub const GREY: Color = Color::DarkGray;

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header text.
    pub title: &'static str,
    /// Width in columns; 0 shares what is left with the other 0-width columns.
    pub width: u16,
    /// Right-aligned (numbers).
    pub right: bool,
    /// The sort column it shows, if sortable (the header then shows the direction).
    pub sort: Option<SortColumn>,
}

impl Column {
    /// A left-aligned text column.
    pub const fn text(title: &'static str, width: u16, sort: Option<SortColumn>) -> Self {
        Self {
            title,
            width,
            right: false,
            sort,
        }
    }

    /// A right-aligned number column.
    pub const fn number(title: &'static str, width: u16, sort: Option<SortColumn>) -> Self {
        Self {
            title,
            width,
            right: true,
            sort,
        }
    }
}

/// One cell: its text (already sanitised) and style.
pub type Cell = (String, Style);

/// Smallest width of a shared (0-width) column: columns on the right are left out
/// before the shared ones get narrower than this.
const MIN_FILL: u16 = 20;

/// The x offset and width of each column that fits in `width`, in order (`None` for
/// columns left out). Columns are dropped from the right until the shared columns get
/// [`MIN_FILL`] each; if even the first column cannot have that, it gets what there is.
fn layout(cols: &[Column], width: u16) -> Vec<Option<(u16, u16)>> {
    let mut kept = cols.len();
    let fill = loop {
        let used = &cols[..kept];
        let fills = used.iter().filter(|c| c.width == 0).count() as u16;
        let fixed = used
            .iter()
            .map(|c| c.width)
            .fold(0u16, u16::saturating_add)
            .saturating_add(kept.saturating_sub(1) as u16);
        let fill = width.saturating_sub(fixed).checked_div(fills).unwrap_or(0);
        let fits = fixed <= width && (fills == 0 || fill >= MIN_FILL);
        if fits || kept <= 1 {
            break fill;
        }
        kept -= 1;
    };
    let mut x: u16 = 0;
    cols.iter()
        .enumerate()
        .map(|(i, c)| {
            let w = if c.width == 0 { fill } else { c.width };
            if i >= kept || w == 0 || x.saturating_add(w) > width {
                return None;
            }
            let at = x;
            x = x.saturating_add(w).saturating_add(1);
            Some((at, w))
        })
        .collect()
}

/// Draws the header and the visible rows of `table` in `area`. `cells(index)` gives
/// the cells of the snapshot row `index`; it is called only for visible rows.
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    cols: &[Column],
    table: &Table,
    stale: bool,
    cells: impl Fn(usize) -> Vec<Cell>,
) {
    if area.is_empty() {
        return;
    }
    let spots = layout(cols, area.width);
    let sort = table.sort();
    let header_style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
    for (col, spot) in cols.iter().zip(&spots) {
        if let Some((x, w)) = *spot {
            let title = header_title(col, sort);
            put(buf, area, (x, w), 0, &title, col.right, header_style);
        }
    }
    let rows = usize::from(area.height.saturating_sub(1));
    let window = table.window(rows);
    let selected = table.selected_position();
    for (line, position) in window.enumerate() {
        let y = line as u16 + 1;
        let Some(&index) = table.order().get(position) else {
            break;
        };
        let row_area = Rect::new(area.x, area.y + y, area.width, 1);
        let is_selected = position == selected;
        if is_selected {
            let bg = if stale { GREY } else { Color::Blue };
            buf.set_style(row_area, Style::new().bg(bg).fg(Color::White));
        }
        for ((col, spot), (text, style)) in cols.iter().zip(&spots).zip(cells(index)) {
            if let Some(spot) = *spot {
                let style = if stale {
                    style.fg(if is_selected { Color::Gray } else { GREY })
                } else {
                    style
                };
                put(buf, area, spot, y, &text, col.right, style);
            }
        }
    }
}

/// The header of a column, with an arrow when the table is sorted by it.
fn header_title(col: &Column, sort: Sort) -> String {
    match col.sort {
        Some(column) if column == sort.column => {
            let arrow = if sort.descending { '↓' } else { '↑' };
            format!("{}{arrow}", col.title)
        }
        _ => col.title.to_owned(),
    }
}

/// Writes `text` in one cell, cut to its width, aligned.
fn put(
    buf: &mut Buffer,
    area: Rect,
    (x, w): (u16, u16),
    y: u16,
    text: &str,
    right: bool,
    style: Style,
) {
    let text = truncate(text, usize::from(w));
    let used = columns(&text) as u16;
    let x = if right { x + w.saturating_sub(used) } else { x };
    buf.set_stringn(area.x + x, area.y + y, &text, usize::from(w), style);
}

#[cfg(test)]
#[path = "grid_tests.rs"]
mod tests;
