//! `sanitize` on any text: nothing that can act on a terminal or hide what it says comes
//! out; `log_safe` on any text: one line without escape sequences.

use chat_tui::ui::widgets::sanitize::{log_safe, sanitize, sanitize_lines};
use proptest::prelude::*;

use super::strategies::any_text;

/// The reference: C0, DEL and C1 controls (ESC among them), bidi marks, embeddings,
/// overrides and isolates, invisible characters, line and paragraph separators. The
/// zero-width joiner is not in it: it may stand between two emoji (see
/// [`ZERO_WIDTH_JOINER`]).
pub fn acts_on_terminal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{200b}' | '\u{200c}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The zero-width joiner: kept only between two emoji.
const ZERO_WIDTH_JOINER: char = '\u{200d}';

/// An emoji a joiner may join (the reference's blocks), or the emoji variation selector
/// before a joiner.
fn emoji_around_joiner(before: char, after: char) -> bool {
    let emoji = |c: char| matches!(c, '\u{1f000}'..='\u{1faff}' | '\u{2600}'..='\u{27bf}' | '\u{2b00}'..='\u{2bff}');
    (emoji(before) || before == '\u{fe0f}') && emoji(after)
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
    fn a_joiner_comes_out_only_between_two_emoji(text in any_text()) {
        let clean: Vec<char> = sanitize(&text).chars().collect();
        for (i, c) in clean.iter().enumerate() {
            if *c == ZERO_WIDTH_JOINER {
                let joined = i > 0
                    && clean.get(i + 1).is_some_and(|after| emoji_around_joiner(clean[i - 1], *after));
                prop_assert!(joined, "{text:?} -> {clean:?}");
            }
        }
    }

    #[test]
    fn the_log_form_is_one_line_without_escapes_or_hidden_marks(text in any_text()) {
        let safe = log_safe(&text);
        prop_assert!(
            !safe.chars().any(|c| acts_on_terminal(c) || c == ZERO_WIDTH_JOINER),
            "{text:?} -> {safe:?}"
        );
        // Nothing is dropped: each character is kept or gets a stand-in.
        prop_assert!(safe.chars().count() >= text.chars().count());
    }

    #[test]
    fn harmless_text_is_kept_as_it_is(text in any::<String>()) {
        let harmless: String = text
            .chars()
            .filter(|c| !acts_on_terminal(*c) && *c != ZERO_WIDTH_JOINER)
            .collect();
        prop_assert_eq!(sanitize(&harmless), harmless.as_str());
    }

    #[test]
    fn without_escapes_every_character_stays_visible(text in any_text()) {
        // Without ESC nothing is dropped: each character is kept or gets a stand-in.
        let text: String = text.chars().filter(|c| *c != '\u{1b}').collect();
        prop_assert!(sanitize(&text).chars().count() >= text.chars().count());
    }
}
