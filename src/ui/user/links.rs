//! Links in the message pane: underlined in spans of their own when a body is laid
//! out, then — once the rows are in the buffer — made OSC 8 hyperlinks, so that a
//! terminal that knows them opens the URL on a click (a wrapped URL is one link on
//! each of its rows). Only the links of a message shown whole are made hyperlinks:
//! one cut at the pane's top or bottom keeps its underline only, so a link never
//! points at part of its URL.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;

use crate::app::user::{Conversation, Line, UserApp, find_links};
use crate::domain::Content;
use crate::ui::widgets::hyperlink::link_cells;
use crate::ui::widgets::sanitize::sanitize_lines;
use crate::ui::widgets::wrap::columns;

use super::messages::{Visible, line_rows};

/// The spans of one row of a paragraph: `text` starts at byte `offset` of the
/// paragraph, whose links are `links`; link text is underlined.
pub(super) fn split_at_links(
    text: &str,
    offset: usize,
    links: &[(Range<usize>, &str)],
    style: Style,
) -> Vec<Span<'static>> {
    let end = offset + text.len();
    let mut spans = Vec::new();
    let mut at = offset;
    for (range, _) in links {
        let start = range.start.clamp(at, end);
        let stop = range.end.clamp(start, end);
        if start == stop {
            continue;
        }
        if start > at {
            spans.push(Span::styled(
                text[at - offset..start - offset].to_owned(),
                style,
            ));
        }
        spans.push(Span::styled(
            text[start - offset..stop - offset].to_owned(),
            style.add_modifier(Modifier::UNDERLINED),
        ));
        at = stop;
    }
    if at < end || spans.is_empty() {
        spans.push(Span::styled(text[at - offset..].to_owned(), style));
    }
    spans
}

/// A piece of a link on screen: its row in `visible`, first column, width and text.
struct Piece {
    row: usize,
    x: u16,
    columns: u16,
    text: String,
}

/// Makes the links of the messages shown whole in `visible` (drawn in `area` from row
/// `top`) hyperlinks in `buf`, except pieces under `covered` (the "more" hint). None
/// while the help is open: it is drawn over the pane, and a link whose closing cell it
/// covered would stay open over everything written after it.
pub(super) fn mark_links(
    app: &UserApp,
    conversation: &Conversation,
    visible: &Visible,
    area: Rect,
    top: u16,
    covered: Option<Rect>,
    buf: &mut Buffer,
) {
    if app.help_open {
        return;
    }
    let on = Placement { area, top, covered };
    let mut start = 0;
    while start < visible.owners.len() {
        let owner = visible.owners[start];
        let end = visible.owners[start..]
            .iter()
            .position(|o| *o != owner)
            .map_or(visible.owners.len(), |n| start + n);
        mark_message(app, conversation, visible, owner, start..end, &on, buf);
        start = end;
    }
}

/// Where the pane's rows are drawn, and what covers some of them.
struct Placement {
    /// The pane.
    area: Rect,
    /// The screen row of the first visible row.
    top: u16,
    /// Cells drawn over the rows, which no link may use.
    covered: Option<Rect>,
}

/// The links of line `owner`, drawn on rows `rows` of `visible`, if it is a message
/// shown whole.
fn mark_message(
    app: &UserApp,
    conversation: &Conversation,
    visible: &Visible,
    owner: usize,
    rows: Range<usize>,
    on: &Placement,
    buf: &mut Buffer,
) {
    let (area, top) = (on.area, on.top);
    let Some(Line::Message(msg)) = conversation.lines.get(owner) else {
        return;
    };
    let Content::Text(body) = &msg.content else {
        return;
    };
    let urls: Vec<String> = sanitize_lines(body)
        .flat_map(|paragraph| {
            find_links(&paragraph)
                .into_iter()
                .map(|(_, url)| url.to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    if urls.is_empty() || line_rows(app, conversation, owner, area.width) != rows.len() {
        return;
    }
    let mut pieces = Vec::new();
    for row in rows {
        let mut x = area.x;
        for span in &visible.rows[row].spans {
            let width = columns(&span.content) as u16;
            if span.style.add_modifier.contains(Modifier::UNDERLINED) {
                pieces.push(Piece {
                    row,
                    x,
                    columns: width,
                    text: span.content.to_string(),
                });
            }
            x = x.saturating_add(width);
        }
    }
    // The pieces are the URLs' text in order, each cut only where a row ends.
    let mut urls = urls.iter();
    let Some(mut url) = urls.next() else { return };
    let mut taken = String::new();
    let mut pending: Vec<Piece> = Vec::new();
    for piece in pieces {
        taken.push_str(&piece.text);
        pending.push(piece);
        if taken == *url {
            for piece in pending.drain(..) {
                let y = top + piece.row as u16;
                let cells = Rect::new(piece.x, y, piece.columns, 1);
                // Each piece opens and closes its own link: one under the hint just
                // stays underlined.
                if !on.covered.is_some_and(|c| c.intersects(cells)) {
                    link_cells(buf, piece.x, y, piece.columns, url);
                }
            }
            taken.clear();
            match urls.next() {
                Some(next) => url = next,
                None => return,
            }
        } else if !url.starts_with(&taken) {
            return;
        }
    }
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
