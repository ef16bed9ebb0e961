//! Answers shown as notices: search results, the topic list, who is online.

use crate::domain::{ChatMessage, TopicName};

use super::effect::Effect;
use super::line::NoticeLevel;
use super::state::UserApp;
use super::update::SEARCH_LIMIT;

impl UserApp {
    /// The answer to `/topics`, marking those joined.
    pub(super) fn on_topics(&mut self, topics: &[TopicName], fx: &mut Vec<Effect>) {
        let text = if topics.is_empty() {
            "no topics yet: an operator creates them with `chat-tui admin`".to_string()
        } else {
            let names: Vec<String> = topics
                .iter()
                .map(|t| {
                    let mark = if self.subscriptions.contains(t) {
                        " (joined)"
                    } else {
                        ""
                    };
                    format!("#{t}{mark}")
                })
                .collect();
            format!("topics: {}", names.join(", "))
        };
        self.notice(NoticeLevel::Info, text, fx);
    }

    /// Search results, newest first, one notice each.
    pub(super) fn on_search_results(
        &mut self,
        query: &str,
        found: Vec<ChatMessage>,
        fx: &mut Vec<Effect>,
    ) {
        if found.is_empty() {
            return self.notice(
                NoticeLevel::Info,
                format!("no message contains {query:?}"),
                fx,
            );
        }
        let more = if found.len() >= SEARCH_LIMIT {
            " (newest shown)"
        } else {
            ""
        };
        self.notice(
            NoticeLevel::Info,
            match found.len() {
                1 => format!("1 message contains {query:?}:"),
                n => format!("{n} messages contain {query:?}{more}:"),
            },
            fx,
        );
        for msg in found {
            let who = match &msg.from {
                Some(from) if from == &self.me => "you".to_string(),
                Some(from) => from.to_string(),
                None => "?".to_string(),
            };
            let at = msg
                .sent_at
                .checked_to_offset(self.local_offset)
                .unwrap_or(msg.sent_at);
            let body = match &msg.content {
                crate::domain::Content::Text(text) => text.clone(),
                crate::domain::Content::Unreadable { preview, .. } => preview.clone(),
            };
            let text = format!(
                "  {:04}-{:02}-{:02} {:02}:{:02} {} {who}: {body}",
                at.year(),
                at.month() as u8,
                at.day(),
                at.hour(),
                at.minute(),
                msg.conversation
            );
            self.notice(NoticeLevel::Info, text, fx);
        }
    }
}
