//! Unit tests of `cli`.

use super::*;

#[test]
fn parses_user_mode_flags() {
    let cli = Cli::try_parse_from([
        "chat-tui",
        "user",
        "--name",
        "Alice",
        "--plain",
        "--json",
        "--roster-interval",
        "0",
    ])
    .unwrap();
    let CliCommand::User(args) = cli.command else {
        panic!("expected user mode");
    };
    assert_eq!(args.name, "Alice");
    assert!(args.plain && args.json);
    assert_eq!(args.overrides().roster_interval_secs, Some(0));
}

#[test]
fn the_definition_is_consistent() {
    use clap::CommandFactory;
    Cli::command().debug_assert();
}

#[test]
fn parses_admin_mode_flags() {
    let cli = Cli::try_parse_from([
        "chat-tui",
        "admin",
        "--api-url",
        "http://rabbit:15672",
        "--vhost",
        "chat",
        "--refresh",
        "500ms",
    ])
    .unwrap();
    let CliCommand::Admin(args) = cli.command else {
        panic!("expected admin mode");
    };
    let overrides = args.overrides();
    assert_eq!(overrides.api_url.as_deref(), Some("http://rabbit:15672"));
    assert_eq!(overrides.vhost.as_deref(), Some("chat"));
    assert_eq!(
        overrides.refresh,
        Some(std::time::Duration::from_millis(500))
    );
    let err = Cli::try_parse_from(["chat-tui", "admin", "--refresh", "soon"]).unwrap_err();
    assert!(err.to_string().contains("not a duration"), "{err}");
}

#[test]
fn parses_history_flags() {
    let cli = Cli::try_parse_from([
        "chat-tui", "history", "--name", "alice", "--with", "#news", "--json",
    ])
    .unwrap();
    let CliCommand::History(args) = cli.command else {
        panic!("expected history");
    };
    assert_eq!(args.name, "alice");
    assert_eq!(args.with.as_deref(), Some("#news"));
    assert!(args.json);
    let cli = Cli::try_parse_from(["chat-tui", "history", "-n", "bob"]).unwrap();
    let CliCommand::History(args) = cli.command else {
        panic!("expected history");
    };
    assert_eq!((args.with, args.json), (None, false));
}

#[test]
fn parses_operator_commands_with_the_connection_flags_anywhere() {
    let cli = Cli::try_parse_from([
        "chat-tui",
        "admin",
        "--vhost",
        "chat",
        "user",
        "add",
        "bob",
        "--password-stdin",
        "--api-url",
        "http://rabbit:15672",
    ])
    .unwrap();
    let CliCommand::Admin(args) = cli.command else {
        panic!("expected admin mode");
    };
    let overrides = args.overrides();
    assert_eq!(overrides.vhost.as_deref(), Some("chat"));
    assert_eq!(overrides.api_url.as_deref(), Some("http://rabbit:15672"));
    let Some(AdminCommand::User(UserCommand::Add(add))) = args.command else {
        panic!("expected user add: {:?}", args.command);
    };
    assert_eq!(add.name, "bob");
    assert!(add.password_stdin);

    let cli =
        Cli::try_parse_from(["chat-tui", "admin", "setup", "--inbox-max-messages", "5"]).unwrap();
    let CliCommand::Admin(args) = cli.command else {
        panic!("expected admin mode");
    };
    let Some(AdminCommand::Setup(setup)) = args.command else {
        panic!("expected setup");
    };
    assert_eq!(
        (setup.inbox_max_messages, setup.inbox_max_bytes),
        (Some(5), None)
    );
    let zero = Cli::try_parse_from(["chat-tui", "admin", "setup", "--inbox-max-bytes", "0"]);
    assert!(zero.is_err());
}

#[test]
fn admin_without_a_command_is_the_console() {
    let cli = Cli::try_parse_from(["chat-tui", "admin"]).unwrap();
    let CliCommand::Admin(args) = cli.command else {
        panic!("expected admin mode");
    };
    assert!(args.command.is_none());
    let help = Cli::try_parse_from(["chat-tui", "admin", "--help"]).unwrap_err();
    let text = help.to_string();
    assert!(text.contains("Exit codes"), "{text}");
    assert!(text.contains("6 already exists"), "{text}");
}

#[test]
fn login_flags_parse_and_the_url_source_is_known() {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command()
        .try_get_matches_from([
            "chat-tui",
            "user",
            "--name",
            "alice",
            "--account",
            "--password-file",
            "/run/secret",
            "--amqp-url",
            "amqp://alice@rabbit",
        ])
        .unwrap();
    assert!(user_url_on_command_line(&matches));
    let CliCommand::User(args) = Cli::from_arg_matches(&matches).unwrap().command else {
        panic!("expected user mode");
    };
    assert!(args.account);
    assert_eq!(args.password_file, Some(PathBuf::from("/run/secret")));
    let without = Cli::command()
        .try_get_matches_from(["chat-tui", "user", "--name", "alice"])
        .unwrap();
    assert!(!user_url_on_command_line(&without));
    let admin = Cli::command()
        .try_get_matches_from(["chat-tui", "admin", "--amqp-url", "amqp://x"])
        .unwrap();
    assert!(!user_url_on_command_line(&admin), "only user mode's URL");
}

#[test]
fn the_ca_file_is_a_flag_of_user_and_admin_also_after_an_admin_command() {
    let cli =
        Cli::try_parse_from(["chat-tui", "user", "-n", "alice", "--ca-file", "ca.pem"]).unwrap();
    let CliCommand::User(args) = cli.command else {
        panic!("expected user mode");
    };
    assert_eq!(args.overrides().ca_file, Some(PathBuf::from("ca.pem")));
    let cli = Cli::try_parse_from([
        "chat-tui",
        "admin",
        "topic",
        "list",
        "--ca-file",
        "/etc/team-ca.pem",
    ])
    .unwrap();
    let CliCommand::Admin(args) = cli.command else {
        panic!("expected admin mode");
    };
    assert_eq!(
        args.overrides().ca_file,
        Some(PathBuf::from("/etc/team-ca.pem"))
    );
}
