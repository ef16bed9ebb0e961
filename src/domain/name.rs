//! Names of users and topics: the one rule set every part of chat-tui shares.
//!
//! A name is lowercase ASCII letters, digits, `_` and `-`, starting with a letter or
//! digit; users have 1–20 characters, topics 1–32. Input is lowercased first, so
//! "Alice" is `alice`. Anything else is refused before any broker object is touched.

use std::fmt;

/// Longest user name, in characters.
pub const MAX_USER_NAME: usize = 20;
/// Longest topic name, in characters.
pub const MAX_TOPIC_NAME: usize = 32;

/// Which kind of name was being checked; it decides the length limit and the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A person's name (`alice`).
    User,
    /// A topic's name (`news`, written `#news` in the UI).
    Topic,
}

impl NameKind {
    /// Longest name of this kind.
    pub fn max_len(self) -> usize {
        match self {
            NameKind::User => MAX_USER_NAME,
            NameKind::Topic => MAX_TOPIC_NAME,
        }
    }

    fn label(self) -> &'static str {
        match self {
            NameKind::User => "user name",
            NameKind::Topic => "topic name",
        }
    }
}

/// Why a name was refused. The message always says what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind_label} {input:?}: {problem}; {rule}", kind_label = kind.label(), rule = rule(*kind))]
pub struct NameError {
    /// The kind of name that was checked.
    pub kind: NameKind,
    /// The input as given (possibly cut short for display).
    pub input: String,
    /// What is wrong with it.
    pub problem: String,
}

fn rule(kind: NameKind) -> String {
    format!(
        "use 1-{} characters: lowercase letters a-z, digits, '_' or '-', starting with a letter or digit",
        kind.max_len()
    )
}

fn validate(kind: NameKind, input: &str) -> Result<String, NameError> {
    let refuse = |problem: String| NameError {
        kind,
        input: input.chars().take(40).collect(),
        problem,
    };
    if input.is_empty() {
        return Err(refuse("it is empty".into()));
    }
    let lowered = input.to_ascii_lowercase();
    if let Some(bad) = lowered
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        return Err(refuse(format!("{bad:?} is not allowed")));
    }
    let len = lowered.len();
    if len > kind.max_len() {
        return Err(refuse(format!("it has {len} characters")));
    }
    if lowered.starts_with(['_', '-']) {
        return Err(refuse("it starts with '_' or '-'".into()));
    }
    Ok(lowered)
}

macro_rules! name_type {
    ($(#[$doc:meta])* $ty:ident, $kind:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $ty(String);

        impl $ty {
            /// Checks and lowercases `input`, or says why it is not a valid name.
            pub fn parse(input: &str) -> Result<Self, NameError> {
                validate($kind, input).map(Self)
            }

            /// The name as text, always lowercase and valid.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = NameError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

name_type!(
    /// A valid user name: 1–20 characters of `a-z0-9_-`, starting with a letter or digit.
    UserName,
    NameKind::User
);
name_type!(
    /// A valid topic name: 1–32 characters of `a-z0-9_-`, starting with a letter or digit.
    TopicName,
    NameKind::Topic
);

#[cfg(test)]
#[path = "name_tests.rs"]
mod tests;
