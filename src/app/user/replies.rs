//! Answers shown as notices: the topic list, who is online.

use crate::domain::TopicName;

use super::effect::Effect;
use super::line::NoticeLevel;
use super::state::UserApp;

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
}
