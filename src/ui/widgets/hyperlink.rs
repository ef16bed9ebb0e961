//! OSC 8 hyperlinks written into buffer cells.
//!
//! ratatui writes each cell's symbol as it is, and lays out by cell positions, not by
//! what a symbol's text measures: a link is opened in the symbol of its first cell and
//! closed in that of its last, and both cells are marked to count as one column
//! ([`CellDiffOption::ForcedWidth`]), so the escape's characters never shift anything.
//! The terminal then shows the same characters, clickable. Only a URL of printable
//! ASCII is written (see `find_links`), so nothing in it can end the sequence early.

use std::borrow::Cow;
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};

/// Closes a hyperlink (`ESC ] 8 ; ; ESC \`).
pub const CLOSE: &str = "\x1b]8;;\x1b\\";

/// Opens a hyperlink to `url` (`ESC ] 8 ; ; url ESC \`).
pub fn open(url: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\")
}

/// Makes the `columns` one-column cells from `(x, y)` one link to `url`: the first
/// cell's symbol opens it and the last one's closes it. A `url` that is not printable
/// ASCII, or cells out of the buffer, are left alone.
pub fn link_cells(buf: &mut Buffer, x: u16, y: u16, columns: u16, url: &str) {
    let safe = !url.is_empty() && url.bytes().all(|b| b.is_ascii_graphic());
    let Some(last_x) = x.checked_add(columns.saturating_sub(1)) else {
        return;
    };
    if !safe || columns == 0 || buf.cell((x, y)).is_none() || buf.cell((last_x, y)).is_none() {
        return;
    }
    let one = CellDiffOption::ForcedWidth(NonZeroU16::MIN);
    if let Some(first) = buf.cell_mut((x, y)) {
        let symbol = format!("{}{}", open(url), first.symbol());
        first.set_symbol(&symbol).set_diff_option(one);
    }
    if let Some(last) = buf.cell_mut((last_x, y)) {
        let symbol = format!("{}{CLOSE}", last.symbol());
        last.set_symbol(&symbol).set_diff_option(one);
    }
}

/// A cell's symbol without the hyperlink sequences [`link_cells`] put in it (what the
/// terminal shows of it); anything else, a stray escape included, is kept.
pub fn strip(symbol: &str) -> Cow<'_, str> {
    if !symbol.contains("\x1b]8;") {
        return Cow::Borrowed(symbol);
    }
    let mut out = String::with_capacity(symbol.len());
    let mut rest = symbol;
    while let Some(at) = rest.find("\x1b]8;;") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        match after.find("\x1b\\") {
            Some(end) if after[..end].bytes().all(|b| b.is_ascii_graphic()) => {
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str(&rest[at..at + 5]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;

    use super::*;

    #[test]
    fn a_link_opens_in_its_first_cell_and_closes_in_its_last() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "go abc now", ratatui::style::Style::new());
        link_cells(&mut buf, 3, 0, 3, "https://x.org");
        assert_eq!(buf[(3, 0)].symbol(), "\x1b]8;;https://x.org\x1b\\a");
        assert_eq!(buf[(4, 0)].symbol(), "b");
        assert_eq!(buf[(5, 0)].symbol(), "c\x1b]8;;\x1b\\");
        assert_eq!(
            buf[(3, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN)
        );
        let shown: String = buf
            .content()
            .iter()
            .map(|c| strip(c.symbol()).into_owned())
            .collect();
        assert_eq!(shown, "go abc now");
    }

    #[test]
    fn a_one_cell_link_opens_and_closes_in_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "abc", ratatui::style::Style::new());
        link_cells(&mut buf, 1, 0, 1, "https://x.org");
        assert_eq!(
            buf[(1, 0)].symbol(),
            "\x1b]8;;https://x.org\x1b\\b\x1b]8;;\x1b\\"
        );
    }

    #[test]
    fn unsafe_urls_and_cells_outside_are_left_alone() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "abcd", ratatui::style::Style::new());
        let before = buf.clone();
        link_cells(&mut buf, 0, 0, 2, "https://x.org/\x07");
        link_cells(&mut buf, 0, 0, 2, "https://exämple.org");
        link_cells(&mut buf, 3, 0, 2, "https://x.org");
        link_cells(&mut buf, 0, 1, 2, "https://x.org");
        link_cells(&mut buf, 0, 0, 0, "https://x.org");
        assert_eq!(buf, before);
    }

    #[test]
    fn strip_keeps_anything_that_is_not_a_well_formed_link() {
        assert_eq!(strip("plain"), "plain");
        assert_eq!(strip("\x1b]8;;https://x\x1b\\a\x1b]8;;\x1b\\"), "a");
        assert_eq!(strip("\x1b]8;;bad\x07x"), "\x1b]8;;bad\x07x");
        assert_eq!(strip("\x1b]8;;a b\x1b\\x"), "\x1b]8;;a b\x1b\\x");
    }
}
