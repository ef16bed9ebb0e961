//! `sanitize` on any text: nothing that can act on a terminal comes out.

use chat_tui::ui::widgets::sanitize::{sanitize, sanitize_lines};
use proptest::prelude::*;

use super::strategies::any_text;

/// The reference: C0, DEL and C1 controls (ESC among them), bidi embeddings, overrides
/// and isolates, line and paragraph separators.
pub fn acts_on_terminal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

proptest! {
    #[test]
    fn nothing_that_acts_on_a_terminal_comes_out(text in any_text()) {
        let clean = sanitize(&text);
        prop_assert!(!clean.chars().any(acts_on_terminal), "{text:?} -> {clean:?}");
        for line in sanitize_lines(&text) {
            prop_assert!(!line.chars().any(acts_on_terminal), "{text:?} -> {line:?}");
        }
    }

    #[test]
    fn harmless_text_is_kept_as_it_is(text in any::<String>()) {
        let harmless: String = text.chars().filter(|c| !acts_on_terminal(*c)).collect();
        prop_assert_eq!(sanitize(&harmless), harmless.as_str());
    }

    #[test]
    fn without_escapes_every_character_stays_visible(text in any_text()) {
        // Without ESC nothing is dropped: each character is kept or gets a stand-in.
        let text: String = text.chars().filter(|c| *c != '\u{1b}').collect();
        prop_assert!(sanitize(&text).chars().count() >= text.chars().count());
    }
}
