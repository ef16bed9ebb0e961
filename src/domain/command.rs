//! The input line: plain text or a slash command, the same in the TUI and line mode.

use super::conversation::ConversationId;
use super::name::{NameError, TopicName};

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
    ("/topics", "list the topics that exist"),
    ("/who", "list who is online"),
    ("/switch <user|#topic>", "open a conversation"),
    ("/search <text>", "search your local history"),
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
    /// `/join #topic`.
    Join(TopicName),
    /// `/leave #topic`.
    Leave(TopicName),
    /// `/topics`.
    Topics,
    /// `/who`.
    Who,
    /// `/switch <target>`.
    Switch(ConversationId),
    /// `/search <text>`.
    Search(String),
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
        "join" | "j" => Command::Join(topic_arg(args, "/join #topic")?),
        "leave" | "part" => Command::Leave(topic_arg(args, "/leave #topic")?),
        "topics" => no_args(args, Command::Topics, "/topics")?,
        "who" | "list" => no_args(args, Command::Who, "/who")?,
        "switch" | "s" | "query" => {
            if args.is_empty() || args.contains(char::is_whitespace) {
                return Err(CommandError::Usage("/switch <user|#topic>"));
            }
            Command::Switch(parse_target(args)?)
        }
        "search" => {
            if args.is_empty() {
                return Err(CommandError::Usage("/search <text>"));
            }
            Command::Search(args.to_string())
        }
        "help" | "h" | "?" => Command::Help,
        "quit" | "exit" | "q" => Command::Quit,
        other => return Err(CommandError::Unknown(other.chars().take(20).collect())),
    };
    Ok(Some(command))
}

fn parse_target(target: &str) -> Result<ConversationId, CommandError> {
    if target == "status" || target == "*status" {
        return Ok(ConversationId::Status);
    }
    Ok(ConversationId::parse_target(target)?)
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
mod tests {
    use super::*;
    use crate::domain::name::UserName;

    fn ok(line: &str) -> Command {
        parse(line).unwrap().unwrap()
    }

    #[test]
    fn plain_text_is_said() {
        assert_eq!(ok("hello there"), Command::Say("hello there".into()));
        assert_eq!(ok("  spaced  "), Command::Say("  spaced  ".into()));
        assert_eq!(ok("//not a command"), Command::Say("/not a command".into()));
        assert_eq!(parse("   ").unwrap(), None);
        assert_eq!(parse("").unwrap(), None);
    }

    #[test]
    fn msg_to_people_and_topics() {
        assert_eq!(
            ok("/msg Bob hi there"),
            Command::Msg {
                to: ConversationId::Direct(UserName::parse("bob").unwrap()),
                text: "hi there".into()
            }
        );
        assert_eq!(
            ok("/msg #news  hi all"),
            Command::Msg {
                to: ConversationId::Topic(TopicName::parse("news").unwrap()),
                text: "hi all".into()
            }
        );
        assert!(matches!(parse("/msg bob"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/msg bob   "), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/msg"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/msg b!b hi"), Err(CommandError::Name(_))));
    }

    #[test]
    fn join_and_leave_take_one_topic_with_or_without_hash() {
        let news = TopicName::parse("news").unwrap();
        assert_eq!(ok("/join #news"), Command::Join(news.clone()));
        assert_eq!(ok("/join news"), Command::Join(news.clone()));
        assert_eq!(ok("/leave #news"), Command::Leave(news));
        assert!(matches!(parse("/join"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/join a b"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/join #_x"), Err(CommandError::Name(_))));
    }

    #[test]
    fn simple_commands() {
        assert_eq!(ok("/topics"), Command::Topics);
        assert_eq!(ok("/who"), Command::Who);
        assert_eq!(ok("/help"), Command::Help);
        assert_eq!(ok("/quit"), Command::Quit);
        assert_eq!(ok("/QUIT"), Command::Quit);
        assert_eq!(
            ok("/search hello world"),
            Command::Search("hello world".into())
        );
        assert_eq!(
            ok("/switch #news"),
            Command::Switch(ConversationId::parse_target("#news").unwrap())
        );
        assert_eq!(
            ok("/switch status"),
            Command::Switch(ConversationId::Status)
        );
        assert!(matches!(parse("/who me"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/search"), Err(CommandError::Usage(_))));
        assert!(matches!(parse("/switch"), Err(CommandError::Usage(_))));
    }

    #[test]
    fn unknown_commands_say_what_to_do() {
        let err = parse("/frobnicate now").unwrap_err();
        assert!(err.to_string().contains("/help"), "{err}");
        assert!(err.to_string().contains("/frobnicate"), "{err}");
        assert!(parse("/").is_err());
    }

    #[test]
    fn help_lists_every_command() {
        for word in [
            "/msg", "/join", "/leave", "/topics", "/who", "/switch", "/search", "/help", "/quit",
        ] {
            assert!(
                HELP.iter().any(|(usage, _)| usage.starts_with(word)),
                "{word}"
            );
        }
    }
}
