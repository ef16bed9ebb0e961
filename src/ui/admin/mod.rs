//! The admin console's screen: tabs, one pane's table, key hints, the status bar and
//! the overlays (form, confirmation, details, help).
//!
//! ```text
//!  chat-tui admin  1 Queues  2 Topics  3 Users  4 Broker        http://127.0.0.1:15672 · /
//! ┌ Queues 1,234 · sort ready↓ · filter: ord ───────────────────────────────────────────┐
//! │name                      ready   unacked     total  cons      in/s     out/s  trend   │
//! │orders                    1,234        10     1,244     2    12.5/s    11.0/s  ▁▂▃▅▇   │
//! └ created queue orders ───────────────────────────────────────────────────────────────┘
//!  n new · d delete · p purge · / filter · s sort · Enter details · ? help · q quit
//!  ● connected · updated 0.4 s ago · 23 counts live over AMQP · rates from broker stats (~5 s)
//! ```
//! Every view draws from [`AdminApp`] without changing it, draws only the rows that are
//! on screen, and none of them panics at any terminal size.

mod broker;
mod details;
mod footer;
mod format;
mod grid;
mod header;
mod help;
pub mod keys;
mod password;
mod popup;
mod queues;
mod topics;
mod users;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::admin::{AdminApp, NoticeLevel, Overlay, Pane};
use crate::ui::widgets::colour::ERROR;
use crate::ui::widgets::layout::{split_bottom, split_top};
use crate::ui::widgets::sanitize::sanitize;

use self::format::thousands;
use self::grid::GREY;

/// Rows under the body: key hints and the status bar.
const FOOTER_ROWS: u16 = 2;

/// Where each part of the screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Areas {
    header: Rect,
    body: Rect,
    hints: Rect,
    status: Rect,
}

impl Areas {
    fn new(area: Rect) -> Self {
        let (header, rest) = split_top(area, 1);
        let (body, footer) = split_bottom(rest, FOOTER_ROWS);
        let (hints, status) = split_bottom(footer, 1);
        Self {
            header,
            body,
            hints,
            status,
        }
    }
}

/// Draws the whole console.
pub fn draw(frame: &mut Frame, app: &AdminApp) {
    let area = frame.area();
    let areas = Areas::new(area);
    let buf = frame.buffer_mut();
    header::render(app, areas.header, buf);
    let inner = body_block(app, areas.body, buf);
    match app.pane() {
        Pane::Queues => queues::render(app, inner, buf),
        Pane::Topics => topics::render(app, inner, buf),
        Pane::Users => users::render(app, inner, buf),
        Pane::Broker => broker::render(app, inner, buf),
    }
    footer::render_hints(app, areas.hints, buf);
    footer::render_status(app, areas.status, buf);
    match app.overlay() {
        None => {}
        Some(Overlay::Help) => help::render(area, buf),
        Some(Overlay::Form(form)) => popup::render_form(form, area, buf),
        Some(Overlay::Password(form)) => password::render_form(form, area, buf),
        Some(Overlay::Confirm(confirm)) => popup::render_confirm(confirm, area, buf),
        Some(Overlay::Details(view)) => details::render(view, area, buf),
    }
    if let Some(shown) = app.shown_password() {
        password::render_shown(shown, area, buf);
    }
}

/// Rows of the table for a terminal of this size (the runtime reports it to the app
/// with `Event::Viewport` so that paging moves by a screenful).
pub fn table_rows(area: Rect) -> u16 {
    // The block's two borders and the header row.
    Areas::new(area).body.height.saturating_sub(3)
}

/// Draws the pane's frame: the title says what is shown, how it is sorted and
/// filtered; the bottom border carries the last status message. Returns the inside.
fn body_block(app: &AdminApp, area: Rect, buf: &mut Buffer) -> Rect {
    let pane = app.pane();
    let table = app.table(pane);
    let snapshot = app.snapshot();
    let total = match pane {
        Pane::Queues => snapshot.queues.len(),
        Pane::Topics => snapshot.topics.len(),
        Pane::Users => snapshot.users.len(),
        Pane::Broker => snapshot.connections.len(),
    };
    let count = if table.filter().is_empty() {
        thousands(total as u64)
    } else {
        format!(
            "{} of {}",
            thousands(table.len() as u64),
            thousands(total as u64)
        )
    };
    let mut title = vec![Span::styled(
        format!(" {} {count} ", pane.title()),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if pane != Pane::Broker || !table.is_empty() {
        title.push(Span::raw(format!("· sort {} ", table.sort().label())));
    }
    if app.filter_focused() || !table.filter().is_empty() {
        let cursor = if app.filter_focused() { "▏" } else { "" };
        title.push(Span::styled(
            format!("· filter /{}{cursor} ", sanitize(table.filter())),
            Style::new().fg(Color::LightYellow),
        ));
    }
    let border = if app.is_stale() { GREY } else { Color::Gray };
    let mut block = Block::bordered()
        .border_style(Style::new().fg(border))
        .title(Line::from(title));
    if let Some(notice) = app.notice() {
        let style = match notice.level {
            NoticeLevel::Info => Style::new().fg(Color::LightGreen),
            NoticeLevel::Busy => Style::new().fg(Color::LightYellow),
            NoticeLevel::Error => Style::new().fg(ERROR).add_modifier(Modifier::BOLD),
        };
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {} ", sanitize(&notice.text)),
            style,
        )));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
