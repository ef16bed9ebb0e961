//! One pane's table: which rows pass the filter, in which order, which one is selected
//! and where the visible window starts. Rows are indices into the snapshot's list, kept
//! sorted and filtered between changes, so drawing 10,000 queues costs only the window.

use std::cmp::Ordering;
use std::ops::Range;

use super::pane::{Sort, SortColumn};

/// The filtered, sorted view of one list of rows, with a selection and a scroll offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Indices into the snapshot's rows, filtered and sorted.
    order: Vec<usize>,
    /// Position in `order` of the selected row.
    selected: usize,
    /// Position in `order` of the first visible row.
    offset: usize,
    /// How the rows are sorted.
    pub(super) sort: Sort,
    /// Rows whose name holds this text (any case) are shown; empty shows all.
    pub(super) filter: String,
}

impl Default for Table {
    fn default() -> Self {
        Self {
            order: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort::BY_NAME,
            filter: String::new(),
        }
    }
}

impl Table {
    /// Recomputes the rows from `names` (the snapshot's rows, in its order): keeps the
    /// ones matching the filter, sorts them by name or with `compare` (ties by name, A to Z), and keeps the
    /// row named `keep` selected if it is still there, else the same position.
    pub(super) fn rebuild(
        &mut self,
        names: &[&str],
        compare: impl Fn(usize, usize) -> Ordering,
        keep: Option<&str>,
        visible_rows: usize,
    ) {
        let needle = self.filter.to_lowercase();
        self.order.clear();
        self.order.extend(
            names
                .iter()
                .enumerate()
                .filter(|(_, name)| needle.is_empty() || name.to_lowercase().contains(&needle))
                .map(|(i, _)| i),
        );
        let Sort { column, descending } = self.sort;
        self.order.sort_by(|&a, &b| {
            let primary = if column == SortColumn::Name {
                names[a].cmp(names[b])
            } else {
                compare(a, b)
            };
            let primary = if descending {
                primary.reverse()
            } else {
                primary
            };
            primary.then_with(|| names[a].cmp(names[b]))
        });
        if let Some(name) = keep
            && let Some(at) = self.order.iter().position(|&i| names[i] == name)
        {
            self.selected = at;
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
        self.scroll_into_view(visible_rows);
    }

    /// The rows shown, as indices into the snapshot's list, in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// How many rows pass the filter.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether no row passes the filter.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Position (in display order) of the selected row; 0 when the table is empty.
    pub fn selected_position(&self) -> usize {
        self.selected
    }

    /// The selected row, as an index into the snapshot's list.
    pub fn selected(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    /// The position of the first visible row.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How the rows are sorted.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The name filter (empty: none).
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The positions (in display order) of the rows a table `rows` high shows: starting
    /// at the scroll offset, moved only as far as needed to keep the selection in view.
    pub fn window(&self, rows: usize) -> Range<usize> {
        let len = self.order.len();
        if rows == 0 || len == 0 {
            return 0..0;
        }
        let mut start = self.offset.min(len.saturating_sub(rows));
        if self.selected < start {
            start = self.selected;
        } else if self.selected >= start + rows {
            start = self.selected + 1 - rows;
        }
        start..(start + rows).min(len)
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub(super) fn move_by(&mut self, delta: isize, visible_rows: usize) {
        let last = self.order.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(visible_rows);
    }

    /// Selects the first row.
    pub(super) fn first(&mut self, visible_rows: usize) {
        self.selected = 0;
        self.scroll_into_view(visible_rows);
    }

    /// Selects the last row.
    pub(super) fn last(&mut self, visible_rows: usize) {
        self.selected = self.order.len().saturating_sub(1);
        self.scroll_into_view(visible_rows);
    }

    /// Moves the scroll offset just enough that the selected row is among the
    /// `visible_rows` shown, and never past the end.
    pub(super) fn scroll_into_view(&mut self, visible_rows: usize) {
        let rows = visible_rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.order.len().saturating_sub(rows));
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
