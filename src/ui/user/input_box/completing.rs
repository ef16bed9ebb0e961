//! Tab completion in the input box: the word before the cursor is replaced by the first
//! candidate of [`crate::app::user::completion`]; more Tabs (or Shift-Tabs) put the next
//! (or previous) one in its place, and any other key keeps what is there.

use ratatui_textarea::CursorMove;

use crate::app::user::UserApp;
use crate::app::user::completion::{Cycle, WordPlace, candidates};

use super::InputBox;

/// A completion under way: the candidates and where the current one was put.
#[derive(Debug, Clone)]
pub(super) struct Completing {
    cycle: Cycle,
    /// The line of the text it is in.
    row: usize,
    /// The character column the word starts at.
    start: usize,
    /// How many characters the candidate put there has.
    inserted: usize,
}

impl InputBox {
    /// Tab (`back` false) or Shift-Tab (`back` true): starts completing the word before
    /// the cursor, or moves on to the next (or previous) candidate. Nothing happens when
    /// nothing matches.
    pub fn complete(&mut self, app: &UserApp, back: bool) {
        if let Some(mut completing) = self.completing.take() {
            let next = if back {
                completing.cycle.back()
            } else {
                completing.cycle.forward()
            }
            .to_owned();
            let (row, start, inserted) = (completing.row, completing.start, completing.inserted);
            if self.replace_span(row, start, inserted, &next) {
                completing.inserted = next.chars().count();
                self.completing = Some(completing);
            }
            return;
        }
        let ratatui_textarea::DataCursor(row, col) = self.textarea.cursor();
        let Some(line) = self.textarea.lines().get(row) else {
            return;
        };
        let chars: Vec<char> = line.chars().collect();
        let col = col.min(chars.len());
        let start = chars[..col]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(0, |space| space + 1);
        let word: String = chars[start..col].iter().collect();
        let place = WordPlace {
            line_start: start == 0,
            draft_start: start == 0 && row == 0,
        };
        let Some(mut cycle) = Cycle::new(candidates(app, &word, place)) else {
            return;
        };
        if back {
            cycle.back();
        }
        let first = cycle.current().to_owned();
        if self.replace_span(row, start, col - start, &first) {
            self.completing = Some(Completing {
                cycle,
                row,
                start,
                inserted: first.chars().count(),
            });
        }
    }

    /// The candidates while Tab cycles through them (the current one among them).
    pub fn completion(&self) -> Option<&Cycle> {
        self.completing.as_ref().map(|completing| &completing.cycle)
    }

    /// Ends cycling: what was completed stays.
    pub fn end_completion(&mut self) {
        self.completing = None;
    }

    /// Replaces `len` characters from column `start` of line `row` with `text`, the
    /// cursor after it; `false` if the position is beyond what the editor can jump to.
    fn replace_span(&mut self, row: usize, start: usize, len: usize, text: &str) -> bool {
        let (Ok(jump_row), Ok(jump_col)) = (u16::try_from(row), u16::try_from(start)) else {
            return false;
        };
        self.textarea.cancel_selection();
        self.textarea
            .move_cursor(CursorMove::Jump(jump_row, jump_col));
        if self.textarea.cursor() != (row, start) {
            return false;
        }
        self.textarea.delete_str(len);
        self.textarea.insert_str(text);
        true
    }
}
