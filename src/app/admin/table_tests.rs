use std::cmp::Ordering;

use super::*;
use crate::app::admin::pane::{Pane, SortColumn};

fn built(names: &[&str], values: &[u64], sort: Sort, filter: &str, keep: Option<&str>) -> Table {
    let mut table = Table {
        sort,
        filter: filter.to_owned(),
        ..Table::default()
    };
    table.rebuild(names, |a, b| values[a].cmp(&values[b]), keep, 3);
    table
}

#[test]
fn rows_are_filtered_then_sorted() {
    let names = ["b", "a", "ab", "c"];
    let values = [3, 1, 2, 9];
    let table = built(&names, &values, Sort::BY_NAME, "", None);
    assert_eq!(table.order(), [1, 2, 0, 3]);
    let by_value = Sort::BY_NAME.cycled(Pane::Queues);
    assert_eq!(by_value.column, SortColumn::Ready);
    let table = built(&names, &values, by_value, "A", None);
    assert_eq!(
        table.order(),
        [2, 1],
        "largest first, only names holding 'a'"
    );
    let table = built(&names, &values, by_value.reversed(), "", None);
    assert_eq!(table.order(), [1, 2, 0, 3]);
}

#[test]
fn keep_finds_the_row_again_or_the_position_is_clamped() {
    let names = ["a", "b", "c", "d"];
    let mut table = built(&names, &[0; 4], Sort::BY_NAME, "", Some("c"));
    assert_eq!(table.selected(), Some(2));
    table.rebuild(&names[..2], |_, _| Ordering::Equal, Some("c"), 3);
    assert_eq!(table.selected(), Some(1));
    table.rebuild(&[], |_, _| Ordering::Equal, Some("c"), 3);
    assert_eq!((table.selected(), table.len()), (None, 0));
    assert!(table.is_empty());
}

#[test]
fn the_window_keeps_the_selection_visible() {
    let names: Vec<String> = (0..10).map(|i| format!("q{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut table = built(&refs, &[0; 10], Sort::BY_NAME, "", None);
    assert_eq!(table.window(3), 0..3);
    table.move_by(4, 3);
    assert_eq!((table.offset(), table.window(3)), (2, 2..5));
    assert_eq!(table.window(8), 2..10, "a taller view starts at the offset");
    assert_eq!(table.window(20), 0..10, "and never leaves rows empty below");
    assert_eq!(table.window(1), 4..5);
    assert_eq!(table.window(0), 0..0);
    table.move_by(-100, 3);
    assert_eq!((table.selected_position(), table.offset()), (0, 0));
    table.last(3);
    assert_eq!((table.selected_position(), table.offset()), (9, 7));
    table.first(3);
    assert_eq!(table.window(3), 0..3);
}
