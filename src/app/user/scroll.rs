//! Scrolling by rows: the view moved up or down by a number of rows, measuring only the
//! lines it passes (see [`View`] for why the position is an anchor).

use super::conversation::Conversation;
use super::state::UserApp;
use super::view::{Anchor, View};

impl Conversation {
    /// The line on the pane's bottom row and the rows of it hidden below.
    pub fn bottom(&self) -> (usize, usize) {
        let last = self.lines.len().saturating_sub(1);
        match self.view {
            View::Following => (last, 0),
            View::Anchored(anchor) => (anchor.line.min(last), anchor.below),
        }
    }
}

impl UserApp {
    /// Rows line `index` of `conversation` takes in the pane (at least one).
    pub(super) fn rows_of(&self, conversation: &Conversation, index: usize) -> usize {
        (self.layout)(self, conversation, index, self.pane.width).max(1)
    }

    /// Pane rows (at least one).
    pub(super) fn pane_rows(&self) -> usize {
        usize::from(self.pane.height).max(1)
    }

    /// Rows a Page Up or Page Down moves: the pane's height less one row of overlap
    /// (at least one).
    pub(super) fn page_rows(&self) -> usize {
        usize::from(self.pane.height).saturating_sub(1).max(1)
    }

    /// The view `rows` rows further back than now, stopping at the oldest loaded line.
    pub(super) fn view_up(&self, conversation: &Conversation, rows: usize) -> View {
        if conversation.lines.is_empty() {
            return View::Following;
        }
        let (mut line, below) = conversation.bottom();
        let mut hidden = below.saturating_add(rows);
        loop {
            let height = self.rows_of(conversation, line);
            if hidden < height {
                return self.pinned(
                    conversation,
                    Anchor {
                        line,
                        below: hidden,
                    },
                );
            }
            if line == 0 {
                let below = height - 1;
                return self.pinned(conversation, Anchor { line, below });
            }
            hidden -= height;
            line -= 1;
        }
    }

    /// The view `rows` rows further forward than now, stopping at the newest loaded line
    /// (following it again if it is the newest there is).
    pub(super) fn view_down(&self, conversation: &Conversation, rows: usize) -> View {
        let View::Anchored(_) = conversation.view else {
            return View::Following;
        };
        let last = conversation.lines.len().saturating_sub(1);
        let (mut line, mut below) = conversation.bottom();
        let mut wanted = rows;
        while wanted > 0 {
            if below >= wanted {
                below -= wanted;
                break;
            }
            wanted -= below;
            below = 0;
            if line >= last {
                break;
            }
            // The next line's first row comes into the pane.
            line += 1;
            below = self.rows_of(conversation, line) - 1;
            wanted -= 1;
        }
        self.settled(conversation, Anchor { line, below })
    }

    /// The view with the oldest loaded line at the top of the pane.
    pub(super) fn view_from_top(&self, conversation: &Conversation) -> View {
        let height = self.pane_rows();
        let mut shown = 0;
        for line in 0..conversation.lines.len() {
            shown += self.rows_of(conversation, line);
            if shown >= height {
                let below = shown - height;
                return self.settled(conversation, Anchor { line, below });
            }
        }
        let line = conversation.lines.len().saturating_sub(1);
        self.settled(conversation, Anchor { line, below: 0 })
    }

    /// `anchor`, unless the lines above it do not fill the pane: then the view that
    /// shows the oldest loaded line at the top.
    fn pinned(&self, conversation: &Conversation, anchor: Anchor) -> View {
        let height = self.pane_rows();
        let mut shown = self.rows_of(conversation, anchor.line) - anchor.below;
        let mut line = anchor.line;
        while shown < height && line > 0 {
            line -= 1;
            shown += self.rows_of(conversation, line);
        }
        if shown >= height {
            self.settled(conversation, anchor)
        } else {
            self.view_from_top(conversation)
        }
    }

    /// `anchor`, or following when it is the bottom of the newest line there is.
    fn settled(&self, conversation: &Conversation, anchor: Anchor) -> View {
        let newest = anchor.line + 1 >= conversation.lines.len() && !conversation.paging.newer;
        if newest && anchor.below == 0 {
            View::Following
        } else {
            View::Anchored(anchor)
        }
    }
}
