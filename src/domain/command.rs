//! The input line: plain text or a slash command, the same in the TUI and line mode.

use super::conversation::ConversationId;
use super::name::{NameError, TopicName};
use super::notify::NotifyLevel;

/// Every command, one line each, as `/help` shows them.
pub const HELP: &[(&str, &str)] = &[
    (
        "/msg <user|#topic> <text>",
        "send a direct message or post in a topic",
    ),
    (
        "/join #topic",
        "subscribe to a topic (your inbox gets its posts)",
    ),
    ("/leave #topic", "unsubscribe from a topic"),
    ("/me <text>", "an action: * you <text>"),
    (
        "/reply [-N] <text>",
        "answer the last message from someone else (-N: the Nth last)",
    ),
    (
        "/edit [-N] <text>",
        "replace the text of your last (Nth last) message",
    ),
    ("/delete [-N]", "delete your last (Nth last) message"),
    (
        "/away [reason]",
        "say you are away (again, without a reason: back)",
    ),
    ("/back", "say you are back"),
    ("/topics", "list the topics that exist"),
    ("/who [#topic]", "who is online (in the topic)"),
    (
        "/query <user|#topic>",
        "open a conversation (a new one with a person too)",
    ),
    (
        "/switch <name>",
        "go to an open conversation (a unique start is enough)",
    ),
    (
        "/close [user|#topic]",
        "close a conversation (history kept; leaves a topic)",
    ),
    (
        "/search <text>",
        "search your history: a list to open matches from",
    ),
    (
        "/mentions",
        "the highlights of this run: your name, @name, direct messages",
    ),
    (
        "/notify [level]",
        "when this conversation notifies: all, mentions, none (mute)",
    ),
    ("/readall", "mark every conversation read"),
    ("/links", "the links of this conversation, numbered"),
    ("/open <N>", "open link N of /links in the browser"),
    ("/help", "show this list"),
    ("/quit", "leave the chat"),
];

/// What one input line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Plain text for the current conversation (`//text` sends `/text`).
    Say(String),
    /// `/msg <target> <text>`.
    Msg {
        /// A person or a topic.
        to: ConversationId,
        /// The text to send.
        text: String,
    },
    /// `/me <text>`: an action in the current conversation.
    Me(String),
    /// `/reply [-N] <text>`: answers the Nth last message of the current conversation
    /// (`None`: the last one from someone else).
    Reply {
        /// `-N`, if given.
        back: Option<usize>,
        /// The answer.
        text: String,
    },
    /// `/edit [-N] <text>`: replaces the text of your Nth last message (`None`: the last).
    Edit {
        /// `-N`, if given.
        back: Option<usize>,
        /// The new text.
        text: String,
    },
    /// `/delete [-N]`: deletes your Nth last message (`None`: the last).
    Delete(Option<usize>),
    /// `/away [reason]` (`Some`: away, with the reason, empty for none; `/away` alone
    /// toggles) or `/back` (`None`).
    Away(Option<String>),
    /// `/join #topic`.
    Join(TopicName),
    /// `/leave #topic`.
    Leave(TopicName),
    /// `/topics`.
    Topics,
    /// `/who` (everyone online), or `/who #topic` (the topic's members online).
    Who(Option<TopicName>),
    /// `/switch <target>`: an open (or closed) conversation, by its name or a unique
    /// start of it.
    Switch(ConversationId),
    /// `/query <target>` (irssi's `/query`, `/q`): opens a conversation, a new one with
    /// a person included.
    Query(ConversationId),
    /// `/close [target]`: the current conversation, or the one named.
    Close(Option<ConversationId>),
    /// `/search <text>`.
    Search(String),
    /// `/mentions`: the recent highlights.
    Mentions,
    /// `/notify [all|mentions|none]`: sets the current conversation's level, or says it.
    Notify(Option<NotifyLevel>),
    /// `/readall`: every conversation read.
    ReadAll,
    /// `/links`: the current conversation's links, numbered.
    Links,
    /// `/open N`: opens link N of `/links` (1 is the newest).
    Open(usize),
    /// `/help`.
    Help,
    /// `/quit`.
    Quit,
}

/// Why an input line is not a command we can run; the message says what to type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// A command we do not know.
    #[error(
        "unknown command /{0}: type /help for the list (start with // to send a line beginning with /)"
    )]
    Unknown(String),
    /// A known command used the wrong way.
    #[error("usage: {0}")]
    Usage(&'static str),
    /// A name in the command is not valid.
    #[error("{0}")]
    Name(#[from] NameError),
}

/// Reads one input line. Blank lines are `Ok(None)`.
pub fn parse(line: &str) -> Result<Option<Command>, CommandError> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() {
        return Ok(None);
    }
    let Some(rest) = line.strip_prefix('/') else {
        return Ok(Some(Command::Say(line.to_string())));
    };
    if rest.starts_with('/') {
        return Ok(Some(Command::Say(rest.to_string())));
    }
    let (word, args) = match rest.split_once(char::is_whitespace) {
        Some((word, args)) => (word, args.trim()),
        None => (rest, ""),
    };
    let command = match word.to_ascii_lowercase().as_str() {
        "msg" | "m" => {
            let usage = CommandError::Usage("/msg <user|#topic> <text>");
            let (target, text) = args.split_once(char::is_whitespace).ok_or(usage.clone())?;
            let text = text.trim_start();
            if text.is_empty() {
                return Err(usage);
            }
            Command::Msg {
                to: parse_target(target)?,
                text: text.to_string(),
            }
        }
        "me" | "action" => {
            if args.is_empty() {
                return Err(CommandError::Usage("/me <text>"));
            }
            Command::Me(args.to_string())
        }
        "reply" | "re" => {
            let (back, text) = back_and_text(args, "/reply [-N] <text>")?;
            Command::Reply { back, text }
        }
        "edit" => {
            let (back, text) = back_and_text(args, "/edit [-N] <text>")?;
            Command::Edit { back, text }
        }
        "delete" | "del" => {
            let usage = CommandError::Usage("/delete [-N]");
            match args {
                "" => Command::Delete(None),
                _ => Command::Delete(Some(back_count(args).ok_or(usage)?)),
            }
        }
        "away" => Command::Away(Some(args.to_string())),
        "back" => no_args(args, Command::Away(None), "/back")?,
        "join" | "j" => Command::Join(topic_arg(args, "/join #topic")?),
        "leave" | "part" => Command::Leave(topic_arg(args, "/leave #topic")?),
        "topics" => no_args(args, Command::Topics, "/topics")?,
        "who" | "list" if args.is_empty() => Command::Who(None),
        "who" | "list" => Command::Who(Some(topic_arg(args, "/who [#topic]")?)),
        "switch" | "s" | "buffer" | "b" => Command::Switch(target_arg(args, "/switch <name>")?),
        "query" | "q" => Command::Query(target_arg(args, "/query <user|#topic>")?),
        "close" | "wc" if args.is_empty() => Command::Close(None),
        "close" | "wc" => Command::Close(Some(target_arg(args, "/close [user|#topic]")?)),
        "search" => {
            if args.is_empty() {
                return Err(CommandError::Usage("/search <text>"));
            }
            Command::Search(args.to_string())
        }
        "mentions" | "highlights" => no_args(args, Command::Mentions, "/mentions")?,
        "notify" if args.is_empty() => Command::Notify(None),
        "notify" => Command::Notify(Some(
            NotifyLevel::parse(args).ok_or(CommandError::Usage("/notify [all|mentions|none]"))?,
        )),
        "readall" | "allread" => no_args(args, Command::ReadAll, "/readall")?,
        "links" | "urls" => no_args(args, Command::Links, "/links")?,
        "open" => Command::Open(
            args.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(CommandError::Usage("/open <N> (a number /links shows)"))?,
        ),
        "help" | "h" | "?" => Command::Help,
        "quit" | "exit" => Command::Quit,
        other => return Err(CommandError::Unknown(other.chars().take(20).collect())),
    };
    Ok(Some(command))
}

/// `-N` (N from 1): how far back a message is.
fn back_count(word: &str) -> Option<usize> {
    let digits = word.strip_prefix('-')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n >= 1)
}

/// `[-N] <text>`: a text that starts with `-N` and a space names how far back.
fn back_and_text(args: &str, usage: &'static str) -> Result<(Option<usize>, String), CommandError> {
    let (back, text) = match args.split_once(char::is_whitespace) {
        Some((first, rest)) if back_count(first).is_some() => {
            (back_count(first), rest.trim_start())
        }
        None if back_count(args).is_some() => (back_count(args), ""),
        _ => (None, args),
    };
    if text.is_empty() {
        return Err(CommandError::Usage(usage));
    }
    Ok((back, text.to_string()))
}

fn parse_target(target: &str) -> Result<ConversationId, CommandError> {
    if target == "status" || target == "*status" {
        return Ok(ConversationId::Status);
    }
    Ok(ConversationId::parse_target(target)?)
}

fn target_arg(args: &str, usage: &'static str) -> Result<ConversationId, CommandError> {
    if args.is_empty() || args.contains(char::is_whitespace) {
        return Err(CommandError::Usage(usage));
    }
    parse_target(args)
}

fn topic_arg(args: &str, usage: &'static str) -> Result<TopicName, CommandError> {
    if args.is_empty() || args.contains(char::is_whitespace) {
        return Err(CommandError::Usage(usage));
    }
    Ok(TopicName::parse(args.strip_prefix('#').unwrap_or(args))?)
}

fn no_args(args: &str, command: Command, usage: &'static str) -> Result<Command, CommandError> {
    if args.is_empty() {
        Ok(command)
    } else {
        Err(CommandError::Usage(usage))
    }
}

#[cfg(test)]
#[path = "command_tests.rs"]
mod tests;
