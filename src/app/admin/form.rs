//! The small one-line forms: a name for something new, or the text of an announcement.
//! Enter checks the input; a refusal stays in the form and nothing is sent.

use crate::domain::console::{Action, QueueName, Recipient, Target};
use crate::domain::envelope::MAX_BODY_BYTES;
use crate::domain::{TopicName, UserName};

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// The name of a new queue.
    NewQueue,
    /// The name of a new topic.
    NewTopic,
    /// The name of a new chat user.
    NewUser,
    /// The text of an announcement from "admin".
    Announce(Recipient),
}

impl FormKind {
    /// The form's title, e.g. `new queue` or `announce to #news`.
    pub fn title(&self) -> String {
        match self {
            FormKind::NewQueue => "new queue".to_owned(),
            FormKind::NewTopic => "new topic".to_owned(),
            FormKind::NewUser => "new user".to_owned(),
            FormKind::Announce(to) => format!("announce to {to}"),
        }
    }

    /// The label before the input, e.g. `name` or `message`.
    pub fn label(&self) -> &'static str {
        match self {
            FormKind::Announce(_) => "message",
            _ => "name",
        }
    }
}

/// An open form: what it is for, the text typed so far and the last refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What the form is for.
    pub kind: FormKind,
    /// The text typed so far.
    pub input: String,
    /// Why the last Enter was refused, if it was.
    pub error: Option<String>,
}

impl Form {
    /// An empty form.
    pub fn new(kind: FormKind) -> Self {
        Self {
            kind,
            input: String::new(),
            error: None,
        }
    }

    /// Types one character (control characters are ignored).
    pub(super) fn push(&mut self, c: char) {
        if !c.is_control() {
            self.input.push(c);
            self.error = None;
        }
    }

    /// Removes the last character.
    pub(super) fn backspace(&mut self) {
        self.input.pop();
        self.error = None;
    }

    /// Checks the input: the action it asks for, or why it is refused.
    pub fn submit(&self) -> Result<Action, String> {
        let input = self.input.trim();
        match &self.kind {
            FormKind::NewQueue => QueueName::parse(input)
                .map(|name| Action::Create(Target::Queue(name)))
                .map_err(|e| e.to_string()),
            FormKind::NewTopic => TopicName::parse(input.trim_start_matches('#'))
                .map(|name| Action::Create(Target::Topic(name)))
                .map_err(|e| e.to_string()),
            FormKind::NewUser => UserName::parse(input)
                .map(|name| Action::Create(Target::User(name)))
                .map_err(|e| e.to_string()),
            FormKind::Announce(to) => {
                if input.is_empty() {
                    Err("the announcement is empty; type a message".to_owned())
                } else if input.len() > MAX_BODY_BYTES {
                    Err(format!(
                        "the announcement is longer than {} KiB",
                        MAX_BODY_BYTES / 1024
                    ))
                } else {
                    Ok(Action::Announce {
                        to: to.clone(),
                        text: input.to_owned(),
                    })
                }
            }
        }
    }
}
