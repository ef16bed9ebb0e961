//! Tests of the bounded window and paging: a fake store answers the page requests the
//! way `History::page` does, and events go in as the runtime would send them. Without
//! a layout lent, every line is one row; the pane is 20 rows.

use time::UtcOffset;

use super::*;
use crate::domain::{
    ChatMessage, ConversationId, Direction, Envelope, MessagePage, PageAt, TopicName, UserName,
};

pub(super) fn name(n: &str) -> UserName {
    UserName::parse(n).unwrap()
}

pub(super) fn news() -> ConversationId {
    ConversationId::Topic(TopicName::parse("news").unwrap())
}

/// Post number `i` of #news, id `p{i}`.
pub(super) fn post(i: usize) -> ChatMessage {
    let mut env = Envelope::topic(
        name("bob"),
        TopicName::parse("news").unwrap(),
        format!("post {i}"),
    );
    env.id = crate::domain::MessageId::from_string(format!("p{i}"));
    ChatMessage::from_envelope(&env, &name("alice"), Direction::Incoming).unwrap()
}

/// A user app over a fake store holding #news in storage order.
pub(super) struct Harness {
    pub app: UserApp,
    pub stored: Vec<ChatMessage>,
}

impl Harness {
    /// `count` posts stored, the newest [`FIRST_PAGE`] loaded as at start-up.
    pub fn new(count: usize) -> Self {
        let stored: Vec<ChatMessage> = (0..count).map(post).collect();
        let mut app = UserApp::new(name("alice"), String::new(), UtcOffset::UTC);
        let first = stored[count.saturating_sub(FIRST_PAGE)..].to_vec();
        app.load_history(vec![(news(), first)], vec![], vec![]);
        app.update(Event::Connected { waiting: 0 });
        Self { app, stored }
    }

    pub fn news(&self) -> &Conversation {
        &self.app.conversations[self.app.position(&news()).unwrap()]
    }

    pub fn key(&mut self, action: Action) -> Vec<Effect> {
        self.app.update(Event::Key(action))
    }

    /// Stores the next post and hands it to the app, as the inbox pump does.
    pub fn receive(&mut self) -> Vec<Effect> {
        let msg = post(self.stored.len());
        self.stored.push(msg.clone());
        self.app.update(Event::Received(msg))
    }

    /// What the store answers to a page request (the semantics of `History::page`).
    pub fn page(&self, at: &PageAt, limit: usize) -> MessagePage {
        let position = |id| self.stored.iter().position(|m| &m.id == id);
        let (from, to) = match at {
            PageAt::Before(id) => {
                let end = position(id).unwrap_or(0);
                (end.saturating_sub(limit), end)
            }
            PageAt::After(id) => match position(id) {
                Some(at) => (at + 1, (at + 1 + limit).min(self.stored.len())),
                None => (0, 0),
            },
            PageAt::Newest => (self.stored.len().saturating_sub(limit), self.stored.len()),
            PageAt::Oldest => (0, limit.min(self.stored.len())),
            PageAt::Around(id) => match position(id) {
                Some(at) if limit > 0 => {
                    let after = (limit - 1) / 2;
                    let before = limit - 1 - after;
                    (
                        at.saturating_sub(before),
                        (at + 1 + after).min(self.stored.len()),
                    )
                }
                _ => (0, 0),
            },
        };
        let more = match at {
            PageAt::Before(_) | PageAt::Newest => from > 0,
            PageAt::After(_) | PageAt::Oldest | PageAt::Around(_) => to < self.stored.len(),
        };
        MessagePage {
            messages: self.stored[from..to].to_vec(),
            more,
        }
    }

    /// Answers every page request in `fx`; returns the effects of the answers.
    pub fn serve(&mut self, fx: Vec<Effect>) -> Vec<Effect> {
        let mut more = Vec::new();
        for effect in fx {
            if let Effect::LoadPage {
                conversation,
                at,
                limit,
            } = effect
            {
                let result = Ok(self.page(&at, limit));
                more.extend(self.app.update(Event::PageLoaded {
                    conversation,
                    at,
                    result,
                }));
            }
        }
        more
    }

    /// The ids on screen, top to bottom (one row per line, a pane of 20 rows).
    pub fn on_screen(&self) -> Vec<String> {
        let news = self.news();
        let (bottom, _) = news.bottom();
        let top = (bottom + 1).saturating_sub(20);
        news.lines
            .range(top..=bottom)
            .map(|line| match line {
                Line::Message(m) => m.id.as_str().to_owned(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    pub fn ids(&self) -> Vec<String> {
        self.news()
            .lines
            .iter()
            .filter_map(|line| match line {
                Line::Message(m) => Some(m.id.as_str().to_owned()),
                _ => None,
            })
            .collect()
    }
}

pub(super) fn pages(fx: &[Effect]) -> Vec<&PageAt> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadPage { at, .. } => Some(at),
            _ => None,
        })
        .collect()
}

pub(super) fn before(i: usize) -> PageAt {
    PageAt::Before(crate::domain::MessageId::from_string(format!("p{i}")))
}

mod back;
mod forward;
mod jump;
