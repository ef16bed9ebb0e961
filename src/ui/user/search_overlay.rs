//! The `/search` results: a centred list of matches, newest first, with a cursor to
//! move and open from (Enter), closed with Esc.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::Block;

use crate::app::user::{Action, SearchList, UserApp};
use crate::ui::widgets::cell_widths::settled;
use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::open_popup;
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::truncate;

/// The widest the list gets.
const MAX_WIDTH: u16 = 100;

/// Rows of the screen's bottom the list leaves uncovered (input and status bar).
const KEPT_BELOW: u16 = 3;

/// Rows a PgUp/PgDn moves the cursor in the list.
pub const LIST_PAGE: isize = 10;

/// Draws the list over the middle of `area`, the cursor's row always in view.
pub(super) fn render(app: &UserApp, list: &SearchList, area: Rect, buf: &mut Buffer) {
    // The input and the status bar stay in view below the list.
    let room = area.height.saturating_sub(KEPT_BELOW);
    let height = (list.hits.len() as u16).saturating_add(2).min(room);
    let popup = centred(
        Rect {
            height: room,
            ..area
        },
        MAX_WIDTH,
        height,
    );
    let listed = list.hits.len();
    let all = if list.total > listed {
        format!(" ({} in all)", list.total)
    } else {
        String::new()
    };
    let title = format!(
        " {}/{listed}{all} · {:?} · Enter opens · Esc closes ",
        list.selected + 1,
        list.query
    );
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(truncate(&title, usize::from(popup.width.saturating_sub(2))).into_owned());
    let inner = open_popup(popup, block, buf);
    if inner.is_empty() {
        return;
    }
    let rows = usize::from(inner.height);
    let first = (list.selected + 1).saturating_sub(rows);
    let width = usize::from(inner.width);
    for (i, msg) in list.hits.iter().enumerate().skip(first).take(rows) {
        let line = app.search_line(msg);
        let text = settled(sanitize(&line)).into_owned();
        let text = truncate(&text, width).into_owned();
        let style = if i == list.selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let y = inner.y + (i - first) as u16;
        buf.set_line(
            inner.x,
            y,
            &Row::from(Span::styled(text, style)),
            inner.width,
        );
    }
}

/// What a key does while the list is open: Up/Down move by one, PgUp/PgDn by a page,
/// Home/End to either end, Enter opens, Esc closes. `None` for any other key (typing
/// goes on in the input box).
pub fn list_key(event: &TermEvent) -> Option<Action> {
    let TermEvent::Key(key) = event else {
        return None;
    };
    if key.kind == KeyEventKind::Release || !(key.modifiers - KeyModifiers::SHIFT).is_empty() {
        return None;
    }
    Some(match key.code {
        KeyCode::Up => Action::MoveSelection(-1),
        KeyCode::Down => Action::MoveSelection(1),
        KeyCode::PageUp => Action::MoveSelection(-LIST_PAGE),
        KeyCode::PageDown => Action::MoveSelection(LIST_PAGE),
        KeyCode::Home => Action::MoveSelection(isize::MIN),
        KeyCode::End => Action::MoveSelection(isize::MAX),
        KeyCode::Enter => Action::OpenSelected,
        KeyCode::Esc => Action::Escape,
        _ => return None,
    })
}
