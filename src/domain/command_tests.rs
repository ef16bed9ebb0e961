//! Unit tests of `command`.

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
    assert_eq!(ok("/who"), Command::Who(None));
    assert_eq!(
        ok("/who #news"),
        Command::Who(Some(TopicName::parse("news").unwrap()))
    );
    assert_eq!(
        ok("/who news"),
        Command::Who(Some(TopicName::parse("news").unwrap()))
    );
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
    assert!(matches!(parse("/who a b"), Err(CommandError::Usage(_))));
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
        "/msg", "/join", "/leave", "/topics", "/who", "/switch", "/query", "/close", "/search",
        "/help", "/quit",
    ] {
        assert!(
            HELP.iter().any(|(usage, _)| usage.starts_with(word)),
            "{word}"
        );
    }
}

#[test]
fn query_opens_and_q_is_query_not_quit() {
    let bob = ConversationId::Direct(UserName::parse("bob").unwrap());
    // irssi's `/q bob`: a conversation, never quitting with a name typed after it.
    assert_eq!(ok("/q bob"), Command::Query(bob.clone()));
    assert_eq!(ok("/query Bob"), Command::Query(bob.clone()));
    assert!(matches!(parse("/q"), Err(CommandError::Usage(_))));
    assert_eq!(ok("/exit"), Command::Quit);
    assert_eq!(ok("/s bob"), Command::Switch(bob.clone()));
    assert_eq!(ok("/b bob"), Command::Switch(bob));
}

#[test]
fn close_takes_the_current_conversation_or_a_name() {
    assert_eq!(ok("/close"), Command::Close(None));
    assert_eq!(
        ok("/close #news"),
        Command::Close(Some(ConversationId::parse_target("#news").unwrap()))
    );
    assert!(matches!(parse("/close a b"), Err(CommandError::Usage(_))));
}

#[test]
fn attention_commands() {
    use crate::domain::NotifyLevel;
    assert_eq!(ok("/mentions"), Command::Mentions);
    assert_eq!(ok("/highlights"), Command::Mentions);
    assert!(matches!(parse("/mentions x"), Err(CommandError::Usage(_))));
    assert_eq!(ok("/notify"), Command::Notify(None));
    assert_eq!(ok("/notify all"), Command::Notify(Some(NotifyLevel::All)));
    assert_eq!(
        ok("/notify Mentions"),
        Command::Notify(Some(NotifyLevel::Mentions))
    );
    assert_eq!(ok("/notify none"), Command::Notify(Some(NotifyLevel::None)));
    assert_eq!(ok("/notify mute"), Command::Notify(Some(NotifyLevel::None)));
    assert_eq!(
        parse("/notify loud"),
        Err(CommandError::Usage("/notify [all|mentions|none]"))
    );
    assert!(matches!(
        parse("/notify all now"),
        Err(CommandError::Usage(_))
    ));
    assert_eq!(ok("/readall"), Command::ReadAll);
    assert!(matches!(parse("/readall now"), Err(CommandError::Usage(_))));
}

#[test]
fn link_commands() {
    assert_eq!(ok("/links"), Command::Links);
    assert_eq!(ok("/urls"), Command::Links);
    assert!(matches!(parse("/links x"), Err(CommandError::Usage(_))));
    assert_eq!(ok("/open 3"), Command::Open(3));
    for bad in ["/open", "/open 0", "/open x", "/open -1", "/open 1 2"] {
        assert!(matches!(parse(bad), Err(CommandError::Usage(_))), "{bad}");
    }
}

#[test]
fn actions_on_messages() {
    assert_eq!(ok("/me waves"), Command::Me("waves".into()));
    assert!(matches!(parse("/me"), Err(CommandError::Usage(_))));
    assert_eq!(
        ok("/reply sure"),
        Command::Reply {
            back: None,
            text: "sure".into()
        }
    );
    assert_eq!(
        ok("/reply -3 sure thing"),
        Command::Reply {
            back: Some(3),
            text: "sure thing".into()
        }
    );
    // A text that only looks like a count is text.
    assert_eq!(
        ok("/reply -3x ok"),
        Command::Reply {
            back: None,
            text: "-3x ok".into()
        }
    );
    assert!(matches!(parse("/reply -2"), Err(CommandError::Usage(_))));
    assert!(matches!(parse("/reply"), Err(CommandError::Usage(_))));
    assert_eq!(
        ok("/edit fixed"),
        Command::Edit {
            back: None,
            text: "fixed".into()
        }
    );
    assert_eq!(
        ok("/edit -2 fixed"),
        Command::Edit {
            back: Some(2),
            text: "fixed".into()
        }
    );
    assert!(matches!(parse("/edit"), Err(CommandError::Usage(_))));
    assert_eq!(ok("/delete"), Command::Delete(None));
    assert_eq!(ok("/del -4"), Command::Delete(Some(4)));
    assert!(matches!(parse("/delete -0"), Err(CommandError::Usage(_))));
    assert!(matches!(parse("/delete two"), Err(CommandError::Usage(_))));
}

#[test]
fn away_and_back() {
    assert_eq!(
        ok("/away lunch break"),
        Command::Away(Some("lunch break".into()))
    );
    assert_eq!(ok("/away"), Command::Away(Some(String::new())));
    assert_eq!(ok("/back"), Command::Away(None));
    assert!(matches!(parse("/back now"), Err(CommandError::Usage(_))));
}
