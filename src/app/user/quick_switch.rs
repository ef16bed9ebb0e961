//! The quick switcher's list (Ctrl-G): the conversations whose name holds what was typed
//! (ignoring case), those with unread messages first, each group in sidebar order.

use super::state::UserApp;

/// The sidebar positions of the conversations matching `query`, in the order the
/// switcher lists them: unread ones first, then the rest, each in sidebar order.
pub fn switcher_matches(app: &UserApp, query: &str) -> Vec<usize> {
    let query = query.to_lowercase();
    let matching = app
        .conversations
        .iter()
        .enumerate()
        .filter(|(_, c)| c.id.to_string().to_lowercase().contains(&query));
    let (unread, read): (Vec<_>, Vec<_>) = matching.partition(|(_, c)| c.unread > 0);
    unread
        .into_iter()
        .chain(read)
        .map(|(index, _)| index)
        .collect()
}

#[cfg(test)]
#[path = "quick_switch_tests.rs"]
mod tests;
