//! The input line: a text editor (ratatui-textarea) plus a recall history for Up/Down,
//! and the modes it can be in: completing a word (`completing.rs`), the quick switcher
//! open over it (`super::switcher`), a long paste waiting for a yes (`paste_guard.rs`), a Ctrl-R search of
//! the history (`reverse_search.rs`).

mod completing;
mod paste_guard;
mod reverse_search;
mod rows;

pub use reverse_search::SearchKey;

pub use rows::MAX_TEXT_ROWS;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::ui::widgets::sanitize::sanitize_lines;

use super::switcher::Switcher;
use crate::config::DEFAULT_PASTE_MAX_LINES;

/// How many submitted lines are remembered for Up/Down.
const HISTORY_LIMIT: usize = 200;

/// The input box state.
pub struct InputBox {
    /// The editor widget (drawn by the views).
    pub textarea: TextArea<'static>,
    history: Vec<String>,
    /// Position while recalling: `None` when editing a fresh line.
    recall: Option<usize>,
    draft: String,
    /// The word being completed by Tab, while Tab and Shift-Tab cycle.
    completing: Option<completing::Completing>,
    /// The quick switcher (Ctrl-G), while it is open.
    pub switcher: Option<Switcher>,
    /// Pastes of more lines than this ask first.
    paste_max_lines: usize,
    /// A long paste waiting for a yes (Enter) or no (Esc).
    held_paste: Option<String>,
    /// The Ctrl-R search through the history, while it is under way.
    search: Option<reverse_search::ReverseSearch>,
}

impl Default for InputBox {
    fn default() -> Self {
        Self::new()
    }
}

impl InputBox {
    /// An empty input box.
    pub fn new() -> Self {
        let mut textarea = TextArea::default();
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        textarea.set_placeholder_text("type a message, or /help");
        // Long lines wrap instead of scrolling sideways: every line of a draft is seen.
        textarea.set_wrap_mode(ratatui_textarea::WrapMode::Glyph);
        Self {
            textarea,
            history: Vec::new(),
            recall: None,
            draft: String::new(),
            completing: None,
            switcher: None,
            paste_max_lines: DEFAULT_PASTE_MAX_LINES,
            held_paste: None,
            search: None,
        }
    }

    /// The current text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Takes the text out for sending, remembers it for recall and clears the box.
    pub fn take(&mut self) -> String {
        let text = self.text();
        if !text.trim().is_empty() && self.history.last() != Some(&text) {
            self.history.push(text.clone());
            if self.history.len() > HISTORY_LIMIT {
                self.history.remove(0);
            }
        }
        self.recall = None;
        self.set_text("");
        text
    }

    /// Passes an editing key to the editor.
    pub fn edit(&mut self, key: KeyEvent) {
        self.textarea.input(key);
    }

    /// Inserts a newline (Alt-Enter).
    pub fn newline(&mut self) {
        self.textarea.insert_newline();
    }

    /// Inserts pasted text, newlines included, made safe line by line like text from
    /// the network ([`sanitize_lines`]): colour codes from pasted terminal output are
    /// dropped, other controls, bidi overrides and separators get visible stand-ins,
    /// tabs become spaces. The editor would draw some of them raw.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let safe: Vec<_> = sanitize_lines(&text).collect();
        self.textarea.insert_str(safe.join("\n"));
    }

    /// Up: recall the previous line (the draft is kept to come back to).
    pub fn recall_prev(&mut self) {
        if self.history.is_empty() {
            return;
        }
        let index = match self.recall {
            None => {
                self.draft = self.text();
                self.history.len() - 1
            }
            Some(0) => 0,
            Some(i) => i - 1,
        };
        self.recall = Some(index);
        let line = self.history[index].clone();
        self.set_text(&line);
    }

    /// Down: recall the next line, back to the draft after the newest.
    pub fn recall_next(&mut self) {
        let Some(index) = self.recall else { return };
        if index + 1 < self.history.len() {
            self.recall = Some(index + 1);
            let line = self.history[index + 1].clone();
            self.set_text(&line);
        } else {
            self.recall = None;
            let draft = std::mem::take(&mut self.draft);
            self.set_text(&draft);
        }
    }

    /// Replaces the whole text (what the editor gave back), made safe as a paste is.
    pub fn replace_text(&mut self, text: &str) {
        self.escape();
        self.set_text("");
        self.paste(text);
    }

    /// Puts a line the app refused back, to be corrected, if the box is still empty.
    pub fn give_back(&mut self, line: &str) {
        if self.text().is_empty() {
            self.set_text(line);
        }
    }

    /// Esc: ends a completion, closes the switcher and drops a selection.
    pub fn escape(&mut self) {
        self.completing = None;
        self.search = None;
        self.switcher = None;
        self.textarea.cancel_selection();
    }

    fn set_text(&mut self, text: &str) {
        self.textarea.select_all();
        self.textarea.cut();
        self.textarea.insert_str(text);
    }
}

#[cfg(test)]
#[path = "input_box_tests.rs"]
mod tests;
