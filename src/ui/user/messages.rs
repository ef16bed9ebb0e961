//! The message pane: the current conversation's lines, newest at the bottom.
//!
//! Only what is visible is laid out: lines are walked from the view's anchor (the line
//! on the bottom row, see [`crate::app::user::View`]) upwards until the pane is full, so
//! a frame costs the same at any depth and with a history of any length. The same
//! layout tells the app how tall a line is ([`line_rows`]), so scrolling moves by rows.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::app::user::{
    Conversation, Line, Notice, NoticeLevel, UserApp, find_links, is_drawn_highlighted,
};
use crate::domain::marks::Reply;
use crate::domain::receive::{announcer, marker_label};
use crate::domain::{ChatMessage, Content, ConversationId, DeliveryStatus};
use crate::ui::widgets::cell_widths::settled;
use crate::ui::widgets::colour::{ANNOUNCEMENT, ERROR, HIGHLIGHT, OWN, WARNING, name_colour};
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
    /// How many lines were laid out (to prove that history is not wrapped whole).
    pub laid_out: usize,
    /// For each row, the index of the line it belongs to.
    pub owners: Vec<usize>,
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
    let mut covered = None;
    if !conversation.is_following() {
        let hint = match conversation.new_below {
            0 => MORE_HINT.to_owned(),
            n => format!(" ↓ {n} new "),
        };
        let hint = truncate(&hint, usize::from(area.width));
        let x = area.right() - columns(&hint) as u16;
        let style = Style::new().add_modifier(Modifier::REVERSED);
        buf.set_stringn(x, area.bottom() - 1, &hint, usize::from(area.width), style);
        covered = Some(Rect::new(x, area.bottom() - 1, columns(&hint) as u16, 1));
    }
    // Last, so that nothing drawn over a link's first or last cell can leave it open.
    super::links::mark_links(app, conversation, &visible, area, top, covered, buf);
}

/// A calm hint in a conversation with nothing in it yet.
fn render_empty(id: &ConversationId, area: Rect, buf: &mut Buffer) {
    let text = match id {
        ConversationId::Status => "to start: /msg <name> <text> writes to a person (online or not), /join #topic subscribes to a topic (/topics lists them); F1 shows every key and command".to_string(),
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
/// view: from the anchor line upwards, hiding the anchor's rows that are below the
/// pane. When the lines above the anchor do not fill the pane (a resize made them
/// shorter), the oldest line is shown at the top instead.
pub(super) fn visible_rows(
    app: &UserApp,
    conversation: &Conversation,
    width: u16,
    height: u16,
) -> Visible {
    let height = usize::from(height);
    let mut visible = Visible {
        rows: Vec::new(),
        laid_out: 0,
        owners: Vec::new(),
    };
    if width == 0 || height == 0 || conversation.lines.is_empty() {
        return visible;
    }
    let (bottom, below) = conversation.bottom();
    // Rows from the bottom up.
    let mut rows: Vec<Row<'static>> = Vec::new();
    let mut owners = Vec::new();
    let mut hidden = below;
    for index in (0..=bottom).rev() {
        if rows.len() >= height {
            break;
        }
        let mut block = block_rows(app, conversation, index, width);
        visible.laid_out += 1;
        let keep = block.len().saturating_sub(hidden).max(1);
        block.truncate(keep);
        hidden = 0;
        owners.extend(std::iter::repeat_n(index, block.len()));
        rows.extend(block.into_iter().rev());
    }
    let more_below = bottom + 1 < conversation.lines.len() || below > 0;
    if rows.len() < height && more_below {
        return from_top(app, conversation, width, height, visible.laid_out);
    }
    rows.truncate(height);
    rows.reverse();
    owners.truncate(height);
    owners.reverse();
    visible.rows = rows;
    visible.owners = owners;
    visible
}

/// The rows of a pane that starts at the oldest loaded line.
fn from_top(
    app: &UserApp,
    conversation: &Conversation,
    width: u16,
    height: usize,
    mut laid_out: usize,
) -> Visible {
    let mut rows = Vec::new();
    let mut owners = Vec::new();
    for index in 0..conversation.lines.len() {
        if rows.len() >= height {
            break;
        }
        let block = block_rows(app, conversation, index, width);
        owners.extend(std::iter::repeat_n(index, block.len()));
        rows.extend(block);
        laid_out += 1;
    }
    rows.truncate(height);
    owners.truncate(height);
    Visible {
        rows,
        laid_out,
        owners,
    }
}

/// How many rows line `index` of `conversation` takes in a pane `width` columns wide,
/// its day separator included: the [`LineRows`](crate::app::user::LineRows) the TUI
/// lends the app.
pub fn line_rows(app: &UserApp, conversation: &Conversation, index: usize, width: u16) -> usize {
    block_rows(app, conversation, index, width).len()
}

/// The rows of line `index`, top to bottom: a day separator first when it is the
/// first loaded message of its local day, then the line itself.
fn block_rows(
    app: &UserApp,
    conversation: &Conversation,
    index: usize,
    width: u16,
) -> Vec<Row<'static>> {
    let width = usize::from(width);
    let Some(line) = conversation.lines.get(index) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    if let Line::Message(msg) = line {
        let day = local(msg.sent_at, app.local_offset).date();
        // Only dates are compared here: no wrapping of the lines above.
        let before = conversation.lines.range(..index).rev();
        let previous = before
            .filter_map(|line| match line {
                Line::Message(msg) => Some(local(msg.sent_at, app.local_offset).date()),
                _ => None,
            })
            .next();
        if previous != Some(day) {
            rows.push(day_separator(day, width));
        }
    }
    let marked =
        matches!(line, Line::Message(msg) if conversation.marked.as_ref() == Some(&msg.id));
    let own = line_rows_of(app, line, width);
    if marked {
        // The search match jumped to stands out, in colour or not.
        let style = Style::new().add_modifier(Modifier::REVERSED);
        rows.extend(own.into_iter().map(|row| row.patch_style(style)));
    } else {
        rows.extend(own);
    }
    rows
}

/// `at` in the local offset (unchanged if that would leave the supported range).
fn local(at: OffsetDateTime, offset: UtcOffset) -> OffsetDateTime {
    at.checked_to_offset(offset).unwrap_or(at)
}

/// The rows of one line, top to bottom.
fn line_rows_of(app: &UserApp, line: &Line, width: usize) -> Vec<Row<'static>> {
    match line {
        Line::Message(msg) => message_rows(app, msg, width),
        Line::Notice(notice) => notice_rows(app, notice, width),
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
                // Nobody can post into the status conversation: text there is an
                // operator's announcement.
                _ if msg.conversation == ConversationId::Status => {
                    (announcer(msg.from.as_ref()), ANNOUNCEMENT)
                }
                Some(_) if msg.is_mine(&app.me) => ("you".to_string(), OWN),
                Some(from) => (from.to_string(), name_colour(from.as_str())),
                None => ("?".to_string(), Color::Reset),
            };
            let action = msg.marks.action;
            let deleted = msg.marks.deleted;
            let body = if deleted { "(deleted)" } else { body.as_str() };
            let (prefix, body_style) = if is_drawn_highlighted(msg, &app.me) && !deleted {
                // Your name in it: the sender as a badge, the text bold in the
                // highlight colour.
                let badge = Style::new()
                    .fg(Color::Black)
                    .bg(HIGHLIGHT)
                    .add_modifier(Modifier::BOLD);
                // An action reads `* alice waves`; a message `alice: hi`.
                let (name, after) = if action {
                    (format!("* {who}"), " ")
                } else {
                    (who, ": ")
                };
                let prefix = vec![
                    time,
                    Span::styled(name, badge),
                    Span::styled(after, Style::new().fg(HIGHLIGHT)),
                ];
                let text = Style::new().fg(HIGHLIGHT).add_modifier(Modifier::BOLD);
                (prefix, text)
            } else {
                let who = if action {
                    format!("* {who} ")
                } else {
                    format!("{who}: ")
                };
                let prefix = vec![
                    time.patch_style(dim(Style::new())),
                    Span::styled(
                        who,
                        dim(Style::new().fg(colour).add_modifier(Modifier::BOLD)),
                    ),
                ];
                let text = if deleted {
                    Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC)
                } else {
                    dim(Style::new())
                };
                (prefix, text)
            };
            let (mut rows, indent) = hanging_linked(prefix, screen_lines(body), body_style, width);
            if msg.marks.edited && !deleted {
                let marker = Span::styled(" (edited)", Style::new().add_modifier(Modifier::DIM));
                append_or_push(&mut rows, marker, indent, width);
            }
            if let Some(reply) = &msg.marks.reply {
                rows.insert(0, reply_row(reply, width));
            }
            match &msg.status {
                DeliveryStatus::Pending => {
                    let marker = Span::styled(" …", Style::new().add_modifier(Modifier::DIM));
                    append_or_push(&mut rows, marker, indent, width);
                }
                DeliveryStatus::Failed(reason) | DeliveryStatus::Refused(reason) => {
                    let text = match &msg.status {
                        DeliveryStatus::Refused(_) => {
                            format!("⟳ not delivered yet: {}; retrying", sanitize(reason))
                        }
                        _ => format!("✗ {}", sanitize(reason)),
                    };
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
    let (label, reason) = marker_label(reason);
    let text = format!(
        "⚠ {label} ({}): {}",
        sanitize(reason),
        settled(sanitize(preview))
    );
    let style = Style::new().fg(WARNING);
    hanging(vec![time], std::iter::once(Cow::Owned(text)), style, width).0
}

/// The row above a reply: `┌ bob: the start of what it answers…`, cut to the width.
fn reply_row(reply: &Reply, width: usize) -> Row<'static> {
    let quote = match &reply.quote {
        Some(quote) => format!("┌ {}: {}", reply.author, settled(sanitize(quote))),
        None => format!("┌ a message from {} not in your history", reply.author),
    };
    Row::from(Span::styled(
        truncate(&format!("      {quote}"), width).into_owned(),
        Style::new().fg(Color::DarkGray),
    ))
}

/// A notice: `HH:MM -- text` (info), `HH:MM → text` (presence) or `HH:MM ! text`
/// (error), at the client's clock's time.
fn notice_rows(app: &UserApp, notice: &Notice, width: usize) -> Vec<Row<'static>> {
    let (mark, style) = match notice.level {
        NoticeLevel::Info => ("-- ", Style::new().add_modifier(Modifier::DIM)),
        NoticeLevel::Presence => (
            "→ ",
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        ),
        NoticeLevel::Error => ("! ", Style::new().fg(ERROR)),
    };
    let at = local(notice.at, app.local_offset);
    let time = Span::styled(
        format!("{:02}:{:02} ", at.hour(), at.minute()),
        Style::new().fg(Color::DarkGray),
    );
    hanging(
        vec![time, Span::styled(mark, style)],
        screen_lines(&notice.text),
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
    lay_out(prefix, paragraphs, style, width, false)
}

/// [`hanging`] for a message's body: its links underlined, in spans of their own (the
/// pane makes them hyperlinks, see [`super::links`]).
fn hanging_linked<'a>(
    prefix: Vec<Span<'static>>,
    paragraphs: impl Iterator<Item = Cow<'a, str>>,
    style: Style,
    width: usize,
) -> (Vec<Row<'static>>, usize) {
    lay_out(prefix, paragraphs, style, width, true)
}

/// The layout of [`hanging`]; with `links`, each row's text is split into spans at
/// the paragraph's links.
fn lay_out<'a>(
    prefix: Vec<Span<'static>>,
    paragraphs: impl Iterator<Item = Cow<'a, str>>,
    style: Style,
    width: usize,
    links: bool,
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
        let found = if links {
            find_links(&paragraph)
        } else {
            Vec::new()
        };
        for text in wrap(&paragraph, width - indent) {
            let mut spans = first
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            if found.is_empty() {
                spans.push(Span::styled(text.to_string(), style));
            } else {
                // `wrap` hands out slices of the paragraph: where this row starts in it.
                let offset = text.as_ptr() as usize - paragraph.as_ptr() as usize;
                spans.extend(super::links::split_at_links(text, offset, &found, style));
            }
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

/// Text from the network as the TUI draws it: made safe line by line, then with the
/// emoji sequences terminals disagree on settled ([`settled`]).
fn screen_lines(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    sanitize_lines(text).map(settled)
}

#[cfg(test)]
#[path = "marks_view_tests.rs"]
mod marks_view_tests;
