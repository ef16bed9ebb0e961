//! The message pane: the current conversation's lines, newest at the bottom.
//!
//! Only what is visible is laid out: lines are walked from the newest backwards until
//! the pane plus the scroll offset is full, so a conversation of any length costs the
//! same to draw.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::app::user::{Conversation, Line, Notice, NoticeLevel, UserApp};
use crate::domain::{ChatMessage, Content, ConversationId, DeliveryStatus};
use crate::ui::widgets::colour::{ERROR, OWN, WARNING, name_colour};
use crate::ui::widgets::sanitize::{sanitize, sanitize_lines};
use crate::ui::widgets::wrap::{columns, truncate, wrap};

/// Below this many columns for the body, a message's body starts under its prefix
/// instead of beside it.
const MIN_BODY: usize = 8;

/// The hint drawn when the view is scrolled up.
const MORE_HINT: &str = " ↓ more ";

/// The rows to show and how they were found.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Visible {
    /// The rows, top to bottom (fewer than the pane's height when the history is short).
    pub rows: Vec<Row<'static>>,
    /// The scroll offset actually used (the conversation's, clamped).
    pub scroll: usize,
    /// How many lines were laid out (to prove that history is not wrapped whole).
    pub laid_out: usize,
}

/// Draws the pane.
pub(super) fn render(app: &UserApp, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let conversation = app.current_conversation();
    if conversation.lines.is_empty() {
        return render_empty(&conversation.id, area, buf);
    }
    let visible = visible_rows(app, conversation, area.width, area.height);
    let top = area.bottom() - visible.rows.len() as u16;
    for (i, row) in visible.rows.iter().enumerate() {
        buf.set_line(area.x, top + i as u16, row, area.width);
    }
    if visible.scroll > 0 {
        let hint = truncate(MORE_HINT, usize::from(area.width));
        let x = area.right() - columns(&hint) as u16;
        let style = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_stringn(x, area.bottom() - 1, &hint, usize::from(area.width), style);
    }
}

/// A calm hint in a conversation with nothing in it yet.
fn render_empty(id: &ConversationId, area: Rect, buf: &mut Buffer) {
    let text = match id {
        ConversationId::Status => "notices and unreadable messages show here".to_string(),
        ConversationId::Direct(user) => format!("no messages with {user} yet"),
        ConversationId::Topic(topic) => format!("no posts in #{topic} yet"),
    };
    let rows = wrap(&text, usize::from(area.width));
    let top = area.y + area.height.saturating_sub(rows.len() as u16) / 2;
    let style = Style::new().add_modifier(Modifier::DIM);
    for (i, row) in rows.iter().take(usize::from(area.height)).enumerate() {
        let x = area.x + area.width.saturating_sub(columns(row) as u16) / 2;
        buf.set_stringn(x, top + i as u16, row, usize::from(area.width), style);
    }
}

/// Lays out the rows visible in a pane of `width` x `height` at the conversation's
/// scroll offset.
pub(super) fn visible_rows(
    app: &UserApp,
    conversation: &Conversation,
    width: u16,
    height: u16,
) -> Visible {
    let width = usize::from(width);
    let height = usize::from(height);
    let wanted = height.saturating_add(conversation.scroll);
    let lines = &conversation.lines;
    // Rows from the bottom up.
    let mut rows: Vec<Row<'static>> = Vec::new();
    // The newest day laid out so far whose separator is still undecided: where it goes
    // in `rows` (just above its first message) and the day.
    let mut day_pending: Option<(usize, Date)> = None;
    let mut unvisited = lines.len();
    let mut laid_out = 0;
    if width > 0 {
        while unvisited > 0 && rows.len() < wanted {
            unvisited -= 1;
            laid_out += 1;
            let line = &lines[unvisited];
            let day = match line {
                Line::Message(msg) => Some(local(msg.sent_at, app.local_offset).date()),
                _ => None,
            };
            if let Some(day) = day
                && let Some((at, newer)) = day_pending.take()
                && newer != day
            {
                rows.insert(at, day_separator(newer, width));
            }
            let mut laid = line_rows(app, line, width);
            laid.reverse();
            rows.append(&mut laid);
            if let Some(day) = day {
                day_pending = Some((rows.len(), day));
            }
        }
        if let Some((at, newer)) = day_pending {
            // Only dates are compared here: no wrapping of what stays off screen.
            let older = lines[..unvisited].iter().rev().find_map(|line| match line {
                Line::Message(msg) => Some(local(msg.sent_at, app.local_offset).date()),
                _ => None,
            });
            if older != Some(newer) {
                rows.insert(at, day_separator(newer, width));
            }
        }
    }
    let scroll = conversation.scroll.min(rows.len().saturating_sub(height));
    let end = rows.len().min(scroll + height);
    let mut shown: Vec<Row<'static>> = rows.drain(scroll..end).collect();
    shown.reverse();
    Visible {
        rows: shown,
        scroll,
        laid_out,
    }
}

/// `at` in the local offset (unchanged if that would leave the supported range).
fn local(at: OffsetDateTime, offset: UtcOffset) -> OffsetDateTime {
    at.checked_to_offset(offset).unwrap_or(at)
}

/// The rows of one line, top to bottom.
fn line_rows(app: &UserApp, line: &Line, width: usize) -> Vec<Row<'static>> {
    match line {
        Line::Message(msg) => message_rows(app, msg, width),
        Line::Notice(notice) => notice_rows(notice, width),
        Line::AwaySeparator(count) => {
            let style = Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD);
            vec![rule(
                &format!(" {count} new while you were away "),
                width,
                style,
            )]
        }
    }
}

/// A message: `HH:MM name: body`, continuation rows under the body, then its markers.
fn message_rows(app: &UserApp, msg: &ChatMessage, width: usize) -> Vec<Row<'static>> {
    let at = local(msg.sent_at, app.local_offset);
    let time = Span::styled(
        format!("{:02}:{:02} ", at.hour(), at.minute()),
        Style::new().fg(Color::DarkGray),
    );
    let pending = msg.status == DeliveryStatus::Pending;
    let dim = |style: Style| {
        if pending {
            style.add_modifier(Modifier::DIM)
        } else {
            style
        }
    };
    let (reason, preview) = match &msg.content {
        Content::Text(body) => {
            let (who, colour) = match &msg.from {
                Some(_) if msg.is_mine(&app.me) => ("you".to_string(), OWN),
                Some(from) => (from.to_string(), name_colour(from.as_str())),
                None => ("?".to_string(), Color::Reset),
            };
            let prefix = vec![
                time.patch_style(dim(Style::new())),
                Span::styled(
                    format!("{who}: "),
                    dim(Style::new().fg(colour).add_modifier(Modifier::BOLD)),
                ),
            ];
            let (mut rows, indent) =
                hanging(prefix, sanitize_lines(body), dim(Style::new()), width);
            match &msg.status {
                DeliveryStatus::Pending => {
                    let marker = Span::styled(" …", Style::new().add_modifier(Modifier::DIM));
                    append_or_push(&mut rows, marker, indent, width);
                }
                DeliveryStatus::Failed(reason) => {
                    let text = format!("✗ {}", sanitize(reason));
                    let lead = vec![Span::raw(" ".repeat(indent))];
                    let style = Style::new().fg(ERROR);
                    let (failed, _) =
                        hanging(lead, std::iter::once(Cow::Owned(text)), style, width);
                    rows.extend(failed);
                }
                DeliveryStatus::Delivered => {}
            }
            return rows;
        }
        Content::Unreadable { reason, preview } => (reason, preview),
    };
    let text = format!(
        "⚠ unreadable message ({}): {}",
        sanitize(reason),
        sanitize(preview)
    );
    let style = Style::new().fg(WARNING);
    hanging(vec![time], std::iter::once(Cow::Owned(text)), style, width).0
}

/// A notice: `-- text` (info), `→ text` (presence) or `! text` (error); no time, as
/// notices carry the clock's time rather than a sender's.
fn notice_rows(notice: &Notice, width: usize) -> Vec<Row<'static>> {
    let (mark, style) = match notice.level {
        NoticeLevel::Info => ("-- ", Style::new().add_modifier(Modifier::DIM)),
        NoticeLevel::Presence => (
            "→ ",
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
        NoticeLevel::Error => ("! ", Style::new().fg(ERROR)),
    };
    hanging(
        vec![Span::styled(mark, style)],
        sanitize_lines(&notice.text),
        style,
        width,
    )
    .0
}

/// Lays out `paragraphs` after `prefix`, continuation rows indented under the first
/// row's text. When the prefix leaves too little room, it gets a row of its own and the
/// text uses the whole width. Returns the rows and the indent used.
fn hanging<'a>(
    prefix: Vec<Span<'static>>,
    paragraphs: impl Iterator<Item = Cow<'a, str>>,
    style: Style,
    width: usize,
) -> (Vec<Row<'static>>, usize) {
    let prefix_width: usize = prefix.iter().map(|s| columns(&s.content)).sum();
    let mut rows = Vec::new();
    let (indent, mut first) = if prefix_width + MIN_BODY <= width {
        (prefix_width, Some(prefix))
    } else {
        rows.push(Row::from(prefix));
        (0, None)
    };
    for paragraph in paragraphs {
        for text in wrap(&paragraph, width - indent) {
            let mut spans = first
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(text.to_string(), style));
            rows.push(Row::from(spans));
        }
    }
    if let Some(prefix) = first {
        rows.push(Row::from(prefix));
    }
    (rows, indent)
}

/// Columns of a whole row.
fn columns_of(row: &Row<'_>) -> usize {
    row.spans.iter().map(|s| columns(&s.content)).sum()
}

/// Adds `marker` at the end of the last row if it fits, else on a row of its own.
fn append_or_push(
    rows: &mut Vec<Row<'static>>,
    marker: Span<'static>,
    indent: usize,
    width: usize,
) {
    let marker_width = columns(&marker.content);
    match rows.last_mut() {
        Some(last) if columns_of(last) + marker_width <= width => last.spans.push(marker),
        _ => rows.push(Row::from(vec![Span::raw(" ".repeat(indent)), marker])),
    }
}

/// The row before the first message of a local day: `──── Sat 21 Nov 2026 ────`.
fn day_separator(day: Date, width: usize) -> Row<'static> {
    let weekday = day.weekday().to_string();
    let month = day.month().to_string();
    let text = format!(
        " {} {} {} {} ",
        &weekday[..weekday.len().min(3)],
        day.day(),
        &month[..month.len().min(3)],
        day.year()
    );
    rule(&text, width, Style::new().fg(Color::DarkGray))
}

/// `text` centred in a full-width rule of `─`.
fn rule(text: &str, width: usize, style: Style) -> Row<'static> {
    let text = truncate(text, width);
    let free = width.saturating_sub(columns(&text));
    let left = free / 2;
    let line = format!("{}{}{}", "─".repeat(left), text, "─".repeat(free - left));
    Row::from(Span::styled(line, style))
}
