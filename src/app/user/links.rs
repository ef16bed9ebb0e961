//! Links in messages: found with `linkify` (it keeps trailing punctuation and brackets
//! out of a URL), listed by `/links` and opened by `/open N`.
//!
//! Only `http://` and `https://` URLs of printable ASCII count: such a URL can be
//! written into a terminal's hyperlink sequence (OSC 8) and handed to an opener as it
//! is, and nothing in it can end the sequence early or act on the terminal.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};

use crate::domain::Content;

use super::effect::Effect;
use super::line::{Line, NoticeLevel};
use super::state::UserApp;

/// `/links` lists at most this many links (the newest).
pub const LISTED_LINKS: usize = 20;

/// The links in `text`, in order: where each is (bytes) and the URL.
pub fn find_links(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut finder = LinkFinder::new();
    // IRIs are found whole, then refused as not ASCII: not cut at their first accent.
    finder.kinds(&[LinkKind::Url]);
    finder
        .links(text)
        .filter(|link| is_web_url(link.as_str()))
        .map(|link| (link.start()..link.end(), link.as_str()))
        .collect()
}

/// Whether a URL is `http(s)://` and only printable ASCII.
fn is_web_url(url: &str) -> bool {
    let lowered = url.to_ascii_lowercase();
    let scheme = lowered.starts_with("http://") || lowered.starts_with("https://");
    scheme && url.bytes().all(|b| b.is_ascii_graphic())
}

impl UserApp {
    /// The links of the current conversation's loaded messages, newest first, each once.
    pub fn current_links(&self) -> Vec<String> {
        let mut links: Vec<String> = Vec::new();
        for line in self.current_conversation().lines.iter().rev() {
            let Line::Message(msg) = line else { continue };
            let Content::Text(body) = &msg.content else {
                continue;
            };
            for (_, url) in find_links(body).into_iter().rev() {
                if !links.iter().any(|seen| seen == url) {
                    links.push(url.to_owned());
                }
            }
        }
        links
    }

    /// `/links`: the current conversation's links as numbered notices, newest first.
    pub(super) fn list_links(&mut self, fx: &mut Vec<Effect>) {
        let links = self.current_links();
        let id = self.current_conversation().id.clone();
        if links.is_empty() {
            return self.notice(NoticeLevel::Info, format!("no links in {id}"), fx);
        }
        let shown = links.len().min(LISTED_LINKS);
        self.notice(
            NoticeLevel::Info,
            format!("links in {id}, newest first (/open N opens one):"),
            fx,
        );
        for (i, url) in links.iter().take(shown).enumerate() {
            self.notice(NoticeLevel::Info, format!("{:>2} {url}", i + 1), fx);
        }
    }

    /// `/open N`: opens the Nth link `/links` lists (the TUI opens it; line mode, whose
    /// output is read by a person or a script, only prints it).
    pub(super) fn open_link(&mut self, number: usize, fx: &mut Vec<Effect>) {
        let links = self.current_links();
        match number.checked_sub(1).and_then(|i| links.get(i)) {
            Some(url) => {
                self.notice(NoticeLevel::Info, format!("link {number}: {url}"), fx);
                fx.push(Effect::OpenLink(url.clone()));
            }
            None => {
                let text = match links.len() {
                    0 => format!("no link {number}: there are no links here"),
                    n => format!("no link {number}: there are {n} (/links lists them)"),
                };
                self.notice(NoticeLevel::Error, text, fx);
            }
        }
    }
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
