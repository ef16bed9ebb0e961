//! Tab completion's sources and cycling, as pure logic: what a word under the cursor may
//! become (`/commands` at the start of the line, `#topics`, people — the most recently
//! active first), and the ring of candidates repeated Tab and Shift-Tab move through.

use std::collections::{BTreeSet, HashMap};

use time::OffsetDateTime;

use crate::domain::command::HELP;
use crate::domain::{ConversationId, UserName};

use super::line::Line;
use super::state::UserApp;

/// The short forms the command parser also takes, offered after the commands of
/// [`HELP`].
pub const COMMAND_ALIASES: &[&str] = &[
    "/m", "/j", "/part", "/list", "/s", "/buffer", "/b", "/q", "/wc", "/h", "/exit",
];

/// Where the word being completed sits, which decides what it may become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordPlace {
    /// The word starts the line (a name there gets `: ` after it).
    pub line_start: bool,
    /// The word starts the whole draft (only there is a `/command` a command).
    pub draft_start: bool,
}

/// What `word` may be completed to, in the order Tab offers them, each with what
/// follows it (a space, or `: ` after a name that starts a line). Matching ignores
/// case. An empty word offers people.
pub fn candidates(app: &UserApp, word: &str, place: WordPlace) -> Vec<String> {
    if let Some(command) = word.strip_prefix('/') {
        if !place.draft_start {
            return Vec::new();
        }
        return command_words()
            .into_iter()
            .filter(|candidate| starts_with_ignoring_case(&candidate[1..], command))
            .map(|candidate| format!("{candidate} "))
            .collect();
    }
    if let Some(topic) = word.strip_prefix('#') {
        return known_topics(app)
            .into_iter()
            .filter(|candidate| starts_with_ignoring_case(candidate, topic))
            .map(|candidate| format!("#{candidate} "))
            .collect();
    }
    let suffix = if place.line_start { ": " } else { " " };
    people_by_activity(app)
        .into_iter()
        .filter(|candidate| starts_with_ignoring_case(candidate.as_str(), word))
        .map(|candidate| format!("{candidate}{suffix}"))
        .collect()
}

/// Every command word: those of [`HELP`] in its order, then the aliases.
pub fn command_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = HELP
        .iter()
        .filter_map(|(usage, _)| usage.split_whitespace().next())
        .collect();
    for alias in COMMAND_ALIASES {
        if !words.contains(alias) {
            words.push(alias);
        }
    }
    words
}

/// The topics we know of: ours, the ones people online announced, and those in the
/// sidebar, sorted by name (no `#`).
pub fn known_topics(app: &UserApp) -> Vec<String> {
    let mut topics: BTreeSet<String> = app.subscriptions.iter().map(|t| t.to_string()).collect();
    for announced in app.topics_of.values() {
        topics.extend(announced.iter().map(|t| t.to_string()));
    }
    for conversation in &app.conversations {
        if let ConversationId::Topic(topic) = &conversation.id {
            topics.insert(topic.to_string());
        }
    }
    topics.into_iter().collect()
}

/// Everyone but us that we know of, the most recently active first: by the time of
/// their newest loaded message (written by them, or in our conversation with them),
/// then the people online with nothing loaded, then those we only have a conversation
/// with, each group by name.
pub fn people_by_activity(app: &UserApp) -> Vec<UserName> {
    let mut last_active: HashMap<UserName, OffsetDateTime> = HashMap::new();
    let mut note = |who: &UserName, at: OffsetDateTime| {
        let entry = last_active.entry(who.clone()).or_insert(at);
        if at > *entry {
            *entry = at;
        }
    };
    let mut known: BTreeSet<UserName> = BTreeSet::new();
    for conversation in &app.conversations {
        let peer = match &conversation.id {
            ConversationId::Direct(peer) => {
                known.insert(peer.clone());
                Some(peer)
            }
            _ => None,
        };
        for line in &conversation.lines {
            let Line::Message(msg) = line else { continue };
            if let Some(peer) = peer {
                note(peer, msg.sent_at);
            }
            if let Some(from) = &msg.from {
                note(from, msg.sent_at);
            }
        }
    }
    let mut active: Vec<(UserName, OffsetDateTime)> = last_active
        .into_iter()
        .filter(|(who, _)| *who != app.me)
        .collect();
    active.sort_by(|(a, at_a), (b, at_b)| at_b.cmp(at_a).then_with(|| a.cmp(b)));
    let mut people: Vec<UserName> = active.into_iter().map(|(who, _)| who).collect();
    for group in [&app.online, &known] {
        for who in group {
            if *who != app.me && !people.contains(who) {
                people.push(who.clone());
            }
        }
    }
    people
}

fn starts_with_ignoring_case(candidate: &str, prefix: &str) -> bool {
    candidate
        .to_lowercase()
        .starts_with(prefix.to_lowercase().as_str())
}

/// The candidates of one completion and the one shown now: Tab moves forward, Shift-Tab
/// back, both around the ring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    candidates: Vec<String>,
    current: usize,
}

impl Cycle {
    /// A cycle at its first candidate; `None` when there is nothing to offer.
    pub fn new(candidates: Vec<String>) -> Option<Self> {
        (!candidates.is_empty()).then_some(Self {
            candidates,
            current: 0,
        })
    }

    /// The candidate shown now.
    pub fn current(&self) -> &str {
        &self.candidates[self.current]
    }

    /// Where the current candidate is among them.
    pub fn position(&self) -> usize {
        self.current
    }

    /// All the candidates, in order.
    pub fn candidates(&self) -> &[String] {
        &self.candidates
    }

    /// Tab again: the next candidate (after the last, the first).
    pub fn forward(&mut self) -> &str {
        self.current = (self.current + 1) % self.candidates.len();
        self.current()
    }

    /// Shift-Tab: the previous candidate (before the first, the last).
    pub fn back(&mut self) -> &str {
        self.current = (self.current + self.candidates.len() - 1) % self.candidates.len();
        self.current()
    }
}

#[cfg(test)]
#[path = "completion_tests.rs"]
mod tests;
