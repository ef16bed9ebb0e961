//! Small layout helpers that never underflow, whatever the terminal size.

use ratatui::layout::Rect;

/// A `width` x `height` rectangle centred in `area`, shrunk to fit inside it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Splits `height` rows off the top of `area`: (the top part, what stays below).
/// The top part is shorter when the area is.
pub fn split_top(area: Rect, height: u16) -> (Rect, Rect) {
    let height = height.min(area.height);
    let top = Rect { height, ..area };
    let rest = Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    };
    (top, rest)
}

/// Splits `height` rows off the bottom of `area`: (what stays above, the bottom part).
/// The bottom part is shorter when the area is.
pub fn split_bottom(area: Rect, height: u16) -> (Rect, Rect) {
    let height = height.min(area.height);
    let top = Rect {
        height: area.height - height,
        ..area
    };
    let bottom = Rect {
        y: area.y + top.height,
        height,
        ..area
    };
    (top, bottom)
}

/// Splits `width` columns off the left of `area`: (the left part, what stays right).
pub fn split_left(area: Rect, width: u16) -> (Rect, Rect) {
    let width = width.min(area.width);
    let left = Rect { width, ..area };
    let right = Rect {
        x: area.x + width,
        width: area.width - width,
        ..area
    };
    (left, right)
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
