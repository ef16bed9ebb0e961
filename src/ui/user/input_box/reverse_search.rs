//! Ctrl-R: readline's reverse incremental search through the lines sent before. The
//! input's border shows `(reverse-i-search) 'que': the matching line`; typing narrows
//! it, Ctrl-R again finds an older match, Enter puts the match into the box (without
//! sending it), Esc (or Ctrl-G) leaves the box as it was. Any other key takes the match
//! and then does what it always does. Matching ignores case.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::InputBox;
use crate::ui::widgets::sanitize::sanitize;

/// A search under way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ReverseSearch {
    query: String,
    /// The history line matching now.
    found: Option<usize>,
    /// The last search found nothing (older than `found`, or at all).
    failed: bool,
}

/// What a key did to the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKey {
    /// The search used it (or ended on it: Enter, Esc).
    Used,
    /// The search ended, taking its match; the key is to be handled as usual.
    PassOn,
}

impl InputBox {
    /// Ctrl-R: starts a search (or, during one, finds an older match).
    pub fn search_back(&mut self) {
        let history_len = self.history.len();
        let search = self.search.get_or_insert_with(ReverseSearch::default);
        if search.query.is_empty() {
            return;
        }
        let before = search.found.unwrap_or(history_len);
        match find_older(&self.history, &search.query, before) {
            Some(index) => {
                search.found = Some(index);
                search.failed = false;
            }
            None => search.failed = true,
        }
    }

    /// Whether a search is under way.
    pub fn is_searching(&self) -> bool {
        self.search.is_some()
    }

    /// A key while searching.
    pub fn search_key(&mut self, key: KeyEvent) -> SearchKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('r') if ctrl => self.search_back(),
            KeyCode::Esc => self.search = None,
            KeyCode::Char('g') if ctrl => self.search = None,
            KeyCode::Enter => self.accept_search(),
            KeyCode::Backspace => {
                if let Some(search) = &mut self.search {
                    search.query.pop();
                    search.found = None;
                    search.failed = false;
                }
                self.search_again(self.history.len());
            }
            KeyCode::Char(c) if !ctrl && !alt => self.narrow_search(&c.to_string()),
            _ => {
                self.accept_search();
                return SearchKey::PassOn;
            }
        }
        SearchKey::Used
    }

    /// Pasted text while searching: its first line is added to what is searched.
    pub fn search_paste(&mut self, text: &str) {
        self.narrow_search(text.lines().next().unwrap_or_default());
    }

    /// What the input's border says during a search.
    pub fn search_prompt(&self) -> Option<String> {
        let search = self.search.as_ref()?;
        let matched = search
            .found
            .and_then(|index| self.history.get(index))
            .map(|line| line.replace('\n', " ⏎ "))
            .unwrap_or_default();
        let failed = if search.failed { "failed " } else { "" };
        Some(format!(
            "({failed}reverse-i-search) '{}': {}",
            sanitize(&search.query),
            sanitize(&matched)
        ))
    }

    /// Adds `text` to the query: the current match stays if it still matches, else an
    /// older one is looked for.
    fn narrow_search(&mut self, text: &str) {
        let Some(search) = &mut self.search else {
            return;
        };
        search.query.push_str(text);
        let from = search.found.map_or(self.history.len(), |found| found + 1);
        self.search_again(from);
    }

    /// Looks for the query in lines older than `before`.
    fn search_again(&mut self, before: usize) {
        let Some(search) = &mut self.search else {
            return;
        };
        if search.query.is_empty() {
            search.found = None;
            search.failed = false;
            return;
        }
        match find_older(&self.history, &search.query, before) {
            Some(index) => {
                search.found = Some(index);
                search.failed = false;
            }
            None => search.failed = true,
        }
    }

    /// Ends the search, its match (if any) put into the box.
    fn accept_search(&mut self) {
        let Some(search) = self.search.take() else {
            return;
        };
        if let Some(line) = search.found.and_then(|index| self.history.get(index)) {
            let line = line.clone();
            self.recall = None;
            self.set_text(&line);
        }
    }
}

/// The newest line older than `before` that holds `query`, ignoring case.
fn find_older(history: &[String], query: &str, before: usize) -> Option<usize> {
    let query = query.to_lowercase();
    history[..before.min(history.len())]
        .iter()
        .rposition(|line| line.to_lowercase().contains(&query))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_history(lines: &[&str]) -> InputBox {
        let mut input = InputBox::new();
        for line in lines {
            input.paste(line);
            input.take();
        }
        input
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_query(input: &mut InputBox, text: &str) {
        for c in text.chars() {
            assert_eq!(input.search_key(key(KeyCode::Char(c))), SearchKey::Used);
        }
    }

    #[test]
    fn finds_the_newest_match_first_and_older_ones_on_ctrl_r() {
        let mut input = with_history(&["query one", "other", "Query two", "last"]);
        input.paste("draft");
        input.search_back();
        assert_eq!(input.search_prompt().unwrap(), "(reverse-i-search) '': ");
        type_query(&mut input, "que");
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'que': Query two"
        );
        input.search_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'que': query one"
        );
        input.search_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
        assert_eq!(
            input.search_prompt().unwrap(),
            "(failed reverse-i-search) 'que': query one",
            "nothing older: it says so and keeps the match"
        );
        assert_eq!(
            input.text(),
            "draft",
            "the box is untouched while searching"
        );
        assert_eq!(input.search_key(key(KeyCode::Enter)), SearchKey::Used);
        assert!(!input.is_searching());
        assert_eq!(
            input.text(),
            "query one",
            "Enter takes the match, not sends it"
        );
    }

    #[test]
    fn typing_narrows_and_backspace_widens_again() {
        let mut input = with_history(&["alpha beta", "alpha"]);
        input.search_back();
        type_query(&mut input, "alpha");
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'alpha': alpha"
        );
        type_query(&mut input, " b");
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'alpha b': alpha beta"
        );
        input.search_key(key(KeyCode::Backspace));
        input.search_key(key(KeyCode::Backspace));
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'alpha': alpha"
        );
        type_query(&mut input, "zzz");
        assert!(input.search_prompt().unwrap().starts_with("(failed "));
    }

    #[test]
    fn esc_leaves_the_box_as_it_was_and_other_keys_take_the_match() {
        let mut input = with_history(&["hello there"]);
        input.paste("draft");
        input.search_back();
        type_query(&mut input, "hel");
        assert_eq!(input.search_key(key(KeyCode::Esc)), SearchKey::Used);
        assert!(!input.is_searching());
        assert_eq!(input.text(), "draft");
        input.search_back();
        type_query(&mut input, "the");
        assert_eq!(input.search_key(key(KeyCode::Left)), SearchKey::PassOn);
        assert_eq!(input.text(), "hello there");
    }

    #[test]
    fn a_multi_line_match_is_shown_on_one_line() {
        let mut input = with_history(&["one\ntwo"]);
        input.search_back();
        type_query(&mut input, "two");
        assert_eq!(
            input.search_prompt().unwrap(),
            "(reverse-i-search) 'two': one ⏎ two"
        );
    }
}
