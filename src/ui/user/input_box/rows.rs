//! How tall the input box's text is: its lines wrapped at the box's width the way the
//! editor wraps them (at any character, `WrapMode::Glyph`), so that the layout can give
//! the box the rows it needs.

use crate::ui::widgets::wrap::char_columns;

use super::InputBox;

/// The most rows of text the input box grows to; more scroll inside it.
pub const MAX_TEXT_ROWS: u16 = 6;

impl InputBox {
    /// The rows the text takes at `width` columns (at least 1, an empty box included).
    pub fn text_rows(&self, width: u16) -> usize {
        let width = usize::from(width).max(1);
        self.textarea
            .lines()
            .iter()
            .map(|line| line_rows(line, width))
            .sum::<usize>()
            .max(1)
    }
}

/// The rows one line takes when wrapped at any character: a character that does not fit
/// in what is left of a row starts the next one.
fn line_rows(line: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut used = 0;
    let mut previous = 0;
    for c in line.chars() {
        let columns = char_columns(c, previous);
        previous = columns;
        if used + columns > width && used > 0 {
            rows += 1;
            used = 0;
        }
        used += columns;
    }
    rows
}
