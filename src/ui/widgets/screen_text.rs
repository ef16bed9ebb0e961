//! For view tests: a drawn screen as text that snapshots and assertions can read.

use ratatui::buffer::Buffer;

use super::wrap::columns;

/// The screen as text, one quoted row per line, wide characters written once.
pub fn screen_text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        out.push('"');
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if skip == 0 {
                // What the terminal shows: a hyperlink's escape is not text.
                let symbol = super::hyperlink::strip(cell.symbol());
                out.push_str(&symbol);
                skip = columns(&symbol).max(1);
            }
            skip -= 1;
        }
        out.push_str("\"\n");
    }
    out
}
