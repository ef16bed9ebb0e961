//! `command::parse` on any line: never a panic; plain text is said as typed; a known
//! command with any arguments parses or says how to use it; an unknown one says so.

use chat_tui::domain::command::parse;
use chat_tui::domain::{Command, CommandError, ConversationId, TopicName};
use proptest::prelude::*;

use super::strategies::{any_text, hostile_text, topic_name, user_name};

/// Every command word the parser knows, aliases included.
const KNOWN: &[&str] = &[
    "msg",
    "m",
    "join",
    "j",
    "leave",
    "part",
    "topics",
    "who",
    "list",
    "switch",
    "s",
    "b",
    "buffer",
    "query",
    "q",
    "close",
    "wc",
    "search",
    "mentions",
    "highlights",
    "notify",
    "readall",
    "allread",
    "links",
    "urls",
    "open",
    "help",
    "h",
    "?",
    "quit",
    "exit",
    "me",
    "action",
    "reply",
    "re",
    "edit",
    "delete",
    "del",
    "away",
    "back",
];

/// A target as typed: a valid or invalid name, with or without `#`.
fn target() -> impl Strategy<Value = String> {
    prop_oneof![
        user_name(),
        topic_name().prop_map(|t| format!("#{t}")),
        hostile_text(),
        Just("status".to_owned()),
    ]
}

/// A line `/word args` for a known command word, in any case.
fn known_line() -> impl Strategy<Value = (String, String)> {
    let args = prop_oneof![
        Just(String::new()),
        target(),
        (target(), any_text()).prop_map(|(t, text)| format!("{t} {text}")),
        any_text(),
    ];
    (prop::sample::select(KNOWN), any::<bool>(), args).prop_map(|(word, upper, args)| {
        let word = if upper {
            word.to_ascii_uppercase()
        } else {
            word.to_owned()
        };
        (word.to_ascii_lowercase(), format!("/{word} {args}"))
    })
}

proptest! {
    #[test]
    fn any_line_parses_or_explains(line in any_text()) {
        match parse(&line) {
            Ok(_) => {}
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }

    #[test]
    fn text_without_a_slash_is_said_as_typed(line in any_text()) {
        prop_assume!(!line.starts_with('/'));
        let typed = line.trim_end_matches(['\r', '\n']);
        let expected = if typed.trim().is_empty() {
            None
        } else {
            Some(Command::Say(typed.to_owned()))
        };
        prop_assert_eq!(parse(&line), Ok(expected));
    }

    #[test]
    fn known_commands_parse_or_give_usage((word, line) in known_line()) {
        match parse(&line) {
            Ok(Some(command)) => {
                let fits = match (&command, word.as_str()) {
                    (Command::Msg { text, .. }, "msg" | "m") => !text.trim().is_empty(),
                    (Command::Join(_), "join" | "j") => true,
                    (Command::Leave(_), "leave" | "part") => true,
                    (Command::Topics, "topics") => true,
                    (Command::Who(_), "who" | "list") => true,
                    (Command::Switch(_), "switch" | "s" | "buffer" | "b") => true,
                    (Command::Query(_), "query" | "q") => true,
                    (Command::Close(_), "close" | "wc") => true,
                    (Command::Search(text), "search") => !text.is_empty(),
                    (Command::Mentions, "mentions" | "highlights") => true,
                    (Command::Notify(_), "notify") => true,
                    (Command::ReadAll, "readall" | "allread") => true,
                    (Command::Links, "links" | "urls") => true,
                    (Command::Open(n), "open") => *n > 0,
                    (Command::Help, "help" | "h" | "?") => true,
                    (Command::Quit, "quit" | "exit") => true,
                    (Command::Me(text), "me" | "action") => !text.is_empty(),
                    (Command::Reply { text, .. }, "reply" | "re") => !text.is_empty(),
                    (Command::Edit { text, .. }, "edit") => !text.is_empty(),
                    (Command::Delete(back), "delete" | "del") => back.is_none_or(|n| n >= 1),
                    (Command::Away(_), "away" | "back") => true,
                    _ => false,
                };
                prop_assert!(fits, "{line:?} parsed as {command:?}");
            }
            Ok(None) => prop_assert!(false, "{line:?} read as blank"),
            Err(CommandError::Unknown(w)) => prop_assert!(false, "{line:?} unknown as {w:?}"),
            Err(CommandError::Usage(usage)) => {
                prop_assert!(usage.starts_with('/'), "{usage}");
            }
            Err(CommandError::Name(err)) => {
                prop_assert!(err.to_string().contains("use 1-"), "{err}");
            }
        }
    }

    #[test]
    fn join_takes_exactly_a_valid_topic(topic in prop_oneof![topic_name(), hostile_text()], hash in any::<bool>()) {
        let arg = if hash { format!("#{topic}") } else { topic.clone() };
        let result = parse(&format!("/join {arg}"));
        let plain = arg.trim();
        if plain.is_empty() || plain.contains(char::is_whitespace) {
            prop_assert!(result.is_err(), "{result:?}");
        } else {
            let name = plain.strip_prefix('#').unwrap_or(plain);
            let expected = TopicName::parse(name).map(|t| Some(Command::Join(t)));
            prop_assert_eq!(result.ok(), expected.ok());
        }
    }

    #[test]
    fn msg_keeps_the_text_and_reads_the_target(to in user_name(), text in any_text()) {
        let result = parse(&format!("/msg {to} {text}"));
        let trimmed = text.trim();
        if trimmed.is_empty() {
            prop_assert_eq!(result, Err(CommandError::Usage("/msg <user|#topic> <text>")));
        } else {
            let expected = Command::Msg {
                to: ConversationId::parse_target(&to).expect("a valid name"),
                text: trimmed.to_owned(),
            };
            prop_assert_eq!(result, Ok(Some(expected)));
        }
    }

    #[test]
    fn unknown_commands_point_to_help(word in "[a-z]{1,30}", args in any_text()) {
        prop_assume!(!KNOWN.contains(&word.as_str()));
        let err = parse(&format!("/{word} {args}")).expect_err("not a command");
        prop_assert!(matches!(err, CommandError::Unknown(_)), "{err:?}");
        prop_assert!(err.to_string().contains("/help"));
    }
}
