//! The `?` help: every key of the console.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::{open_popup, put_lines};
use crate::ui::widgets::wrap::{columns, wrap};

/// Every key and what it does, in the order the help shows them.
pub const KEYS: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "next / previous pane"),
    ("1 2 3 4", "Queues, Topics, Users, Broker"),
    (
        "↑↓ jk PgUp PgDn",
        "the previous / next row, a screenful up / down",
    ),
    ("Home End / g G", "first / last row"),
    (
        "Enter",
        "details of the selected row (a topic: its subscribers)",
    ),
    (
        "n",
        "new queue, topic or user (a user then gets a password)",
    ),
    (
        "P / b",
        "Users: new password / ban or unban the account (y/N)",
    ),
    (
        "d / Delete",
        "delete (y/N): a user with its account; Broker: close",
    ),
    (
        "p",
        "purge the selected queue, or a user's inbox (asks y/N)",
    ),
    ("m", "announce from admin to the selected topic or user"),
    ("/", "filter by name: Enter keeps it, Esc clears it"),
    ("s / S", "sort by the next column / reverse the order"),
    ("r", "refresh now"),
    (
        "● ·",
        "counts live over AMQP / from broker stats (~5 s old)",
    ),
    ("?", "show or hide this help"),
    ("Esc", "close what is open, clear the filter"),
    ("q / Ctrl-C", "quit"),
];

/// The widest the popup gets.
const MAX_WIDTH: u16 = 76;

/// Draws the help over the middle of `area`.
pub(super) fn render(area: Rect, buf: &mut Buffer) {
    let width = usize::from(MAX_WIDTH.min(area.width).saturating_sub(4));
    let key_width = KEYS.iter().map(|(k, _)| columns(k)).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (key, what) in KEYS {
        if key_width + 16 <= width {
            for (i, row) in wrap(what, width - key_width).into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{key}{}", " ".repeat(key_width - columns(key)))
                } else {
                    " ".repeat(key_width)
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, Style::new().fg(Color::Cyan)),
                    Span::raw(row.to_owned()),
                ]));
            }
        } else {
            lines.push(Line::from(Span::styled(*key, Style::new().fg(Color::Cyan))));
            for row in wrap(what, width.saturating_sub(2)) {
                lines.push(Line::from(format!("  {row}")));
            }
        }
    }
    let height = (lines.len() as u16).saturating_add(2);
    let popup = centred(area, MAX_WIDTH, height);
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(Span::styled(
            " keys · Esc closes ",
            Style::new().add_modifier(Modifier::BOLD),
        ));
    let inner = open_popup(popup, block, buf);
    put_lines(&lines, inner, buf);
}
