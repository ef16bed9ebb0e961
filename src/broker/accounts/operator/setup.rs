//! `chat-tui admin setup`: the shared objects of protocol version 3, the inbox policy,
//! and every existing inbox bound as accounts need it. Idempotent: a second run changes
//! nothing.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::Operator;
use crate::broker::accounts::error::OperatorError;
use crate::domain::wire::ANNOUNCE_TO_ALL;
use crate::domain::wire::{
    ANNOUNCE_EXCHANGE, DIRECT_EXCHANGE, INBOX_PREFIX, PRESENCE_ANSWERS_EXCHANGE, PRESENCE_EXCHANGE,
    user_from_inbox,
};

/// The policy that limits every inbox.
pub const INBOX_POLICY: &str = "chat-inboxes";

/// The shared exchanges and their types.
const EXCHANGES: [(&str, &str); 4] = [
    (DIRECT_EXCHANGE, "direct"),
    (PRESENCE_EXCHANGE, "fanout"),
    (PRESENCE_ANSWERS_EXCHANGE, "direct"),
    (ANNOUNCE_EXCHANGE, "direct"),
];

/// How much one inbox may hold; a publish beyond it is refused (`reject-publish`), so
/// the sender learns it and keeps the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InboxLimits {
    /// Messages (`max-length`).
    pub max_messages: u64,
    /// Bytes of message bodies (`max-length-bytes`).
    pub max_bytes: u64,
}

impl Default for InboxLimits {
    /// 10,000 messages, 100 MiB.
    fn default() -> Self {
        Self {
            max_messages: 10_000,
            max_bytes: 100 * 1024 * 1024,
        }
    }
}

impl InboxLimits {
    /// The policy definition.
    fn definition(self) -> Map<String, Value> {
        let mut definition = Map::new();
        definition.insert("max-length".into(), json!(self.max_messages));
        definition.insert("max-length-bytes".into(), json!(self.max_bytes));
        definition.insert("overflow".into(), json!("reject-publish"));
        definition
    }
}

/// One thing setup looked at: what it did, or that it was already right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupStep {
    /// Whether it created or changed something.
    pub changed: bool,
    /// What, in a few words ("created exchange chat.announce (direct, durable)").
    pub text: String,
}

impl SetupStep {
    fn changed(text: String) -> Self {
        Self {
            changed: true,
            text,
        }
    }

    fn unchanged(text: String) -> Self {
        Self {
            changed: false,
            text,
        }
    }
}

/// The pattern of the inbox policy: every queue named `chat.user.…`.
fn inbox_pattern() -> String {
    format!("^{}", regex::escape(INBOX_PREFIX))
}

/// The bindings an inbox of `name` needs: `(exchange, key)`.
pub(super) fn inbox_bindings(name: &str) -> [(&'static str, String); 3] {
    [
        (DIRECT_EXCHANGE, name.to_owned()),
        (ANNOUNCE_EXCHANGE, ANNOUNCE_TO_ALL.to_owned()),
        (ANNOUNCE_EXCHANGE, name.to_owned()),
    ]
}

impl Operator {
    /// Declares the shared exchanges, applies the inbox policy with `limits`, and binds
    /// every existing inbox where a binding is missing. An exchange that exists with
    /// another type is an error before anything is changed.
    pub async fn setup(&self, limits: InboxLimits) -> Result<Vec<SetupStep>, OperatorError> {
        self.api.check_vhost().await?;
        let mut steps = Vec::new();
        let mut missing = Vec::new();
        for (name, kind) in EXCHANGES {
            match self.api.exchange(name).await? {
                None => missing.push((name, kind)),
                Some(found) if found.kind == kind => {
                    steps.push(SetupStep::unchanged(format!(
                        "exchange {name} ({kind}) exists"
                    )));
                }
                Some(found) => {
                    return Err(OperatorError::Other(format!(
                        "the exchange {name} exists as a {} exchange, but chat-tui needs a {kind} one; nothing was changed (delete it and run setup again)",
                        found.kind
                    )));
                }
            }
        }
        for (name, kind) in missing {
            self.api.declare_exchange(name, kind).await?;
            steps.push(SetupStep::changed(format!(
                "created exchange {name} ({kind}, durable)"
            )));
        }
        steps.push(self.apply_policy(limits).await?);
        steps.extend(self.bind_inboxes().await?);
        Ok(steps)
    }

    async fn apply_policy(&self, limits: InboxLimits) -> Result<SetupStep, OperatorError> {
        let pattern = inbox_pattern();
        let definition = limits.definition();
        let describe = format!(
            "policy {INBOX_POLICY} on {pattern} (max-length {}, max-length-bytes {}, overflow reject-publish)",
            limits.max_messages, limits.max_bytes
        );
        let verb = match self.api.policy(INBOX_POLICY).await? {
            Some(found)
                if found.pattern == pattern
                    && found.apply_to == "queues"
                    && found.priority == 0
                    && found.definition == definition =>
            {
                return Ok(SetupStep::unchanged(format!("{describe} is in place")));
            }
            Some(_) => "updated",
            None => "applied",
        };
        self.api
            .put_policy(INBOX_POLICY, &pattern, "queues", &definition)
            .await?;
        Ok(SetupStep::changed(format!("{verb} {describe}")))
    }

    /// Binds every inbox of the virtual host where a binding it needs is missing.
    async fn bind_inboxes(&self) -> Result<Vec<SetupStep>, OperatorError> {
        let (queues, bindings) = tokio::try_join!(self.api.queues(), self.api.bindings())?;
        let present: HashSet<(String, String, String)> = bindings
            .into_iter()
            .filter(|b| b.destination_type == "queue")
            .map(|b| (b.source, b.destination, b.routing_key))
            .collect();
        let mut steps = Vec::new();
        let mut inboxes = 0;
        for queue in &queues {
            let Some(user) = user_from_inbox(&queue.name) else {
                continue;
            };
            inboxes += 1;
            for (exchange, key) in inbox_bindings(user.as_str()) {
                let wanted = (exchange.to_owned(), queue.name.clone(), key.clone());
                if present.contains(&wanted) {
                    continue;
                }
                self.api.bind(exchange, &queue.name, &key).await?;
                steps.push(SetupStep::changed(format!(
                    "bound {} to {exchange} (key {key})",
                    queue.name
                )));
            }
        }
        if steps.is_empty() {
            steps.push(SetupStep::unchanged(format!(
                "{inboxes} inboxes have their bindings"
            )));
        }
        Ok(steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_the_documented_one() {
        assert_eq!(inbox_pattern(), r"^chat\.user\.");
        let definition = InboxLimits::default().definition();
        assert_eq!(
            Value::Object(definition),
            json!({"max-length": 10000, "max-length-bytes": 104_857_600, "overflow": "reject-publish"})
        );
    }

    #[test]
    fn an_inbox_needs_its_dm_and_both_announcement_bindings() {
        assert_eq!(
            inbox_bindings("bob"),
            [
                ("chat.direct", "bob".to_owned()),
                ("chat.announce", "all".to_owned()),
                ("chat.announce", "bob".to_owned()),
            ]
        );
    }
}
