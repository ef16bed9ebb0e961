//! The quick switcher (Ctrl-G): a popup listing the conversations, filtered by what is
//! typed ([`switcher_matches`]: unread first), Up/Down to choose, Enter to open, Esc to
//! close.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as Row, Span};
use ratatui::widgets::Block;

use crate::app::user::{UserApp, switcher_matches};
use crate::domain::ConversationId;
use crate::ui::widgets::layout::centred;
use crate::ui::widgets::popup::{open_popup, put_lines};
use crate::ui::widgets::sanitize::sanitize;
use crate::ui::widgets::wrap::truncate;

/// The widest the popup gets.
const WIDTH: u16 = 44;

/// The most conversations listed at once (the list scrolls with the choice).
const MAX_ROWS: u16 = 12;

/// The switcher's state: what was typed and which match is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Switcher {
    query: String,
    selected: usize,
}

/// What a key did in the switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SwitcherKey {
    /// It stays open (the filter or the choice changed, or the key means nothing here).
    Stays,
    /// Esc (or Ctrl-G again): closed, nothing opened.
    Closed,
    /// Enter: this conversation is to be opened.
    Open(ConversationId),
}

impl Switcher {
    /// An open switcher with an empty filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// What was typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Adds pasted text to the filter (its first line).
    pub fn paste(&mut self, text: &str) {
        let first = text.lines().next().unwrap_or_default();
        self.query.extend(first.chars().filter(|c| !c.is_control()));
        self.selected = 0;
    }

    /// Reads one key.
    pub fn key(&mut self, key: KeyEvent, app: &UserApp) -> SwitcherKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let found = switcher_matches(app, &self.query);
        match key.code {
            KeyCode::Esc => return SwitcherKey::Closed,
            KeyCode::Char('g') if ctrl => return SwitcherKey::Closed,
            KeyCode::Enter => {
                return match found.get(self.selected.min(found.len().saturating_sub(1))) {
                    Some(&index) => SwitcherKey::Open(app.conversations[index].id.clone()),
                    None => SwitcherKey::Closed,
                };
            }
            KeyCode::Up | KeyCode::BackTab => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => self.move_down(found.len()),
            KeyCode::Char('n') if ctrl => self.move_down(found.len()),
            KeyCode::Backspace => {
                self.query.pop();
                self.selected = 0;
            }
            KeyCode::Char('u') if ctrl => {
                self.query.clear();
                self.selected = 0;
            }
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
                self.query.push(c);
                self.selected = 0;
            }
            _ => {}
        }
        SwitcherKey::Stays
    }

    fn move_down(&mut self, matches: usize) {
        self.selected = (self.selected + 1).min(matches.saturating_sub(1));
    }
}

/// Draws the popup over the middle of `area`: the filter in its title, then the
/// matching conversations with their unread counts, the chosen one highlighted.
pub(super) fn render(app: &UserApp, switcher: &Switcher, area: Rect, buf: &mut Buffer) {
    let found = switcher_matches(app, &switcher.query);
    let rows = (found.len() as u16).clamp(1, MAX_ROWS);
    let popup = centred(area, WIDTH, rows.saturating_add(2));
    let query = sanitize(&switcher.query);
    let title = format!(" go to: {query}▏ · Enter opens · Esc closes ");
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Cyan))
        .title(truncate(&title, usize::from(popup.width.saturating_sub(2))).into_owned());
    let inner = open_popup(popup, block, buf);
    let fits = usize::from(inner.height).max(1);
    let selected = switcher.selected.min(found.len().saturating_sub(1));
    let first = (selected + 1).saturating_sub(fits);
    let lines: Vec<Row<'static>> = if found.is_empty() {
        vec![Row::from(Span::styled(
            "no conversation matches",
            Style::new().fg(Color::DarkGray),
        ))]
    } else {
        found
            .iter()
            .enumerate()
            .skip(first)
            .take(fits)
            .map(|(position, &index)| {
                let conversation = &app.conversations[index];
                let mut text = conversation.id.to_string();
                if conversation.unread > 0 {
                    text.push_str(&format!("  ({} unread)", conversation.unread));
                }
                let style = if position == selected {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else if conversation.unread > 0 {
                    Style::new().add_modifier(Modifier::BOLD)
                } else {
                    Style::new()
                };
                let width = usize::from(inner.width);
                Row::from(Span::styled(format!("{text:<width$}"), style))
            })
            .collect()
    };
    put_lines(&lines, inner, buf);
}
